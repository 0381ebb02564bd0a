//! The sub-results phase: for a hit whose article has headings, the headings whose parts of
//! the body matched the query best, each a deep link (`url#anchor`) with a short snippet of
//! its own part. An article without headings gets none and costs nothing here.

use super::hits::HitStyle;
use super::results::{SubResult, SUB_RESULTS};
use crate::format::SCAN_BYTES;
use crate::headings::StoredHeading;
use crate::snippet::{highlight_ranges, scan, snippet_from};

/// Sub-results read as much of a body as snippets do, and as a split index keeps: the same
/// answer from either layout, and a long manual costs a keystroke little. Parts that start
/// past it are judged by their headings alone, which is what a deep link far down a long
/// page needs most.
const SUB_SCAN_BYTES: usize = SCAN_BYTES;

/// What one heading's part holds of the query.
struct PartMatch {
    heading: usize,
    /// Bit `w` set: query word `w` is in the heading / anywhere in the part.
    in_heading: u64,
    in_part: u64,
    tokens: usize,
}

impl PartMatch {
    /// Words in the heading count twice: a heading names what its part is about.
    fn score(&self) -> u32 {
        2 * self.in_heading.count_ones() + self.in_part.count_ones() + self.tokens.min(8) as u32 / 4
    }
}

/// The sub-results of one hit: `body` is its stored body (a split index keeps its start
/// only), `url` its link, `headings` its headings in order.
pub(super) fn sub_results(
    body: &str,
    url: &str,
    headings: &[StoredHeading],
    style: &HitStyle,
) -> Vec<SubResult> {
    if headings.is_empty() || style.matches.is_empty() {
        return Vec::new();
    }
    let scanned = scan(prefix(body, SUB_SCAN_BYTES), style.matches, style.lang);
    let bit = |w: usize| if w < 64 { 1u64 << w } else { 0 };
    let mut parts: Vec<PartMatch> = headings
        .iter()
        .enumerate()
        .map(|(i, h)| PartMatch {
            heading: i,
            in_heading: scan(h.text, style.matches, style.lang)
                .matched()
                .fold(0, |m, (_, w)| m | bit(w)),
            in_part: 0,
            tokens: 0,
        })
        .collect();
    for (at, w) in scanned.matched() {
        // The last heading that starts at or before the token owns it.
        let owner = headings.partition_point(|h| h.start <= at);
        if let Some(part) = owner.checked_sub(1).map(|i| &mut parts[i]) {
            part.in_part |= bit(w);
            part.tokens += 1;
        }
    }
    for part in &mut parts {
        part.in_part |= part.in_heading;
    }
    let best = parts
        .iter()
        .map(|p| p.in_part.count_ones())
        .max()
        .unwrap_or(0);
    // A part that holds fewer than half the words the best part holds is no answer. The
    // best few are picked one by one (the first of equals): a sort would cost more code.
    let answers = |p: &&PartMatch| {
        p.in_part != 0
            && 2 * p.in_part.count_ones() >= best
            && !headings[p.heading].anchor.is_empty()
    };
    let mut picked: Vec<&PartMatch> = Vec::new();
    while picked.len() < SUB_RESULTS {
        let mut pick: Option<&PartMatch> = None;
        for p in parts.iter().filter(answers) {
            let fresh = !picked.iter().any(|q| q.heading == p.heading);
            if fresh && pick.is_none_or(|q| p.score() > q.score()) {
                pick = Some(p);
            }
        }
        match pick {
            Some(p) => picked.push(p),
            None => break,
        }
    }
    let page = url.split('#').next().unwrap_or(url);
    let words = (style.snippet_words / 2).max(8);
    picked
        .iter()
        .map(|p| {
            let h = &headings[p.heading];
            let end = headings.get(p.heading + 1).map_or(body.len(), |n| n.start);
            let text = part_text(body, h, end);
            let (snippet, snippet_highlights) = if text.is_empty() {
                (String::new(), Vec::new())
            } else {
                snippet_from(text, &scan(text, style.matches, style.lang), words)
            };
            SubResult {
                title: h.text.to_string(),
                url: format!("{page}#{}", h.anchor),
                anchor: h.anchor.to_string(),
                snippet,
                title_highlights: highlight_ranges(h.text, style.matches, style.lang),
                snippet_highlights,
            }
        })
        .collect()
}

/// The text of a heading's part without the heading itself, within what is stored and read.
fn part_text<'a>(body: &'a str, heading: &StoredHeading, end: usize) -> &'a str {
    let end = end.min(body.len()).min(SUB_SCAN_BYTES);
    let Some(rest) = body.get(heading.start.min(end)..) else {
        return "";
    };
    let text = prefix(rest, end.saturating_sub(heading.start)).trim_start();
    text.strip_prefix(heading.text).unwrap_or(text).trim_start()
}

/// The first `max` bytes of `text` at most, cut at a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}
