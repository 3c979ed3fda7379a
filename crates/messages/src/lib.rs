//! The message catalogue: every text gongkai shows a user — findings, summaries, captions, help —
//! in the user's language, from `locales/zh.ftl` and `locales/en.ftl` (Mozilla's Fluent syntax).
//!
//! The language is chosen once per run ([`set_lang`], from [`Lang::from_env`] or `--lang`) and
//! every crate makes its texts with [`msg!`]. A finding is worded when it is made, in the run's
//! language; the codes beside it (rule ids, cell codes) stay the same in every language, for
//! machines. Crates' own tests run in English, the default.
//!
//! The catalogue is checked by this crate's tests: every message is in both languages with the
//! same variables, and every `msg!` id in the workspace's code is in the catalogue.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The catalogue's sources, built into the binary.
const ZH: &str = include_str!("../locales/zh.ftl");
const EN: &str = include_str!("../locales/en.ftl");

/// A language gongkai speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// 简体中文, for users whose locale is `zh*`.
    Zh,
    /// English, for everyone else (and `LANG=C`).
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// `zh` or `en`, as `--lang` takes it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// `zh`, `zh-CN`, `zh_TW.UTF-8`, `en`, `en_US` …, in any case; `None` for anything else.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        let language = s.split(['-', '_', '.', '@']).next().unwrap_or_default();
        match language {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of a locale name (`zh_CN.UTF-8` → Chinese; `C`, `POSIX`, `de_DE` → English).
    pub fn of_locale(locale: &str) -> Lang {
        match Lang::parse(locale) {
            Some(Lang::Zh) => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// The user's language: on Unix the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and
    /// not empty (POSIX's order for messages); on Windows the user's UI language.
    pub fn from_env() -> Lang {
        #[cfg(windows)]
        {
            Lang::of_locale(&sys_locale::get_locale().unwrap_or_default())
        }
        #[cfg(not(windows))]
        {
            Lang::from_vars(|name| std::env::var(name).ok())
        }
    }

    /// [`Lang::from_env`] over any source of variables (for tests).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|value| !value.is_empty())
            .map_or(Lang::En, |locale| Lang::of_locale(&locale))
    }

    fn source(self) -> &'static str {
        match self {
            Lang::Zh => ZH,
            Lang::En => EN,
        }
    }

    fn tag(self) -> LanguageIdentifier {
        let tag = match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en-US",
        };
        tag.parse().unwrap_or_default()
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(Lang::En as u8);

/// Sets the language of every message made from now on, in every thread.
pub fn set_lang(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

thread_local! {
    /// A language for this thread alone ([`with_lang`]), over the run's.
    static THIS_THREAD: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with messages made in `lang` on this thread, whatever the run's language: a letter
/// to a unit in Chinese from an English session, or one test's Chinese beside others' English.
pub fn with_lang<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    let before = THIS_THREAD.with(|t| t.replace(Some(lang)));
    let out = f();
    THIS_THREAD.with(|t| t.set(before));
    out
}

/// The language messages are made in: this thread's ([`with_lang`]), else the run's.
pub fn lang() -> Lang {
    if let Some(lang) = THIS_THREAD.with(std::cell::Cell::get) {
        return lang;
    }
    if CURRENT.load(Ordering::Relaxed) == Lang::Zh as u8 {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// A value put into a message: text as it is, or a number (which also picks a plural form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

impl From<std::borrow::Cow<'_, str>> for Arg {
    fn from(s: std::borrow::Cow<'_, str>) -> Arg {
        Arg::Text(s.into_owned())
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                // Counts of files, cells and units: far below i64's range; clamp rather than wrap.
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(i32, i64, u8, u16, u32, u64, usize, i128);

/// The bundles, made on first use: the catalogue is parsed once per run.
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 2]> = OnceLock::new();
    let bundles = BUNDLES.get_or_init(|| Lang::ALL.map(make_bundle));
    &bundles[lang as usize]
}

fn make_bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new_concurrent(vec![lang.tag()]);
    // No Unicode isolation marks around values: they show as boxes in terminals and CSV.
    bundle.set_use_isolating(false);
    // A catalogue that does not parse fails this crate's tests; at run time the messages that
    // did parse still serve.
    let resource = FluentResource::try_new(lang.source().to_string()).unwrap_or_else(|(r, _)| r);
    let _ = bundle.add_resource(resource);
    bundle
}

/// The message `id` in the current language, with `args` put in.
pub fn text(id: &str, args: &[(&str, Arg)]) -> String {
    text_in(lang(), id, args)
}

/// The message `id` in `lang`, with `args` put in. An id missing from the catalogue (which the
/// tests rule out) gives the id itself and its arguments, never nothing.
pub fn text_in(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        let mut s = id.to_string();
        for (name, value) in args {
            let value = match value {
                Arg::Text(t) => t.clone(),
                Arg::Number(n) => n.to_string(),
            };
            s.push_str(&format!(" {name}={value}"));
        }
        return s;
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        let value = match value {
            Arg::Text(t) => FluentValue::from(t.clone()),
            Arg::Number(n) => FluentValue::from(*n),
        };
        fluent_args.set(name.to_string(), value);
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// Whether the catalogue has message `id` (for texts looked up by a computed id, like help).
pub fn has(id: &str) -> bool {
    bundle(Lang::En).has_message(id)
}

/// A message of the catalogue in the current language: `msg!("id")` or
/// `msg!("id", name = value, count = n)`; values are text or numbers ([`Arg`]).
#[macro_export]
macro_rules! msg {
    ($id:literal) => {
        $crate::text($id, &[])
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::text($id, &[$((stringify!($name), $crate::Arg::from($value))),+])
    };
}

#[cfg(test)]
mod tests;
