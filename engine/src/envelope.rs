//! The envelope every index file and part file shares (FORMAT.md, "Envelope"): magic, version,
//! section table, section bytes, CRC-32 footer. Writing one, and checking one before anything
//! inside it is decoded; also the check of an fst's own checksum, which every reader of a
//! dictionary runs before walking it.

use std::ops::Range;

use crate::codec::Cursor;
use crate::error::FormatError;
use crate::format::{
    SectionKind, FOOTER_LEN, FORMAT_VERSION, HEADER_LEN, MAGIC, OLDEST_SUPPORTED_VERSION,
    SECTION_ENTRY_LEN,
};

/// One entry of the section table: its kind and where its bytes lie in the file.
#[derive(Debug, Clone)]
pub(crate) struct Section {
    pub kind: u32,
    pub range: Range<usize>,
}

/// A checked envelope: the format version and the section table, in file order.
#[derive(Debug)]
pub(crate) struct Envelope {
    pub version: u32,
    pub sections: Vec<Section>,
}

impl Envelope {
    /// Checks everything that does not need decoding: length, magic, version, checksum and
    /// that every section lies inside the file.
    pub fn check(data: &[u8]) -> Result<Envelope, FormatError> {
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
            .ok_or_else(|| {
                FormatError::corrupt("the section table runs past the end of the file")
            })?;
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
            let end = end.ok_or_else(|| {
                FormatError::corrupt(format!("section {kind} lies outside the file"))
            })?;
            sections.push(Section {
                kind,
                range: offset..end,
            });
        }
        Ok(Envelope { version, sections })
    }

    /// Where the first section of `kind` lies, if there is one.
    pub fn find(&self, kind: SectionKind) -> Option<Range<usize>> {
        self.sections
            .iter()
            .find(|s| s.kind == kind as u32)
            .map(|s| s.range.clone())
    }

    /// Like [`Envelope::find`], for a section every file of its kind has.
    pub fn require(&self, kind: SectionKind) -> Result<Range<usize>, FormatError> {
        self.find(kind).ok_or(FormatError::MissingSection {
            section: kind.name(),
        })
    }
}

/// Wraps sections in the envelope: header, section table, bytes, CRC-32.
pub(crate) fn write(version: u32, sections: &[(SectionKind, &[u8])]) -> Vec<u8> {
    let table_len = sections.len() * SECTION_ENTRY_LEN;
    let body_len: usize = sections.iter().map(|(_, b)| b.len()).sum();
    let mut out = Vec::with_capacity(HEADER_LEN + table_len + body_len + FOOTER_LEN);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&version.to_le_bytes());
    out.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    let mut offset = HEADER_LEN + table_len;
    for (kind, bytes) in sections {
        out.extend_from_slice(&(*kind as u32).to_le_bytes());
        out.extend_from_slice(&0u32.to_le_bytes());
        out.extend_from_slice(&(offset as u32).to_le_bytes());
        out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        offset += bytes.len();
    }
    for (_, bytes) in sections {
        out.extend_from_slice(bytes);
    }
    let crc = crc32fast::hash(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

/// Checks the checksum at the end of an fst's bytes (see `crc::fst_checksum_ok`): fst trusts
/// its node bytes and may panic on damaged ones (a panic in wasm would stop the widget).
pub(crate) fn check_fst(bytes: &[u8], what: &str) -> Result<(), FormatError> {
    if crate::crc::fst_checksum_ok(bytes) {
        Ok(())
    } else {
        Err(FormatError::corrupt(format!(
            "{what}: the checksum of its fst does not match its bytes"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_checks_and_finds_its_sections() {
        let bytes = write(
            FORMAT_VERSION,
            &[(SectionKind::Meta, b"abc"), (SectionKind::Text, b"")],
        );
        let envelope = Envelope::check(&bytes).unwrap();
        assert_eq!(envelope.version, FORMAT_VERSION);
        let meta = envelope.require(SectionKind::Meta).unwrap();
        assert_eq!(&bytes[meta], b"abc");
        assert_eq!(envelope.find(SectionKind::Text).map(|r| r.len()), Some(0));
        assert!(matches!(
            envelope.require(SectionKind::Docs),
            Err(FormatError::MissingSection { .. })
        ));
        let mut damaged = bytes.clone();
        damaged[HEADER_LEN] ^= 1;
        assert!(matches!(
            Envelope::check(&damaged),
            Err(FormatError::ChecksumMismatch { .. })
        ));
    }
}
