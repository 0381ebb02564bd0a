//! The index format: round trips, and every kind of damaged input is a typed error, never a panic.
//! The committed golden indexes, one per format version, keep opening and answering.
//!
//! `FAQ_WRITE_GOLDEN=4 cargo test -p faq-search-engine --test format golden_split` writes the
//! split golden of the current format, `fixtures/golden-v4/` (older goldens stay as they are).

mod common;

use common::{build, doc};
use faq_search_engine::{
    format, Document, FormatError, Index, IndexWriter, PartKind, SearchOptions, SearchResults,
    SortOrder, SplitSizes, Weights,
};
use proptest::prelude::*;

fn sample() -> Vec<u8> {
    build(&[
        doc(
            "a",
            "Reset two-factor authentication",
            "Open Security and choose 2FA.",
            "FAQ",
            10,
        ),
        doc(
            "b",
            "Deposit fees",
            "Crypto deposits are free on every network.",
            "Product documents",
            5,
        ),
    ])
}

/// Rewrites the CRC-32 footer so a deliberate change is not caught by the checksum first.
fn fix_checksum(bytes: &mut [u8]) {
    let n = bytes.len() - 4;
    let crc = crc32(&bytes[..n]);
    bytes[n..].copy_from_slice(&crc.to_le_bytes());
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn header_matches_the_specification() {
    let bytes = sample();
    assert_eq!(&bytes[..8], b"FAQSRCH\0");
    assert_eq!(
        u32::from_le_bytes(bytes[8..12].try_into().unwrap()),
        format::WHOLE_FORMAT_VERSION
    );
    assert_eq!(
        u32::from_le_bytes(bytes[12..16].try_into().unwrap()),
        6,
        "six sections"
    );
    let n = bytes.len() - 4;
    assert_eq!(
        u32::from_le_bytes(bytes[n..].try_into().unwrap()),
        crc32(&bytes[..n])
    );
}

#[test]
fn every_truncation_is_an_error() {
    let bytes = sample();
    for len in 0..bytes.len() {
        let err = Index::from_bytes(bytes[..len].to_vec()).unwrap_err();
        assert!(
            matches!(
                err,
                FormatError::TooShort { .. }
                    | FormatError::ChecksumMismatch { .. }
                    | FormatError::BadMagic
            ),
            "len {len}: {err:?}"
        );
    }
}

#[test]
fn every_flipped_byte_is_an_error() {
    let bytes = sample();
    for i in 0..bytes.len() {
        let mut bad = bytes.clone();
        bad[i] ^= 0x5a;
        assert!(
            Index::from_bytes(bad).is_err(),
            "flip at {i} went unnoticed"
        );
    }
}

#[test]
fn wrong_version_says_what_to_do() {
    let mut bytes = sample();
    bytes[8..12].copy_from_slice(&99u32.to_le_bytes());
    fix_checksum(&mut bytes);
    let err = Index::from_bytes(bytes).unwrap_err();
    assert_eq!(
        err,
        FormatError::UnsupportedVersion {
            found: 99,
            oldest: 1,
            newest: format::FORMAT_VERSION
        }
    );
    let text = err.to_string();
    assert!(text.contains("format version 99"), "{text}");
    assert!(text.contains("reads versions 1 to 4"), "{text}");
    assert!(text.contains("rebuild the index"), "{text}");
}

#[test]
fn html_instead_of_an_index_is_bad_magic() {
    let page = b"<!doctype html><html><body>Not found</body></html>".to_vec();
    let err = Index::from_bytes(page).unwrap_err();
    assert_eq!(err, FormatError::BadMagic);
    assert!(err.to_string().contains("not a faq-search index"));
}

#[test]
fn corruption_behind_a_valid_checksum_is_still_caught() {
    // Damage inside sections, then repair the checksum: decoding must fail cleanly or the
    // index must still answer queries; it must never panic.
    let bytes = sample();
    for i in 16..bytes.len() - 4 {
        for flip in [0x01u8, 0x80, 0xff] {
            let mut bad = bytes.clone();
            bad[i] ^= flip;
            fix_checksum(&mut bad);
            if let Ok(index) = Index::from_bytes(bad) {
                let _ = index.search("deposit", &SearchOptions::default());
                let _ = index.search("", &SearchOptions::default());
            }
        }
    }
}

#[test]
fn missing_section_is_named() {
    let mut bytes = sample();
    // Rename the postings section (the fourth table entry) to an unknown kind.
    let entry = format::HEADER_LEN + 3 * format::SECTION_ENTRY_LEN;
    assert_eq!(
        u32::from_le_bytes(bytes[entry..entry + 4].try_into().unwrap()),
        3
    );
    bytes[entry..entry + 4].copy_from_slice(&77u32.to_le_bytes());
    fix_checksum(&mut bytes);
    let err = Index::from_bytes(bytes).unwrap_err();
    assert_eq!(
        err,
        FormatError::MissingSection {
            section: "postings"
        }
    );
}

#[test]
fn golden_v1_index_still_opens() {
    // Built by index-builder from tests/fixtures/golden-v1.jsonl when format 1 was current.
    // If this fails, the reader has broken compatibility with indexes already deployed.
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/golden-v1.idx"
    ))
    .unwrap();
    let index = Index::from_bytes(bytes).expect("format 1 indexes must keep opening");
    assert_eq!(index.doc_count(), 4);
    assert_eq!(
        index.categories(),
        ["FAQ", "Announcements", "Product documents"]
    );
    let r = index.search("withdrawal", &SearchOptions::default());
    assert_eq!(r.hits[0].id, "withdrawal-limits");
    assert_eq!(r.hits[0].published, "2023-04-02");
    assert_eq!(r.hits[0].views, 12_345);
}

