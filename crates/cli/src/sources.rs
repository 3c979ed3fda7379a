//! What the inputs name, made readable on this machine, for every command that reads reports:
//! files and folders stay as given; web addresses (given among the paths, or listed one a line
//! in `--urls FILE`) are fetched through `gongkai-fetch` at its pace and within its limits, each
//! page kept as evidence beside the output and then read from that copy under its address.
//!
//! Each address that gives no page, each line of the list that is not an address, is said on
//! standard error as the batch goes on and returned as an error finding, so the command ends
//! with the exit code of unreadable input (2) while the rest is still read.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use gongkai_document::decode::{decode, EncodingChoice};
use gongkai_fetch::evidence::{self, Evidence};
use gongkai_fetch::{is_web_address, FetchError, Fetched, Fetcher};
use gongkai_messages::msg;
use gongkai_report::Finding;

use crate::args::FetchArgs;

/// One input made readable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file or folder, as given (not yet checked or searched).
    Path(PathBuf),
    /// A page fetched from an address.
    Page(FetchedPage),
}

/// A page fetched and kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchedPage {
    /// The address as given: the name the page goes by in findings, summaries and outputs.
    pub address: PathBuf,
    /// The evidence copy: the bytes as fetched, to read.
    pub file: PathBuf,
    /// The charset of the server's `Content-Type`, for a page that declares none.
    pub charset: Option<&'static gongkai_fetch::Encoding>,
}

impl FetchedPage {
    /// As `gongkai-pages` reads it.
    pub fn page_source(&self) -> gongkai_pages::PageSource {
        gongkai_pages::PageSource::Served {
            address: self.address.clone(),
            file: self.file.clone(),
            charset: self.charset,
        }
    }
}

/// The inputs, in the order given (the command line's, then the list's).
#[derive(Debug, Default)]
pub struct Sources {
    pub sources: Vec<Source>,
    /// What could not be made readable: already said on standard error.
    pub problems: Vec<Finding>,
}

/// An address to fetch, and the line of `--urls` that listed it.
struct Listed {
    address: String,
    line: Option<(Arc<PathBuf>, u32)>,
}

enum Input {
    Path(PathBuf),
    Address(Listed),
}

/// Makes `paths` and `fetch.urls` readable: paths as they are, addresses fetched one after
/// another and kept in `fetch.evidence` (default: `evidence` beside `out`, else in the current
/// folder).
pub fn resolve(paths: &[PathBuf], fetch: &FetchArgs, out: Option<&Path>) -> Sources {
    let mut found = Sources::default();
    let mut inputs: Vec<Input> = paths
        .iter()
        .map(|p| match p.to_str().filter(|a| is_web_address(a)) {
            Some(address) => Input::Address(Listed {
                address: address.trim().to_string(),
                line: None,
            }),
            None => Input::Path(p.clone()),
        })
        .collect();
    if let Some(list) = &fetch.urls {
        inputs.extend(
            read_list(list, &mut found.problems)
                .into_iter()
                .map(Input::Address),
        );
    }
    let dir = evidence_dir(fetch, out);
    let mut fetcher = None;
    let mut seen = std::collections::HashSet::new();
    let mut kept = 0;
    for input in inputs {
        let entry = match input {
            Input::Path(p) => {
                found.sources.push(Source::Path(p));
                continue;
            }
            Input::Address(entry) => entry,
        };
        let name = Arc::new(PathBuf::from(&entry.address));
        if !seen.insert(entry.address.clone()) {
            let twice = msg!("sources-listed-twice", address = &entry.address);
            let f = match &entry.line {
                Some((list, line)) => Finding::warning(list, twice).at(*line, None),
                None => Finding::warning(&name, twice),
            };
            crate::say::finding(&f);
            found.problems.push(f);
            continue;
        }
        let fetcher = fetcher.get_or_insert_with(|| Fetcher::new(fetch.limits()));
        if let Some(page) = fetch_one(fetcher, &entry.address, &name, &dir, &mut found.problems) {
            kept += 1;
            found.sources.push(Source::Page(page));
        }
    }
    if kept > 0 {
        crate::say::note(msg!(
            "sources-evidence",
            count = kept,
            dir = dir.display().to_string()
        ));
    }
    found
}

