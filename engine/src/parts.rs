//! The split layout (format version 3): a large index is written as a small main file plus
//! part files that a reader fetches only when a query needs them. This module owns the parts
//! table (which part holds which terms or documents), the part files' own envelope checks, and
//! the record of parts a search wanted but did not have.
//!
//! Three kinds of part (FORMAT.md, "Split indexes"):
//! - term chunks: a range of the term dictionary, its surface words and their postings;
//! - title fragments: id, title, url and section of a run of documents;
//! - body fragments: the (shortened) body text of a run of documents.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use fst::{Map, Set};

use crate::codec::{put_str, put_varint, Cursor};
use crate::error::FormatError;
use crate::format::SectionKind;

/// What a part holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    Terms,
    Titles,
    Bodies,
}

impl PartKind {
    pub fn name(self) -> &'static str {
        match self {
            PartKind::Terms => "terms",
            PartKind::Titles => "titles",
            PartKind::Bodies => "bodies",
        }
    }
}

impl PartKind {
    /// The letter that marks the kind in part file names.
    fn letter(self) -> char {
        match self {
            PartKind::Terms => 't',
            PartKind::Titles => 'h',
            PartKind::Bodies => 'b',
        }
    }
}

/// One part file.
#[derive(Debug, Clone)]
pub struct PartInfo {
    pub kind: PartKind,
    /// The file name, relative to the main file: the index's part prefix, the kind's letter,
    /// the part's number and `.bin` ("en.3f9a2c1b7d.t12.bin").
    pub file: String,
}

/// The file name of part `n` of `kind`, for the parts' shared `prefix`.
pub fn part_file_name(prefix: &str, kind: PartKind, n: usize) -> String {
    format!("{prefix}{}{n}.bin", kind.letter())
}

/// A loaded term chunk.
pub(crate) struct TermChunk {
    pub terms: Map<Vec<u8>>,
    pub words: Set<Vec<u8>>,
    pub postings: Vec<u8>,
}

/// A loaded title or body fragment: its records, found by offsets from the document table.
pub(crate) struct Fragment {
    pub text: Vec<u8>,
}

/// The parts table of a split index, and what has been loaded of it.
pub(crate) struct Parts {
    pub info: Vec<PartInfo>,
    /// Lower bound of each term chunk's key range (the first chunk's is empty).
    pub chunk_keys: Vec<Vec<u8>>,
    /// First document of each title fragment and of each body fragment.
    pub title_starts: Vec<u32>,
    pub body_starts: Vec<u32>,
    pub chunks: Vec<OnceLock<TermChunk>>,
    pub titles: Vec<OnceLock<Fragment>>,
    pub bodies: Vec<OnceLock<Fragment>>,
    /// Parts a lookup needed and did not find loaded, since the last [`Parts::take_missing`].
    missing: Mutex<BTreeSet<usize>>,
    /// Every miss ever noted, so a computation can tell whether it met one.
    misses: AtomicUsize,
    /// An identifier of the build, which every part repeats.
    build: u32,
}

impl Parts {
    /// Reads the parts table section.
    pub fn decode(bytes: &[u8], doc_count: usize) -> Result<Parts, FormatError> {
        let mut c = Cursor::new(bytes, "parts table");
        let build = c.u32_le()?;
        let prefix = c.str()?;
        if prefix.contains(['/', '\\']) || prefix.starts_with('.') {
            return Err(FormatError::corrupt("the parts have an unsafe file name"));
        }
        let mut info = Vec::new();
        let mut chunk_keys: Vec<Vec<u8>> = Vec::new();
        let mut starts: [Vec<u32>; 2] = [Vec::new(), Vec::new()];
        let chunk_count = c.varint()? as usize;
        if chunk_count == 0 || chunk_count > bytes.len() {
            return Err(FormatError::corrupt("the parts table lists no term chunks"));
        }
        for i in 0..chunk_count {
            let key = c.str()?.as_bytes().to_vec();
            if i == 0 && !key.is_empty() || i > 0 && chunk_keys.last().is_some_and(|k| *k >= key) {
                return Err(FormatError::corrupt("term chunks are out of order"));
            }
            chunk_keys.push(key);
            info.push(PartInfo {
                kind: PartKind::Terms,
                file: part_file_name(prefix, PartKind::Terms, i),
            });
        }
        for (kind, starts) in [PartKind::Titles, PartKind::Bodies]
            .into_iter()
            .zip(&mut starts)
        {
            let n = c.varint()? as usize;
            if n == 0 || n > bytes.len() {
                return Err(FormatError::corrupt(
                    "the parts table lists no text fragments",
                ));
            }
            // Each fragment's first document, as the step from the previous fragment's.
            let mut first = 0u64;
            for i in 0..n {
                let step = c.varint()?;
                if i > 0 && step == 0 {
                    return Err(FormatError::corrupt("text fragments are out of order"));
                }
                first += step;
                if first >= doc_count.max(1) as u64 {
                    return Err(FormatError::corrupt(
                        "a text fragment starts past the last document",
                    ));
                }
                starts.push(first as u32);
                info.push(PartInfo {
                    kind,
                    file: part_file_name(prefix, kind, i),
                });
            }
        }
        let [title_starts, body_starts] = starts;
        Ok(Parts {
            chunks: (0..chunk_count).map(|_| OnceLock::new()).collect(),
            titles: (0..title_starts.len()).map(|_| OnceLock::new()).collect(),
            bodies: (0..body_starts.len()).map(|_| OnceLock::new()).collect(),
            info,
            chunk_keys,
            title_starts,
            body_starts,
            missing: Mutex::new(BTreeSet::new()),
            misses: AtomicUsize::new(0),
            build,
        })
    }

