//! The reader's dictionary side: terms, surface words and postings, whether in the one file or
//! in the term chunks of a split index. A postings "offset" of a split index also names its
//! chunk, so postings are found wherever the term was.

use fst::automaton::Automaton;
use fst::{IntoStreamer, Set, Streamer};

use super::Index;
use crate::codec::Cursor;
use crate::error::FormatError;
use crate::format::SURFACE_TERM_FLAG;
use crate::keys::KeyRange;
use crate::parts::{Missing, Parts};

/// In a split index, a postings offset carries its term chunk above these bits.
const CHUNK_SHIFT: u32 = 40;

/// One posting: a document and the term's frequency in each of its fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Posting {
    pub doc: u32,
    pub title: u32,
    pub section: u32,
    pub body: u32,
}

impl Index {
    /// Splits a term-dictionary value into the postings offset and whether the term also
    /// occurs as a word of its own (always assumed for version 1, which did not record it).
    fn term_value(&self, value: u64) -> (u64, bool) {
        if self.version == 1 {
            (value, true)
        } else {
            (value >> 1, value & SURFACE_TERM_FLAG != 0)
        }
    }

    /// A term's postings offset and whether it is also a word of its own, if the dictionary
    /// has it. (In a split index, "offset" also names the term chunk.)
    pub(crate) fn lookup(&self, term: &str, missing: &mut Missing) -> Option<(u64, bool)> {
        let Some(parts) = &self.parts else {
            return self.terms.get(term).map(|v| self.term_value(v));
        };
        let ci = parts.chunk_of(term.as_bytes());
        match parts.chunks[ci].get() {
            Some(chunk) => chunk.terms.get(term).map(|v| {
                let (offset, surface) = self.term_value(v);
                ((ci as u64) << CHUNK_SHIFT | offset, surface)
            }),
            None => {
                missing.note(ci);
                None
            }
        }
    }

    /// Calls `visit(term, offset, surface)` for the dictionary terms `automaton` accepts, in
    /// order, until it returns false. `ranges` hold the keys worth looking at, which is all a
    /// split index needs to know which chunks to look in (an index in one file looks at all).
    pub(crate) fn for_each_term<A: Automaton>(
        &self,
        automaton: &A,
        ranges: &[KeyRange],
        missing: &mut Missing,
        mut visit: impl FnMut(&[u8], u64, bool) -> bool,
    ) {
        let Some(parts) = &self.parts else {
            let mut stream = self.terms.search(automaton).into_stream();
            while let Some((term, value)) = stream.next() {
                let (offset, surface) = self.term_value(value);
                if !visit(term, offset, surface) {
                    return;
                }
            }
            return;
        };
        for ci in chunks_meeting(parts, ranges) {
            let Some(chunk) = parts.chunks[ci].get() else {
                missing.note(ci);
                continue;
            };
            let mut stream = chunk.terms.search(automaton).into_stream();
            while let Some((term, value)) = stream.next() {
                let (offset, surface) = self.term_value(value);
                if !visit(term, (ci as u64) << CHUNK_SHIFT | offset, surface) {
                    return;
                }
            }
        }
    }

    /// The sets of surface words that hold the keys of `ranges` (an index in one file: its
    /// one set), noting the term chunks not loaded yet; [`for_each_word`] looks in them.
    pub(crate) fn word_sets(
        &self,
        ranges: &[KeyRange],
        missing: &mut Missing,
    ) -> Vec<&Set<Vec<u8>>> {
        let Some(parts) = &self.parts else {
            return vec![&self.words];
        };
        let mut sets = Vec::new();
        for ci in chunks_meeting(parts, ranges) {
            match parts.chunks[ci].get() {
                Some(chunk) => sets.push(&chunk.words),
                None => missing.note(ci),
            }
        }
        sets
    }

    /// Notes the term chunks `ranges` meet that are not loaded yet as missing, when there are
    /// at most `at_most` of them in all: a search that has to wait for one chunk anyway asks
    /// for those it would need next in the same round. No-op for an index in one file.
    pub(crate) fn want_chunks(&self, ranges: &[KeyRange], at_most: usize, missing: &mut Missing) {
        let Some(parts) = &self.parts else {
            return;
        };
        let chunks = chunks_meeting(parts, ranges);
        if chunks.len() <= at_most {
            for ci in chunks {
                if parts.chunks[ci].get().is_none() {
                    missing.note(ci);
                }
            }
        }
    }

