//! The headings of long articles (section 10 of FORMAT.md): their one codec, which the writer
//! uses for an index in one file and for each body fragment of a split index, and the table
//! a reader keeps of them, read lazily one document at a time. Articles without headings
//! take no bytes at all: only documents that have headings are listed.

use std::ops::Range;

use crate::codec::{put_str, put_varint, Cursor};
use crate::document::Heading;
use crate::error::FormatError;

/// Appends the headings section for `docs`: (ordinal, headings) in ascending ordinal order,
/// each with at least one heading. Ordinals are written relative to `first`, the first
/// document the section can describe (0 for an index in one file; a fragment's first
/// document in a split one).
pub(crate) fn encode<'a>(
    out: &mut Vec<u8>,
    first: u32,
    docs: impl ExactSizeIterator<Item = (u32, &'a [Heading])>,
) {
    put_varint(out, docs.len() as u64);
    let mut previous = first;
    for (doc, headings) in docs {
        put_varint(out, u64::from(doc - previous));
        previous = doc;
        put_varint(out, headings.len() as u64);
        let mut at = 0usize;
        for h in headings {
            // Starts never go back; a writer given one that does keeps it at the last.
            let start = h.start.max(at);
            put_varint(out, (start - at) as u64);
            at = start;
            put_str(out, &h.text);
            put_str(out, &h.anchor);
        }
    }
}

/// One heading as stored: borrowed from the section's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredHeading<'a> {
    pub text: &'a str,
    pub anchor: &'a str,
    /// Byte offset in the document's full body (a split index may keep less of it).
    pub start: usize,
}

/// Which documents have headings and where their records start in the section's bytes.
/// The records are checked when the section is opened, so reading one cannot fail.
#[derive(Debug, Default)]
pub(crate) struct HeadingTable {
    /// (ordinal, byte offset of its heading count), in ascending ordinal order.
    at: Vec<(u32, u32)>,
}

impl HeadingTable {
    /// Checks a headings section whose documents lie in `docs` and notes where each
    /// document's headings are.
    pub fn decode(bytes: &[u8], docs: Range<u32>) -> Result<HeadingTable, FormatError> {
        // One message for every inconsistency: they all mean a damaged section.
        let damaged = || FormatError::corrupt("the headings section is damaged");
        let mut c = Cursor::new(bytes, "headings");
        let count = c.varint()?;
        if count > u64::from(docs.end.saturating_sub(docs.start)) {
            return Err(damaged());
        }
        let mut at = Vec::with_capacity(count as usize);
        let mut doc = u64::from(docs.start);
        for i in 0..count {
            let delta = c.varint()?;
            doc = doc.saturating_add(delta);
            if (i > 0 && delta == 0) || doc >= u64::from(docs.end) {
                return Err(damaged());
            }
            at.push((doc as u32, c.pos() as u32));
            let n = c.varint()?;
            if n == 0 || n > bytes.len() as u64 {
                return Err(damaged());
            }
            let mut start = 0u64;
            for _ in 0..n {
                start = start.saturating_add(c.varint()?);
                if start > u64::from(u32::MAX) {
                    return Err(damaged());
                }
                c.str()?;
                c.str()?;
            }
        }
        Ok(HeadingTable { at })
    }

    /// The headings of document `doc`, in order (none when it has no headings).
    pub fn get<'a>(&self, bytes: &'a [u8], doc: u32) -> Vec<StoredHeading<'a>> {
        let Ok(i) = self.at.binary_search_by_key(&doc, |&(d, _)| d) else {
            return Vec::new();
        };
        let mut c = Cursor::at(bytes, self.at[i].1 as usize, "headings");
        let mut out = Vec::new();
        // Checked by `decode`: these reads succeed.
        let n = c.varint().unwrap_or(0);
        let mut start = 0usize;
        for _ in 0..n {
            let (Ok(delta), Ok(text), Ok(anchor)) = (c.varint(), c.str(), c.str()) else {
                break;
            };
            start = start.saturating_add(delta as usize);
            out.push(StoredHeading {
                text,
                anchor,
                start,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(text: &str, start: usize) -> Heading {
        Heading {
            text: text.into(),
            anchor: text.to_lowercase().replace(' ', "-"),
            start,
        }
    }

    #[test]
    fn headings_read_back_by_document() {
        let a = [heading("Card limits", 10), heading("Fees", 40)];
        let b = [heading("Über uns", 0)];
        let mut bytes = Vec::new();
        encode(&mut bytes, 5, [(6, &a[..]), (9, &b[..])].into_iter());
        let table = HeadingTable::decode(&bytes, 5..10).unwrap();
        let got = table.get(&bytes, 6);
        assert_eq!(got.len(), 2);
        assert_eq!(
            (got[1].text, got[1].anchor, got[1].start),
            ("Fees", "fees", 40)
        );
        assert_eq!(table.get(&bytes, 9)[0].text, "Über uns");
        assert!(table.get(&bytes, 5).is_empty() && table.get(&bytes, 7).is_empty());
    }

    #[test]
    fn damaged_sections_are_refused() {
        let a = [heading("Card limits", 10)];
        let mut bytes = Vec::new();
        encode(&mut bytes, 0, [(3, &a[..])].into_iter());
        assert!(
            HeadingTable::decode(&bytes, 0..3).is_err(),
            "document 3 of 3"
        );
        for cut in 0..bytes.len() {
            assert!(HeadingTable::decode(&bytes[..cut], 0..4).is_err());
        }
        let mut twice = Vec::new();
        encode(&mut twice, 0, [(1, &a[..]), (1, &a[..])].into_iter());
        assert!(HeadingTable::decode(&twice, 0..4).is_err());
    }
}
