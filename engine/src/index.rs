//! Opens index bytes: checks magic, version, section table and checksum, decodes the small
//! tables into memory, and gives the search code bounds-checked access to the rest: the term
//! dictionary, postings and stored text, whether they sit in the one file or, for a split index,
//! in parts loaded later (`parts.rs`). A lookup that needs a part not yet loaded finds nothing and
//! notes the part, so the caller can fetch it and search again.

use std::ops::Range;

use fst::automaton::Automaton;
use fst::{IntoStreamer, Map, Set, Streamer};

use crate::codec::{unzigzag, Cursor};
use crate::error::FormatError;
use crate::format::{
    SectionKind, Weights, FOOTER_LEN, FORMAT_VERSION, HEADER_LEN, MAGIC, OLDEST_SUPPORTED_VERSION,
    SECTION_ENTRY_LEN, SURFACE_TERM_FLAG,
};
use crate::parts::{PartInfo, Parts};
use crate::search::KeyRange;
use crate::tokenizer::{Language, Stemming};

/// In a split index, a postings "offset" carries its term chunk above these bits.
const CHUNK_SHIFT: u32 = 40;

/// Per-document values the ranker needs for every candidate, decoded once at open time.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DocMeta {
    pub category: u32,
    pub locale: u32,
    pub views: u64,
    pub published: i32,
    pub updated: i32,
    /// Token counts of title, section and body.
    pub lens: [u32; 3],
    /// Field boost over BM25 length normalization, per field, computed once at open:
    /// `boost / (1 − b + b · len / avg_len)`. Scoring a posting multiplies by these.
    pub field_factors: [f32; 3],
    /// Where the document's stored text starts in the stored-text section (0 in a split
    /// index, whose fragments are read by ordinal).
    pub text_offset: u32,
}

/// The stored text of one document, borrowed from the index bytes.
#[derive(Debug, Clone, Copy)]
pub struct StoredText<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub section: &'a str,
    pub body: &'a str,
    /// The publication date, where it is stored with the text (a split index from version 4)
    /// rather than in the document table.
    pub published: Option<i32>,
}

/// An opened, verified index.
pub struct Index {
    data: Vec<u8>,
    terms: Map<Vec<u8>>,
    words: Set<Vec<u8>>,
    postings: Range<usize>,
    text: Range<usize>,
    /// A split index: its parts, and which of them are loaded.
    parts: Option<Parts>,
    /// Where the index was loaded from, so its parts can be found next to it.
    location: String,
    pub(crate) docs: Vec<DocMeta>,
    pub(crate) categories: Vec<String>,
    pub(crate) locales: Vec<String>,
    pub(crate) weights: Weights,
    pub(crate) max_views: u64,
    /// The language queries are stemmed in: that of most documents.
    pub(crate) query_lang: Language,
    /// Groups of equivalent phrases from the build's synonyms file, as written there.
    pub(crate) synonyms: Vec<Vec<String>>,
    /// The format version of `data`; postings and term values are read accordingly.
    version: u32,
    /// Query words expanded lately (see `search.rs`).
    pub(crate) expansion_cache: std::sync::Mutex<
        std::collections::HashMap<crate::search::ExpansionKey, crate::search::Expansions>,
    >,
    /// "Did you mean" words found lately: (typed word, language) → closest dictionary word.
    pub(crate) suggestion_cache:
        std::sync::Mutex<std::collections::HashMap<(String, u8), Option<String>>>,
    term_count: u64,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("documents", &self.docs.len())
            .field("terms", &self.term_count)
            .finish()
    }
}

