//! The constants of the on-disk format and the weights written into every index.
//! FORMAT.md at the repository root specifies the bytes.

/// First eight bytes of every index.
pub const MAGIC: [u8; 8] = *b"FAQSRCH\0";
/// Newest version this crate reads, and the version of a split index (a main file and parts;
/// version 3 was its first layout, version 4 moved publication dates to the title fragments).
/// An index in one file is still written as version 2, so older readers open it.
pub const FORMAT_VERSION: u32 = 4;
/// Version of an index written in one file.
pub const WHOLE_FORMAT_VERSION: u32 = 2;
/// Oldest version this crate still reads.
pub const OLDEST_SUPPORTED_VERSION: u32 = 1;

/// Bytes before the section table: magic, version, section count.
pub const HEADER_LEN: usize = 16;
/// Bytes per section-table entry: kind, flags, offset, length (four u32).
pub const SECTION_ENTRY_LEN: usize = 16;
/// Bytes of the CRC-32 footer.
pub const FOOTER_LEN: usize = 4;

/// Section kinds, as stored in the section table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum SectionKind {
    Meta = 1,
    Terms = 2,
    Postings = 3,
    Docs = 4,
    Text = 5,
    /// Surface words whose stem differs from the word, so prefixes and typos can be matched
    /// against what people type rather than against stems ("verificat" → "verification" → "verif").
    Words = 6,
    /// Groups of equivalent terms, applied at query time (optional; version 2).
    Synonyms = 7,
    /// A split index's table of part files (since version 3; see `parts.rs`).
    Parts = 8,
    /// The first section of each part file of a split index: which part it is, of which build.
    PartId = 9,
    /// The headings of the articles that have them, for sub-results (optional: in an index
    /// in one file, and in the body fragments of a split one that hold such articles).
    Headings = 10,
}

impl SectionKind {
    pub const ALL: [SectionKind; 6] = [
        SectionKind::Meta,
        SectionKind::Terms,
        SectionKind::Words,
        SectionKind::Postings,
        SectionKind::Docs,
        SectionKind::Text,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SectionKind::Meta => "meta",
            SectionKind::Terms => "term dictionary",
            SectionKind::Postings => "postings",
            SectionKind::Docs => "document table",
            SectionKind::Text => "stored text",
            SectionKind::Words => "surface words",
            SectionKind::Synonyms => "synonyms",
            SectionKind::Parts => "parts table",
            SectionKind::PartId => "part identity",
            SectionKind::Headings => "headings",
        }
    }
}

/// Snippets and proximity look at most this many bytes of a body: a long manual page would
/// otherwise cost milliseconds per keystroke to re-tokenize, and its opening is what best
/// describes it. A split index's body fragments keep no more than this (and an ellipsis).
pub const SCAN_BYTES: usize = 8_000;

/// In the term dictionary from version 2 on (a split index's term chunks too), the lowest bit
/// of a term's value says the term also occurs as a word of its own (not only as the stem of
/// longer words), so it may be offered as a "did you mean" suggestion; the postings offset is
/// the value shifted right by one. (The low bit, not a high one: fst stores small values in few
/// bytes.)
pub const SURFACE_TERM_FLAG: u64 = 1;

/// Every number that shapes ranking, in one place. They are chosen when the index is built
/// and stored in it, so every widget that opens the index ranks the same way.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// BM25 term-frequency saturation.
    pub k1: f32,
    /// BM25 length normalization (0 = none, 1 = full).
    pub b: f32,
    /// Field boosts for BM25F.
    pub title: f32,
    pub section: f32,
    pub body: f32,
    /// How much view counts lift a result: a score is multiplied by
    /// `1 + popularity * ln(1 + views) / ln(1 + max_views)`.
    pub popularity: f32,
    /// How much a result gains when all the query's words stand close together in its text:
    /// a score is multiplied by up to `1 + proximity`.
    pub proximity: f32,
    /// Weight of a word matched as the prefix of a longer one, relative to an exact match (1).
    pub prefix: f32,
    /// Weights of words matched with one and with two typos.
    pub typo1: f32,
    pub typo2: f32,
    /// Weight of a common question word ("how", "do", "i") when the query holds other words.
    pub stop_word: f32,
    /// How much a result gains when the query's words are in its title: a score is multiplied
    /// by `1 + title_match * (share of the query's words found in the title)`. Added on top of
    /// BM25F because a long page repeating a word can otherwise outweigh a title.
    pub title_match: f32,
}

impl Weights {
    /// The weights in their stored order (meta section, version 2).
    pub fn to_array(self) -> [f32; 12] {
        [
            self.k1,
            self.b,
            self.title,
            self.section,
            self.body,
            self.popularity,
            self.proximity,
            self.prefix,
            self.typo1,
            self.typo2,
            self.stop_word,
            self.title_match,
        ]
    }

    /// Reads weights in stored order; missing trailing ones keep their defaults, so an index
    /// written before a weight existed still opens.
    pub fn from_slice(values: &[f32]) -> Weights {
        let mut all = Weights::default().to_array();
        for (slot, v) in all.iter_mut().zip(values) {
            *slot = *v;
        }
        Weights {
            k1: all[0],
            b: all[1],
            title: all[2],
            section: all[3],
            body: all[4],
            popularity: all[5],
            proximity: all[6],
            prefix: all[7],
            typo1: all[8],
            typo2: all[9],
            stop_word: all[10],
            title_match: all[11],
        }
    }
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            k1: 1.2,
            b: 0.75,
            title: 4.0,
            section: 1.5,
            body: 1.0,
            popularity: 0.1,
            proximity: 0.3,
            prefix: 0.75,
            typo1: 0.5,
            typo2: 0.3,
            stop_word: 0.2,
            title_match: 0.5,
        }
    }
}
