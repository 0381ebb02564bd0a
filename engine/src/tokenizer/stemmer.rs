//! Snowball stemmers by language: which locales have one, and where its code comes from.
//!
//! With the `snowball` feature (on by default: the CLI and native tests) the stemmers are
//! rust-stemmers, compiled in. The widget turns the feature off: fifteen languages of Snowball
//! code are about 80 KB of WebAssembly (a fifth of the module, brotli), and a page searches
//! in one or two of them. It downloads the stemmer its index needs as a small module of its
//! own, built from the same rust-stemmers code (`engine/stemmer-module/`), and hands it over
//! with [`install`] before the index is searched. So the terms are the same on both sides;
//! `tests/fixtures/tokens.txt` checks it in the browser.

use std::cell::RefCell;
use std::rc::Rc;

/// A language that has a Snowball stemmer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stemming {
    English,
    German,
    French,
    Spanish,
    Russian,
    Italian,
    Portuguese,
    Dutch,
    Swedish,
    Norwegian,
    Danish,
    Finnish,
    Hungarian,
    Romanian,
    Turkish,
}

impl Stemming {
    /// Every language, in discriminant order.
    pub const ALL: [Stemming; 15] = [
        Stemming::English,
        Stemming::German,
        Stemming::French,
        Stemming::Spanish,
        Stemming::Russian,
        Stemming::Italian,
        Stemming::Portuguese,
        Stemming::Dutch,
        Stemming::Swedish,
        Stemming::Norwegian,
        Stemming::Danish,
        Stemming::Finnish,
        Stemming::Hungarian,
        Stemming::Romanian,
        Stemming::Turkish,
    ];

    /// The stemmer for a BCP-47 locale's language, if it has one.
    pub fn from_locale(locale: &str) -> Option<Stemming> {
        let primary = locale.split(['-', '_']).next().unwrap_or("");
        Some(match primary.to_ascii_lowercase().as_str() {
            "en" => Stemming::English,
            "de" => Stemming::German,
            "fr" => Stemming::French,
            "es" => Stemming::Spanish,
            "ru" => Stemming::Russian,
            "it" => Stemming::Italian,
            "pt" => Stemming::Portuguese,
            "nl" => Stemming::Dutch,
            "sv" => Stemming::Swedish,
            "no" | "nb" => Stemming::Norwegian,
            "da" => Stemming::Danish,
            "fi" => Stemming::Finnish,
            "hu" => Stemming::Hungarian,
            "ro" => Stemming::Romanian,
            "tr" => Stemming::Turkish,
            _ => return None,
        })
    }

    /// The language's name in lower case, as the stemmer modules are named
    /// (`stem-english.wasm`).
    pub fn name(self) -> &'static str {
        match self {
            Stemming::English => "english",
            Stemming::German => "german",
            Stemming::French => "french",
            Stemming::Spanish => "spanish",
            Stemming::Russian => "russian",
            Stemming::Italian => "italian",
            Stemming::Portuguese => "portuguese",
            Stemming::Dutch => "dutch",
            Stemming::Swedish => "swedish",
            Stemming::Norwegian => "norwegian",
            Stemming::Danish => "danish",
            Stemming::Finnish => "finnish",
            Stemming::Hungarian => "hungarian",
            Stemming::Romanian => "romanian",
            Stemming::Turkish => "turkish",
        }
    }

    /// The language named `name` (as [`Stemming::name`] gives it).
    pub fn from_name(name: &str) -> Option<Stemming> {
        Stemming::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Whether this language's stemmer can run now: always with the `snowball` feature,
    /// otherwise once it was [`install`]ed.
    pub fn is_available(self) -> bool {
        cfg!(feature = "snowball") || INSTALLED.with(|i| i.borrow()[self as usize].is_some())
    }
}

/// A stemmer handed over at run time: folded word in, stem out.
type StemFn = Rc<dyn Fn(&str) -> String>;

thread_local! {
    /// Stemmers given by [`install`], by language.
    static INSTALLED: RefCell<[Option<StemFn>; 15]> = RefCell::new(Default::default());
}

/// Gives the tokenizer the stemmer of `language`, for builds without the `snowball` feature
/// (with it, the compiled-in stemmer is used and this one is ignored). Until a language's
/// stemmer is installed, words of that language are left unstemmed, and would miss the index:
/// a caller installs it before searching (see [`Stemming::is_available`]).
pub fn install(language: Stemming, stem: impl Fn(&str) -> String + 'static) {
    INSTALLED.with(|i| i.borrow_mut()[language as usize] = Some(Rc::new(stem)));
}

/// The stemmer a tokenizer call works with.
pub(crate) enum Stemmer {
    #[cfg(feature = "snowball")]
    Snowball(rust_stemmers::Stemmer),
    #[cfg_attr(feature = "snowball", allow(dead_code))]
    Installed(StemFn),
}

impl Stemmer {
    /// The stemmer of `language`, if it can run (see [`Stemming::is_available`]).
    pub(crate) fn new(language: Stemming) -> Option<Stemmer> {
        #[cfg(feature = "snowball")]
        {
            use rust_stemmers::Algorithm::*;
            // Every arm names its algorithm as a constant, so that only these fifteen are
            // linked: rust-stemmers has more.
            let s = match language {
                Stemming::English => rust_stemmers::Stemmer::create(English),
                Stemming::German => rust_stemmers::Stemmer::create(German),
                Stemming::French => rust_stemmers::Stemmer::create(French),
                Stemming::Spanish => rust_stemmers::Stemmer::create(Spanish),
                Stemming::Russian => rust_stemmers::Stemmer::create(Russian),
                Stemming::Italian => rust_stemmers::Stemmer::create(Italian),
                Stemming::Portuguese => rust_stemmers::Stemmer::create(Portuguese),
                Stemming::Dutch => rust_stemmers::Stemmer::create(Dutch),
                Stemming::Swedish => rust_stemmers::Stemmer::create(Swedish),
                Stemming::Norwegian => rust_stemmers::Stemmer::create(Norwegian),
                Stemming::Danish => rust_stemmers::Stemmer::create(Danish),
                Stemming::Finnish => rust_stemmers::Stemmer::create(Finnish),
                Stemming::Hungarian => rust_stemmers::Stemmer::create(Hungarian),
                Stemming::Romanian => rust_stemmers::Stemmer::create(Romanian),
                Stemming::Turkish => rust_stemmers::Stemmer::create(Turkish),
            };
            Some(Stemmer::Snowball(s))
        }
        #[cfg(not(feature = "snowball"))]
        {
            INSTALLED
                .with(|i| i.borrow()[language as usize].clone())
                .map(Stemmer::Installed)
        }
    }

    pub(crate) fn stem(&self, word: &str) -> String {
        match self {
            #[cfg(feature = "snowball")]
            Stemmer::Snowball(s) => s.stem(word).into_owned(),
            Stemmer::Installed(f) => f(word),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_locales_round_trip() {
        for s in Stemming::ALL {
            assert_eq!(Stemming::from_name(s.name()), Some(s));
            assert_eq!(Stemming::ALL[s as usize], s);
        }
        assert_eq!(Stemming::from_locale("pt-BR"), Some(Stemming::Portuguese));
        assert_eq!(Stemming::from_locale("nb_NO"), Some(Stemming::Norwegian));
        assert_eq!(Stemming::from_locale("zh-CN"), None);
        assert_eq!(Stemming::from_name("klingon"), None);
    }
}
