//! A polite pace: requests to one host at least a set time apart (a second by default), so a
//! list of a portal's hundred reports does not look like an attack on it. Requests go one after
//! another, in the order given, so a run is the same every time.

use std::collections::HashMap;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub(crate) struct Pace {
    gap: Duration,
    last: HashMap<String, Instant>,
}

impl Pace {
    pub(crate) fn new(gap: Duration) -> Pace {
        Pace {
            gap,
            last: HashMap::new(),
        }
    }

    /// Waits until `host` may be asked again, and notes that it is asked now.
    pub(crate) fn wait_for(&mut self, host: &str) {
        let host = host.to_ascii_lowercase();
        if let Some(last) = self.last.get(&host) {
            let due = *last + self.gap;
            let now = Instant::now();
            if due > now {
                std::thread::sleep(due - now);
            }
        }
        self.last.insert(host, Instant::now());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_host_waits_others_do_not() {
        let gap = Duration::from_millis(150);
        let mut pace = Pace::new(gap);
        let start = Instant::now();
        pace.wait_for("www.example.gov.cn");
        pace.wait_for("other.example.gov.cn");
        assert!(start.elapsed() < gap, "two hosts: no wait");
        pace.wait_for("WWW.example.gov.cn");
        assert!(start.elapsed() >= gap, "the same host, in any case");
        pace.wait_for("www.example.gov.cn");
        assert!(start.elapsed() >= 2 * gap);
    }
}
