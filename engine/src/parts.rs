//! The split layout (format version 4; 3 before): a large index is written as a small main
//! file plus part files that a reader fetches only when a query needs them. This module owns
//! the parts table (which part holds which terms or documents) and its bytes, the part files'
//! names, which parts are loaded, the checks a part passes when it is added, and [`Missing`],
//! the record one search keeps of the parts it needed and did not have.
//!
//! Three kinds of part (FORMAT.md, "Split indexes"):
//! - term chunks: a range of the term dictionary, its surface words and their postings;
//! - title fragments: id, title, url, section and publication date of a run of documents;
//! - body fragments: the (shortened) body text of a run of documents.

use std::ops::Range;
use std::sync::OnceLock;

use fst::{Map, Set};

use crate::codec::{put_str, put_varint, Cursor};
use crate::envelope::{check_fst, Envelope};
use crate::error::FormatError;
use crate::format::SectionKind;
use crate::headings::HeadingTable;

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

/// The term chunk whose key range holds `key`, given each chunk's first key.
pub(crate) fn chunk_of(chunk_keys: &[Vec<u8>], key: &[u8]) -> usize {
    chunk_keys
        .partition_point(|k| k.as_slice() <= key)
        .saturating_sub(1)
}

/// The fragment holding document `doc`, given the first document of each fragment.
fn fragment_of(starts: &[u32], doc: u32) -> usize {
    starts.partition_point(|&s| s <= doc).saturating_sub(1)
}

/// The parts table section (FORMAT.md, "8 · parts table"), as the writer makes it and the
/// reader finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PartsTable {
    /// An identifier of the build, which every part repeats.
    pub build: u32,
    /// What every part file's name starts with.
    pub prefix: String,
    /// Lower bound of each term chunk's key range (the first chunk's is empty).
    pub chunk_keys: Vec<Vec<u8>>,
    /// First document of each title fragment and of each body fragment.
    pub title_starts: Vec<u32>,
    pub body_starts: Vec<u32>,
}

impl PartsTable {
    /// The section's bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&self.build.to_le_bytes());
        put_str(&mut out, &self.prefix);
        put_varint(&mut out, self.chunk_keys.len() as u64);
        for key in &self.chunk_keys {
            put_str(&mut out, std::str::from_utf8(key).expect("terms are UTF-8"));
        }
        for starts in [&self.title_starts, &self.body_starts] {
            put_varint(&mut out, starts.len() as u64);
            let mut previous = 0;
            for &first in starts {
                put_varint(&mut out, u64::from(first - previous));
                previous = first;
            }
        }
        out
    }

    /// Reads the section of an index of `doc_count` documents.
    pub fn decode(bytes: &[u8], doc_count: usize) -> Result<PartsTable, FormatError> {
        let mut c = Cursor::new(bytes, "parts table");
        let build = c.u32_le()?;
        let prefix = c.str()?;
        if prefix.contains(['/', '\\']) || prefix.starts_with('.') {
            return Err(FormatError::corrupt("the parts have an unsafe file name"));
        }
        let chunk_count = c.varint()? as usize;
        if chunk_count == 0 || chunk_count > bytes.len() {
            return Err(FormatError::corrupt("the parts table lists no term chunks"));
        }
        let mut chunk_keys: Vec<Vec<u8>> = Vec::new();
        for i in 0..chunk_count {
            let key = c.str()?.as_bytes().to_vec();
            if i == 0 && !key.is_empty() || i > 0 && chunk_keys.last().is_some_and(|k| *k >= key) {
                return Err(FormatError::corrupt("term chunks are out of order"));
            }
            chunk_keys.push(key);
        }
        let mut starts: [Vec<u32>; 2] = [Vec::new(), Vec::new()];
        for starts in &mut starts {
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
            }
        }
        let [title_starts, body_starts] = starts;
        Ok(PartsTable {
            build,
            prefix: prefix.to_string(),
            chunk_keys,
            title_starts,
            body_starts,
        })
    }

    /// Every part, by part id: term chunks, then title fragments, then body fragments.
    pub fn infos(&self) -> Vec<PartInfo> {
        let mut infos = Vec::new();
        for (kind, n) in [
            (PartKind::Terms, self.chunk_keys.len()),
            (PartKind::Titles, self.title_starts.len()),
            (PartKind::Bodies, self.body_starts.len()),
        ] {
            for i in 0..n {
                let file = part_file_name(&self.prefix, kind, i);
                infos.push(PartInfo { kind, file });
            }
        }
        infos
    }
}