/// Where evidence goes: `--evidence`, else `evidence` beside `--out`, else `./evidence`.
fn evidence_dir(fetch: &FetchArgs, out: Option<&Path>) -> PathBuf {
    match (&fetch.evidence, out) {
        (Some(dir), _) => dir.clone(),
        (None, Some(out)) => gongkai_atomic::parent_of(out).join("evidence"),
        (None, None) => PathBuf::from("evidence"),
    }
}

/// The addresses of a `--urls` file: one a line, blank lines and `#` comments skipped; a line
/// that is not a web address is an error at its line.
fn read_list(list: &Path, problems: &mut Vec<Finding>) -> Vec<Listed> {
    let file = Arc::new(list.to_path_buf());
    let fail = |problems: &mut Vec<Finding>, f: Finding| {
        crate::say::finding(&f);
        problems.push(f);
    };
    let bytes = match std::fs::read(list) {
        Ok(b) => b,
        Err(e) => {
            let why = gongkai_atomic::io_reason(&e);
            fail(
                problems,
                Finding::error(&file, msg!("sources-urls-unreadable", error = why)),
            );
            return Vec::new();
        }
    };
    let text = match decode(&bytes, EncodingChoice::Auto) {
        Ok(d) => d.text.into_owned(),
        Err(e) => {
            let why = e.to_string();
            fail(
                problems,
                Finding::error(&file, msg!("sources-urls-unreadable", error = why)),
            );
            return Vec::new();
        }
    };
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if is_web_address(t) {
            entries.push(Listed {
                address: t.to_string(),
                line: Some((Arc::clone(&file), number)),
            });
        } else {
            fail(
                problems,
                Finding::error(&file, msg!("sources-not-an-address"))
                    .at(number, None)
                    .found(t, msg!("sources-address-expected")),
            );
        }
    }
    entries
}

/// Fetches one address and keeps what came back; says how it went.
fn fetch_one(
    fetcher: &mut Fetcher,
    address: &str,
    name: &Arc<PathBuf>,
    dir: &Path,
    problems: &mut Vec<Finding>,
) -> Option<FetchedPage> {
    let mut fail = |message: String| {
        let f = Finding::error(name, message);
        crate::say::finding(&f);
        problems.push(f);
    };
    match fetcher.fetch(address) {
        Ok(page) => match evidence::keep(dir, &page) {
            Ok(kept) => {
                crate::say::note(fetched_note(&page, &kept));
                Some(FetchedPage {
                    address: name.as_ref().clone(),
                    file: kept.page,
                    charset: page.charset(),
                })
            }
            Err(e) => {
                fail(msg!("sources-evidence-failed", error = e.to_string()));
                None
            }
        },
        // An error page is evidence too: the address gave no report at that time.
        Err(e @ FetchError::Status { .. }) => {
            let FetchError::Status { page } = &e else {
                return None;
            };
            match evidence::keep(dir, page) {
                Ok(kept) => fail(msg!(
                    "sources-kept-anyway",
                    error = e.to_string(),
                    file = kept.page.display().to_string()
                )),
                Err(k) => fail(format!(
                    "{e}; {}",
                    msg!("sources-evidence-failed", error = k.to_string())
                )),
            }
            None
        }
        Err(e) => {
            fail(e.to_string());
            None
        }
    }
}

fn fetched_note(page: &Fetched, kept: &Evidence) -> String {
    let redirected = if page.redirects.is_empty() {
        String::new()
    } else {
        msg!("sources-redirected", to = &page.final_address)
    };
    msg!(
        "sources-fetched",
        address = &page.address,
        status = page.status,
        size = page.bytes.len(),
        redirected = redirected,
        file = kept.page.display().to_string()
    )
}
