//! Little-endian integers, LEB128 varints and length-prefixed strings: the byte-level
//! vocabulary the index writer and reader share.

use crate::error::FormatError;

/// Appends `value` as an unsigned LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Appends a varint byte length followed by the UTF-8 bytes of `s`.
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A signed difference as an unsigned varint value: `d ≥ 0` → `2d`, `d < 0` → `2(−d) − 1`.
pub fn zigzag(d: i64) -> u64 {
    if d >= 0 {
        (d as u64) << 1
    } else {
        ((-d - 1) as u64) << 1 | 1
    }
}

/// The signed difference [`zigzag`] encoded.
pub fn unzigzag(z: u64) -> i64 {
    if z & 1 == 1 {
        -((z >> 1) as i64) - 1
    } else {
        (z >> 1) as i64
    }
}

/// A cursor over untrusted bytes: every read is bounds-checked and names what it was reading.
pub struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    what: &'static str,
}

impl<'a> Cursor<'a> {
    pub fn new(bytes: &'a [u8], what: &'static str) -> Self {
        Cursor {
            bytes,
            pos: 0,
            what,
        }
    }

    pub fn at(bytes: &'a [u8], pos: usize, what: &'static str) -> Self {
        Cursor { bytes, pos, what }
    }

    /// How many bytes have been read.
    pub fn pos(&self) -> usize {
        self.pos
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    pub fn varint(&mut self) -> Result<u64, FormatError> {
        let mut value: u64 = 0;
        let mut shift = 0u32;
        loop {
            let byte = *self.bytes.get(self.pos).ok_or_else(|| {
                FormatError::corrupt(format!("{} ends inside a number", self.what))
            })?;
            self.pos += 1;
            if shift >= 64 || (shift == 63 && byte > 1) {
                return Err(FormatError::corrupt(format!(
                    "{} holds an oversized number",
                    self.what
                )));
            }
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
            shift += 7;
        }
    }

    /// A varint that must fit in `u32`.
    pub fn varint_u32(&mut self) -> Result<u32, FormatError> {
        let v = self.varint()?;
        u32::try_from(v).map_err(|_| {
            FormatError::corrupt(format!("{} holds an out-of-range number", self.what))
        })
    }

    pub fn bytes(&mut self, len: usize) -> Result<&'a [u8], FormatError> {
        let end = self
            .pos
            .checked_add(len)
            .filter(|&end| end <= self.bytes.len())
            .ok_or_else(|| FormatError::corrupt(format!("{} is truncated", self.what)))?;
        let slice = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }

    pub fn str(&mut self) -> Result<&'a str, FormatError> {
        let len = self.varint()? as usize;
        let raw = self.bytes(len)?;
        std::str::from_utf8(raw)
            .map_err(|_| FormatError::corrupt(format!("{} holds invalid UTF-8", self.what)))
    }

    pub fn u32_le(&mut self) -> Result<u32, FormatError> {
        let raw = self.bytes(4)?;
        Ok(u32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]))
    }

    pub fn f32_le(&mut self) -> Result<f32, FormatError> {
        Ok(f32::from_bits(self.u32_le()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_at_the_edges() {
        for v in [
            0u64,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            u32::MAX as u64,
            u64::MAX,
        ] {
            let mut buf = Vec::new();
            put_varint(&mut buf, v);
            let mut c = Cursor::new(&buf, "test");
            assert_eq!(c.varint().unwrap(), v);
            assert!(c.is_empty());
        }
    }

    #[test]
    fn truncated_and_oversized_varints_are_errors() {
        assert!(Cursor::new(&[0x80], "t").varint().is_err());
        assert!(Cursor::new(&[0xff; 11], "t").varint().is_err());
    }

    #[test]
    fn strings_check_length_and_utf8() {
        let mut buf = Vec::new();
        put_str(&mut buf, "héllo");
        assert_eq!(Cursor::new(&buf, "t").str().unwrap(), "héllo");
        assert!(Cursor::new(&buf[..3], "t").str().is_err());
        assert!(Cursor::new(&[2, 0xff, 0xfe], "t").str().is_err());
    }

    #[test]
    fn zigzag_round_trips_and_keeps_small_differences_small() {
        for d in [0i64, 1, -1, 2, -2, 63, -64, 20_000, -20_000] {
            assert_eq!(unzigzag(zigzag(d)), d);
        }
        assert_eq!([zigzag(0), zigzag(-1), zigzag(1), zigzag(-2)], [0, 1, 2, 3]);
    }
}