impl Index {
    /// The stemmers the index's languages use, each once: what a build without compiled-in
    /// stemmers must install before searching (see `tokenizer::install_stemmer`).
    pub fn stemmings(&self) -> Vec<Stemming> {
        let mut out: Vec<Stemming> = Vec::new();
        for s in self.locales.iter().filter_map(|l| Stemming::from_locale(l)) {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// Verifies and opens index bytes, such as a file written by index-builder or a
    /// response body fetched in the browser.
    pub fn from_bytes(data: Vec<u8>) -> Result<Index, FormatError> {
        let (version, sections) = check_envelope(&data)?;
        let find = |kind: SectionKind| -> Result<Range<usize>, FormatError> {
            sections
                .iter()
                .find(|(k, _)| *k == kind as u32)
                .map(|(_, r)| r.clone())
                .ok_or(FormatError::MissingSection {
                    section: kind.name(),
                })
        };
        let meta_range = find(SectionKind::Meta)?;
        let docs_range = find(SectionKind::Docs)?;
        let parts_range = sections
            .iter()
            .find(|(k, _)| *k == SectionKind::Parts as u32)
            .map(|(_, r)| r.clone());
        let split = parts_range.is_some();
        // A split index keeps these in its parts; the main file has none of them.
        let (terms_range, words_range, postings, text) = if split {
            (0..0, 0..0, 0..0, 0..0)
        } else {
            (
                find(SectionKind::Terms)?,
                find(SectionKind::Words)?,
                find(SectionKind::Postings)?,
                find(SectionKind::Text)?,
            )
        };

        let mut meta = Cursor::new(&data[meta_range], "meta section");
        let doc_count = meta.varint_u32()? as usize;
        let term_count = meta.varint()?;
        let mut avg_lens = [0f32; 3];
        for avg in &mut avg_lens {
            *avg = finite(meta.f32_le()?)?.max(1.0);
        }
        // Version 1 stores six weights; later versions say how many follow.
        let weight_count = if version == 1 {
            6
        } else {
            meta.varint()? as usize
        };
        if weight_count > 64 {
            return Err(FormatError::corrupt("meta section lists too many weights"));
        }
        let mut w = Vec::with_capacity(weight_count);
        for _ in 0..weight_count {
            w.push(finite(meta.f32_le()?)?);
        }
        let weights = Weights::from_slice(&w);
        let mut tables: [Vec<String>; 2] = [Vec::new(), Vec::new()];
        for table in &mut tables {
            let n = meta.varint()? as usize;
            if n > data.len() {
                return Err(FormatError::corrupt(
                    "meta section lists more names than the file could hold",
                ));
            }
            for _ in 0..n {
                table.push(meta.str()?.to_string());
            }
        }
        let [categories, locales] = tables;

        let (terms, words) = if split {
            (empty_map(), empty_set())
        } else {
            (
                Map::new(data[terms_range].to_vec())
                    .map_err(|e| FormatError::corrupt(format!("term dictionary: {e}")))?,
                Set::new(data[words_range].to_vec())
                    .map_err(|e| FormatError::corrupt(format!("surface words: {e}")))?,
            )
        };
        // fst trusts its node bytes and may panic on damaged ones; its own checksum, on top of
        // ours, catches damage before any traversal (a panic in wasm would kill the widget).
        check_fst(terms.as_fst().as_bytes(), "term dictionary")?;
        check_fst(words.as_fst().as_bytes(), "surface words")?;

        if doc_count > data.len() {
            return Err(FormatError::corrupt(
                "meta section claims more documents than the file could hold",
            ));
        }
        let mut docs = Vec::with_capacity(doc_count);
        let mut cur = Cursor::new(&data[docs_range], "document table");
        let text_len = text.len();
        // One record per document; a split index stores the table by column instead (the
        // same values, each column together, `updated` as its difference from `published`),
        // which compresses a third better.
        // From version 4 a split index keeps `published` in its title fragments (it is only
        // shown), and stores `updated` as it is.
        let dates_in_titles = split && version >= 4;
        let rows: Vec<[u64; 9]> = if dates_in_titles {
            let mut rows = vec![[0u64; 9]; doc_count];
            for field in [0, 1, 2, 4, 5, 6, 7] {
                for row in rows.iter_mut() {
                    row[field] = cur.varint()?;
                }
            }
            for row in rows.iter_mut() {
                row[3] = row[4];
            }
            rows
        } else if split {
            let mut rows = vec![[0u64; 9]; doc_count];
            for field in 0..8 {
                for row in rows.iter_mut() {
                    row[field] = cur.varint()?;
                }
            }
            for row in rows.iter_mut() {
                row[4] = u64::try_from(row[3] as i64 + unzigzag(row[4]))
                    .map_err(|_| FormatError::corrupt("a document date is out of range"))?;
            }
            rows
        } else {
            let mut rows = Vec::with_capacity(doc_count);
            for _ in 0..doc_count {
                let mut row = [0u64; 9];
                for value in row.iter_mut() {
                    *value = cur.varint()?;
                }
                rows.push(row);
            }
            rows
        };
        for row in rows {
            let small = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
            let (category, locale, views) = (small(row[0]), small(row[1]), row[2]);
            let (published, updated) = (small(row[3]) as i32, small(row[4]) as i32);
            let lens = [small(row[5]), small(row[6]), small(row[7])];
            let text_offset = small(row[8]);
            if category as usize >= categories.len()
                || locale as usize >= locales.len()
                || (!split && text_offset as usize >= text_len)
                || published < 0
                || updated < 0
            {
                return Err(FormatError::corrupt(
                    "a document record points outside its tables",
                ));
            }
            docs.push(DocMeta {
                category,
                locale,
                views,
                published,
                updated,
                lens,
                field_factors: [0.0; 3],
                text_offset,
            });
        }
        let boosts = [weights.title, weights.section, weights.body];
        for d in &mut docs {
            for f in 0..3 {
                let norm = 1.0 - weights.b + weights.b * d.lens[f] as f32 / avg_lens[f];
                d.field_factors[f] = boosts[f] / norm.max(f32::MIN_POSITIVE);
            }
        }
        let max_views = docs.iter().map(|d| d.views).max().unwrap_or(0);
        let mut per_locale = vec![0usize; locales.len()];
        for d in &docs {
            per_locale[d.locale as usize] += 1;
        }
        let main_locale = per_locale
            .iter()
            .enumerate()
            .max_by_key(|(_, n)| **n)
            .map(|(i, _)| locales[i].as_str());
        let query_lang = Language::from_locale(main_locale.unwrap_or("en"));

        let mut synonyms = Vec::new();
        if let Some((_, range)) = sections
            .iter()
            .find(|(k, _)| *k == SectionKind::Synonyms as u32)
        {
            let mut cur = Cursor::new(&data[range.clone()], "synonyms");
            let groups = cur.varint()? as usize;
            if groups > range.len() {
                return Err(FormatError::corrupt(
                    "synonyms section lists too many groups",
                ));
            }
            for _ in 0..groups {
                let members = cur.varint()? as usize;
                if members > range.len() {
                    return Err(FormatError::corrupt("a synonym group is too long"));
                }
                let mut group = Vec::with_capacity(members);
                for _ in 0..members {
                    group.push(cur.str()?.to_string());
                }
                synonyms.push(group);
            }
        }

        let parts = match parts_range {
            Some(range) => Some(Parts::decode(&data[range], doc_count)?),
            None => None,
        };

        Ok(Index {
            data,
            terms,
            words,
            postings,
            text,
            parts,
            location: String::new(),
            docs,
            categories,
            locales,
            weights,
            max_views,
            query_lang,
            synonyms,
            version,
            expansion_cache: Default::default(),
            suggestion_cache: Default::default(),
            term_count,
        })
    }

    pub fn doc_count(&self) -> usize {
        self.docs.len()
    }

    pub fn term_count(&self) -> u64 {
        self.term_count
    }

    /// Category names in the order they first appeared in the corpus.
    pub fn categories(&self) -> &[String] {
        &self.categories
    }

    /// Locales of the indexed documents, in order of first appearance.
    pub fn locales(&self) -> &[String] {
        &self.locales
    }

    pub fn weights(&self) -> Weights {
        self.weights
    }

    /// The format version the index was written in.
    pub fn format_version(&self) -> u32 {
        self.version
    }

    /// Synonym groups stored at build time.
    pub fn synonyms(&self) -> &[Vec<String>] {
        &self.synonyms
    }

    /// Splits a term-dictionary value into the postings offset and whether the term also
    /// occurs as a word of its own (always assumed for version 1, which did not record it).
    fn term_value(&self, value: u64) -> (u64, bool) {
        if self.version == 1 {
            (value, true)
        } else {
            (value >> 1, value & SURFACE_TERM_FLAG != 0)
        }
    }

    /// Size of the index bytes (the main file of a split index).
    pub fn byte_len(&self) -> usize {
        self.data.len()
    }

    /// A term's postings offset and whether it is also a word of its own, if the dictionary
    /// has it. (In a split index, "offset" also names the term chunk.)
    pub(crate) fn lookup(&self, term: &str) -> Option<(u64, bool)> {
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
                parts.note_missing(ci);
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
                parts.note_missing(ci);
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

    /// Notes the term chunks `ranges` meet that are not loaded yet as missing, when there are
    /// at most `at_most` of them in all: a search that has to wait for one chunk anyway asks
    /// for those it would need next in the same round. No-op for an index in one file.
    pub(crate) fn want_chunks(&self, ranges: &[KeyRange], at_most: usize) {
        let Some(parts) = &self.parts else {
            return;
        };
        let chunks = chunks_meeting(parts, ranges);
        if chunks.len() <= at_most {
            for ci in chunks {
                if parts.chunks[ci].get().is_none() {
                    parts.note_missing(ci);
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
        let mut out = Vec::new();
        for (lo, hi) in ranges {
            for ci in parts.chunks_between(lo, hi) {
                if parts.chunks[ci].get().is_none() {
                    continue;
                }
                let start = parts.chunk_keys[ci].as_slice().max(lo.as_slice());
                let end = match parts.chunk_keys.get(ci + 1) {
                    Some(next) if hi.is_empty() || next.as_slice() < hi.as_slice() => next,
                    _ => hi,
                };
                out.push((start.to_vec(), end.clone()));
            }
        }
        out
    }

    /// Like [`Index::for_each_term`], over the surface words.
    pub(crate) fn for_each_word<A: Automaton>(
        &self,
        automaton: &A,
        ranges: &[KeyRange],
        mut visit: impl FnMut(&[u8]) -> bool,
    ) {
        let sets: Vec<&Set<Vec<u8>>> = match &self.parts {
            None => vec![&self.words],
            Some(parts) => chunks_meeting(parts, ranges)
                .into_iter()
                .filter_map(|ci| {
                    let chunk = parts.chunks[ci].get();
                    if chunk.is_none() {
                        parts.note_missing(ci);
                    }
                    chunk.map(|c| &c.words)
                })
                .collect(),
        };
        for set in sets {
            let mut stream = set.search(automaton).into_stream();
            while let Some(word) = stream.next() {
                if !visit(word) {
                    return;
                }
            }
        }
    }

    /// The postings bytes holding `offset`, and the position in them; `None` (noting the
    /// chunk) when a split index has not loaded it.
    fn postings_at(&self, offset: u64) -> Option<(&[u8], u64)> {
        let Some(parts) = &self.parts else {
            return Some((&self.data[self.postings.clone()], offset));
        };
        let ci = (offset >> CHUNK_SHIFT) as usize;
        let local = offset & ((1 << CHUNK_SHIFT) - 1);
        match parts.chunks.get(ci)?.get() {
            Some(chunk) => Some((&chunk.postings, local)),
            None => {
                parts.note_missing(ci);
                None
            }
        }
    }

    /// The stored strings of document `ordinal`. In a split index, the body is empty until its
    /// fragment is loaded, and an error says when the title fragment is not.
    pub fn stored(&self, ordinal: u32) -> Result<StoredText<'_>, FormatError> {
        let meta = self
            .docs
            .get(ordinal as usize)
            .ok_or_else(|| FormatError::corrupt("document ordinal out of range"))?;
        let Some(parts) = &self.parts else {
            let text = &self.data[self.text.clone()];
            let mut c = Cursor::at(text, meta.text_offset as usize, "stored text");
            return Ok(StoredText {
                id: c.str()?,
                title: c.str()?,
                url: c.str()?,
                section: c.str()?,
                body: c.str()?,
                published: None,
            });
        };
        let ti = Parts::fragment_of(&parts.title_starts, ordinal);
        let Some(titles) = parts.titles[ti].get() else {
            parts.note_missing(parts.title_part(ti));
            // Whoever wants the title wants the body next: both are fetched together.
            let _ = self.body_text(ordinal);
            return Err(FormatError::corrupt("the title fragment is not loaded yet"));
        };
        let dated = self.version >= 4;
        let mut c = Cursor::new(&titles.text, "title fragment");
        for _ in parts.title_starts[ti]..ordinal {
            for _ in 0..4 {
                c.str()?;
            }
            if dated {
                c.varint()?;
            }
        }
        let (id, title, url, section) = (c.str()?, c.str()?, c.str()?, c.str()?);
        let published = if dated {
            let published = i64::from(meta.updated) + unzigzag(c.varint()?);
            Some(
                i32::try_from(published)
                    .ok()
                    .filter(|&p| p >= 0)
                    .ok_or_else(|| FormatError::corrupt("a document date is out of range"))?,
            )
        } else {
            None
        };
        let body = match self.body_text(ordinal) {
            Some(body) => body?,
            None => "",
        };
        Ok(StoredText {
            id,
            title,
            url,
            section,
            body,
            published,
        })
    }

    /// A split index's body of `ordinal`: `None` (noting the fragment) until it is loaded.
    fn body_text(&self, ordinal: u32) -> Option<Result<&str, FormatError>> {
        let parts = self.parts.as_ref()?;
        let bi = Parts::fragment_of(&parts.body_starts, ordinal);
        let Some(bodies) = parts.bodies[bi].get() else {
            parts.note_missing(parts.body_part(bi));
            return None;
        };
        let mut c = Cursor::new(&bodies.text, "body fragment");
        for _ in parts.body_starts[bi]..ordinal {
            if let Err(e) = c.str() {
                return Some(Err(e));
            }
        }
        Some(c.str())
    }

    /// Whether all stored text of `ordinal` can be read now, without noting anything missing.
    pub(crate) fn text_loaded(&self, ordinal: u32) -> bool {
        self.has_title(ordinal) && self.has_body(ordinal)
    }

    /// Whether the title of `ordinal` can be read now (always, for an index in one file).
    pub(crate) fn has_title(&self, ordinal: u32) -> bool {
        match &self.parts {
            None => true,
            Some(parts) => parts.title_loaded(ordinal),
        }
    }

    /// Whether the body of `ordinal` can be read now (always, for an index in one file).
    pub(crate) fn has_body(&self, ordinal: u32) -> bool {
        match &self.parts {
            None => true,
            Some(parts) => parts.body_loaded(ordinal),
        }
    }

    /// Decodes the postings list that starts at `offset` in the postings section, calling
    /// `visit(doc, title_tf, section_tf, body_tf)` for each entry.
    pub(crate) fn for_each_posting(
        &self,
        offset: u64,
        mut visit: impl FnMut(u32, u32, u32, u32),
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
            visit(doc as u32, title, section, body);
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

    /// Records where the index came from (a URL or path); part file names are relative to it.
    pub fn set_location(&mut self, location: String) {
        self.location = location;
    }

    /// Where the index came from, as set by [`Index::set_location`] (empty if never set).
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Whether this index is split into parts fetched on demand.
    pub fn is_split(&self) -> bool {
        self.parts.is_some()
    }

    /// Every part file of a split index, by part id (empty for an index in one file).
    pub fn parts(&self) -> &[PartInfo] {
        self.parts.as_ref().map_or(&[], |p| &p.info)
    }

    /// Whether part `part` is loaded (true for every part of an index in one file).
    pub fn part_loaded(&self, part: usize) -> bool {
        self.parts.as_ref().is_none_or(|p| p.is_loaded(part))
    }

    /// Verifies and adds the bytes of part `part` (of [`Index::parts`]). Searches from then on
    /// see what it holds; caches built while it was missing are dropped.
    pub fn add_part(&self, part: usize, bytes: Vec<u8>) -> Result<(), FormatError> {
        let parts = self
            .parts
            .as_ref()
            .ok_or_else(|| FormatError::corrupt("this index is not split into parts"))?;
        parts.add(part, bytes)?;
        if let Ok(mut cache) = self.expansion_cache.lock() {
            cache.clear();
        }
        if let Ok(mut cache) = self.suggestion_cache.lock() {
            cache.clear();
        }
        Ok(())
    }

    /// The parts lookups needed since the last call and did not find loaded, in id order.
    pub(crate) fn take_missing_parts(&self) -> Vec<usize> {
        self.parts
            .as_ref()
            .map_or_else(Vec::new, |p| p.take_missing())
    }

    /// Like [`Index::take_missing_parts`], in the order to fetch them: term chunks, then for
    /// each of `shown` (the hits, best first) its title fragment and its body fragment, then
    /// any others. Hits show in rank order as their titles arrive, so a reader that fetches
    /// in this order, a few at a time, shows the best results whole after one round.
    pub(crate) fn take_missing_parts_for(&self, shown: &[u32]) -> Vec<usize> {
        let Some(parts) = &self.parts else {
            return Vec::new();
        };
        let wanted: Vec<usize> = shown
            .iter()
            .flat_map(|&d| {
                [
                    parts.title_part(Parts::fragment_of(&parts.title_starts, d)),
                    parts.body_part(Parts::fragment_of(&parts.body_starts, d)),
                ]
            })
            .collect();
        // Hits after the first whose title is missing were not read: note their text here.
        for &p in &wanted {
            if !parts.is_loaded(p) {
                parts.note_missing(p);
            }
        }
        let mut missing = parts.take_missing();
        let first_title = parts.title_part(0);
        missing.sort_by_key(|&p| {
            if p < first_title {
                (0, p)
            } else if let Some(rank) = wanted.iter().position(|&w| w == p) {
                (1, rank)
            } else {
                (2, p)
            }
        });
        missing
    }

    /// A count of every miss noted so far: a computation that raised it saw an incomplete
    /// dictionary and must not be cached.
    pub(crate) fn missing_count(&self) -> usize {
        self.parts.as_ref().map_or(0, |p| p.missing_count())
    }
}

/// The term chunks any of `ranges` meets, in order, each once.
fn chunks_meeting(parts: &Parts, ranges: &[KeyRange]) -> Vec<usize> {
    let mut chunks: Vec<usize> = ranges
        .iter()
        .flat_map(|(lo, hi)| parts.chunks_between(lo, hi))
        .collect();
    chunks.sort_unstable();
    chunks.dedup();
    chunks
}

fn finite(v: f32) -> Result<f32, FormatError> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(FormatError::corrupt(
            "meta section holds a non-finite number",
        ))
    }
}

/// Each section's kind and byte range, in file order.
pub(crate) type SectionTable = Vec<(u32, Range<usize>)>;

/// Checks everything that does not need decoding: length, magic, version, checksum and that
/// every section lies inside the file. Returns the format version and the section table.
pub(crate) fn check_envelope(data: &[u8]) -> Result<(u32, SectionTable), FormatError> {
    if data.len() < HEADER_LEN + FOOTER_LEN {
        return Err(FormatError::TooShort { len: data.len() });
    }
    if data[..8] != MAGIC {
        return Err(FormatError::BadMagic);
    }
    let mut header = Cursor::at(data, 8, "header");
    let version = header.u32_le()?;
    if !(OLDEST_SUPPORTED_VERSION..=FORMAT_VERSION).contains(&version) {
        return Err(FormatError::UnsupportedVersion {
            found: version,
            oldest: OLDEST_SUPPORTED_VERSION,
            newest: FORMAT_VERSION,
        });
    }
    let body_end = data.len() - FOOTER_LEN;
    let expected = u32::from_le_bytes([
        data[body_end],
        data[body_end + 1],
        data[body_end + 2],
        data[body_end + 3],
    ]);
    let found = crate::crc::hash(&data[..body_end]);
    if expected != found {
        return Err(FormatError::ChecksumMismatch { expected, found });
    }
    let count = header.u32_le()? as usize;
    let table_end = count
        .checked_mul(SECTION_ENTRY_LEN)
        .and_then(|n| n.checked_add(HEADER_LEN))
        .filter(|&end| end <= body_end)
        .ok_or_else(|| FormatError::corrupt("the section table runs past the end of the file"))?;
    let mut table = Cursor::at(&data[..table_end], HEADER_LEN, "section table");
    let mut sections = Vec::with_capacity(count);
    for _ in 0..count {
        let kind = table.u32_le()?;
        let _flags = table.u32_le()?;
        let offset = table.u32_le()? as usize;
        let len = table.u32_le()? as usize;
        let end = offset
            .checked_add(len)
            .filter(|&end| offset >= table_end && end <= body_end);
        let end = end
            .ok_or_else(|| FormatError::corrupt(format!("section {kind} lies outside the file")))?;
        sections.push((kind, offset..end));
    }
    Ok((version, sections))
}

/// Checks the checksum at the end of an fst's bytes (see `crc::fst_checksum_ok`).
pub(crate) fn check_fst(bytes: &[u8], what: &str) -> Result<(), FormatError> {
    if crate::crc::fst_checksum_ok(bytes) {
        Ok(())
    } else {
        Err(FormatError::corrupt(format!(
            "{what}: the checksum of its fst does not match its bytes"
        )))
    }
}

/// A map with no keys, for a split index before its term chunks arrive.
pub(crate) fn empty_map() -> Map<Vec<u8>> {
    Map::new(crate::crc::EMPTY_FST.to_vec()).expect("the empty fst is well formed")
}

/// A set with no keys.
pub(crate) fn empty_set() -> Set<Vec<u8>> {
    Set::new(crate::crc::EMPTY_FST.to_vec()).expect("the empty fst is well formed")
}