/// A loaded term chunk.
pub(crate) struct TermChunk {
    pub terms: Map<Vec<u8>>,
    pub words: Set<Vec<u8>>,
    pub postings: Vec<u8>,
}

/// A loaded title or body fragment: its records, one after the other, and for a body
/// fragment the headings of its articles that have them.
pub(crate) struct Fragment {
    pub text: Vec<u8>,
    pub headings: Vec<u8>,
    pub heading_table: HeadingTable,
}

/// The parts of a split index, and what has been loaded of them. Parts are only ever added,
/// never dropped, so whatever a search found loaded stays loaded.
pub(crate) struct Parts {
    pub table: PartsTable,
    pub info: Vec<PartInfo>,
    pub chunks: Vec<OnceLock<TermChunk>>,
    pub titles: Vec<OnceLock<Fragment>>,
    pub bodies: Vec<OnceLock<Fragment>>,
    doc_count: u32,
}

impl Parts {
    /// Reads the parts table section; nothing is loaded yet.
    pub fn decode(bytes: &[u8], doc_count: usize) -> Result<Parts, FormatError> {
        let table = PartsTable::decode(bytes, doc_count)?;
        Ok(Parts {
            info: table.infos(),
            chunks: empty_slots(table.chunk_keys.len()),
            titles: empty_slots(table.title_starts.len()),
            bodies: empty_slots(table.body_starts.len()),
            table,
            doc_count: doc_count as u32,
        })
    }

    /// The term chunk whose key range holds `key`.
    pub fn chunk_of(&self, key: &[u8]) -> usize {
        chunk_of(&self.table.chunk_keys, key)
    }

    /// The term chunks whose key ranges meet `[lo, hi)` (`hi` empty: no upper bound).
    pub fn chunks_between(&self, lo: &[u8], hi: &[u8]) -> Range<usize> {
        let keys = &self.table.chunk_keys;
        let first = chunk_of(keys, lo);
        let end = if hi.is_empty() {
            keys.len()
        } else {
            keys.partition_point(|k| k.as_slice() < hi).max(first + 1)
        };
        first..end
    }

    /// The title fragment holding document `doc`, and the fragment's first document.
    pub fn title_fragment(&self, doc: u32) -> (usize, u32) {
        let i = fragment_of(&self.table.title_starts, doc);
        (i, self.table.title_starts[i])
    }

    /// The body fragment holding document `doc`, and the fragment's first document.
    pub fn body_fragment(&self, doc: u32) -> (usize, u32) {
        let i = fragment_of(&self.table.body_starts, doc);
        (i, self.table.body_starts[i])
    }

    /// The part id of the title fragment and of the body fragment that hold document `doc`.
    pub fn text_parts(&self, doc: u32) -> [usize; 2] {
        [
            self.title_part(self.title_fragment(doc).0),
            self.body_part(self.body_fragment(doc).0),
        ]
    }

    /// The part id of title fragment `i` and of body fragment `i`.
    pub fn title_part(&self, i: usize) -> usize {
        self.chunks.len() + i
    }
    pub fn body_part(&self, i: usize) -> usize {
        self.chunks.len() + self.titles.len() + i
    }

    /// Whether the title fragment holding document `ordinal` is loaded.
    pub fn title_loaded(&self, ordinal: u32) -> bool {
        self.titles[self.title_fragment(ordinal).0].get().is_some()
    }

