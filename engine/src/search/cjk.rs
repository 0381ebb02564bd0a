//! Planning a run of CJK bigrams: where runs end, their characters and function words, and
//! the clauses a run becomes (part of the plan phase, `plan.rs`).

use super::expand::Expander;
use super::plan::{Clause, Word};
use crate::function_words::cjk_function_chars;
use crate::tokenizer::{fold, Token, TokenKind};

/// A CJK run of at least this many characters (function words included) is a question or a
/// long phrase rather than a keyword: any of its bigrams matches (see [`Clause::contiguous`]).
/// In shorter runs, each topic between function words is a keyword and needs most of its
/// bigrams.
const SOFT_RUN_CHARS: usize = 5;

/// Plans one run of CJK bigrams: its function words ("如何", "には", a Korean ending) are
/// left out, which splits it into the topics between them. A topic of two to four
/// characters is a keyword and needs most of its bigrams; a longer one any of them,
/// ranked by how many, how rare and how contiguous ([`Clause::contiguous`]); a single
/// character ranks by its completions without being required.
pub(super) fn plan_run(
    ex: &mut Expander,
    query: &str,
    run: &[Token],
    typing: Option<usize>,
    all_stop: bool,
) -> Vec<Clause> {
    let marks = run_function_chars(query, run);
    let expand = |ex: &mut Expander, j: usize| ex.expand(query, &run[j], typing == Some(j), false);
    if marks.iter().all(|&f| f) {
        // Only function words: a question word, or what is searched for when the query
        // holds nothing else.
        let words: Vec<Word> = (0..run.len()).map(|j| expand(ex, j)).collect();
        return vec![Clause {
            stop: !all_stop,
            function_word: !all_stop,
            min_words: words.len().div_ceil(2).max(1),
            cjk: true,
            ..Clause::new(vec![words])
        }];
    }
    // The topics between the function words: (first character, end).
    let mut segments: Vec<(usize, usize)> = Vec::new();
    let mut a = 0;
    while a < marks.len() {
        if marks[a] {
            a += 1;
            continue;
        }
        let b = (a..marks.len()).find(|&k| marks[k]).unwrap_or(marks.len());
        segments.push((a, b));
        a = b;
    }
    let single =
        |ex: &mut Expander, a: usize| ex.expand(query, &run_char(query, run, a), false, false);
    if marks.len() >= SOFT_RUN_CHARS {
        // A question or a long phrase: one clause of every topic's bigrams (and single
        // characters), of which any will do.
        let mut words: Vec<Word> = Vec::new();
        let mut links = 0u64;
        for &(a, b) in &segments {
            if b - a == 1 {
                words.push(single(ex, a));
                continue;
            }
            // Bigram k spans characters k and k + 1.
            for k in a..b - 1 {
                if k > a && words.len() < 64 {
                    links |= 1 << (words.len() - 1);
                }
                words.push(expand(ex, k));
            }
        }
        // Single characters alone ("應該怎麼做" leaves "做") rank but are not required, as in
        // a short run: a document sharing one character with the question's tail is no
        // closer to the answer than one with the topic of another of its clauses.
        let only_singles = segments.iter().all(|&(a, b)| b - a == 1);
        return vec![Clause {
            min_words: 1,
            optional: only_singles,
            cjk: true,
            contiguous: true,
            links,
            ..Clause::new(vec![words])
        }];
    }
    let mut clauses = Vec::new();
    for (a, b) in segments {
        if b - a == 1 {
            clauses.push(Clause {
                optional: true,
                ..Clause::new(vec![vec![single(ex, a)]])
            });
        } else {
            // A keyword: most of its bigrams.
            let words: Vec<Word> = (a..b - 1).map(|k| expand(ex, k)).collect();
            clauses.push(Clause {
                min_words: words.len().div_ceil(2).max(1),
                cjk: true,
                links: consecutive(words.len()),
                ..Clause::new(vec![words])
            });
        }
    }
    clauses
}

/// The query's units in order: each run of CJK bigrams as one range, every other token alone.
pub(super) fn cjk_runs(tokens: &[Token]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let a = i;
        let t = tokens.get(a)?;
        i = if t.kind == TokenKind::CjkBigram {
            cjk_run_end(tokens, a)
        } else {
            a + 1
        };
        Some((a, i))
    })
}

/// Links between each word and the next, for `n` consecutive bigrams.
fn consecutive(n: usize) -> u64 {
    match n {
        0 | 1 => 0,
        n if n > 64 => u64::MAX >> 1,
        n => (1u64 << (n - 1)) - 1,
    }
}

/// Where the run of CJK bigrams starting at `start` ends: the bigrams of one run overlap by a
/// character; those of the next run (after a space, say "자동 고침") do not.
pub(super) fn cjk_run_end(tokens: &[Token], start: usize) -> usize {
    (start + 1..tokens.len())
        .find(|&j| tokens[j].kind != TokenKind::CjkBigram || tokens[j].start >= tokens[j - 1].end)
        .unwrap_or(tokens.len())
}

/// The characters of a run of CJK bigrams (each bigram's first, and the last bigram's second).
fn run_chars(query: &str, run: &[Token]) -> Vec<char> {
    let mut chars: Vec<char> = run
        .iter()
        .filter_map(|t| query[t.start..t.end].chars().next())
        .collect();
    if let Some(last) = run
        .last()
        .and_then(|t| query[t.start..t.end].chars().next_back())
    {
        chars.push(last);
    }
    chars
}

/// For each character of a run of CJK bigrams, whether it belongs to a function word.
pub(super) fn run_function_chars(query: &str, run: &[Token]) -> Vec<bool> {
    cjk_function_chars(&run_chars(query, run))
}

/// Character `k` of a run of CJK bigrams as a token of its own.
fn run_char(query: &str, run: &[Token], k: usize) -> Token {
    let (start, c) = match run.get(k) {
        Some(t) => (t.start, query[t.start..t.end].chars().next().unwrap_or(' ')),
        None => {
            let end = run.last().map_or(0, |t| t.end);
            let c = query[..end].chars().next_back().unwrap_or(' ');
            (end - c.len_utf8(), c)
        }
    };
    Token {
        term: fold(&c.to_string()),
        start,
        end: start + c.len_utf8(),
        kind: TokenKind::CjkUnigram,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenizer::{tokenize, Language};

    #[test]
    fn runs_end_where_bigrams_stop_overlapping() {
        let query = "자동 고침 abc";
        let tokens = tokenize(query, Language::from_locale("ko"));
        let runs: Vec<(usize, usize)> = cjk_runs(&tokens).collect();
        // "자동" and "고침" are runs of their own (each a bigram and its last character).
        assert!(runs.len() >= 3);
        let (a, b) = runs[0];
        assert_eq!(run_chars(query, &tokens[a..b]), ['자', '동']);
    }

    #[test]
    fn neighbouring_bigrams_are_linked() {
        assert_eq!(consecutive(1), 0);
        assert_eq!(consecutive(3), 0b11);
        assert_eq!(consecutive(100), u64::MAX >> 1);
    }

    #[test]
    fn a_character_of_a_run_is_a_token() {
        let query = "密码";
        let tokens = tokenize(query, Language::from_locale("zh-CN"));
        let run = &tokens[..cjk_run_end(&tokens, 0)];
        let last = run_char(query, run, 1);
        assert_eq!(
            (last.start, last.end, last.kind),
            (3, 6, TokenKind::CjkUnigram)
        );
        assert_eq!(last.term, "码");
    }
}
