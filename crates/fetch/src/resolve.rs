//! The names looked up for every connection, and the addresses they give checked before any is
//! connected to: the check is on the address used, so a name that changes its answer between two
//! look-ups, or a redirect to another host, cannot reach a private address.

use std::fmt;
use std::net::IpAddr;

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

use crate::public::{non_public, NonPublic};

/// Which addresses may be connected to.
#[derive(Clone)]
pub(crate) enum Policy {
    /// Public addresses only.
    Public,
    /// Any address (`--allow-private`).
    Any,
    /// Tests: what the function says is public.
    #[cfg(test)]
    Only(std::sync::Arc<dyn Fn(IpAddr) -> Option<NonPublic> + Send + Sync>),
}

impl Policy {
    fn refuses(&self, ip: IpAddr) -> Option<NonPublic> {
        match self {
            Policy::Public => non_public(ip),
            Policy::Any => None,
            #[cfg(test)]
            Policy::Only(f) => f(ip),
        }
    }
}

/// Why a name gave no address to connect to; carried through ureq's error as its `Other`.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// The name is not known (or the look-up failed).
    Dns { host: String, detail: String },
    /// The name gave an address that is not public.
    NonPublic {
        host: String,
        ip: IpAddr,
        kind: NonPublic,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Dns { host, detail } => write!(f, "{host}: {detail}"),
            Refusal::NonPublic { host, ip, kind } => write!(f, "{host}: {ip} is {kind:?}"),
        }
    }
}

impl std::error::Error for Refusal {}

/// ureq's own look-up, then every address it gave checked against the policy: one address that
/// is not public refuses the name (a portal has no reason to answer with one).
pub(crate) struct Checked {
    pub(crate) policy: Policy,
    inner: DefaultResolver,
}

impl Checked {
    pub(crate) fn new(policy: Policy) -> Checked {
        Checked {
            policy,
            inner: DefaultResolver::default(),
        }
    }
}

impl fmt::Debug for Checked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Checked").finish_non_exhaustive()
    }
}

impl Resolver for Checked {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri.host().unwrap_or_default().to_string();
        let addrs = match self.inner.resolve(uri, config, timeout) {
            Ok(addrs) => addrs,
            Err(ureq::Error::Io(e)) => {
                return Err(other(Refusal::Dns {
                    host,
                    detail: e.to_string(),
                }))
            }
            Err(e @ ureq::Error::HostNotFound) => {
                return Err(other(Refusal::Dns {
                    host,
                    detail: e.to_string(),
                }))
            }
            Err(e) => return Err(e),
        };
        for a in addrs.iter() {
            if let Some(kind) = self.policy.refuses(a.ip()) {
                return Err(other(Refusal::NonPublic {
                    host,
                    ip: a.ip(),
                    kind,
                }));
            }
        }
        Ok(addrs)
    }
}

fn other(r: Refusal) -> ureq::Error {
    ureq::Error::Other(Box::new(r))
}
