//! Report pages fetched from government portals, as an auditor's list of addresses names them.
//!
//! [`Fetcher::fetch`] asks for one address over HTTP or HTTPS (ureq over rustls, Mozilla's
//! roots; no OpenSSL) within limits ([`Limits`]): a time to connect, a time for the whole answer
//! (its redirects and body included), a largest body, a few redirects, each followed by hand so
//! that its target is checked and paced like the first address. Only public addresses are asked:
//! every address a name gives is checked when it is connected to ([`public`]), after redirects
//! too, unless [`Limits::allow_private`]. Requests to one host are spaced by [`Limits::pace`] and
//! go one after another in the order given, so a batch is the same each run.
//!
//! What came back is a [`Fetched`]: the bytes as the server sent them (decompressed), the
//! address asked and the one answered after redirects, the status, the `Content-Type` and the
//! charset it names ([`Fetched::charset`], which the page reader takes only when the page
//! declares none), and the time in UTC. [`evidence::keep`] saves it beside the output, bytes and
//! a record of where and when, written atomically. Every failure is a [`FetchError`], worded in
//! the run's language; nothing panics on what a server sends.
//!
//! Layers, lowest first: [`public`] (which addresses are public) → `resolve` (the check on every
//! connection) · `pace` (per host) → this module (one address) → [`evidence`].

pub mod evidence;
mod pace;
pub mod public;
mod resolve;

use std::net::IpAddr;
use std::time::{Duration, Instant};

use chrono::{DateTime, SecondsFormat, Utc};
pub use encoding_rs::Encoding;
use gongkai_messages::msg;
use sha2::{Digest, Sha256};
use ureq::Agent;
use url::Url;

use crate::pace::Pace;
use crate::public::NonPublic;
use crate::resolve::{Checked, Policy, Refusal};

/// How long, how much and how often.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// To connect (name looked up, TCP, TLS), each connection.
    pub connect: Duration,
    /// For the whole answer to one address: every redirect, the headers and the body (the pace's
    /// waits not counted).
    pub overall: Duration,
    /// Largest body taken, in bytes (after decompression).
    pub max_bytes: u64,
    /// Redirects followed; one more is an error.
    pub max_redirects: u32,
    /// Least time between two requests to one host.
    pub pace: Duration,
    /// Ask private, loopback, link-local and other non-public addresses too.
    pub allow_private: bool,
}

impl Default for Limits {
    /// Generous for a slow portal, small enough that a list of hundreds finishes: 10 s to
    /// connect, 60 s for an answer, 50 MiB (a scanned PDF report is a few MiB), 5 redirects, one
    /// request a second per host.
    fn default() -> Limits {
        Limits {
            connect: Duration::from_secs(10),
            overall: Duration::from_secs(60),
            max_bytes: 50 << 20,
            max_redirects: 5,
            pace: Duration::from_secs(1),
            allow_private: false,
        }
    }
}

/// One page as fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The address as asked.
    pub address: String,
    /// The address that answered, after redirects.
    pub final_address: String,
    /// The addresses that redirected, in order (the one asked first), without the final one.
    pub redirects: Vec<String>,
    pub status: u16,
    /// The `Content-Type` header as sent.
    pub content_type: Option<String>,
    /// The body as the server sent it (gzip undone).
    pub bytes: Vec<u8>,
    /// When the body was complete, in UTC.
    pub fetched_at: DateTime<Utc>,
}

impl Fetched {
    /// The charset the `Content-Type` header names, if encoding_rs knows it.
    pub fn charset(&self) -> Option<&'static Encoding> {
        self.content_type.as_deref().and_then(charset_of)
    }

    /// `fetched_at` as RFC 3339 in UTC, to the second: `2024-05-06T07:08:09Z`.
    pub fn fetched_at_text(&self) -> String {
        self.fetched_at.to_rfc3339_opts(SecondsFormat::Secs, true)
    }

    /// The SHA-256 of the bytes, in hex.
    pub fn sha256(&self) -> String {
        hex(&Sha256::digest(&self.bytes))
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The charset of a `Content-Type` value: `text/html; charset="GBK"` → GBK.
pub fn charset_of(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        Encoding::for_label(value.trim().trim_matches(['"', '\'']).trim().as_bytes())
    })
}

