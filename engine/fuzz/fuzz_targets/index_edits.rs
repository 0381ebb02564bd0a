//! A valid index damaged by a script of edits taken from the input, with the CRC-32 footer
//! then repaired: the damage is small and aimed, so it passes the envelope checks and reaches
//! the decoders far more often than random bytes do.
//!
//! Input: one byte picks the base (an index built here, golden v1, golden v2), then edits of
//! `op, offset (u16 LE), value` until the input runs out.
#![no_main]

use faq_search_engine::Index;
use faq_search_fuzz::{
    exercise, fix_footer, small_index_bytes, tolerating_fst_panics, GOLDEN_V1, GOLDEN_V2,
};
use libfuzzer_sys::fuzz_target;

fn apply(bytes: &mut Vec<u8>, script: &[u8]) {
    let mut rest = script;
    while rest.len() >= 4 && !bytes.is_empty() {
        let (op, at, value) = (rest[0], u16::from_le_bytes([rest[1], rest[2]]), rest[3]);
        rest = &rest[4..];
        let at = usize::from(at) % bytes.len();
        match op % 8 {
            // Set, flip and perturb single bytes (varints, counts, tags).
            0 => bytes[at] = value,
            1 => bytes[at] ^= value,
            2 => bytes[at] = bytes[at].wrapping_add(value),
            // A little-endian u32 (section-table fields, header), from the next four bytes.
            3 => {
                if rest.len() >= 4 && at + 4 <= bytes.len() {
                    bytes[at..at + 4].copy_from_slice(&rest[..4]);
                    rest = &rest[4..];
                }
            }
            // Add a small number to a u32 (shift a section's offset or length a little).
            4 => {
                if at + 4 <= bytes.len() {
                    let mut word = [0u8; 4];
                    word.copy_from_slice(&bytes[at..at + 4]);
                    let delta = i32::from(value as i8) as u32;
                    let n = u32::from_le_bytes(word).wrapping_add(delta);
                    bytes[at..at + 4].copy_from_slice(&n.to_le_bytes());
                }
            }
            // Insert bytes taken from the script.
            5 => {
                let n = (usize::from(value) % 8 + 1).min(rest.len());
                let inserted: Vec<u8> = rest[..n].to_vec();
                rest = &rest[n..];
                bytes.splice(at..at, inserted);
            }
            // Remove a run of bytes.
            6 => {
                let end = (at + usize::from(value) + 1).min(bytes.len());
                bytes.drain(at..end);
            }
            // Make a long varint: continuation bits on a run of bytes.
            _ => {
                let end = (at + usize::from(value % 12) + 1).min(bytes.len());
                for b in &mut bytes[at..end] {
                    *b |= 0x80;
                }
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, script)) = data.split_first() else {
        return;
    };
    let mut bytes = match which % 3 {
        0 => small_index_bytes().to_vec(),
        1 => GOLDEN_V1.to_vec(),
        _ => GOLDEN_V2.to_vec(),
    };
    apply(&mut bytes, script);
    if !fix_footer(&mut bytes) {
        return;
    }
    tolerating_fst_panics(|| {
        if let Ok(index) = Index::from_bytes(bytes) {
            exercise(&index, false);
        }
    });
});