#[test]
fn golden_v2_index_still_opens() {
    // Built by `index-builder build golden-v1.jsonl --synonyms golden-v2.synonyms` when format 2
    // was current: compact postings, the weights table, the surface-term flag and synonyms.
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/golden-v2.idx"
    ))
    .unwrap();
    let index = Index::from_bytes(bytes).expect("format 2 indexes must keep opening");
    assert_eq!(index.format_version(), 2);
    assert_eq!(index.doc_count(), 4);
    assert_eq!(index.synonyms().len(), 2);
    assert_golden_answers(&index);
}

/// What every golden index (built from `golden-v1.jsonl` with `golden-v2.synonyms`) answers.
fn assert_golden_answers(index: &Index) {
    let r = index.search("withdrawal", &SearchOptions::default());
    assert_eq!(r.hits[0].id, "withdrawal-limits");
    assert_eq!(r.hits[0].views, 12_345);
    // Through the synonyms: "kyc" finds the article about verification levels.
    let r = index.search("kyc ", &SearchOptions::default());
    assert_eq!(r.hits[0].id, "withdrawal-limits");
    // The surface-term flag feeds "did you mean".
    let r = index.search("withdrawl ", &SearchOptions::default());
    assert_eq!(r.suggestion.as_deref(), Some("withdrawal "));
}

/// The split goldens (versions 3 and later) are folders: `golden-v<N>/` holds the main file
/// `golden-v<N>.idx` and its parts, under the names the main file gives them
/// ("golden-v<N>.t0.bin", ...).
fn golden_dir(version: u32) -> String {
    format!(
        "{}/tests/fixtures/golden-v{version}",
        env!("CARGO_MANIFEST_DIR")
    )
}
fn golden_main(version: u32) -> String {
    format!("golden-v{version}.idx")
}
/// Parts this small cut the four golden documents into several term chunks and several title
/// and body fragments (the last title and the last body fragment hold two documents each).
const GOLDEN_SPLIT_SIZES: SplitSizes = SplitSizes {
    chunk_bytes: 64,
    titles_bytes: 60,
    bodies_bytes: 60,
};

/// The documents of `golden-v1.jsonl`.
fn golden_docs() -> Vec<Document> {
    common::read_jsonl(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/golden-v1.jsonl"
    ))
}

/// The groups of `golden-v2.synonyms`: one per line, comma-separated, `#` starts a comment.
fn golden_synonyms() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/golden-v2.synonyms"
    ))
    .unwrap();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split(',').map(|m| m.trim().to_string()).collect())
        .collect()
}

/// A writer holding the golden input: the v1 documents with the v2 synonyms.
fn golden_writer() -> IndexWriter {
    let mut w = IndexWriter::new(Weights::default());
    w.set_synonyms(golden_synonyms());
    for d in &golden_docs() {
        w.add(d);
    }
    w
}

fn read_golden(version: u32, name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{name}", golden_dir(version)))
        .unwrap_or_else(|e| panic!("golden-v{version}/{name}: {e}"))
}

