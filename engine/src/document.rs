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
}
