//! Small corpus builders shared by the engine's integration tests.
#![allow(dead_code)]

use faq_search_engine::{date, Document, Heading, Index, IndexWriter, Weights};

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
        headings: Vec::new(),
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

/// The articles of a JSON Lines file in the corpus schema, field by field as index-builder
/// reads them (dates as `YYYY-MM-DD`; a missing string field is empty; `sections` appended to
/// the body under their headings, anchored where they say or at their words joined by `-`).
pub fn read_jsonl(path: &str) -> Vec<Document> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
            let mut body = s("body").trim_end().to_string();
            let mut headings = Vec::new();
            for section in v["sections"].as_array().into_iter().flatten() {
                let field = |k: &str| section[k].as_str().unwrap_or("").trim().to_string();
                let text = field("heading");
                let anchor = section["anchor"].as_str().map_or_else(
                    || {
                        let words = text
                            .to_lowercase()
                            .replace(|c: char| !c.is_alphanumeric(), " ");
                        words.split_whitespace().collect::<Vec<_>>().join("-")
                    },
                    str::to_string,
                );
                if !body.is_empty() {
                    body.push_str("\n\n");
                }
                headings.push(Heading {
                    anchor,
                    start: body.len(),
                    text: text.clone(),
                });
                body.push_str(&text);
                body.push_str("\n\n");
                body.push_str(&field("text"));
            }
            Document {
                id: s("id"),
                title: s("title"),
                body,
                url: s("url"),
                category: s("category"),
                published: date::parse_ymd(&s("published")).unwrap(),
                updated: date::parse_ymd(&s("updated")).unwrap(),
                views: v["views"].as_u64().unwrap(),
                locale: s("locale"),
                section: s("section"),
                headings,
            }
        })
        .collect()
}
