//! The progress bar of a batch read, on standard error: files and bytes per second, and the time
//! left. Hidden when standard error is not a terminal (CI logs, pipes) or with `--quiet`.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use gongkai_ingest::Progress;
use gongkai_messages::{text_in, Arg, Lang};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The bar's template in `lang`: indicatif's placeholders go into the message as its values,
/// in the language's order of words.
fn template(lang: Lang) -> String {
    let placeholders = [
        ("elapsed", "{elapsed:>4}"),
        ("bar", "{bar:30}"),
        ("done", "{human_pos}"),
        ("files", "{human_len}"),
        ("speed", "{per_sec}"),
        ("bytes", "{msg}"),
        ("left", "{eta}"),
    ];
    let args: Vec<(&str, Arg)> = placeholders
        .iter()
        .map(|(name, value)| (*name, Arg::from(*value)))
        .collect();
    text_in(lang, "progress-bar", &args)
}

/// Files read so far, by count (the bar) and by bytes (its message).
#[derive(Debug)]
pub struct Bar {
    bar: ProgressBar,
    /// Known once: asking the bar takes its lock, on every file.
    hidden: bool,
    bytes: AtomicU64,
}

impl Bar {
    pub fn new(quiet: bool) -> Bar {
        let bar = if quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(8));
            let template = template(gongkai_messages::lang());
            let style = ProgressStyle::with_template(&template)
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
            bar.set_style(style);
            bar
        };
        Bar {
            hidden: bar.is_hidden(),
            bar,
            bytes: AtomicU64::new(0),
        }
    }

    /// Clears the bar, leaving the terminal as it was.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for Bar {
    fn start(&self, files: usize) {
        self.bar.set_length(files as u64);
        self.bar.enable_steady_tick(Duration::from_millis(250));
    }

    fn file_read(&self, bytes: u64) {
        let total = self.bytes.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if self.hidden {
            return;
        }
        let elapsed = self.bar.elapsed().as_secs_f64().max(1e-3);
        self.bar
            .set_message(format!("{:.1} MB/s", total as f64 / 1e6 / elapsed));
        self.bar.inc(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The template of each language is one indicatif takes, with every placeholder.
    #[test]
    fn the_bar_template_holds_in_every_language() {
        for lang in Lang::ALL {
            let t = template(lang);
            assert!(ProgressStyle::with_template(&t).is_ok(), "{lang:?}: {t}");
            for p in ["{bar:30}", "{human_pos}", "{human_len}", "{eta}", "{msg}"] {
                assert!(t.contains(p), "{lang:?}: {t}");
            }
        }
    }
}
