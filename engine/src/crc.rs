//! CRC-32 checksums, slice-by-8, with their tables computed on first use instead of shipped:
//! IEEE for the index file's footer, Castagnoli (CRC-32C) for the checksum `fst` keeps at the
//! end of each of its maps. Hand-written because the widget downloads it: crc32fast's tables
//! and fst's own (16 KB of precomputed, incompressible numbers each) would otherwise ride in
//! the wasm, and computing a table takes microseconds once. The writer, native only, keeps
//! crc32fast and fst's builder; the tests below hold both sides to the same answers.
use std::sync::OnceLock;

type Tables = [[u32; 256]; 8];

fn make_tables(polynomial: u32) -> Box<Tables> {
    let mut t = Box::new([[0u32; 256]; 8]);
    for i in 0..256u32 {
        let mut c = i;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                polynomial ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        t[0][i as usize] = c;
    }
    for i in 0..256 {
        for k in 1..8 {
            let prev = t[k - 1][i];
            t[k][i] = (prev >> 8) ^ t[0][(prev & 0xFF) as usize];
        }
    }
    t
}

fn update(t: &Tables, data: &[u8]) -> u32 {
    let mut crc = !0u32;
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let lo = crc ^ u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        crc = t[7][(lo & 0xFF) as usize]
            ^ t[6][((lo >> 8) & 0xFF) as usize]
            ^ t[5][((lo >> 16) & 0xFF) as usize]
            ^ t[4][(lo >> 24) as usize]
            ^ t[3][c[4] as usize]
            ^ t[2][c[5] as usize]
            ^ t[1][c[6] as usize]
            ^ t[0][c[7] as usize];
    }
    for &b in chunks.remainder() {
        crc = (crc >> 8) ^ t[0][((crc ^ u32::from(b)) & 0xFF) as usize];
    }
    !crc
}

/// CRC-32 (IEEE 802.3, as zip and PNG use), the index file's footer checksum.
pub fn hash(data: &[u8]) -> u32 {
    static TABLES: OnceLock<Box<Tables>> = OnceLock::new();
    update(TABLES.get_or_init(|| make_tables(0xEDB8_8320)), data)
}

/// CRC-32C (Castagnoli).
fn hash_c(data: &[u8]) -> u32 {
    static TABLES: OnceLock<Box<Tables>> = OnceLock::new();
    update(TABLES.get_or_init(|| make_tables(0x82F6_3B78)), data)
}

/// Whether the bytes of an `fst` map or set end in the checksum of what comes before them:
/// what `fst::raw::Fst::verify` checks (the "masked" CRC-32C of the Snappy frame format,
/// little-endian in the last four bytes), without fst's tables.
pub fn fst_checksum_ok(fst: &[u8]) -> bool {
    let Some(body_len) = fst.len().checked_sub(4) else {
        return false;
    };
    let (body, stored) = fst.split_at(body_len);
    let sum = hash_c(body);
    let masked = sum.rotate_right(15).wrapping_add(0xA282_EAD8);
    stored == masked.to_le_bytes()
}

/// An `fst` map (or set) with no keys: the bytes fst 0.4's builder writes for
/// `fst::Map::default()`, checksum included (a test below builds them to compare). A split
/// index starts with these and fills them from term chunks; writing them out here keeps fst's
/// builder (and its checksum tables) out of the widget.
pub const EMPTY_FST: [u8; 39] = [
    3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 18, 0, 0, 0,
    0, 0, 0, 0, 84, 107, 45, 15,
];

#[cfg(test)]
mod tests {
    #[test]
    fn agrees_with_crc32fast() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i * 7919 % 251) as u8).collect();
        for n in [0, 1, 7, 8, 9, 100, 10_000] {
            assert_eq!(super::hash(&data[..n]), crc32fast::hash(&data[..n]));
        }
    }

    #[test]
    fn the_empty_fst_is_what_fst_builds() {
        assert_eq!(
            fst::Map::default().as_fst().as_bytes(),
            &super::EMPTY_FST[..]
        );
        assert_eq!(
            fst::Set::default().as_fst().as_bytes(),
            &super::EMPTY_FST[..]
        );
    }

    #[test]
    fn fst_checksums_agree_with_fst_verify() {
        let keys = (0..2_000u32).map(|i| format!("term{i:05}"));
        let map = fst::Map::from_iter(keys.zip(0u64..)).unwrap();
        let good = map.as_fst().as_bytes().to_vec();
        assert!(super::fst_checksum_ok(&good));
        assert!(fst::raw::Fst::new(good.clone()).unwrap().verify().is_ok());
        assert!(super::fst_checksum_ok(&super::EMPTY_FST));
        // Every single flipped bit, anywhere, is caught by both.
        for at in [0, 17, good.len() / 2, good.len() - 5, good.len() - 1] {
            let mut bad = good.clone();
            bad[at] ^= 0x10;
            assert!(!super::fst_checksum_ok(&bad), "flip at {at}");
            if let Ok(f) = fst::raw::Fst::new(bad) {
                assert!(f.verify().is_err(), "flip at {at}");
            }
        }
        assert!(!super::fst_checksum_ok(&good[..3]));
        assert!(!super::fst_checksum_ok(&[]));
    }
}
