//! One help-center article as the engine sees it, already validated.

/// An article to index. Dates are days since 1970-01-01 (see [`crate::date`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub body: String,
    pub url: String,
    pub category: String,
    pub published: i32,
    pub updated: i32,
    pub views: u64,
    pub locale: String,
    /// Breadcrumb or section heading; may be empty.
    pub section: String,
    /// The headings inside `body`, in order: sub-results link to the one whose part of the
    /// body matched best. Empty for an article without headings, which then costs nothing.
    pub headings: Vec<Heading>,
}

/// A heading inside an article's body: where its part of the body starts, what it says, and
/// the `id` the page gives it, so that a result can link to `url#anchor`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Heading {
    /// The heading as the page shows it.
    pub text: String,
    /// The fragment identifier of the heading on the page, without `#`.
    pub anchor: String,
    /// Byte offset in the body where this heading's part starts (the heading's own text, when
    /// the body holds it); the part runs to the next heading's start or the end of the body.
    pub start: usize,
}
