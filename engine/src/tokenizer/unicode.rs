//! What the tokenizer needs of Unicode beyond the standard library: NFKC, the base letters of
//! accented Latin letters, and combining marks.
//!
//! Natively (the index builder) NFKC and combining marks come from `unicode-normalization`. In
//! the browser they come from the JavaScript engine (`String.prototype.normalize` and the
//! `\p{M}` class of regular expressions), which keeps the crate's tables (about 100 KB) out of
//! the widget's download. The browser is asked only about words outside [`is_nfkc_stable`]:
//! ASCII, accented Latin, Greek, Cyrillic, kana, Han and Hangul syllables never cross into
//! JavaScript. Everything else here is shared, so both sides fold a word alike; the browser
//! tests compare the widget's tokens with ones computed natively.

use std::borrow::Cow;

/// Characters whose every string is already in NFKC: each is its own NFKC form, has canonical
/// combining class 0, is not a combining mark and cannot combine with a character before it
/// (the NFKC quick check answers "yes" for them). Checked against `unicode-normalization` by a
/// test. Sorted, for the binary search.
const NFKC_STABLE: &[(u32, u32)] = &[
    (0x00C0, 0x0131), // Latin-1 letters, Latin Extended-A up to the ligature ĳ
    (0x0134, 0x013E),
    (0x0141, 0x0148),
    (0x014A, 0x017E),
    (0x0180, 0x01C3), // Latin Extended-B up to the digraphs Ǆ…ǌ
    (0x01CD, 0x01F0),
    (0x01F4, 0x024F),
    (0x0386, 0x0386), // Greek
    (0x0388, 0x03CF),
    (0x0400, 0x0482), // Cyrillic, without its combining marks
    (0x048A, 0x052F),
    (0x2018, 0x2019), // typographic apostrophes
    (0x3040, 0x3098), // Hiragana, without the combining voicing marks
    (0x309D, 0x309E),
    (0x30A0, 0x30FE), // Katakana
    (0x3400, 0x4DBF), // CJK Extension A
    (0x4E00, 0x9FFF), // CJK Unified Ideographs
    (0xAC00, 0xD7AF), // Hangul syllables
];

/// Whether every string of such characters is its own NFKC form (see [`NFKC_STABLE`]).
pub(super) fn is_nfkc_stable(c: char) -> bool {
    let c = c as u32;
    c < 0x80
        || NFKC_STABLE
            .binary_search_by(|&(start, end)| {
                if end < c {
                    std::cmp::Ordering::Less
                } else if start > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
}

/// `text` in NFKC; borrowed when it already is.
pub(super) fn nfkc(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_nfkc_stable) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(platform::nfkc(text))
    }
}

/// Whether `c` is a combining mark (general category M: Mn, Mc or Me).
pub(super) fn is_combining_mark(c: char) -> bool {
    !is_nfkc_stable(c) && platform::is_combining_mark(c)
}

/// The base letters of U+00C0..U+024F, one byte each: what is left of the letter's canonical
/// decomposition without its combining marks ('.' where that is the letter itself, '?' where the
/// base is not ASCII: see [`latin_base`]). Generated from, and checked against,
/// `unicode-normalization` by a test.
const LATIN_BASES: &[u8; 0x250 - 0xC0] = b"\
AAAAAA.CEEEEIIII.NOOOOO..UUUUY..aaaaaa.ceeeeiiii.nooooo..uuuuy.y\
AaAaAaCcCcCcCcDd..EeEeEeEeEeGgGgGgGgHh..IiIiIiIiI...JjKk.LlLlLl.\
...NnNnNn...OoOoOo..RrRrRrSsSsSsSsTtTt..UuUuUuUuUuUuWwYyYZzZzZz.\
................................Oo.............Uu...............\
.............AaIiOoUuUuUuUuUu.AaAa??..GgKkOoOo??j...Gg..NnAa????\
AaAaEeEeIiIiOoOoRrRrUuUuSsTt..Hh......AaEeOoOoOoOoYy............\
................";

/// A Latin letter (below U+0250) without its diacritics: "é" → "e", "ǖ" → "u", "ǣ" → "æ".
pub(super) fn latin_base(c: char) -> char {
    let Some(i) = (c as usize).checked_sub(0xC0) else {
        return c;
    };
    match LATIN_BASES.get(i) {
        Some(b'.') | None => c,
        Some(b'?') => match c {
            '\u{01E2}' | '\u{01FC}' => 'Æ',
            '\u{01E3}' | '\u{01FD}' => 'æ',
            '\u{01EE}' => 'Ʒ',
            '\u{01EF}' => 'ʒ',
            '\u{01FE}' => 'Ø',
            '\u{01FF}' => 'ø',
            _ => c,
        },
        Some(&b) => char::from(b),
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod platform {
    use unicode_normalization::UnicodeNormalization;

    pub(super) fn nfkc(text: &str) -> String {
        text.nfkc().collect()
    }

    pub(super) fn is_combining_mark(c: char) -> bool {
        unicode_normalization::char::is_combining_mark(c)
    }
}

#[cfg(target_arch = "wasm32")]
mod platform {
    use js_sys::{JsString, RegExp};

    pub(super) fn nfkc(text: &str) -> String {
        JsString::from(text).normalize("NFKC").into()
    }

    thread_local! {
        static MARK: RegExp = RegExp::new(r"^\p{M}$", "u");
    }

    pub(super) fn is_combining_mark(c: char) -> bool {
        MARK.with(|mark| mark.test(c.encode_utf8(&mut [0; 4])))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use unicode_normalization::char::{canonical_combining_class, decompose_canonical};
    use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

    #[test]
    fn stable_characters_pass_the_nfkc_quick_check() {
        for &(start, end) in NFKC_STABLE {
            for c in (start..=end).filter_map(char::from_u32) {
                assert!(is_nfkc_stable(c));
                assert_eq!(
                    is_nfkc_quick(std::iter::once(c)),
                    IsNormalized::Yes,
                    "{c:?}"
                );
                assert_eq!(canonical_combining_class(c), 0, "{c:?}");
                assert!(!unicode_normalization::char::is_combining_mark(c), "{c:?}");
            }
        }
        assert!(NFKC_STABLE.windows(2).all(|w| w[0].1 < w[1].0));
        for c in [
            '\u{0132}', '\u{01C4}', '\u{0301}', '\u{3099}', 'ｱ', '\u{1161}', 'ﬁ', 'Ａ',
        ] {
            assert!(!is_nfkc_stable(c), "{c:?}");
        }
    }

    #[test]
    fn latin_bases_match_the_canonical_decompositions() {
        for c in (0..0x250).filter_map(char::from_u32) {
            let mut base = String::new();
            decompose_canonical(c, |d| {
                if !unicode_normalization::char::is_combining_mark(d) {
                    base.push(d)
                }
            });
            assert_eq!(latin_base(c).to_string(), base, "{c:?}");
        }
    }

    #[test]
    fn nfkc_of_mixed_text() {
        for text in [
            "ＡＰＩ",
            "ﬁle",
            "e\u{0301}",
            "ｶﾞ",
            "\u{1100}\u{1161}",
            "café",
            "Пароль",
            "设置",
        ] {
            assert_eq!(nfkc(text), text.nfkc().collect::<String>(), "{text}");
        }
    }
}
