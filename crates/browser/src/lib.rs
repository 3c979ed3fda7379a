//! Test support: drive a headless Chromium for the page tests (issue 17). The review page and the
//! letters are meant to be opened by a person in a browser, offline, and printed on A4; these
//! tests open them in a real one and check what the person would see.
//!
//! [`Browser::launch`] starts Debian's `chromium` (or whichever [`find_executable`] finds) over the
//! DevTools protocol; [`Browser::open`] loads a local file and from then on records every console
//! error and warning, every uncaught exception and every request the page makes beyond its own
//! document ([`Page::console_errors`], [`Page::requests`]). A page can be read
//! ([`Page::eval`], [`Page::text`]), used ([`Page::click`], [`Page::type_into`]) and kept as a
//! screenshot and an A4 print ([`Page::screenshot_png`], [`Page::print_pdf`]) under
//! [`artifacts_dir`].
//!
//! No request leaves the machine: every request a page makes for anything but a local file is
//! recorded and then failed before it is sent, and the browser resolves no host name or address
//! but `localhost` (either alone keeps a page's link to a CDN from reaching out).
//!
//! Tests call [`require`]: without a Chromium they print a line and skip, except where the `CI`
//! variable is set, where they fail, so CI never passes by skipping.
//!
//! Its errors are for the developer reading a failed test, so they are English sentences, not
//! catalogue messages.

mod page;
mod pdf;

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use page::Page;
pub use pdf::pdf_pages;

/// The variable naming the browser to use (a path, or a name looked up on `PATH`).
pub const CHROMIUM_VARIABLE: &str = "GONGKAI_CHROMIUM";

/// Executable names looked up on `PATH`, in order: Debian's, Ubuntu's older, Google's.
const NAMES: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// The window a page is shown in, in CSS pixels: a desktop screen.
const WINDOW: (u32, u32) = (1280, 900);

/// How long one wait (a load, an element, a protocol call) may take: generous, as the machine's
/// cores are shared with compilers.
const WAIT: Duration = Duration::from_secs(60);

/// A harness failure, in a sentence naming what was being done and where.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "No Chromium was found: set {CHROMIUM_VARIABLE} to its executable, or put chromium, \
         chromium-browser or google-chrome on PATH (Debian: apt-get install chromium)."
    )]
    NotFound,
    #[error("{CHROMIUM_VARIABLE} is set to {0}, which is not an executable file.")]
    BadVariable(String),
    #[error("Chromium at {path} could not be started: {reason}")]
    Launch { path: String, reason: String },
    #[error("Chromium could not {doing}: {reason}")]
    Protocol { doing: String, reason: String },
    #[error("{path} cannot be opened as a page: {reason}")]
    Open { path: String, reason: String },
    #[error("{url} did not {what} within {secs} seconds.", secs = WAIT.as_secs())]
    Timeout { url: String, what: String },
    #[error("The script `{script}` failed on {url}: {message}")]
    Script {
        script: String,
        url: String,
        message: String,
    },
    #[error("No element matches the selector `{selector}` on {url}.")]
    NoElement { selector: String, url: String },
    #[error("{path} cannot be written: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("The PDF printed from {url} cannot be read: {reason}")]
    Pdf { url: String, reason: String },
}

/// A headless Chromium, killed (with its temporary profile removed) when dropped.
pub struct Browser {
    inner: headless_chrome::Browser,
    executable: PathBuf,
}

impl std::fmt::Debug for Browser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Browser")
            .field("executable", &self.executable)
            .finish_non_exhaustive()
    }
}

impl Browser {
    /// Whether a Chromium can be found (it is not started).
    pub fn available() -> bool {
        find_executable().is_ok()
    }

    /// Starts a headless Chromium found by [`find_executable`].
    pub fn launch() -> Result<Browser, Error> {
        let executable = find_executable()?;
        let launch_error = |reason: String| Error::Launch {
            path: executable.display().to_string(),
            reason,
        };
        let args: Vec<&OsStr> = [
            // The sandbox needs user namespaces, which containers and root (CI runs as root) do
            // not give; the pages opened are the project's own local files.
            "--no-sandbox",
            // Nothing resolves: a page's stray link to a CDN cannot reach out even if a request
            // slipped past the interception in `open`; loopback addresses still connect.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
            "--hide-scrollbars",
            "--mute-audio",
            "--no-default-browser-check",
        ]
        .iter()
        .map(OsStr::new)
        .collect();
        let options = headless_chrome::LaunchOptions::default_builder()
            .path(Some(executable.clone()))
            .headless(true)
            .sandbox(false)
            .window_size(Some(WINDOW))
            .args(args)
            // The connection is dropped after this long without a message from the browser: a
            // test may run the CLI for a while between two looks at a page.
            .idle_browser_timeout(Duration::from_secs(600))
            .build()
            .map_err(|e| launch_error(e.to_string()))?;
        let inner =
            headless_chrome::Browser::new(options).map_err(|e| launch_error(e.to_string()))?;
        Ok(Browser { inner, executable })
    }

    /// The executable started.
    pub fn executable(&self) -> &Path {
        &self.executable
    }

