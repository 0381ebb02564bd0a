//! Builds the index bytes from documents: tokenizes every field, collects postings,
//! and writes the sections of FORMAT.md with a checksum, in one file (`finish`) or split into
//! a main file and parts (`finish_split`).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::codec::{put_str, put_varint};
use crate::doc_table::{self, DocRow, Layout};
use crate::document::{Document, Heading};
use crate::envelope;
use crate::format::{
    SectionKind, Weights, FORMAT_VERSION, SCAN_BYTES, SURFACE_TERM_FLAG, WHOLE_FORMAT_VERSION,
};
use crate::headings;
use crate::parts::{chunk_of, PartKind, PartsTable};
use crate::tokenizer::{fold, joined_term, tokenize, Language, Token, TokenKind};

/// Term frequencies of one term in one document, per field (clamped to what the format stores).
#[derive(Clone, Copy, Default)]
struct FieldTf {
    title: u32,
    section: u32,
    body: u32,
}

/// What tokenizing one document gives the writer: term frequencies per field, field lengths,
/// and the folded words that differ from their terms (and the terms that occur as words).
/// Computed apart from the writer so that documents can be tokenized in parallel (`batch.rs`).
pub(crate) struct DocTerms {
    tfs: HashMap<String, FieldTf>,
    lens: [u32; 3],
    surface_words: HashSet<String>,
    surface_terms: HashSet<String>,
}

/// Tokenizes the title, section, headings and body of `doc`.
pub(crate) fn analyze(doc: &Document) -> DocTerms {
    let lang = Language::from_locale(&doc.locale);
    let mut tfs: HashMap<String, FieldTf> = HashMap::new();
    let mut lens = [0u32; 3];
    let mut surface_words = HashSet::new();
    let mut surface_terms = HashSet::new();
    // The article's headings count with its section as well as in the body: a word in a
    // heading names what a part of the article is about.
    let headings = doc.headings.iter().map(|h| (1usize, &h.text));
    let fields = [(0usize, &doc.title), (1, &doc.section), (2, &doc.body)];
    let count = |tfs: &mut HashMap<String, FieldTf>, term: String, field: usize| {
        let tf = tfs.entry(term).or_default();
        match field {
            0 => tf.title += 1,
            1 => tf.section += 1,
            _ => tf.body += 1,
        }
    };
    for (field, text) in fields.into_iter().chain(headings) {
        let mut previous: Option<Token> = None;
        for token in tokenize(text, lang) {
            // "e-mail" is also "email": whoever types either finds it.
            if let Some(joined) = previous
                .as_ref()
                .and_then(|p| joined_term(text, p, &token, lang, false))
            {
                count(&mut tfs, joined, field);
            }
            lens[field] += 1;
            if token.kind == TokenKind::Word {
                let surface = fold(&text[token.start..token.end]);
                if surface != token.term {
                    surface_words.insert(surface);
                } else if !surface_terms.contains(&token.term) {
                    surface_terms.insert(token.term.clone());
                }
            }
            let (start, end, kind) = (token.start, token.end, token.kind);
            count(&mut tfs, token.term, field);
            previous = Some(Token {
                term: String::new(),
                start,
                end,
                kind,
            });
        }
    }
    DocTerms {
        tfs,
        lens,
        surface_words,
        surface_terms,
    }
}

