//! Builds the index bytes from documents: tokenizes every field, collects postings,
//! and writes the sections of FORMAT.md with a checksum.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::codec::{put_str, put_varint};
use crate::document::Document;
use crate::format::{
    SectionKind, Weights, FOOTER_LEN, FORMAT_VERSION, HEADER_LEN, MAGIC, SECTION_ENTRY_LEN,
    SURFACE_TERM_FLAG,
};
use crate::tokenizer::{fold, tokenize, Language, TokenKind};

/// Term frequencies of one term in one document, per field (clamped to what the format stores).
#[derive(Clone, Copy, Default)]
struct FieldTf {
    title: u32,
    section: u32,
    body: u32,
}

/// Accumulates documents, then writes an index with [`IndexWriter::finish`].
pub struct IndexWriter {
    weights: Weights,
    postings: BTreeMap<String, Vec<(u32, FieldTf)>>,
    surface_words: BTreeSet<String>,
    /// Terms that also occur unstemmed, as words of their own.
    surface_terms: std::collections::HashSet<String>,
    synonyms: Vec<Vec<String>>,
    docs: Vec<u8>,
    text: Vec<u8>,
    categories: Vec<String>,
    category_ids: HashMap<String, u32>,
    locales: Vec<String>,
    locale_ids: HashMap<String, u32>,
    doc_count: u32,
    total_len: [u64; 3],
}

/// Sizes of the sections of a finished index, for reports and benchmarks.
#[derive(Debug, Clone, Default)]
pub struct IndexStats {
    pub documents: u32,
    pub terms: u64,
    pub total_bytes: usize,
    pub sections: Vec<(&'static str, usize)>,
}

impl IndexWriter {
    pub fn new(weights: Weights) -> Self {
        IndexWriter {
            weights,
            postings: BTreeMap::new(),
            surface_words: BTreeSet::new(),
            surface_terms: std::collections::HashSet::new(),
            synonyms: Vec::new(),
            docs: Vec::new(),
            text: Vec::new(),
            categories: Vec::new(),
            category_ids: HashMap::new(),
            locales: Vec::new(),
            locale_ids: HashMap::new(),
            doc_count: 0,
            total_len: [0; 3],
        }
    }

    /// Adds one document. Documents get ordinals in the order they are added.
    pub fn add(&mut self, doc: &Document) {
        let ordinal = self.doc_count;
        self.doc_count += 1;
        let lang = Language::from_locale(&doc.locale);

        let mut tfs: HashMap<String, FieldTf> = HashMap::new();
        let mut lens = [0u32; 3];
        for (field, text) in [(0usize, &doc.title), (1, &doc.section), (2, &doc.body)] {
            for token in tokenize(text, lang) {
                lens[field] += 1;
                if token.kind == TokenKind::Word {
                    let surface = fold(&text[token.start..token.end]);
                    if surface != token.term {
                        if !self.surface_words.contains(&surface) {
                            self.surface_words.insert(surface);
                        }
                    } else if !self.surface_terms.contains(&token.term) {
                        self.surface_terms.insert(token.term.clone());
                    }
                }
                let tf = tfs.entry(token.term).or_default();
                match field {
                    0 => tf.title += 1,
                    1 => tf.section += 1,
                    _ => tf.body += 1,
                }
            }
        }
        for (term, tf) in tfs {
            self.postings.entry(term).or_default().push((ordinal, tf));
        }
        for (total, len) in self.total_len.iter_mut().zip(lens) {
            *total += u64::from(len);
        }

        let category = intern(&mut self.categories, &mut self.category_ids, &doc.category);
        let locale = intern(&mut self.locales, &mut self.locale_ids, &doc.locale);
        put_varint(&mut self.docs, u64::from(category));
        put_varint(&mut self.docs, u64::from(locale));
        put_varint(&mut self.docs, doc.views);
        put_varint(&mut self.docs, doc.published.max(0) as u64);
        put_varint(&mut self.docs, doc.updated.max(0) as u64);
        for len in lens {
            put_varint(&mut self.docs, u64::from(len));
        }
        put_varint(&mut self.docs, self.text.len() as u64);
        for s in [&doc.id, &doc.title, &doc.url, &doc.section, &doc.body] {
            put_str(&mut self.text, s);
        }
    }