    /// Whether the body fragment holding document `ordinal` is loaded.
    pub fn body_loaded(&self, ordinal: u32) -> bool {
        self.bodies[self.body_fragment(ordinal).0].get().is_some()
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
        let envelope = Envelope::check(&bytes)?;
        // The part's first section says which part it is, so a file put in the wrong place
        // (or a part of another build) is refused rather than searched.
        let identity = envelope
            .sections
            .first()
            .ok_or_else(|| FormatError::corrupt(format!("{} is empty", info.file)))?;
        let mut id = Cursor::new(&bytes[identity.range.clone()], "part identity");
        let (number, build) = (id.varint()?, id.u32_le()?);
        if identity.kind != SectionKind::PartId as u32
            || number != part as u64
            || build != self.table.build
        {
            return Err(FormatError::corrupt(format!(
                "{} is not the part this index was built with (a stale copy?)",
                info.file
            )));
        }
        let (c, t) = (self.chunks.len(), self.titles.len());
        if part < c {
            let terms = Map::new(bytes[envelope.require(SectionKind::Terms)?].to_vec())
                .map_err(|e| FormatError::corrupt(format!("term chunk {part}: {e}")))?;
            let words = Set::new(bytes[envelope.require(SectionKind::Words)?].to_vec())
                .map_err(|e| FormatError::corrupt(format!("term chunk {part}: {e}")))?;
            let what = format!("term chunk {part}");
            check_fst(terms.as_fst().as_bytes(), &what)?;
            check_fst(words.as_fst().as_bytes(), &what)?;
            let postings = bytes[envelope.require(SectionKind::Postings)?].to_vec();
            let _ = self.chunks[part].set(TermChunk {
                terms,
                words,
                postings,
            });
        } else {
            let text = bytes[envelope.require(SectionKind::Text)?].to_vec();
            let (slot, headings) = if part < c + t {
                (&self.titles[part - c], None)
            } else {
                let i = part - c - t;
                let docs = self.table.body_starts[i]
                    ..self
                        .table
                        .body_starts
                        .get(i + 1)
                        .copied()
                        .unwrap_or(self.doc_count);
                (
                    &self.bodies[i],
                    envelope.find(SectionKind::Headings).map(|r| (r, docs)),
                )
            };
            let (headings, heading_table) = match headings {
                Some((range, docs)) => {
                    let bytes = bytes[range].to_vec();
                    let table = HeadingTable::decode(&bytes, docs)?;
                    (bytes, table)
                }
                None => (Vec::new(), HeadingTable::default()),
            };
            let _ = slot.set(Fragment {
                text,
                headings,
                heading_table,
            });
        }
        Ok(())
    }
}

/// `n` parts not loaded yet.
fn empty_slots<T>(n: usize) -> Vec<OnceLock<T>> {
    (0..n).map(|_| OnceLock::new()).collect()
}

/// What one search of a split index needed and did not find loaded: the parts to fetch
/// before searching again. It belongs to the search, which passes it to every lookup.
#[derive(Debug, Default)]
pub(crate) struct Missing {
    /// In id order, each once (a search misses a handful at most).
    parts: Vec<usize>,
    /// How often a lookup met a missing part (a part met twice counts twice), so a
    /// computation can tell whether it met one and is incomplete.
    met: usize,
}

impl Missing {
    // Kept out of line: many lookups may note a miss, and few do (only a split index while
    // its parts arrive).
    #[cold]
    #[inline(never)]
    pub fn note(&mut self, part: usize) {
        self.met += 1;
        if let Err(at) = self.parts.binary_search(&part) {
            self.parts.insert(at, part);
        }
    }

    /// How often a missing part was met so far: a computation during which this grew saw an
    /// incomplete dictionary or text.
    pub fn met(&self) -> usize {
        self.met
    }

    /// The parts noted, in id order.
    pub fn parts(&self) -> impl Iterator<Item = usize> + '_ {
        self.parts.iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> PartsTable {
        PartsTable {
            build: 7,
            prefix: "en.0123456789.".into(),
            chunk_keys: vec![Vec::new(), b"f".to_vec(), b"p".to_vec()],
            title_starts: vec![0, 4, 9],
            body_starts: vec![0, 2],
        }
    }

    #[test]
    fn the_table_reads_back_and_names_every_part() {
        let table = table();
        assert_eq!(PartsTable::decode(&table.encode(), 10).unwrap(), table);
        let files: Vec<String> = table.infos().into_iter().map(|p| p.file).collect();
        assert_eq!(files[0], "en.0123456789.t0.bin");
        assert_eq!(files[3], "en.0123456789.h0.bin");
        assert_eq!(files[7], "en.0123456789.b1.bin");
        assert_eq!(files.len(), 8);
        // A fragment starting past the last document.
        assert!(PartsTable::decode(&table.encode(), 9).is_err());
    }

    #[test]
    fn keys_and_documents_find_their_parts() {
        let parts = Parts::decode(&table().encode(), 10).unwrap();
        assert_eq!(parts.chunk_of(b"apple"), 0);
        assert_eq!(parts.chunk_of(b"f"), 1);
        assert_eq!(parts.chunk_of(b"zebra"), 2);
        assert_eq!(parts.chunks_between(b"e", b"g"), 0..2);
        assert_eq!(parts.chunks_between(b"q", b""), 2..3);
        assert_eq!(parts.text_parts(0), [3, 6]);
        assert_eq!(parts.text_parts(5), [4, 7]);
        assert_eq!(parts.title_fragment(9), (2, 9));
        assert!(!parts.is_loaded(0) && !parts.title_loaded(3));
    }

    #[test]
    fn missing_counts_every_meeting() {
        let mut missing = Missing::default();
        missing.note(4);
        missing.note(1);
        missing.note(4);
        assert_eq!(missing.met(), 3);
        assert_eq!(missing.parts().collect::<Vec<_>>(), [1, 4]);
    }
}
