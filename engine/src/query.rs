//! Query syntax: splits what was typed into plain text, "quoted phrases" and -exclusions, and
//! runs the shared tokenizer over each part. Knows nothing of the index; `search.rs` turns the
//! parts into dictionary lookups (`search/plan.rs`).

use crate::tokenizer::{tokenize, Language, Token};

/// What a part of the query asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Words that should all appear, anywhere.
    Plain,
    /// Words that must appear in this order, next to each other.
    Phrase,
    /// Words that must not appear: results holding all of them are dropped.
    Exclude,
}

/// One part of the query with its tokens (offsets are into the whole query string).
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub syntax: Syntax,
    pub tokens: Vec<Token>,
}

/// The parsed query.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedQuery {
    pub parts: Vec<Part>,
    /// The last token is still being typed (the query ends inside it), so it may be a prefix.
    pub typing_last: bool,
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201c}' | '\u{201e}' | '\u{00ab}' | '\u{300c}')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201d}' | '\u{201c}' | '\u{00bb}' | '\u{300d}')
}

/// Parses `query`. A quote that is never closed runs to the end (the phrase is being typed);
/// `-` starts an exclusion only at the start of a word ("e-mail" is one word, "-fee" excludes).
pub fn parse(query: &str, lang: Language) -> ParsedQuery {
    let mut parts: Vec<Part> = Vec::new();
    let mut push = |syntax: Syntax, start: usize, end: usize| {
        if start >= end {
            return;
        }
        let mut tokens = tokenize(&query[start..end], lang);
        for t in &mut tokens {
            t.start += start;
            t.end += start;
        }
        if tokens.is_empty() {
            return;
        }
        // Neighbouring plain runs are one part: the split only happened at an ignored quote.
        if syntax == Syntax::Plain {
            if let Some(last) = parts.last_mut().filter(|p| p.syntax == Syntax::Plain) {
                last.tokens.extend(tokens);
                return;
            }
        }
        parts.push(Part { syntax, tokens });
    };

    let mut chars = query.char_indices().peekable();
    let mut plain_start = 0usize;
    let mut at_word_start = true;
    let mut last_part_open = Syntax::Plain;
    while let Some((i, c)) = chars.next() {
        if is_open_quote(c) {
            push(Syntax::Plain, plain_start, i);
            let start = i + c.len_utf8();
            let mut end = query.len();
            let mut closed = false;
            for (j, d) in chars.by_ref() {
                if is_close_quote(d) {
                    end = j;
                    closed = true;
                    break;
                }
            }
            push(Syntax::Phrase, start, end);
            last_part_open = if closed {
                Syntax::Plain
            } else {
                Syntax::Phrase
            };
            plain_start = if closed {
                end + close_len(query, end)
            } else {
                query.len()
            };
            at_word_start = true;
            continue;
        }
        if c == '-' && at_word_start {
            let next_is_word = chars
                .peek()
                .is_some_and(|&(_, d)| !d.is_whitespace() && d != '-');
            if next_is_word {
                push(Syntax::Plain, plain_start, i);
                let start = i + 1;
                let mut end = query.len();
                while let Some(&(j, d)) = chars.peek() {
                    if d.is_whitespace() || is_open_quote(d) {
                        end = j;
                        break;
                    }
                    chars.next();
                }
                push(Syntax::Exclude, start, end);
                last_part_open = Syntax::Exclude;
                plain_start = end;
                at_word_start = true;
                continue;
            }
        }
        at_word_start = c.is_whitespace();
        if !c.is_whitespace() {
            last_part_open = Syntax::Plain;
        }
    }
    push(Syntax::Plain, plain_start, query.len());

    // The word under the cursor is still being typed, unless it is an exclusion or the query
    // ends with a space, punctuation or a closing quote.
    let ends_in_word = query.chars().last().is_some_and(|c| c.is_alphanumeric());
    let typing_last = ends_in_word
        && last_part_open != Syntax::Exclude
        && parts
            .last()
            .and_then(|p| p.tokens.last())
            .is_some_and(|t| t.end == query.len());
    ParsedQuery { parts, typing_last }
}

/// Byte length of the closing quote at `at` (they differ between ASCII and typographic quotes).
fn close_len(query: &str, at: usize) -> usize {
    query[at..].chars().next().map_or(1, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(q: &str) -> (Vec<(Syntax, Vec<String>)>, bool) {
        let p = parse(q, Language::from_locale("en"));
        (
            p.parts
                .into_iter()
                .map(|part| {
                    (
                        part.syntax,
                        part.tokens.into_iter().map(|t| t.term).collect(),
                    )
                })
                .collect(),
            p.typing_last,
        )
    }

    fn terms(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn plain_words() {
        assert_eq!(
            shape("reset password"),
            (vec![(Syntax::Plain, terms(&["reset", "password"]))], true)
        );
        assert_eq!(
            shape("reset "),
            (vec![(Syntax::Plain, terms(&["reset"]))], false)
        );
    }

    #[test]
    fn phrases_closed_and_open() {
        assert_eq!(
            shape("\"api key\" limits"),
            (
                vec![
                    (Syntax::Phrase, terms(&["api", "key"])),
                    (Syntax::Plain, terms(&["limit"]))
                ],
                true
            )
        );
        // An unclosed phrase is still being typed.
        assert_eq!(
            shape("\"api ke"),
            (vec![(Syntax::Phrase, terms(&["api", "ke"]))], true)
        );
        assert_eq!(
            shape("“withdrawal fee”"),
            (vec![(Syntax::Phrase, terms(&["withdraw", "fee"]))], false)
        );
    }

    #[test]
    fn exclusions_only_at_word_start() {
        assert_eq!(
            shape("deposit -fee"),
            (
                vec![
                    (Syntax::Plain, terms(&["deposit"])),
                    (Syntax::Exclude, terms(&["fee"]))
                ],
                false
            )
        );
        assert_eq!(
            shape("e-mail"),
            (vec![(Syntax::Plain, terms(&["e", "mail"]))], true)
        );
        assert_eq!(
            shape("a - b"),
            (vec![(Syntax::Plain, terms(&["a", "b"]))], true)
        );
        assert_eq!(shape("--"), (vec![], false));
    }

    #[test]
    fn offsets_are_into_the_whole_query() {
        let q = "x \"two factor\" -sms";
        let p = parse(q, Language::from_locale("en"));
        for part in &p.parts {
            for t in &part.tokens {
                assert!(q[t.start..t.end].chars().all(char::is_alphanumeric));
            }
        }
    }

    #[test]
    fn anything_parses() {
        for q in [
            "\"",
            "-",
            "\"\"",
            "-\"a\"",
            "“",
            "\"a\" \"b",
            "- -a -",
            "「充值」",
        ] {
            let _ = parse(q, Language::from_locale("en"));
        }
    }
}