    /// Sets the groups of equivalent phrases ("2fa", "two-factor authentication") that queries
    /// expand to. Each group needs at least two non-empty members; others are dropped.
    pub fn set_synonyms(&mut self, groups: Vec<Vec<String>>) {
        self.synonyms = groups
            .into_iter()
            .map(|g| {
                g.into_iter()
                    .map(|m| m.trim().to_string())
                    .filter(|m| !m.is_empty())
                    .collect::<Vec<_>>()
            })
            .filter(|g| g.len() >= 2)
            .collect();
    }

    /// Writes the index. The result opens with [`crate::Index::from_bytes`].
    pub fn finish(self) -> (Vec<u8>, IndexStats) {
        let mut postings = Vec::new();
        let mut terms = fst::MapBuilder::memory();
        let term_count = self.postings.len() as u64;
        for (term, list) in &self.postings {
            // BTreeMap iterates in byte order, which is what the fst builder requires.
            let flag = if self.surface_terms.contains(term) {
                SURFACE_TERM_FLAG
            } else {
                0
            };
            terms
                .insert(term.as_bytes(), (postings.len() as u64) << 1 | flag)
                .expect("terms arrive sorted and unique");
            put_varint(&mut postings, list.len() as u64);
            let mut previous = 0u32;
            for (doc, tf) in list {
                put_varint(&mut postings, u64::from(doc - previous));
                previous = *doc;
                // Most postings are body-only: one byte for body_tf < 64, a second only when
                // the term is also in the title or section.
                let head = tf.title.min(15) << 4 | tf.section.min(15);
                put_varint(
                    &mut postings,
                    u64::from(tf.body) << 1 | u64::from(head != 0),
                );
                if head != 0 {
                    put_varint(&mut postings, u64::from(head));
                }
            }
        }
        let terms = terms
            .into_inner()
            .expect("in-memory fst writes cannot fail");
        let words = fst::Set::from_iter(self.surface_words.iter())
            .expect("words arrive sorted")
            .into_fst()
            .into_inner();

        let mut meta = Vec::new();
        put_varint(&mut meta, u64::from(self.doc_count));
        put_varint(&mut meta, term_count);
        let n = f64::from(self.doc_count.max(1));
        for total in self.total_len {
            meta.extend_from_slice(&((total as f64 / n) as f32).to_le_bytes());
        }
        let weights = self.weights.to_array();
        put_varint(&mut meta, weights.len() as u64);
        for v in weights {
            meta.extend_from_slice(&v.to_le_bytes());
        }
        for table in [&self.categories, &self.locales] {
            put_varint(&mut meta, table.len() as u64);
            for s in table {
                put_str(&mut meta, s);
            }
        }

        let mut synonyms = Vec::new();
        put_varint(&mut synonyms, self.synonyms.len() as u64);
        for group in &self.synonyms {
            put_varint(&mut synonyms, group.len() as u64);
            for member in group {
                put_str(&mut synonyms, member);
            }
        }

        let mut sections: Vec<(SectionKind, &[u8])> = vec![
            (SectionKind::Meta, &meta),
            (SectionKind::Terms, &terms),
            (SectionKind::Words, &words),
            (SectionKind::Postings, &postings),
            (SectionKind::Docs, &self.docs),
            (SectionKind::Text, &self.text),
        ];
        if !self.synonyms.is_empty() {
            sections.push((SectionKind::Synonyms, &synonyms));
        }
        let table_len = sections.len() * SECTION_ENTRY_LEN;
        let body_len: usize = sections.iter().map(|(_, b)| b.len()).sum();
        let mut out = Vec::with_capacity(HEADER_LEN + table_len + body_len + FOOTER_LEN);
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(sections.len() as u32).to_le_bytes());
        let mut offset = HEADER_LEN + table_len;
        for (kind, bytes) in &sections {
            out.extend_from_slice(&(*kind as u32).to_le_bytes());
            out.extend_from_slice(&0u32.to_le_bytes());
            out.extend_from_slice(&(offset as u32).to_le_bytes());
            out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
            offset += bytes.len();
        }
        for (_, bytes) in &sections {
            out.extend_from_slice(bytes);
        }
        let crc = crc32fast::hash(&out);
        out.extend_from_slice(&crc.to_le_bytes());

        let stats = IndexStats {
            documents: self.doc_count,
            terms: term_count,
            total_bytes: out.len(),
            sections: sections.iter().map(|(k, b)| (k.name(), b.len())).collect(),
        };
        (out, stats)
    }
}

fn intern(table: &mut Vec<String>, ids: &mut HashMap<String, u32>, value: &str) -> u32 {
    if let Some(&id) = ids.get(value) {
        return id;
    }
    let id = table.len() as u32;
    table.push(value.to_string());
    ids.insert(value.to_string(), id);
    id
}
