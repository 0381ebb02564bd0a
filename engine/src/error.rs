//! Errors raised while opening an index. Every message says what to do about it.

use thiserror::Error;

/// Why a byte buffer could not be opened as an index.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum FormatError {
    /// Fewer bytes than the smallest possible index.
    #[error("the index is only {len} bytes long, too short to be a faq-search index: the download was probably cut off; reload, or rebuild the index with index-builder")]
    TooShort { len: usize },

    /// The file does not start with the faq-search magic bytes.
    #[error("this is not a faq-search index (wrong magic bytes): check that the index URL points at the file index-builder wrote, not at an HTML error page")]
    BadMagic,

    /// The file was written in a format this reader does not understand.
    #[error("the index is in format version {found}, but this faq-search reads versions {oldest} to {newest}: rebuild the index with the index-builder that matches this widget")]
    UnsupportedVersion {
        found: u32,
        oldest: u32,
        newest: u32,
    },

    /// The checksum in the footer does not match the bytes.
    #[error("the index is corrupt (checksum {found:#010x}, expected {expected:#010x}): the file was damaged or cut off in transit; upload it again or rebuild it")]
    ChecksumMismatch { expected: u32, found: u32 },

    /// A section that every index has is absent.
    #[error("the index has no {section} section: it was written by an incompatible tool; rebuild it with index-builder")]
    MissingSection { section: &'static str },

    /// A section or record points outside the buffer or cannot be decoded.
    #[error("the index is corrupt ({what}): rebuild it with index-builder")]
    Corrupt { what: String },
}

impl FormatError {
    pub(crate) fn corrupt(what: impl Into<String>) -> Self {
        FormatError::Corrupt { what: what.into() }
    }
}
