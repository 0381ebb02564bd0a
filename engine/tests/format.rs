//! The index format: round trips, and every kind of damaged input is a typed error, never a panic.

mod common;

use common::{build, doc};
use faq_search_engine::{format, Document, FormatError, Index, SearchOptions};
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
    assert!(text.contains("reads versions 1 to 3"), "{text}");
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
