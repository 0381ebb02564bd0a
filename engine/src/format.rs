//! The constants of the on-disk format and the weights written into every index.
//! FORMAT.md at the repository root specifies the bytes.

/// First eight bytes of every index.
pub const MAGIC: [u8; 8] = *b"FAQSRCH\0";
/// Version this crate writes.
pub const FORMAT_VERSION: u32 = 1;
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
        }
    }
}

/// Ranking weights. They are chosen when the index is built and stored in it, so every
/// widget that opens the index ranks the same way.
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
        }
    }
}