    /// The parts of `ranges` that lie in term chunks already loaded (an index in one file:
    /// `ranges` as they are). Looking there finds what can be found without fetching.
    pub(crate) fn loaded_within(&self, ranges: &[KeyRange]) -> Vec<KeyRange> {
        let Some(parts) = &self.parts else {
            return ranges.to_vec();
        };
        let keys = &parts.table.chunk_keys;
        let mut out = Vec::new();
        for KeyRange { lo, hi } in ranges {
            for ci in parts.chunks_between(lo, hi) {
                if parts.chunks[ci].get().is_none() {
                    continue;
                }
                let start = keys[ci].as_slice().max(lo.as_slice());
                let end = match keys.get(ci + 1) {
                    Some(next) if hi.is_empty() || next.as_slice() < hi.as_slice() => next,
                    _ => hi,
                };
                out.push(KeyRange {
                    lo: start.to_vec(),
                    hi: end.clone(),
                });
            }
        }
        out
    }

    /// The postings bytes holding `offset`, and the position in them. An offset comes from a
    /// lookup in a loaded chunk, and parts are never dropped, so its chunk is here (`None`
    /// only for an offset from elsewhere).
    fn postings_at(&self, offset: u64) -> Option<(&[u8], u64)> {
        let Some(parts) = &self.parts else {
            return Some((&self.data[self.postings.clone()], offset));
        };
        let ci = (offset >> CHUNK_SHIFT) as usize;
        let local = offset & ((1 << CHUNK_SHIFT) - 1);
        let chunk = parts.chunks.get(ci)?.get()?;
        Some((&chunk.postings, local))
    }

    /// Decodes the postings list that starts at `offset`, calling `visit` for each entry.
    pub(crate) fn for_each_posting(
        &self,
        offset: u64,
        mut visit: impl FnMut(Posting),
    ) -> Result<(), FormatError> {
        let Some((postings, offset)) = self.postings_at(offset) else {
            return Ok(());
        };
        let offset = usize::try_from(offset).ok().filter(|&o| o < postings.len());
        let offset =
            offset.ok_or_else(|| FormatError::corrupt("a term points outside the postings"))?;
        let mut c = Cursor::at(postings, offset, "postings");
        let n = c.varint()?;
        let mut doc: u64 = 0;
        let docs = self.docs.len() as u64;
        if n > docs {
            return Err(FormatError::corrupt(
                "a postings list is longer than the document count",
            ));
        }
        for _ in 0..n {
            doc += c.varint()?;
            let (title, section, body) = if self.version == 1 {
                let packed = c.varint_u32()?;
                (packed >> 4, packed & 15, c.varint_u32()?)
            } else {
                // body_tf << 1 | has_title_or_section, then (if set) title_tf << 4 | section_tf.
                let code = c.varint()?;
                let body = u32::try_from(code >> 1)
                    .map_err(|_| FormatError::corrupt("a term frequency is out of range"))?;
                if code & 1 == 1 {
                    let packed = c.varint_u32()?;
                    (packed >> 4, packed & 15, body)
                } else {
                    (0, 0, body)
                }
            };
            if doc >= docs {
                return Err(FormatError::corrupt(
                    "a posting names a document that does not exist",
                ));
            }
            visit(Posting {
                doc: doc as u32,
                title,
                section,
                body,
            });
        }
        Ok(())
    }

    /// Number of documents containing the term whose postings start at `offset`.
    pub(crate) fn doc_freq(&self, offset: u64) -> u64 {
        let Some((postings, offset)) = self.postings_at(offset) else {
            return 0;
        };
        usize::try_from(offset)
            .ok()
            .filter(|&o| o < postings.len())
            .and_then(|o| Cursor::at(postings, o, "postings").varint().ok())
            .unwrap_or(0)
    }
}

/// Calls `visit(word)` for the surface words of `sets` that `automaton` accepts, in order,
/// until it returns false.
pub(crate) fn for_each_word<A: Automaton>(
    sets: &[&Set<Vec<u8>>],
    automaton: &A,
    mut visit: impl FnMut(&[u8]) -> bool,
) {
    for set in sets {
        let mut stream = set.search(automaton).into_stream();
        while let Some(word) = stream.next() {
            if !visit(word) {
                return;
            }
        }
    }
}

/// The term chunks any of `ranges` meets, in order, each once.
fn chunks_meeting(parts: &Parts, ranges: &[KeyRange]) -> Vec<usize> {
    let mut chunks: Vec<usize> = ranges
        .iter()
        .flat_map(|r| parts.chunks_between(&r.lo, &r.hi))
        .collect();
    chunks.sort_unstable();
    chunks.dedup();
    chunks
}