    /// Opens the local file `path` in a new tab and waits until it has loaded; from before its
    /// first byte the page's console errors and warnings, exceptions and requests are recorded.
    pub fn open(&self, path: &Path) -> Result<Page, Error> {
        let path = std::path::absolute(path).map_err(|e| Error::Open {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        if !path.is_file() {
            return Err(Error::Open {
                path: path.display().to_string(),
                reason: "there is no such file".to_string(),
            });
        }
        // A window of its own: a tab behind another is not drawn, and a screenshot of it
        // waits minutes for a frame.
        let window = headless_chrome::protocol::cdp::Target::CreateTarget {
            url: "about:blank".to_string(),
            left: None,
            top: None,
            width: Some(WINDOW.0),
            height: Some(WINDOW.1),
            window_state: None,
            browser_context_id: None,
            enable_begin_frame_control: None,
            new_window: Some(true),
            background: None,
            for_tab: None,
            hidden: None,
        };
        let tab = self
            .inner
            .new_tab_with_options(window)
            .map_err(|e| Error::Protocol {
                doing: "open a new tab".to_string(),
                reason: e.to_string(),
            })?;
        tab.set_default_timeout(WAIT);
        Page::load(tab, &path)
    }
}

/// The browser to use: the executable [`CHROMIUM_VARIABLE`] names, else the first of
/// chromium, chromium-browser, google-chrome and google-chrome-stable on `PATH`.
pub fn find_executable() -> Result<PathBuf, Error> {
    find_in(
        std::env::var_os(CHROMIUM_VARIABLE),
        std::env::var_os("PATH"),
    )
}

/// [`find_executable`] given the variable's and `PATH`'s values.
fn find_in(variable: Option<OsString>, path: Option<OsString>) -> Result<PathBuf, Error> {
    let on_path = |name: &OsStr| {
        let path = path.as_ref()?;
        std::env::split_paths(path)
            .map(|dir| dir.join(name))
            .find(|candidate| is_executable(candidate))
    };
    if let Some(named) = variable.filter(|v| !v.is_empty()) {
        let named = PathBuf::from(named);
        let found = if named.components().count() > 1 {
            Some(named.clone()).filter(|p| is_executable(p))
        } else {
            on_path(named.as_os_str())
        };
        return found.ok_or_else(|| Error::BadVariable(named.display().to_string()));
    }
    NAMES
        .iter()
        .find_map(|name| on_path(OsStr::new(name)))
        .ok_or(Error::NotFound)
}

fn is_executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// Whether this run is CI's (`CI` set, and not to "false" or "0").
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// The page tests' one policy for a missing browser: a started [`Browser`]; or, when none is
/// installed, `None` after a line on standard error, so the test returns early. Under CI (see
/// [`in_ci`]) a missing browser fails the test instead, as does a browser that is found but
/// will not start, anywhere.
pub fn require() -> Option<Browser> {
    match Browser::launch() {
        Ok(browser) => Some(browser),
        Err(Error::NotFound) if !in_ci() => {
            eprintln!("page test skipped: {}", Error::NotFound);
            None
        }
        Err(e) => panic!("{e} (CI is set, so page tests may not be skipped)"),
    }
}

/// Where page tests keep their screenshots and prints: `page-artifacts` in the cargo target
/// folder (`CARGO_TARGET_DIR` when set, else the workspace's `target`), created if need be.
pub fn artifacts_dir() -> PathBuf {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let target = match std::env::var_os("CARGO_TARGET_DIR").filter(|v| !v.is_empty()) {
        // A relative target folder is relative to where cargo ran: the workspace, for CI.
        Some(dir) => workspace.join(dir),
        None => workspace.join("target"),
    };
    let dir = target.join("page-artifacts");
    // A failure shows when an artifact is written, with the path.
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// Polls `check` until it gives a value or [`WAIT`] passes.
fn wait_for<T>(mut check: impl FnMut() -> Option<T>) -> Option<T> {
    let start = Instant::now();
    loop {
        if let Some(found) = check() {
            return Some(found);
        }
        if start.elapsed() > WAIT {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder with an executable `chromium` and a plain file `google-chrome`.
    fn bin() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for (name, mode) in [("chromium", 0o755), ("google-chrome", 0o644)] {
            let path = dir.path().join(name);
            std::fs::write(&path, "#!/bin/sh\n").unwrap_or_else(|e| panic!("{e}"));
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))
                    .unwrap_or_else(|e| panic!("{e}"));
            }
        }
        dir
    }

    #[test]
    fn the_variable_wins_then_the_first_executable_name_on_path() {
        let dir = bin();
        let path = Some(dir.path().as_os_str().to_owned());
        let found = find_in(None, path.clone()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(found, dir.path().join("chromium"));
        let named = dir.path().join("chromium").into_os_string();
        let found = find_in(Some(named.clone()), None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(found.as_os_str(), named);
        // A bare name is looked up on PATH.
        let found = find_in(Some("chromium".into()), path.clone());
        assert_eq!(found.ok(), Some(dir.path().join("chromium")));
    }

    #[test]
    fn a_variable_naming_no_executable_is_an_error_not_a_fallback() {
        let dir = bin();
        let path = Some(dir.path().as_os_str().to_owned());
        #[cfg(unix)]
        {
            let plain = dir.path().join("google-chrome").into_os_string();
            let err = find_in(Some(plain), path.clone()).map(|_| ());
            assert!(matches!(err, Err(Error::BadVariable(_))), "{err:?}");
        }
        let err = find_in(Some("no-such-browser".into()), path).map(|_| ());
        assert!(
            matches!(&err, Err(e @ Error::BadVariable(_)) if e.to_string().contains("no-such-browser")),
            "{err:?}"
        );
        let empty = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let err = find_in(None, Some(empty.path().as_os_str().to_owned())).map(|_| ());
        assert!(matches!(err, Err(Error::NotFound)), "{err:?}");
    }
}