/// Searches a committed split index, adding the committed parts a search reports missing,
/// until it reports none. Returns the complete answer.
fn search_golden(
    version: u32,
    index: &Index,
    query: &str,
    options: &SearchOptions,
) -> SearchResults {
    for _round in 0..8 {
        let results = index.search(query, options);
        if results.lacks.parts().is_empty() {
            return results;
        }
        for part in results.lacks.parts() {
            let file = &index.parts()[part].file;
            index
                .add_part(part, read_golden(version, file))
                .unwrap_or_else(|e| panic!("{file} must keep loading: {e}"));
        }
    }
    panic!("{query:?}: still missing parts after 8 rounds");
}

/// What a reader shows of an answer: counts, the suggestion and every hit's fields, in order.
fn shown(r: &SearchResults) -> impl PartialEq + std::fmt::Debug {
    (
        (r.total, r.total_all, r.partial),
        r.categories.clone(),
        r.suggestion.clone(),
        r.hits
            .iter()
            .map(|h| {
                (
                    (h.id.clone(), h.title.clone(), h.url.clone()),
                    (h.category.clone(), h.section.clone(), h.locale.clone()),
                    (h.published.clone(), h.updated.clone(), h.views),
                    (h.snippet.clone(), h.snippet_pending),
                    (h.title_highlights.clone(), h.snippet_highlights.clone()),
                )
            })
            .collect::<Vec<_>>(),
    )
}

#[test]
fn golden_split_indexes_still_open() {
    for version in [3, 4] {
        split_golden_opens(version);
    }
}

/// Written by `golden_split_is_rewritten_only_on_request` when format `version` was current.
/// If this fails, the reader has broken compatibility with split indexes already deployed.
fn split_golden_opens(version: u32) {
    let index = Index::from_bytes(read_golden(version, &golden_main(version)))
        .unwrap_or_else(|e| panic!("format {version} indexes must keep opening: {e}"));
    assert_eq!(index.format_version(), version);
    assert!(index.is_split());
    assert_eq!(index.doc_count(), 4);
    assert_eq!(index.synonyms().len(), 2);
    assert_eq!(
        index.categories(),
        ["FAQ", "Announcements", "Product documents"]
    );
    for kind in [PartKind::Terms, PartKind::Titles, PartKind::Bodies] {
        let n = index.parts().iter().filter(|p| p.kind == kind).count();
        assert!(
            n >= 3,
            "{n} {kind:?} parts: the fixture wants several of each"
        );
    }
    // The folder holds the main file and exactly the parts it names, and every part loads.
    let mut named: Vec<String> = index.parts().iter().map(|p| p.file.clone()).collect();
    named.push(golden_main(version));
    named.sort();
    let mut present: Vec<String> = std::fs::read_dir(golden_dir(version))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    present.sort();
    assert_eq!(present, named);
    for (part, info) in index.parts().iter().enumerate() {
        index
            .add_part(part, read_golden(version, &info.file))
            .unwrap_or_else(|e| panic!("{} must keep loading: {e}", info.file));
        assert!(index.part_loaded(part));
    }
    let r = index.search("withdrawal", &SearchOptions::default());
    assert!(r.lacks.parts().is_empty());
    assert_eq!(r.hits[0].title, "Daily withdrawal limits");
    assert_eq!(r.hits[0].published, "2023-04-02");
    assert_golden_answers(&index);
}

#[test]
fn golden_split_indexes_answer_like_a_fresh_build() {
    for version in [3, 4] {
        split_golden_answers_like_a_fresh_build(version);
    }
}