/// Why an address gave no page. Prints in the run's language.
#[derive(Debug)]
pub enum FetchError {
    /// Not an `http://` or `https://` address with a host.
    BadAddress { detail: String },
    /// The host's name was not found.
    Dns { host: String, detail: String },
    /// The host's name gave an address that is not public (and private ones were not allowed).
    NonPublic {
        host: String,
        ip: IpAddr,
        kind: NonPublic,
    },
    /// No connection within [`Limits::connect`].
    ConnectTimeout { limit: Duration },
    /// No complete answer within [`Limits::overall`].
    Timeout { limit: Duration },
    /// The connection failed or broke.
    Network { detail: String },
    /// The body is larger than [`Limits::max_bytes`].
    TooLarge { limit: u64 },
    /// More redirects than [`Limits::max_redirects`].
    TooManyRedirects { limit: u32 },
    /// A redirect to something that is not a web address.
    BadRedirect { location: String },
    /// An answer that is not a page (404, 500, …); the page as sent, for the evidence.
    Status { page: Box<Fetched> },
    /// Anything else the HTTP client reports (TLS, a malformed answer).
    Other { detail: String },
}

fn seconds(d: Duration) -> String {
    let s = format!("{:.3}", d.as_secs_f64());
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            FetchError::BadAddress { detail } => msg!("fetch-bad-address", detail = detail),
            FetchError::Dns { host, detail } => msg!("fetch-dns", host = host, detail = detail),
            FetchError::NonPublic { host, ip, kind } => msg!(
                "fetch-non-public",
                host = host,
                ip = ip.to_string(),
                kind = gongkai_messages::text(kind.id(), &[])
            ),
            FetchError::ConnectTimeout { limit } => {
                msg!("fetch-connect-timeout", seconds = seconds(*limit))
            }
            FetchError::Timeout { limit } => msg!("fetch-timeout", seconds = seconds(*limit)),
            FetchError::Network { detail } => msg!("fetch-network", detail = detail),
            FetchError::TooLarge { limit } => msg!("fetch-too-large", limit = *limit),
            FetchError::TooManyRedirects { limit } => {
                msg!("fetch-too-many-redirects", limit = *limit)
            }
            FetchError::BadRedirect { location } => {
                msg!("fetch-bad-redirect", location = location)
            }
            FetchError::Status { page } => msg!(
                "fetch-status",
                status = page.status,
                reason = ureq::http::StatusCode::from_u16(page.status)
                    .ok()
                    .and_then(|s| s.canonical_reason())
                    .unwrap_or("")
            ),
            FetchError::Other { detail } => msg!("fetch-other", detail = detail),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for FetchError {}

/// Asks for pages, one at a time, within its limits and at its pace.
#[derive(Debug)]
pub struct Fetcher {
    agent: Agent,
    limits: Limits,
    pace: Pace,
}

impl Fetcher {
    pub fn new(limits: Limits) -> Fetcher {
        let policy = if limits.allow_private {
            Policy::Any
        } else {
            Policy::Public
        };
        Fetcher::with_policy(limits, policy)
    }

    fn with_policy(limits: Limits, policy: Policy) -> Fetcher {
        let config = Agent::config_builder()
            // Redirects by hand: each target checked, paced and counted here.
            .max_redirects(0)
            .http_status_as_error(false)
            // No proxy from the environment: the check must see the address connected to.
            .proxy(None)
            .timeout_connect(Some(limits.connect))
            .timeout_resolve(Some(limits.connect))
            .user_agent(concat!("gongkai/", env!("CARGO_PKG_VERSION")))
            .build();
        let connector = ureq::unversioned::transport::DefaultConnector::default();
        Fetcher {
            agent: Agent::with_parts(config, connector, Checked::new(policy)),
            limits,
            pace: Pace::new(limits.pace),
        }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Fetches one address, following at most [`Limits::max_redirects`] redirects. A page is
    /// `Ok` only with a 2xx status; any other answer is [`FetchError::Status`] with the page.
    pub fn fetch(&mut self, address: &str) -> Result<Fetched, FetchError> {
        let mut url = web_address(address.trim())?;
        let mut redirects = Vec::new();
        let mut spent = Duration::ZERO;
        loop {
            let host = url.host_str().unwrap_or_default().to_string();
            self.pace.wait_for(&host);
            let Some(left) = self
                .limits
                .overall
                .checked_sub(spent)
                .filter(|d| !d.is_zero())
            else {
                return Err(FetchError::Timeout {
                    limit: self.limits.overall,
                });
            };
            let started = Instant::now();
            let answer = self.ask(&url, left);
            spent += started.elapsed();
            let mut response = answer?;
            let status = response.status().as_u16();
            let location = response
                .headers()
                .get(ureq::http::header::LOCATION)
                .map(|l| String::from_utf8_lossy(l.as_bytes()).into_owned());
            if let (301 | 302 | 303 | 307 | 308, Some(location)) = (status, location) {
                if redirects.len() as u32 >= self.limits.max_redirects {
                    return Err(FetchError::TooManyRedirects {
                        limit: self.limits.max_redirects,
                    });
                }
                let next = url
                    .join(location.trim())
                    .ok()
                    .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
                    .ok_or(FetchError::BadRedirect { location })?;
                redirects.push(std::mem::replace(&mut url, next).to_string());
                continue;
            }
            let content_type = response
                .headers()
                .get(ureq::http::header::CONTENT_TYPE)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
            let started = Instant::now();
            let body = response
                .body_mut()
                .with_config()
                .limit(self.limits.max_bytes)
                .read_to_vec();
            spent += started.elapsed();
            let bytes = body.map_err(|e| self.error(e))?;
            let page = Fetched {
                address: address.trim().to_string(),
                final_address: url.to_string(),
                redirects,
                status,
                content_type,
                bytes,
                fetched_at: Utc::now(),
            };
            return if (200..300).contains(&status) {
                Ok(page)
            } else {
                Err(FetchError::Status {
                    page: Box::new(page),
                })
            };
        }
    }

    /// One request, within what is left of the overall time.
    fn ask(
        &self,
        url: &Url,
        left: Duration,
    ) -> Result<ureq::http::Response<ureq::Body>, FetchError> {
        self.agent
            .get(url.as_str())
            .config()
            .timeout_global(Some(left))
            .build()
            .call()
            .map_err(|e| self.error(e))
    }

    fn error(&self, e: ureq::Error) -> FetchError {
        match e {
            ureq::Error::Other(other) => match other.downcast::<Refusal>() {
                Ok(refusal) => match *refusal {
                    Refusal::Dns { host, detail } => FetchError::Dns { host, detail },
                    Refusal::NonPublic { host, ip, kind } => {
                        FetchError::NonPublic { host, ip, kind }
                    }
                },
                Err(other) => FetchError::Other {
                    detail: other.to_string(),
                },
            },
            ureq::Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => {
                FetchError::ConnectTimeout {
                    limit: self.limits.connect,
                }
            }
            ureq::Error::Timeout(_) => FetchError::Timeout {
                limit: self.limits.overall,
            },
            ureq::Error::BodyExceedsLimit(limit) => FetchError::TooLarge { limit },
            ureq::Error::Io(e) => FetchError::Network {
                detail: e.to_string(),
            },
            ureq::Error::ConnectionFailed => FetchError::Network {
                detail: e.to_string(),
            },
            ureq::Error::HostNotFound => FetchError::Dns {
                host: String::new(),
                detail: e.to_string(),
            },
            e => FetchError::Other {
                detail: e.to_string(),
            },
        }
    }
}

/// An `http://` or `https://` address with a host.
pub fn web_address(text: &str) -> Result<Url, FetchError> {
    let url = Url::parse(text).map_err(|e| FetchError::BadAddress {
        detail: format!("{text:?} ({e})"),
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(FetchError::BadAddress {
            detail: format!("{text:?}"),
        });
    }
    Ok(url)
}

/// True when `text` is meant as a web address rather than a file name.
pub fn is_web_address(text: &str) -> bool {
    let t = text.trim_start();
    ["http://", "https://"]
        .iter()
        .any(|p| t.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p)))
}

#[cfg(test)]
mod test_server;
#[cfg(test)]
mod tests;
