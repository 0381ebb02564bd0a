//! Ranges of dictionary keys: plain data that the search hands to the reader to say where in
//! the term dictionary it will look. A split index fetches only the term chunks such ranges meet.

/// The dictionary keys `lo..hi`; an empty `hi` has no upper bound.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct KeyRange {
    pub lo: Vec<u8>,
    pub hi: Vec<u8>,
}

impl KeyRange {
    /// The keys that start with `prefix`.
    pub fn prefix(prefix: &[u8]) -> KeyRange {
        let mut hi = prefix.to_vec();
        // The smallest key after every key with this prefix: drop trailing 0xFF bytes (UTF-8
        // has none, but keys are bytes) and add one to the last.
        while hi.last() == Some(&0xFF) {
            hi.pop();
        }
        if let Some(last) = hi.last_mut() {
            *last += 1;
        }
        KeyRange {
            lo: prefix.to_vec(),
            hi,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_range_ends_after_its_last_key() {
        let r = KeyRange::prefix(b"ab");
        assert_eq!((r.lo.as_slice(), r.hi.as_slice()), (&b"ab"[..], &b"ac"[..]));
        let r = KeyRange::prefix(b"a\xFF\xFF");
        assert_eq!(r.hi, b"b");
        assert!(KeyRange::prefix(b"").hi.is_empty());
    }
}
