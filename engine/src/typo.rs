//! Typo tolerance: an automaton accepting every term within `max` edits (insertions, deletions,
//! substitutions of characters, and swaps of two neighbouring characters, the commonest slip
//! on a keyboard: "chnage") of a word, for searching the fst dictionaries.
//!
//! fst's own `Levenshtein` builds the whole DFA before the search starts. Measured on the
//! helpcenter-en dictionary (14k terms), that construction alone made a two-edit query cost
//! 23-39 ms natively ("spredsheet", "authenticaton"), far over a keystroke's budget. Here the
//! automaton is simulated lazily instead: a state is one row of the edit-distance table, computed
//! only for the dictionary paths the fst actually walks, which brings those queries down to
//! about a millisecond. Distances count characters, not bytes, so a Cyrillic or Greek typo
//! costs one edit like a Latin one.

use fst::Automaton;

#[derive(Clone, Debug)]
pub struct Typo {
    word: Vec<char>,
    max: u8,
}

/// Longest word the automaton takes; longer ones are cut (nobody misspells past this).
pub const MAX_WORD_CHARS: usize = 31;
/// Cells in a row: one per prefix of the word, the empty one included.
const ROW: usize = MAX_WORD_CHARS + 1;

impl Typo {
    pub fn new(word: &str, max: u8) -> Typo {
        Typo {
            word: word.chars().take(MAX_WORD_CHARS).collect(),
            max,
        }
    }
}

/// A live state: the edit-distance row after the characters read so far, plus the bytes of a
/// character whose UTF-8 encoding has not finished arriving. Rows are fixed arrays, so the fst
/// walk copies states instead of allocating one per byte (allocation was most of its time).
#[derive(Clone, Debug)]
pub struct TypoState {
    row: [u8; ROW],
    /// The row before `row` (empty before the first character) and the character read
    /// between them, for swaps.
    prev_row: [u8; ROW],
    has_prev: bool,
    last: char,
    pending: [u8; 4],
    pending_len: u8,
}

impl Automaton for Typo {
    /// `None` is the dead state: no continuation can come within `max` edits.
    type State = Option<TypoState>;

    fn start(&self) -> Self::State {
        let mut row = [u8::MAX; ROW];
        for (i, cell) in row.iter_mut().enumerate().take(self.word.len() + 1) {
            *cell = i as u8;
        }
        Some(TypoState {
            prev_row: [u8::MAX; ROW],
            has_prev: false,
            last: '\0',
            row,
            pending: [0; 4],
            pending_len: 0,
        })
    }

    fn is_match(&self, state: &Self::State) -> bool {
        state
            .as_ref()
            .is_some_and(|s| s.pending_len == 0 && s.row[self.word.len()] <= self.max)
    }

    fn can_match(&self, state: &Self::State) -> bool {
        state.is_some()
    }

