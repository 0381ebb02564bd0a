//! The anchors of headings: the fragment identifier a heading has on its page when the input
//! does not say it (a slug of the heading's text, made the way static-site generators make
//! their heading ids), kept unique within one article. Markdown, HTML and JSON `sections` all
//! take their anchors from here.

use std::collections::HashSet;

use unicode_normalization::char::is_combining_mark;

/// The slug of a heading: lower case; letters, digits and combining marks of any script kept;
/// each run of spaces and hyphens one `-`; other punctuation and symbols dropped; no `-` at
/// either end. "Card limits & fees" → `card-limits-fees`, "Über uns" → `über-uns`. Empty when
/// the heading has no letter or digit.
pub fn slug(heading: &str) -> String {
    let mut out = String::with_capacity(heading.len());
    let mut gap = false;
    for c in heading.chars() {
        // A mark counts with the letter it follows, and is dropped with anything else.
        if c.is_alphanumeric() || (is_combining_mark(c) && !gap && !out.is_empty()) {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' {
            gap = true;
        }
    }
    out
}

/// The anchors given out so far in one article.
#[derive(Debug, Default)]
pub struct Anchors {
    taken: HashSet<String>,
}

impl Anchors {
    /// An id the input gives: used as it is (a page may repeat an id; the input knows its
    /// page), and no slug made later takes it.
    pub fn given(&mut self, id: &str) -> String {
        self.taken.insert(id.to_string());
        id.to_string()
    }

    /// The slug of `heading`, followed by `-1`, `-2`, … when an earlier heading of the
    /// article has that anchor already. Empty (no link) when the heading has no letter or
    /// digit.
    pub fn slug(&mut self, heading: &str) -> String {
        let base = slug(heading);
        if base.is_empty() {
            return base;
        }
        let mut anchor = base.clone();
        let mut n = 0;
        while self.taken.contains(&anchor) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
        self.taken.insert(anchor.clone());
        anchor
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_letters_and_digits_of_any_script() {
        assert_eq!(slug("Card limits"), "card-limits");
        assert_eq!(slug("Card limits & fees"), "card-limits-fees");
        assert_eq!(slug("  What's new in 2.0?  "), "whats-new-in-20");
        assert_eq!(slug("Step 1 - Sign in"), "step-1-sign-in");
        assert_eq!(slug("--Two--hyphens--"), "two-hyphens");
        assert_eq!(slug("Über uns"), "über-uns");
        assert_eq!(slug("ÉTÉ\tÀ Paris"), "été-à-paris");
        assert_eq!(slug("Пароль и вход"), "пароль-и-вход");
        assert_eq!(slug("パスワードの変更"), "パスワードの変更");
        assert_eq!(slug("修改 密码"), "修改-密码");
        // Combining marks stay with their letters: the virama of हिन्दी is a mark.
        assert_eq!(slug("हिन्दी में"), "हिन्दी-में");
        assert_eq!(slug("cafe\u{301} (menu)"), "cafe\u{301}-menu");
        assert_eq!(slug("\u{301}a \u{301}b"), "a-b", "a mark alone is dropped");
        assert_eq!(slug("snake_case, C++ & C#"), "snakecase-c-c");
        assert_eq!(slug("?!"), "");
        assert_eq!(slug(""), "");
    }

    #[test]
    fn repeated_slugs_are_numbered() {
        let mut anchors = Anchors::default();
        assert_eq!(anchors.slug("Limits"), "limits");
        assert_eq!(anchors.slug("Limits"), "limits-1");
        assert_eq!(anchors.slug("limits!"), "limits-2");
        assert_eq!(anchors.slug("Fees"), "fees");
        assert_eq!(anchors.slug("???"), "", "no letters: no anchor");
        assert_eq!(anchors.slug("???"), "");
    }

    #[test]
    fn given_ids_are_kept_and_slugs_avoid_them() {
        let mut anchors = Anchors::default();
        assert_eq!(anchors.given("fees"), "fees");
        assert_eq!(anchors.given("fees"), "fees", "the page's ids are its own");
        assert_eq!(anchors.slug("Fees"), "fees-1");
        assert_eq!(anchors.slug("Fees 1"), "fees-1-1");
    }
}
