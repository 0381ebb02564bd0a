//! Turning the engine's byte-range highlights into marked text: segments for the widget and
//! UTF-16 ranges for the JavaScript API. Ranges come from the index, so every function here
//! tolerates ranges that are out of bounds, unsorted, overlapping or not on char boundaries.

/// A run of text that is either matched (rendered in `<mark>`) or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment<'a> {
    pub text: &'a str,
    pub marked: bool,
}

/// Valid ranges of `text`, sorted, with overlapping or touching ranges merged.
fn clean_ranges(text: &str, ranges: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut valid: Vec<(usize, usize)> = ranges
        .iter()
        .copied()
        .filter(|&(start, end)| {
            start < end
                && end <= text.len()
                && text.is_char_boundary(start)
                && text.is_char_boundary(end)
        })
        .collect();
    valid.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(valid.len());
    for (start, end) in valid {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// Splits `text` at the highlight `ranges` (byte offsets) into plain and marked segments.
/// Concatenating the segments gives back `text` exactly.
pub fn segments<'a>(text: &'a str, ranges: &[(usize, usize)]) -> Vec<Segment<'a>> {
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end) in clean_ranges(text, ranges) {
        if start > at {
            out.push(Segment {
                text: &text[at..start],
                marked: false,
            });
        }
        out.push(Segment {
            text: &text[start..end],
            marked: true,
        });
        at = end;
    }
    if at < text.len() {
        out.push(Segment {
            text: &text[at..],
            marked: false,
        });
    }
    out
}

/// Converts byte ranges into UTF-16 code-unit ranges, which is what `String.prototype.slice`
/// counts in JavaScript. Invalid ranges are dropped rather than guessed at.
pub fn utf16_ranges(text: &str, ranges: &[(usize, usize)]) -> Vec<[usize; 2]> {
    let mut out = Vec::with_capacity(ranges.len());
    for (start, end) in clean_ranges(text, ranges) {
        let s = text[..start].encode_utf16().count();
        let e = s + text[start..end].encode_utf16().count();
        out.push([s, e]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str, ranges: &[(usize, usize)]) -> String {
        segments(text, ranges)
            .iter()
            .map(|s| {
                if s.marked {
                    format!("[{}]", s.text)
                } else {
                    s.text.to_string()
                }
            })
            .collect()
    }

    #[test]
    fn splits_at_ranges() {
        assert_eq!(
            render("withdraw fees today", &[(0, 8), (9, 13)]),
            "[withdraw] [fees] today"
        );
        assert_eq!(render("abc", &[]), "abc");
        assert_eq!(render("abc", &[(0, 3)]), "[abc]");
    }

    #[test]
    fn merges_overlaps_and_sorts() {
        assert_eq!(render("abcdef", &[(4, 5), (0, 2), (1, 3)]), "[abc]d[e]f");
        assert_eq!(render("abcdef", &[(0, 2), (2, 4)]), "[abcd]ef");
    }

    #[test]
    fn drops_invalid_ranges() {
        // "é" is two bytes: (1, 2) splits it and must be ignored, not panic.
        assert_eq!(render("héllo", &[(1, 2), (4, 99), (3, 3), (5, 2)]), "héllo");
    }

    #[test]
    fn utf16_counts_code_units() {
        // "€" is 3 bytes and 1 UTF-16 unit; "😀" is 4 bytes and 2 units.
        let text = "€ fee 😀 wallet";
        let fee = text.find("fee").unwrap();
        let wallet = text.find("wallet").unwrap();
        assert_eq!(
            utf16_ranges(text, &[(fee, fee + 3), (wallet, wallet + 6)]),
            vec![[2, 5], [9, 15]]
        );
    }
}
