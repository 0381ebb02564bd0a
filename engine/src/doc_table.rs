//! The document table (FORMAT.md, "4 · document table"): one row of numbers per document, and
//! its three layouts: row by row in an index in one file; column by column in a split main
//! file, with `published` beside `updated` (version 3) or moved to the title fragments
//! (version 4). The writer and the reader both go through here.

use crate::codec::{put_varint, unzigzag, zigzag, Cursor};
use crate::error::FormatError;

/// What the ranker and the result list need of one document without its text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct DocRow {
    /// Index into the category table.
    pub category: u32,
    /// Index into the locale table.
    pub locale: u32,
    pub views: u64,
    /// Days since 1970-01-01. In a version-4 split index the table does not hold it (its
    /// title fragment does) and it reads as `updated` here.
    pub published: i32,
    pub updated: i32,
    /// Token counts of title, section and body.
    pub lens: [u32; 3],
    /// Where the document's stored text starts in the stored-text section (0 in a split index,
    /// whose fragments are read by ordinal).
    pub text_offset: u32,
}

/// How a document table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// An index in one file: every row whole, `text_offset` last.
    Rows,
    /// A version-3 split main file: by column, `updated` as its zigzag difference from
    /// `published`, no `text_offset`.
    ColumnsWithPublished,
    /// A version-4 split main file: by column, without `published` or `text_offset`.
    Columns,
}

/// The columns of a row as stored, in order, before any difference is undone.
const STORED_COLUMNS: usize = 9;

// Where each field sits among the stored columns.
const CATEGORY: usize = 0;
const LOCALE: usize = 1;
const VIEWS: usize = 2;
const PUBLISHED: usize = 3;
const UPDATED: usize = 4;
const TITLE_LEN: usize = 5;
const SECTION_LEN: usize = 6;
const BODY_LEN: usize = 7;
const TEXT_OFFSET: usize = 8;

impl DocRow {
    /// The stored values: category, locale, views, published, updated, three lengths, text
    /// offset.
    fn stored(&self) -> [u64; STORED_COLUMNS] {
        let mut v = [0; STORED_COLUMNS];
        v[CATEGORY] = u64::from(self.category);
        v[LOCALE] = u64::from(self.locale);
        v[VIEWS] = self.views;
        v[PUBLISHED] = self.published.max(0) as u64;
        v[UPDATED] = self.updated.max(0) as u64;
        v[TITLE_LEN] = u64::from(self.lens[0]);
        v[SECTION_LEN] = u64::from(self.lens[1]);
        v[BODY_LEN] = u64::from(self.lens[2]);
        v[TEXT_OFFSET] = u64::from(self.text_offset);
        v
    }

    /// A row from its stored values. Values too large for their field come out as
    /// `u32::MAX` (dates: negative), which the reader refuses.
    fn from_stored(v: [u64; STORED_COLUMNS]) -> DocRow {
        let small = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
        DocRow {
            category: small(v[CATEGORY]),
            locale: small(v[LOCALE]),
            views: v[VIEWS],
            published: small(v[PUBLISHED]) as i32,
            updated: small(v[UPDATED]) as i32,
            lens: [
                small(v[TITLE_LEN]),
                small(v[SECTION_LEN]),
                small(v[BODY_LEN]),
            ],
            text_offset: small(v[TEXT_OFFSET]),
        }
    }

    /// `published` as a title fragment of a version-4 split index stores it: its zigzag
    /// difference from `updated` (usually 0 or small).
    pub fn published_delta(&self) -> u64 {
        zigzag(i64::from(self.published.max(0)) - i64::from(self.updated.max(0)))
    }
}

/// The columns each layout stores, in the order it stores them.
fn columns(layout: Layout) -> &'static [usize] {
    match layout {
        Layout::Rows => &[
            CATEGORY,
            LOCALE,
            VIEWS,
            PUBLISHED,
            UPDATED,
            TITLE_LEN,
            SECTION_LEN,
            BODY_LEN,
            TEXT_OFFSET,
        ],
        Layout::ColumnsWithPublished => &[
            CATEGORY,
            LOCALE,
            VIEWS,
            PUBLISHED,
            UPDATED,
            TITLE_LEN,
            SECTION_LEN,
            BODY_LEN,
        ],
        Layout::Columns => &[
            CATEGORY,
            LOCALE,
            VIEWS,
            UPDATED,
            TITLE_LEN,
            SECTION_LEN,
            BODY_LEN,
        ],
    }
}