    fn accept(&self, state: &Self::State, byte: u8) -> Self::State {
        let s = state.as_ref()?;
        let mut pending = s.pending;
        let len = s.pending_len as usize;
        pending[len] = byte;
        let len = len + 1;
        let needed = match pending[0] {
            0x00..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf7 => 4,
            _ => return None,
        };
        if len < needed {
            return Some(TypoState {
                row: s.row,
                prev_row: s.prev_row,
                has_prev: s.has_prev,
                last: s.last,
                pending,
                pending_len: len as u8,
            });
        }
        let c = std::str::from_utf8(&pending[..len]).ok()?.chars().next()?;
        // Two typos are only looked for in words whose first letter is right (or swapped with
        // the second): a misspelt start is rare, and this cuts the dictionary walk by an order
        // of magnitude.
        if !s.has_prev && self.max >= 2 && !self.word.iter().take(2).any(|&w| w == c) {
            return None;
        }
        let n = self.word.len();
        let mut row = [u8::MAX; ROW];
        row[0] = s.row[0].saturating_add(1);
        for (j, &w) in self.word.iter().enumerate() {
            let substitute = s.row[j].saturating_add(u8::from(w != c));
            let delete = s.row[j + 1].saturating_add(1);
            let insert = row[j].saturating_add(1);
            let mut best = substitute.min(delete).min(insert);
            // Swap: the term reads "…{last}{c}…" where the word has "…{c}{last}…".
            if j >= 1 && s.has_prev && c == self.word[j - 1] && s.last == w && c != w {
                best = best.min(s.prev_row[j - 1].saturating_add(1));
            }
            row[j + 1] = best;
        }
        // Dead once no cell of this row, nor a swap reaching back to the previous one, can
        // stay within `max`.
        let row_min = row[..=n].iter().copied().min().unwrap_or(u8::MAX);
        let prev_min = s.row[..=n].iter().copied().min().unwrap_or(u8::MAX);
        if row_min > self.max && prev_min.saturating_add(1) > self.max {
            return None;
        }
        Some(TypoState {
            prev_row: s.row,
            has_prev: true,
            last: c,
            row,
            pending: [0; 4],
            pending_len: 0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::{IntoStreamer, Set, Streamer};

    fn matches(words: &[&str], query: &str, max: u8) -> Vec<String> {
        let mut sorted = words.to_vec();
        sorted.sort();
        let set = Set::from_iter(sorted).unwrap();
        let mut stream = set.search(Typo::new(query, max)).into_stream();
        let mut out = Vec::new();
        while let Some(k) = stream.next() {
            out.push(String::from_utf8(k.to_vec()).unwrap());
        }
        out
    }

    #[test]
    fn finds_words_within_the_distance() {
        let words = [
            "spreadsheet",
            "spreadsheets",
            "sheet",
            "spread",
            "password",
            "passport",
        ];
        assert_eq!(matches(&words, "spredsheet", 1), ["spreadsheet"]);
        assert_eq!(
            matches(&words, "spredsheet", 2),
            ["spreadsheet", "spreadsheets"]
        );
        assert_eq!(matches(&words, "pasword", 1), ["password"]);
        assert_eq!(matches(&words, "pasword", 3), ["passport", "password"]);
        // Beyond one typo, the first letter must be right (or swapped with the second).
        assert!(matches(&words, "xpredsheet", 2).is_empty());
        assert_eq!(matches(&words, "psredsheet", 2), ["spreadsheet"]);
    }

    #[test]
    fn a_swap_of_neighbours_is_one_edit() {
        let words = ["change", "charge", "chance", "network"];
        assert_eq!(matches(&words, "chnage", 1), ["change"]);
        assert_eq!(matches(&words, "netwrok", 1), ["network"]);
        assert!(matches(&words, "hcnage", 1).is_empty());
        assert_eq!(matches(&words, "hcnage", 2), ["change"]);
    }

    #[test]
    fn counts_characters_not_bytes() {
        let words = ["пароль", "париж", "café"];
        assert_eq!(matches(&words, "пороль", 1), ["пароль"]);
        assert_eq!(matches(&words, "cafe", 1), ["café"]);
    }

    #[test]
    fn agrees_with_fst_levenshtein() {
        let words: Vec<String> = [
            "a",
            "ab",
            "abc",
            "abd",
            "bcd",
            "withdraw",
            "withdrawal",
            "withdrew",
            "wallet",
            "walled",
            "ballet",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut sorted = words.clone();
        sorted.sort();
        let set = Set::from_iter(&sorted).unwrap();
        for q in ["ab", "withdrawl", "walet", "x", "abcd"] {
            for d in 1..=2u8 {
                let lev = fst::automaton::Levenshtein::new(q, u32::from(d)).unwrap();
                let mut a = Vec::new();
                let mut s = set.search(&lev).into_stream();
                while let Some(k) = s.next() {
                    // Beyond one edit, ours also wants the first letter right (or swapped).
                    let first = String::from_utf8(k.to_vec()).unwrap().chars().next();
                    if d == 1 || first.is_some_and(|c| q.chars().take(2).any(|w| w == c)) {
                        a.push(k.to_vec());
                    }
                }
                let b: Vec<Vec<u8>> =
                    matches(&sorted.iter().map(|s| s.as_str()).collect::<Vec<_>>(), q, d)
                        .into_iter()
                        .map(String::into_bytes)
                        .collect();
                assert_eq!(a, b, "{q} within {d}");
            }
        }
    }
}
