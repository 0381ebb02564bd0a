//! Small corpus builders shared by the engine's integration tests.
#![allow(dead_code)]

use faq_search_engine::{date, Document, Index, IndexWriter, Weights};

pub fn doc(id: &str, title: &str, body: &str, category: &str, views: u64) -> Document {
    Document {
        id: id.into(),
        title: title.into(),
        body: body.into(),
        url: format!("/help/{id}"),
        category: category.into(),
        published: date::parse_ymd("2024-08-08").unwrap(),
        updated: date::parse_ymd("2026-05-29").unwrap(),
        views,
        locale: "en".into(),
        section: String::new(),
    }
}

pub fn build(docs: &[Document]) -> Vec<u8> {
    let mut w = IndexWriter::new(Weights::default());
    for d in docs {
        w.add(d);
    }
    w.finish().0
}

pub fn open(docs: &[Document]) -> Index {
    Index::from_bytes(build(docs)).expect("a freshly written index opens")
}
