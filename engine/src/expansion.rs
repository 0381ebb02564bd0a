//! What a query word stands for in the dictionary: its expansions (the terms it matched and
//! how), the key they are remembered by across keystrokes, and the small memo that remembers
//! them. Plain data, below the reader that keeps the memo and the search that fills it.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

use crate::format::Weights;

/// How a dictionary term came to match a query word; decides its weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum MatchKind {
    Exact,
    Prefix,
    /// Within this many edits.
    Typo(u32),
}

impl MatchKind {
    pub fn weight(self, w: &Weights) -> f32 {
        match self {
            MatchKind::Exact => 1.0,
            MatchKind::Prefix => w.prefix,
            MatchKind::Typo(1) => w.typo1,
            MatchKind::Typo(_) => w.typo2,
        }
    }

    /// Which of two ways to match the same term is kept: the higher.
    pub fn rank(self) -> u8 {
        match self {
            MatchKind::Exact => 3,
            MatchKind::Prefix => 2,
            MatchKind::Typo(1) => 1,
            MatchKind::Typo(_) => 0,
        }
    }
}

/// One dictionary term a query word stands for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Expansion {
    pub term: String,
    /// Where its postings are (see `Index::lookup`).
    pub postings: u64,
    pub kind: MatchKind,
}

/// What the expansions of a word depend on: the typed word, its term, and how it may be
/// expanded.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ExpansionKey {
    pub surface: String,
    pub term: String,
    /// The token's kind (`TokenKind as u8`).
    pub kind: u8,
    pub prefix: bool,
    pub typos: bool,
    /// The query language (`Language::id`).
    pub lang: u8,
}

/// Entries a memo holds at most; it is emptied when full.
const MEMO_LIMIT: usize = 512;

/// Answers remembered across searches, emptied when full and when a split index gains a part.
pub(crate) struct Memo<K, V> {
    map: Mutex<HashMap<K, V>>,
}

impl<K: Eq + Hash, V: Clone> Memo<K, V> {
    pub fn get(&self, key: &K) -> Option<V> {
        self.map.lock().ok().and_then(|m| m.get(key).cloned())
    }

    pub fn insert(&self, key: K, value: V) {
        if let Ok(mut map) = self.map.lock() {
            if map.len() >= MEMO_LIMIT {
                map.clear();
            }
            map.insert(key, value);
        }
    }

    pub fn clear(&self) {
        if let Ok(mut map) = self.map.lock() {
            map.clear();
        }
    }
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo {
            map: Mutex::new(HashMap::new()),
        }
    }
}
