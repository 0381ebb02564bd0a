//! Arbitrary bytes as an index file: first as they are (the envelope checks must refuse them
//! cleanly), then with the CRC-32 footer repaired, so that damage reaches the section table, the
//! section decoders and the fst checks. Whatever opens is read and searched.
#![no_main]

use faq_search_engine::Index;
use faq_search_fuzz::{exercise, fix_footer, tolerating_fst_panics};
use libfuzzer_sys::fuzz_target;

fn open_and_exercise(bytes: Vec<u8>) {
    tolerating_fst_panics(|| {
        if let Ok(index) = Index::from_bytes(bytes) {
            exercise(&index, false);
        }
    });
}

fuzz_target!(|data: &[u8]| {
    open_and_exercise(data.to_vec());
    let mut repaired = data.to_vec();
    if fix_footer(&mut repaired) && repaired != data {
        open_and_exercise(repaired);
    }
});
