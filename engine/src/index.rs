//! Opens index bytes: checks magic, version, section table and checksum, decodes the small
//! tables into memory, and gives the search code bounds-checked access to the rest.

use std::ops::Range;

use fst::{Map, Set};

use crate::codec::Cursor;
use crate::error::FormatError;
use crate::format::{
    SectionKind, Weights, FOOTER_LEN, FORMAT_VERSION, HEADER_LEN, MAGIC, OLDEST_SUPPORTED_VERSION,
    SECTION_ENTRY_LEN, SURFACE_TERM_FLAG,
};
use crate::tokenizer::Language;

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
}

/// An opened, verified index.
pub struct Index {
    data: Vec<u8>,
    pub(crate) terms: Map<Vec<u8>>,
    pub(crate) words: Set<Vec<u8>>,
    postings: Range<usize>,
    text: Range<usize>,
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
        let terms_range = find(SectionKind::Terms)?;
        let words_range = find(SectionKind::Words)?;
        let postings = find(SectionKind::Postings)?;
        let docs_range = find(SectionKind::Docs)?;
        let text = find(SectionKind::Text)?;

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

        let terms = Map::new(data[terms_range].to_vec())
            .map_err(|e| FormatError::corrupt(format!("term dictionary: {e}")))?;
        let words = Set::new(data[words_range].to_vec())
            .map_err(|e| FormatError::corrupt(format!("surface words: {e}")))?;
        // fst trusts its node bytes and may panic on damaged ones; its own checksum, on top of
        // ours, catches damage before any traversal (a panic in wasm would kill the widget).
        terms
            .as_fst()
            .verify()
            .map_err(|e| FormatError::corrupt(format!("term dictionary: {e}")))?;
        words
            .as_fst()
            .verify()
            .map_err(|e| FormatError::corrupt(format!("surface words: {e}")))?;

        if doc_count > data.len() {
            return Err(FormatError::corrupt(
                "meta section claims more documents than the file could hold",
            ));
        }
        let mut docs = Vec::with_capacity(doc_count);
        let mut cur = Cursor::new(&data[docs_range], "document table");
        let text_len = text.len();
        for _ in 0..doc_count {
            let category = cur.varint_u32()?;
            let locale = cur.varint_u32()?;
            let views = cur.varint()?;
            let published = cur.varint_u32()? as i32;
            let updated = cur.varint_u32()? as i32;
            let lens = [cur.varint_u32()?, cur.varint_u32()?, cur.varint_u32()?];
            let text_offset = cur.varint_u32()?;
            if category as usize >= categories.len()
                || locale as usize >= locales.len()
                || text_offset as usize >= text_len
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

        Ok(Index {
            data,
            terms,
            words,
            postings,
            text,
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
    pub(crate) fn term_value(&self, value: u64) -> (u64, bool) {
        if self.version == 1 {
            (value, true)
        } else {
            (value >> 1, value & SURFACE_TERM_FLAG != 0)
        }
    }

    /// Size of the index bytes.
    pub fn byte_len(&self) -> usize {
        self.data.len()
    }

    /// The stored strings of document `ordinal`.
    pub fn stored(&self, ordinal: u32) -> Result<StoredText<'_>, FormatError> {
        let meta = self
            .docs
            .get(ordinal as usize)
            .ok_or_else(|| FormatError::corrupt("document ordinal out of range"))?;
        let text = &self.data[self.text.clone()];
        let mut c = Cursor::at(text, meta.text_offset as usize, "stored text");
        Ok(StoredText {
            id: c.str()?,
            title: c.str()?,
            url: c.str()?,
            section: c.str()?,
            body: c.str()?,
        })
    }

    /// Decodes the postings list that starts at `offset` in the postings section, calling
    /// `visit(doc, title_tf, section_tf, body_tf)` for each entry.
    pub(crate) fn for_each_posting(
        &self,
        offset: u64,
        mut visit: impl FnMut(u32, u32, u32, u32),
    ) -> Result<(), FormatError> {
        let postings = &self.data[self.postings.clone()];
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
        let postings = &self.data[self.postings.clone()];
        usize::try_from(offset)
            .ok()
            .filter(|&o| o < postings.len())
            .and_then(|o| Cursor::at(postings, o, "postings").varint().ok())
            .unwrap_or(0)
    }
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

/// Checks everything that does not need decoding: length, magic, version, checksum and that
/// every section lies inside the file. Returns each section's kind and byte range.
fn check_envelope(data: &[u8]) -> Result<(u32, Vec<(u32, Range<usize>)>), FormatError> {
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
    let found = crc32fast::hash(&data[..body_end]);
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