/// Accumulates documents, then writes an index with [`IndexWriter::finish`].
pub struct IndexWriter {
    weights: Weights,
    postings: BTreeMap<String, Vec<(u32, FieldTf)>>,
    surface_words: BTreeSet<String>,
    /// Terms that also occur unstemmed, as words of their own.
    surface_terms: std::collections::HashSet<String>,
    synonyms: Vec<Vec<String>>,
    rows: Vec<DocRow>,
    text: Vec<u8>,
    /// The headings of the documents that have them, by ordinal.
    headings: Vec<(u32, Vec<Heading>)>,
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
            rows: Vec::new(),
            text: Vec::new(),
            headings: Vec::new(),
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
        self.add_terms(doc, analyze(doc));
    }

    /// Adds a document whose terms [`analyze`] found (possibly on another thread).
    pub(crate) fn add_terms(&mut self, doc: &Document, terms: DocTerms) {
        let ordinal = self.doc_count;
        self.doc_count += 1;
        let DocTerms {
            tfs,
            lens,
            surface_words,
            surface_terms,
        } = terms;
        for surface in surface_words {
            if !self.surface_words.contains(&surface) {
                self.surface_words.insert(surface);
            }
        }
        for term in surface_terms {
            if !self.surface_terms.contains(&term) {
                self.surface_terms.insert(term);
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
        self.rows.push(DocRow {
            category,
            locale,
            views: doc.views,
            published: doc.published.max(0),
            updated: doc.updated.max(0),
            lens,
            text_offset: self.text.len() as u32,
        });
        for s in [&doc.id, &doc.title, &doc.url, &doc.section, &doc.body] {
            put_str(&mut self.text, s);
        }
        if !doc.headings.is_empty() {
            let mut headings = doc.headings.clone();
            headings.sort_by_key(|h| h.start);
            self.headings.push((ordinal, headings));
        }
    }

    /// The headings section of the documents in `docs` (empty when none has headings).
    fn headings_section(&self, docs: std::ops::Range<u32>) -> Vec<u8> {
        let from = self.headings.partition_point(|(d, _)| *d < docs.start);
        let to = self.headings.partition_point(|(d, _)| *d < docs.end);
        let listed = &self.headings[from..to];
        let mut out = Vec::new();
        if !listed.is_empty() {
            headings::encode(
                &mut out,
                docs.start,
                listed.iter().map(|(d, h)| (*d, h.as_slice())),
            );
        }
        out
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

    /// Writes the index in one file. The result opens with [`crate::Index::from_bytes`].
    pub fn finish(self) -> (Vec<u8>, IndexStats) {
        let mut postings = Vec::new();
        let mut terms = fst::MapBuilder::memory();
        for (term, list) in &self.postings {
            // BTreeMap iterates in byte order, which is what the fst builder requires.
            terms
                .insert(term.as_bytes(), self.term_value(term, postings.len()))
                .expect("terms arrive sorted and unique");
            encode_postings(&mut postings, list);
        }
        let terms = terms
            .into_inner()
            .expect("in-memory fst writes cannot fail");
        let words = fst::Set::from_iter(self.surface_words.iter())
            .expect("words arrive sorted")
            .into_fst()
            .into_inner();
        let meta = self.meta();
        let synonyms = self.synonyms_section();
        let docs = doc_table::encode(&self.rows, Layout::Rows);
        let headings = self.headings_section(0..self.doc_count);

        let mut sections: Vec<(SectionKind, &[u8])> = vec![
            (SectionKind::Meta, &meta),
            (SectionKind::Terms, &terms),
            (SectionKind::Words, &words),
            (SectionKind::Postings, &postings),
            (SectionKind::Docs, &docs),
            (SectionKind::Text, &self.text),
        ];
        if !self.synonyms.is_empty() {
            sections.push((SectionKind::Synonyms, &synonyms));
        }
        if !headings.is_empty() {
            sections.push((SectionKind::Headings, &headings));
        }
        let out = envelope::write(WHOLE_FORMAT_VERSION, &sections);
        let stats = IndexStats {
            documents: self.doc_count,
            terms: self.postings.len() as u64,
            total_bytes: out.len(),
            sections: sections.iter().map(|(k, b)| (k.name(), b.len())).collect(),
        };
        (out, stats)
    }

    /// Writes the index split into a main file and parts (format version 4, FORMAT.md "Split
    /// indexes"): term chunks of about `sizes.chunk_bytes`, title and body fragments of about
    /// `sizes.titles_bytes` and `sizes.bodies_bytes`. Part files are named from a common
    /// prefix that `prefix(parts)` chooses once every part is made (a content hash of them,
    /// say, ending in "."; it must not hold `/`): see [`SplitIndex::parts`].
    pub fn finish_split(
        self,
        sizes: SplitSizes,
        prefix: impl FnOnce(&[Vec<u8>]) -> String,
    ) -> SplitIndex {
        // Term chunks: runs of terms in key order, each with its postings and the surface words
        // that sort in its key range.
        let mut chunk_keys: Vec<Vec<u8>> = Vec::new();
        let mut chunk_terms: Vec<Vec<&String>> = Vec::new();
        let mut size = usize::MAX;
        for (term, list) in &self.postings {
            if size >= sizes.chunk_bytes.max(1) {
                chunk_keys.push(if chunk_keys.is_empty() {
                    Vec::new()
                } else {
                    term.as_bytes().to_vec()
                });
                chunk_terms.push(Vec::new());
                size = 0;
            }
            chunk_terms.last_mut().expect("a chunk is open").push(term);
            // Roughly what the term costs: its key and two bytes a posting.
            size += term.len() + 2 * list.len() + 2;
        }
        if chunk_keys.is_empty() {
            chunk_keys.push(Vec::new());
            chunk_terms.push(Vec::new());
        }
        let mut words_by_chunk: Vec<Vec<&String>> = vec![Vec::new(); chunk_keys.len()];
        for word in &self.surface_words {
            words_by_chunk[chunk_of(&chunk_keys, word.as_bytes())].push(word);
        }
        // Each part's sections, before the identity section that ties it to this build.
        let mut contents: Vec<Vec<(SectionKind, Vec<u8>)>> = Vec::new();
        for (terms_in, words_in) in chunk_terms.iter().zip(&words_by_chunk) {
            let mut postings = Vec::new();
            let mut terms = fst::MapBuilder::memory();
            for term in terms_in {
                terms
                    .insert(term.as_bytes(), self.term_value(term, postings.len()))
                    .expect("terms arrive sorted and unique");
                encode_postings(&mut postings, &self.postings[*term]);
            }
            let terms = terms
                .into_inner()
                .expect("in-memory fst writes cannot fail");
            let words = fst::Set::from_iter(words_in.iter())
                .expect("words arrive sorted")
                .into_fst()
                .into_inner();
            contents.push(vec![
                (SectionKind::Terms, terms),
                (SectionKind::Words, words),
                (SectionKind::Postings, postings),
            ]);
        }

        // The document table by column and without stored-text offsets (fragments are found
        // by ordinal) or publication dates (only shown, so they travel with the titles).
        let docs = doc_table::encode(&self.rows, Layout::Columns);

        // Title and body fragments: runs of documents in ordinal order, records one after
        // the other (a reader steps over the few before the one it wants).
        let records = self.stored_records();
        let mut starts: [Vec<u32>; 2] = [Vec::new(), Vec::new()];
        for (which, target) in [sizes.titles_bytes, sizes.bodies_bytes]
            .into_iter()
            .enumerate()
        {
            let mut text: Vec<u8> = Vec::new();
            // A body fragment carries the headings of its articles that have them.
            let fragment = |text: Vec<u8>, docs: std::ops::Range<u32>| {
                let mut sections = vec![(SectionKind::Text, text)];
                if which == 1 {
                    let headings = self.headings_section(docs);
                    if !headings.is_empty() {
                        sections.push((SectionKind::Headings, headings));
                    }
                }
                sections
            };
            for (ordinal, record) in records.iter().enumerate() {
                if ordinal == 0 || text.len() >= target.max(1) {
                    if ordinal > 0 {
                        let first = *starts[which].last().expect("a fragment is open");
                        let text = std::mem::take(&mut text);
                        contents.push(fragment(text, first..ordinal as u32));
                    }
                    starts[which].push(ordinal as u32);
                }
                if which == 0 {
                    for s in [record.id, record.title, record.url, record.section] {
                        put_str(&mut text, s);
                    }
                    put_varint(&mut text, self.rows[ordinal].published_delta());
                } else {
                    put_str(&mut text, &shorten_body(record.body));
                }
            }
            if starts[which].is_empty() {
                starts[which].push(0);
            }
            let first = *starts[which].last().expect("a fragment is open");
            contents.push(fragment(text, first..self.doc_count));
        }

        let mut hasher = crc32fast::Hasher::new();
        for part in &contents {
            for (_, bytes) in part {
                hasher.update(bytes);
            }
        }
        let build = hasher.finalize();
        let parts: Vec<Vec<u8>> = contents
            .iter()
            .enumerate()
            .map(|(id, sections)| {
                let mut identity = Vec::new();
                put_varint(&mut identity, id as u64);
                identity.extend_from_slice(&build.to_le_bytes());
                let mut all: Vec<(SectionKind, &[u8])> = vec![(SectionKind::PartId, &identity)];
                all.extend(sections.iter().map(|(k, b)| (*k, b.as_slice())));
                envelope::write(FORMAT_VERSION, &all)
            })
            .collect();
        let [title_starts, body_starts] = starts;
        let (c, t) = (chunk_keys.len(), title_starts.len());
        let table = PartsTable {
            build,
            prefix: prefix(&parts),
            chunk_keys,
            title_starts,
            body_starts,
        };
        let names = table.infos().into_iter().map(|info| info.file);
        let table = table.encode();
        let meta = self.meta();
        let synonyms = self.synonyms_section();
        let mut sections: Vec<(SectionKind, &[u8])> = vec![
            (SectionKind::Meta, &meta),
            (SectionKind::Docs, &docs),
            (SectionKind::Parts, &table),
        ];
        if !self.synonyms.is_empty() {
            sections.push((SectionKind::Synonyms, &synonyms));
        }
        let main = envelope::write(FORMAT_VERSION, &sections);
        let mut stats_sections: Vec<(&'static str, usize)> =
            sections.iter().map(|(k, b)| (k.name(), b.len())).collect();
        for (kind, range) in [
            (PartKind::Terms, 0..c),
            (PartKind::Titles, c..c + t),
            (PartKind::Bodies, c + t..parts.len()),
        ] {
            stats_sections.push((kind.name(), parts[range].iter().map(Vec::len).sum()));
        }
        let stats = IndexStats {
            documents: self.doc_count,
            terms: self.postings.len() as u64,
            total_bytes: main.len() + parts.iter().map(Vec::len).sum::<usize>(),
            sections: stats_sections,
        };
        SplitIndex {
            main,
            parts: names.zip(parts).collect(),
            stats,
        }
    }

    /// A term's dictionary value: its postings offset and the surface flag.
    fn term_value(&self, term: &str, offset: usize) -> u64 {
        let flag = if self.surface_terms.contains(term) {
            SURFACE_TERM_FLAG
        } else {
            0
        };
        (offset as u64) << 1 | flag
    }

    fn meta(&self) -> Vec<u8> {
        let mut meta = Vec::new();
        put_varint(&mut meta, u64::from(self.doc_count));
        put_varint(&mut meta, self.postings.len() as u64);
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
        meta
    }

    fn synonyms_section(&self) -> Vec<u8> {
        let mut synonyms = Vec::new();
        put_varint(&mut synonyms, self.synonyms.len() as u64);
        for group in &self.synonyms {
            put_varint(&mut synonyms, group.len() as u64);
            for member in group {
                put_str(&mut synonyms, member);
            }
        }
        synonyms
    }

    /// Every document's stored strings, read back from the stored text.
    fn stored_records(&self) -> Vec<StoredRecord<'_>> {
        let mut c = crate::codec::Cursor::new(&self.text, "stored text");
        (0..self.doc_count)
            .map(|_| {
                let mut s = || c.str().expect("written above");
                StoredRecord {
                    id: s(),
                    title: s(),
                    url: s(),
                    section: s(),
                    body: s(),
                }
            })
            .collect()
    }
}

/// One document's strings as the stored text holds them, in this order.
struct StoredRecord<'a> {
    id: &'a str,
    title: &'a str,
    url: &'a str,
    section: &'a str,
    body: &'a str,
}

/// How many of the most viewed articles lead a split index, together, before the rest.
pub const POPULAR_FIRST: usize = 32;

/// The article order of a split index, which decides what shares a fragment: the most viewed
/// first (an empty query lists them, so they come in one or two fragments), then the rest by
/// URL, so that articles of one part of the site (one manual, one product), which a query
/// tends to find together, share fragments too: a query then asks for fewer title fragments
/// than when ordered by views alone. Call it on the articles before adding them to the writer whose `finish_split` follows.
pub fn order_for_split(docs: &mut Vec<Document>) {
    docs.sort_by_key(|d| std::cmp::Reverse(d.views));
    let mut rest = docs.split_off(POPULAR_FIRST.min(docs.len()));
    rest.sort_by(|a, b| a.url.cmp(&b.url));
    docs.extend(rest);
}

/// Sizes the parts of a split index aim at (uncompressed bytes).
#[derive(Debug, Clone, Copy)]
pub struct SplitSizes {
    pub chunk_bytes: usize,
    pub titles_bytes: usize,
    pub bodies_bytes: usize,
}

impl Default for SplitSizes {
    /// Chosen with `examples/split_probe.rs` and `bench/network.mjs`: a first query should
    /// download little, and typing should not ask for many parts. Smaller term chunks cut the
    /// dictionary bytes of a first query for a few more requests while typing; smaller text
    /// fragments save little more on a first query but cost typing many more requests and
    /// make a large index many thousands of files.
    fn default() -> Self {
        SplitSizes {
            chunk_bytes: 8 * 1024,
            titles_bytes: 2 * 1024,
            bodies_bytes: 4 * 1024,
        }
    }
}

/// A split index: the main file, and the parts with the names the main file gives them.
pub struct SplitIndex {
    pub main: Vec<u8>,
    pub parts: Vec<(String, Vec<u8>)>,
    pub stats: IndexStats,
}

/// Body text kept in a body fragment: what snippets and proximity look at (the search reads
/// no further), with an ellipsis when cut, so a fragment does not carry whole manuals.
fn shorten_body(body: &str) -> std::borrow::Cow<'_, str> {
    const KEEP: usize = SCAN_BYTES + 16;
    if body.len() <= KEEP {
        return body.into();
    }
    let mut end = KEEP;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    format!("{} …", &body[..end]).into()
}

fn encode_postings(out: &mut Vec<u8>, list: &[(u32, FieldTf)]) {
    put_varint(out, list.len() as u64);
    let mut previous = 0u32;
    for (doc, tf) in list {
        put_varint(out, u64::from(doc - previous));
        previous = *doc;
        // Most postings are body-only: one byte for body_tf < 64, a second only when the term
        // is also in the title or section.
        let head = tf.title.min(15) << 4 | tf.section.min(15);
        put_varint(out, u64::from(tf.body) << 1 | u64::from(head != 0));
        if head != 0 {
            put_varint(out, u64::from(head));
        }
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
