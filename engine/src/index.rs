//! The reader: opens index bytes (envelope, then the meta section, document table, synonyms
//! and, for a split index, the parts table), keeps what every search needs in memory, and
//! takes in the parts of a split index as they arrive. Reading the rest is in two rooms:
//! `index/terms.rs` (term dictionary, surface words, postings) and `index/text.rs` (stored
//! text). Nothing from outside is trusted.
//!
//! The index holds no state of any one search: a lookup that needs a part of a split index
//! not loaded yet finds nothing and notes the part in the [`Missing`] its search passed in.

mod terms;
mod text;

use std::ops::Range;

use fst::{Map, Set};

use crate::codec::Cursor;
use crate::doc_table::{self, DocRow, Layout};
use crate::envelope::{check_fst, Envelope};
use crate::error::FormatError;
use crate::expansion::{Expansion, ExpansionKey, Memo};
use crate::format::{SectionKind, Weights};
use crate::headings::HeadingTable;
use crate::parts::{PartInfo, Parts};
use crate::tokenizer::{Language, Stemming};

pub(crate) use terms::for_each_word;
pub use text::StoredText;

/// An opened, verified index.
pub struct Index {
    data: Vec<u8>,
    terms: Map<Vec<u8>>,
    words: Set<Vec<u8>>,
    postings: Range<usize>,
    text: Range<usize>,
    /// An index in one file: the headings section (empty when no article has headings) and
    /// where each document's headings are in it.
    headings: Range<usize>,
    heading_table: HeadingTable,
    /// A split index: its parts, and which of them are loaded.
    parts: Option<Parts>,
    /// Where the index was loaded from, so its parts can be found next to it.
    location: String,
    pub(crate) docs: Vec<DocRow>,
    /// Per document and field (title, section, body): the field's boost over BM25 length
    /// normalization, `boost / (1 − b + b · len / avg_len)`, computed once at open. Scoring a
    /// posting multiplies by these.
    pub(crate) field_factors: Vec<[f32; 3]>,
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
    /// Query words expanded lately (`search/expand.rs`).
    pub(crate) expansions: Memo<ExpansionKey, Vec<Expansion>>,
    /// "Did you mean" words found lately: (typed word, language) → closest dictionary word.
    pub(crate) suggestions: Memo<(String, u8), Option<String>>,
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
        let envelope = Envelope::check(&data)?;
        let version = envelope.version;
        let meta_range = envelope.require(SectionKind::Meta)?;
        let docs_range = envelope.require(SectionKind::Docs)?;
        let parts_range = envelope.find(SectionKind::Parts);
        let split = parts_range.is_some();
        // A split index keeps these in its parts; the main file has none of them.
        let (terms_range, words_range, postings, text) = if split {
            (0..0, 0..0, 0..0, 0..0)
        } else {
            (
                envelope.require(SectionKind::Terms)?,
                envelope.require(SectionKind::Words)?,
                envelope.require(SectionKind::Postings)?,
                envelope.require(SectionKind::Text)?,
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
        let layout = match (split, version) {
            (false, _) => Layout::Rows,
            (true, 3) => Layout::ColumnsWithPublished,
            (true, _) => Layout::Columns,
        };
        let docs = doc_table::decode(&data[docs_range], doc_count, layout)?;
        for d in &docs {
            if d.category as usize >= categories.len()
                || d.locale as usize >= locales.len()
                || (!split && d.text_offset as usize >= text.len())
                || d.published < 0
                || d.updated < 0
            {
                return Err(FormatError::corrupt(
                    "a document record points outside its tables",
                ));
            }
        }
        let boosts = [weights.title, weights.section, weights.body];
        let field_factors = docs
            .iter()
            .map(|d| {
                let mut factors = [0f32; 3];
                for f in 0..3 {
                    let norm = 1.0 - weights.b + weights.b * d.lens[f] as f32 / avg_lens[f];
                    factors[f] = boosts[f] / norm.max(f32::MIN_POSITIVE);
                }
                factors
            })
            .collect();
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

        let synonyms = match envelope.find(SectionKind::Synonyms) {
            Some(range) => decode_synonyms(&data[range])?,
            None => Vec::new(),
        };
        let parts = match parts_range {
            Some(range) => Some(Parts::decode(&data[range], doc_count)?),
            None => None,
        };
        let headings = match envelope.find(SectionKind::Headings) {
            Some(range) if parts.is_none() => range,
            _ => 0..0,
        };
        let heading_table = if headings.is_empty() {
            HeadingTable::default()
        } else {
            HeadingTable::decode(&data[headings.clone()], 0..doc_count as u32)?
        };

        Ok(Index {
            data,
            terms,
            words,
            postings,
            text,
            headings,
            heading_table,
            parts,
            location: String::new(),
            docs,
            field_factors,
            categories,
            locales,
            weights,
            max_views,
            query_lang,
            synonyms,
            version,
            expansions: Memo::default(),
            suggestions: Memo::default(),
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

    /// Size of the index bytes (the main file of a split index).
    pub fn byte_len(&self) -> usize {
        self.data.len()
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
    /// see what it holds; what was remembered while it was missing is forgotten.
    pub fn add_part(&self, part: usize, bytes: Vec<u8>) -> Result<(), FormatError> {
        let parts = self
            .parts
            .as_ref()
            .ok_or_else(|| FormatError::corrupt("this index is not split into parts"))?;
        parts.add(part, bytes)?;
        self.expansions.clear();
        self.suggestions.clear();
        Ok(())
    }

    /// A split index's parts table (`None` for an index in one file).
    pub(crate) fn split_parts(&self) -> Option<&Parts> {
        self.parts.as_ref()
    }
}

/// The synonyms section: groups of members, each as written in the synonyms file.
fn decode_synonyms(bytes: &[u8]) -> Result<Vec<Vec<String>>, FormatError> {
    let mut cur = Cursor::new(bytes, "synonyms");
    let groups = cur.varint()? as usize;
    if groups > bytes.len() {
        return Err(FormatError::corrupt(
            "synonyms section lists too many groups",
        ));
    }
    let mut synonyms = Vec::with_capacity(groups);
    for _ in 0..groups {
        let members = cur.varint()? as usize;
        if members > bytes.len() {
            return Err(FormatError::corrupt("a synonym group is too long"));
        }
        let mut group = Vec::with_capacity(members);
        for _ in 0..members {
            group.push(cur.str()?.to_string());
        }
        synonyms.push(group);
    }
    Ok(synonyms)
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

/// A map with no keys, for a split index before its term chunks arrive.
fn empty_map() -> Map<Vec<u8>> {
    Map::new(crate::crc::EMPTY_FST.to_vec()).expect("the empty fst is well formed")
}

/// A set with no keys.
fn empty_set() -> Set<Vec<u8>> {
    Set::new(crate::crc::EMPTY_FST.to_vec()).expect("the empty fst is well formed")
}