/// The committed parts, added only as searches ask for them, give the answers of an index
/// built now from the same input: same hits in the same order, titles, urls, dates and
/// snippets.
fn split_golden_answers_like_a_fresh_build(version: u32) {
    let golden = Index::from_bytes(read_golden(version, &golden_main(version))).unwrap();
    let fresh = Index::from_bytes(golden_writer().finish().0).unwrap();
    let first = golden.search("withdrawal", &SearchOptions::default());
    assert!(first.hits.is_empty() && !first.lacks.parts().is_empty());
    let relevance = SearchOptions::default();
    for query in [
        "withdrawal",
        "withdraw",
        "withdrawl ",
        "kyc ",
        "verification level",
        "\"secret key\"",
        "your -withdrawal",
        "hmac sha256",
        "充值",
        "充值地址",
        "资产页面",
        "m",
        "",
    ] {
        let got = search_golden(version, &golden, query, &relevance);
        let want = fresh.search(query, &relevance);
        assert!(want.total > 0, "query {query:?} finds nothing to compare");
        assert_eq!(shown(&got), shown(&want), "v{version}, query {query:?}");
    }
    let faq_by_views = SearchOptions {
        sort: SortOrder::MostViewed,
        category: Some("FAQ".into()),
        ..SearchOptions::default()
    };
    let newest_in_chinese = SearchOptions {
        sort: SortOrder::Newest,
        locale: Some("zh-CN".into()),
        ..SearchOptions::default()
    };
    for (query, options) in [("withdrawal", &faq_by_views), ("", &newest_in_chinese)] {
        let got = search_golden(version, &golden, query, options);
        assert_eq!(
            shown(&got),
            shown(&fresh.search(query, options)),
            "v{version}, {options:?}"
        );
    }
    // Between them the queries needed every committed part.
    let unloaded: Vec<&str> = (0..golden.parts().len())
        .filter(|&p| !golden.part_loaded(p))
        .map(|p| golden.parts()[p].file.as_str())
        .collect();
    assert!(
        unloaded.is_empty(),
        "v{version}: no query loaded {unloaded:?}"
    );
}

#[test]
fn golden_split_is_rewritten_only_on_request() {
    // Does nothing unless FAQ_WRITE_GOLDEN names the current format (see the module comment):
    // the point of a golden is that it keeps the bytes of its time, so older ones stay.
    let version = format::FORMAT_VERSION;
    if std::env::var("FAQ_WRITE_GOLDEN").as_deref() != Ok(version.to_string().as_str()) {
        return;
    }
    let prefix = format!("golden-v{version}.");
    let split = golden_writer().finish_split(GOLDEN_SPLIT_SIZES, |_| prefix.clone());
    let dir = golden_dir(version);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(&dir).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    std::fs::write(format!("{dir}/{}", golden_main(version)), &split.main).unwrap();
    for (name, bytes) in &split.parts {
        std::fs::write(format!("{dir}/{name}"), bytes).unwrap();
    }
}

fn arb_doc() -> impl Strategy<Value = Document> {
    (
        "[a-z0-9-]{1,12}",
        "\\PC{0,40}",
        "\\PC{0,200}",
        prop::sample::select(vec!["FAQ", "Announcements", "Product documents", "账户"]),
        0i32..25_000,
        0i32..2_000,
        any::<u32>(),
        prop::sample::select(vec!["en", "de", "zh-CN", "ja", "ko", "xx"]),
    )
        .prop_map(
            |(id, title, body, category, published, gap, views, locale)| Document {
                url: format!("/help/{id}"),
                id,
                title,
                body,
                category: category.into(),
                published,
                updated: published + gap,
                views: u64::from(views),
                locale: locale.into(),
                section: String::new(),
                headings: Vec::new(),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn write_then_read_returns_what_was_written(docs in prop::collection::vec(arb_doc(), 1..20), query in "\\PC{0,20}") {
        let index = Index::from_bytes(build(&docs)).unwrap();
        prop_assert_eq!(index.doc_count(), docs.len());
        for (i, d) in docs.iter().enumerate() {
            let s = index.stored(i as u32).unwrap();
            prop_assert_eq!(s.id, d.id.as_str());
            prop_assert_eq!(s.title, d.title.as_str());
            prop_assert_eq!(s.body, d.body.as_str());
            prop_assert_eq!(s.url, d.url.as_str());
        }
        let all = index.search("", &SearchOptions { limit: 100, ..SearchOptions::default() });
        prop_assert_eq!(all.total, docs.len());
        // Any query is answered without panicking, and highlight ranges lie on char boundaries.
        let r = index.search(&query, &SearchOptions::default());
        for hit in &r.hits {
            for &(s, e) in &hit.title_highlights {
                prop_assert!(s < e && e <= hit.title.len() && hit.title.is_char_boundary(s) && hit.title.is_char_boundary(e));
            }
            for &(s, e) in &hit.snippet_highlights {
                prop_assert!(s < e && e <= hit.snippet.len() && hit.snippet.is_char_boundary(s) && hit.snippet.is_char_boundary(e));
            }
        }
    }
}