/// Writes `rows` in `layout` (the writer produces `Rows` and `Columns`).
pub(crate) fn encode(rows: &[DocRow], layout: Layout) -> Vec<u8> {
    let mut out = Vec::new();
    let stored: Vec<[u64; STORED_COLUMNS]> = rows.iter().map(DocRow::stored).collect();
    if layout == Layout::Rows {
        for row in &stored {
            for &value in row {
                put_varint(&mut out, value);
            }
        }
        return out;
    }
    for &column in columns(layout) {
        for row in &stored {
            let value = if layout == Layout::ColumnsWithPublished && column == UPDATED {
                zigzag(row[UPDATED] as i64 - row[PUBLISHED] as i64)
            } else {
                row[column]
            };
            put_varint(&mut out, value);
        }
    }
    out
}

/// Reads `doc_count` rows laid out as `layout`.
pub(crate) fn decode(
    bytes: &[u8],
    doc_count: usize,
    layout: Layout,
) -> Result<Vec<DocRow>, FormatError> {
    let mut cur = Cursor::new(bytes, "document table");
    let mut stored = vec![[0u64; STORED_COLUMNS]; doc_count];
    if layout == Layout::Rows {
        for row in stored.iter_mut() {
            for value in row.iter_mut() {
                *value = cur.varint()?;
            }
        }
    } else {
        for &column in columns(layout) {
            for row in stored.iter_mut() {
                row[column] = cur.varint()?;
            }
        }
    }
    for row in stored.iter_mut() {
        match layout {
            Layout::Rows => {}
            Layout::ColumnsWithPublished => {
                row[UPDATED] = (row[PUBLISHED] as i64)
                    .checked_add(unzigzag(row[UPDATED]))
                    .and_then(|d| u64::try_from(d).ok())
                    .ok_or_else(|| FormatError::corrupt("a document date is out of range"))?;
            }
            Layout::Columns => row[PUBLISHED] = row[UPDATED],
        }
    }
    Ok(stored.into_iter().map(DocRow::from_stored).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<DocRow> {
        (0..5u32)
            .map(|i| DocRow {
                category: i % 2,
                locale: 0,
                views: 1000 * u64::from(i),
                published: 19_000 + i as i32,
                updated: 19_500 - 7 * i as i32,
                lens: [3 + i, 0, 200 * i],
                text_offset: 0,
            })
            .collect()
    }

    #[test]
    fn every_layout_reads_back_what_was_written() {
        let mut whole = rows();
        for (i, row) in whole.iter_mut().enumerate() {
            row.text_offset = 40 * i as u32;
        }
        let bytes = encode(&whole, Layout::Rows);
        assert_eq!(decode(&bytes, 5, Layout::Rows).unwrap(), whole);
        let split = rows();
        let bytes = encode(&split, Layout::ColumnsWithPublished);
        assert_eq!(
            decode(&bytes, 5, Layout::ColumnsWithPublished).unwrap(),
            split
        );
        // Version 4 leaves `published` to the title fragments.
        let read = decode(&encode(&split, Layout::Columns), 5, Layout::Columns).unwrap();
        for (read, row) in read.iter().zip(&split) {
            assert_eq!(read.published, row.updated);
            assert_eq!((read.views, read.lens), (row.views, row.lens));
        }
    }

    #[test]
    fn columns_compress_what_rows_repeat() {
        // The same values, each column together: the layout a split main file uses.
        let bytes = encode(&rows(), Layout::Columns);
        assert_eq!(&bytes[..5], &[0, 1, 0, 1, 0]);
    }

    #[test]
    fn a_table_cut_short_or_out_of_range_is_refused() {
        let bytes = encode(&rows(), Layout::Rows);
        assert!(decode(&bytes[..bytes.len() - 1], 5, Layout::Rows).is_err());
        let mut huge = Vec::new();
        for value in [0, 0, 0, u64::from(u32::MAX) + 1, 0, 0, 0, 0, 0] {
            put_varint(&mut huge, value);
        }
        let row = decode(&huge, 1, Layout::Rows).unwrap()[0];
        assert!(row.published < 0, "the reader refuses it");
        // Version 3: an `updated` before 1970 once its difference is undone.
        let mut early = Vec::new();
        for value in [0, 0, 0, 5, zigzag(-6), 0, 0, 0] {
            put_varint(&mut early, value);
        }
        assert!(decode(&early, 1, Layout::ColumnsWithPublished).is_err());
    }
}