    /// The part id of title fragment `i` and body fragment `i`.
    pub fn title_part(&self, i: usize) -> usize {
        self.chunks.len() + i
    }
    pub fn body_part(&self, i: usize) -> usize {
        self.chunks.len() + self.titles.len() + i
    }

    /// The term chunk whose key range holds `key`.
    pub fn chunk_of(&self, key: &[u8]) -> usize {
        self.chunk_keys
            .partition_point(|k| k.as_slice() <= key)
            .saturating_sub(1)
    }

    /// The term chunks whose key ranges meet `[lo, hi)` (`hi` empty: no upper bound).
    pub fn chunks_between(&self, lo: &[u8], hi: &[u8]) -> Range<usize> {
        let first = self.chunk_of(lo);
        let end = if hi.is_empty() {
            self.chunk_keys.len()
        } else {
            self.chunk_keys
                .partition_point(|k| k.as_slice() < hi)
                .max(first + 1)
        };
        first..end
    }

    /// The fragment holding document `doc`, given the first documents of each fragment.
    pub fn fragment_of(starts: &[u32], doc: u32) -> usize {
        starts.partition_point(|&s| s <= doc).saturating_sub(1)
    }

    /// Whether the title fragment holding document `ordinal` is loaded.
    pub fn title_loaded(&self, ordinal: u32) -> bool {
        self.titles[Self::fragment_of(&self.title_starts, ordinal)]
            .get()
            .is_some()
    }

    /// Whether the body fragment holding document `ordinal` is loaded.
    pub fn body_loaded(&self, ordinal: u32) -> bool {
        self.bodies[Self::fragment_of(&self.body_starts, ordinal)]
            .get()
            .is_some()
    }

    pub fn note_missing(&self, part: usize) {
        self.misses.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut missing) = self.missing.lock() {
            missing.insert(part);
        }
    }

    /// How many misses were ever noted (to tell whether a computation met one).
    pub fn missing_count(&self) -> usize {
        self.misses.load(Ordering::Relaxed)
    }

    /// The parts noted missing since the last call, in id order, leaving none noted.
    pub fn take_missing(&self) -> Vec<usize> {
        self.missing
            .lock()
            .map(|mut m| std::mem::take(&mut *m).into_iter().collect())
            .unwrap_or_default()
    }

    pub fn is_loaded(&self, part: usize) -> bool {
        let (c, t) = (self.chunks.len(), self.titles.len());
        if part < c {
            self.chunks[part].get().is_some()
        } else if part < c + t {
            self.titles[part - c].get().is_some()
        } else {
            self.bodies
                .get(part - c - t)
                .is_some_and(|b| b.get().is_some())
        }
    }

    /// Verifies and keeps the bytes of part `part`. Adding a part twice is harmless.
    pub fn add(&self, part: usize, bytes: Vec<u8>) -> Result<(), FormatError> {
        let info = self
            .info
            .get(part)
            .ok_or_else(|| FormatError::corrupt(format!("there is no part {part}")))?;
        let (_, sections) = crate::index::check_envelope(&bytes)?;
        // The part's first section says which part it is, so a file put in the wrong place
        // (or a part of another build) is refused rather than searched.
        let (id_kind, id_range) = sections
            .first()
            .ok_or_else(|| FormatError::corrupt(format!("{} is empty", info.file)))?;
        let mut id = Cursor::new(&bytes[id_range.clone()], "part identity");
        let (number, build) = (id.varint()?, id.u32_le()?);
        if *id_kind != SectionKind::PartId as u32 || number != part as u64 || build != self.build {
            return Err(FormatError::corrupt(format!(
                "{} is not the part this index was built with (a stale copy?)",
                info.file
            )));
        }
        let find = |kind: SectionKind| -> Result<Range<usize>, FormatError> {
            sections
                .iter()
                .find(|(k, _)| *k == kind as u32)
                .map(|(_, r)| r.clone())
                .ok_or(FormatError::MissingSection {
                    section: kind.name(),
                })
        };
        let (c, t) = (self.chunks.len(), self.titles.len());
        if part < c {
            let terms = Map::new(bytes[find(SectionKind::Terms)?].to_vec())
                .map_err(|e| FormatError::corrupt(format!("term chunk {part}: {e}")))?;
            let words = Set::new(bytes[find(SectionKind::Words)?].to_vec())
                .map_err(|e| FormatError::corrupt(format!("term chunk {part}: {e}")))?;
            let what = format!("term chunk {part}");
            crate::index::check_fst(terms.as_fst().as_bytes(), &what)?;
            crate::index::check_fst(words.as_fst().as_bytes(), &what)?;
            let postings = bytes[find(SectionKind::Postings)?].to_vec();
            let _ = self.chunks[part].set(TermChunk {
                terms,
                words,
                postings,
            });
        } else {
            let text = bytes[find(SectionKind::Text)?].to_vec();
            let slot = if part < c + t {
                &self.titles[part - c]
            } else {
                &self.bodies[part - c - t]
            };
            let _ = slot.set(Fragment { text });
        }
        Ok(())
    }
}

/// Writes the parts table section (the inverse of [`Parts::decode`]).
pub(crate) fn encode_table(
    build: u32,
    prefix: &str,
    chunk_keys: &[Vec<u8>],
    title_starts: &[u32],
    body_starts: &[u32],
) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&build.to_le_bytes());
    put_str(&mut out, prefix);
    put_varint(&mut out, chunk_keys.len() as u64);
    for key in chunk_keys {
        put_str(&mut out, std::str::from_utf8(key).expect("terms are UTF-8"));
    }
    for starts in [title_starts, body_starts] {
        put_varint(&mut out, starts.len() as u64);
        let mut previous = 0;
        for &first in starts {
            put_varint(&mut out, u64::from(first - previous));
            previous = first;
        }
    }
    out
}
