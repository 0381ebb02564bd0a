//! The reader's text side: each document's stored id, title, url, section and body, from the
//! stored-text section of an index in one file or from the title and body fragments of a
//! split one.

use super::Index;
use crate::codec::{unzigzag, Cursor};
use crate::error::FormatError;
use crate::headings::StoredHeading;
use crate::parts::Missing;

/// The stored text of one document, borrowed from the index bytes.
#[derive(Debug, Clone, Copy)]
pub struct StoredText<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub section: &'a str,
    pub body: &'a str,
    /// The publication date, where it is stored with the text (a split index from version 4)
    /// rather than in the document table.
    pub published: Option<i32>,
}

impl Index {
    /// The stored strings of document `ordinal`. In a split index, the body is empty until its
    /// fragment is loaded, and an error says when the title fragment is not.
    pub fn stored(&self, ordinal: u32) -> Result<StoredText<'_>, FormatError> {
        self.read_text(ordinal, &mut Missing::default())
    }

    /// [`Index::stored`], noting the fragments it lacks in `missing`: the title fragment
    /// when it is not loaded, and the body fragment (whoever wants the title wants the body
    /// next, so both are fetched together).
    pub(crate) fn read_text(
        &self,
        ordinal: u32,
        missing: &mut Missing,
    ) -> Result<StoredText<'_>, FormatError> {
        let meta = self
            .docs
            .get(ordinal as usize)
            .ok_or_else(|| FormatError::corrupt("document ordinal out of range"))?;
        let Some(parts) = &self.parts else {
            let text = &self.data[self.text.clone()];
            let mut c = Cursor::at(text, meta.text_offset as usize, "stored text");
            return Ok(StoredText {
                id: c.str()?,
                title: c.str()?,
                url: c.str()?,
                section: c.str()?,
                body: c.str()?,
                published: None,
            });
        };
        let (ti, first) = parts.title_fragment(ordinal);
        let Some(titles) = parts.titles[ti].get() else {
            missing.note(parts.title_part(ti));
            let _ = self.body_text(ordinal, missing);
            return Err(FormatError::corrupt("the title fragment is not loaded yet"));
        };
        let dated = self.version >= 4;
        let mut c = Cursor::new(&titles.text, "title fragment");
        for _ in first..ordinal {
            for _ in 0..4 {
                c.str()?;
            }
            if dated {
                c.varint()?;
            }
        }
        let (id, title, url, section) = (c.str()?, c.str()?, c.str()?, c.str()?);
        let published = if dated {
            let published = i64::from(meta.updated) + unzigzag(c.varint()?);
            Some(
                i32::try_from(published)
                    .ok()
                    .filter(|&p| p >= 0)
                    .ok_or_else(|| FormatError::corrupt("a document date is out of range"))?,
            )
        } else {
            None
        };
        let body = match self.body_text(ordinal, missing) {
            Some(body) => body?,
            None => "",
        };
        Ok(StoredText {
            id,
            title,
            url,
            section,
            body,
            published,
        })
    }

    /// A split index's body of `ordinal`: `None` (noting the fragment) until it is loaded.
    fn body_text(&self, ordinal: u32, missing: &mut Missing) -> Option<Result<&str, FormatError>> {
        let parts = self.parts.as_ref()?;
        let (bi, first) = parts.body_fragment(ordinal);
        let Some(bodies) = parts.bodies[bi].get() else {
            missing.note(parts.body_part(bi));
            return None;
        };
        let mut c = Cursor::new(&bodies.text, "body fragment");
        for _ in first..ordinal {
            if let Err(e) = c.str() {
                return Some(Err(e));
            }
        }
        Some(c.str())
    }

    /// The headings of document `ordinal`, in order: none when it has none, and in a split
    /// index none until its body fragment is loaded.
    pub(crate) fn headings(&self, ordinal: u32) -> Vec<StoredHeading<'_>> {
        let Some(parts) = &self.parts else {
            return self
                .heading_table
                .get(&self.data[self.headings.clone()], ordinal);
        };
        match parts.bodies[parts.body_fragment(ordinal).0].get() {
            Some(fragment) => fragment.heading_table.get(&fragment.headings, ordinal),
            None => Vec::new(),
        }
    }

    /// Whether all stored text of `ordinal` can be read now.
    pub(crate) fn text_loaded(&self, ordinal: u32) -> bool {
        self.has_title(ordinal) && self.has_body(ordinal)
    }

    /// Whether the title of `ordinal` can be read now (always, for an index in one file).
    pub(crate) fn has_title(&self, ordinal: u32) -> bool {
        match &self.parts {
            None => true,
            Some(parts) => parts.title_loaded(ordinal),
        }
    }

    /// Whether the body of `ordinal` can be read now (always, for an index in one file).
    pub(crate) fn has_body(&self, ordinal: u32) -> bool {
        match &self.parts {
            None => true,
            Some(parts) => parts.body_loaded(ordinal),
        }
    }
}
