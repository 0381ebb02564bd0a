//! The body of a built page: the text of its content element, blocks joined by blank lines,
//! and the headings in it with the anchors the page gives them.

use faq_search_engine::Heading;
use scraper::{ElementRef, Node, Selector};

use crate::anchors::Anchors;

/// Elements that start a new paragraph of the body.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "blockquote",
    "table",
    "tr",
    "ul",
    "ol",
    "dl",
    "figure",
    "figcaption",
    "br",
    "hr",
    "details",
    "summary",
];

/// The text of `root` without the `exclude`d elements (running text with collapsed spaces,
/// blocks separated by blank lines, table cells by " | ", `<pre>` lines kept), and its
/// headings.
///
/// An `<h1>` that comes before any other heading is the page's title shown again: it stays in
/// the text and links nowhere. Every other `<h1>`–`<h6>` with some text is a [`Heading`] at
/// its text, anchored at the heading's own `id`, else the `id` (or `name`) of an `<a>` inside
/// it, else the `id` of the `<section>` it opens, else the slug of its text.
pub fn plain_text(root: ElementRef, exclude: &[Selector]) -> (String, Vec<Heading>) {
    let mut walk = Walk {
        exclude,
        raw: String::new(),
        marks: Vec::new(),
        in_heading: false,
        seen_heading: false,
    };
    walk.element(root, false);
    // The blocks, trimmed and joined by blank lines: (start in `raw`, start in `out`, length)
    // of each block kept, so that places in `raw` can be found in `out`.
    let mut out = String::with_capacity(walk.raw.len());
    let mut kept: Vec<(usize, usize, usize)> = Vec::new();
    let mut at = 0;
    for piece in walk.raw.split("\n\n") {
        let text = piece.trim();
        if !text.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            let lead = piece.len() - piece.trim_start().len();
            kept.push((at + lead, out.len(), text.len()));
            out.push_str(text);
        }
        at += piece.len() + 2;
    }
    let mut anchors = Anchors::default();
    let mut headings = Vec::with_capacity(walk.marks.len());
    for mark in walk.marks {
        let text = collapse(&walk.raw[mark.start..mark.end]);
        if text.is_empty() {
            continue;
        }
        // The heading's text is the first byte kept at or after its start.
        let i = kept.partition_point(|&(raw, _, len)| raw + len <= mark.start);
        let Some(&(raw, start, _)) = kept.get(i) else {
            continue;
        };
        let anchor = match &mark.id {
            Some(id) => anchors.given(id),
            None => anchors.slug(&text),
        };
        headings.push(Heading {
            text,
            anchor,
            start: start + mark.start.saturating_sub(raw),
        });
    }
    (out, headings)
}

/// The walk through the content: its text before blocks are trimmed and joined, and where
/// the headings are in that text.
struct Walk<'a> {
    exclude: &'a [Selector],
    raw: String,
    marks: Vec<Mark>,
    /// Inside a heading, where a heading nested in it is part of it.
    in_heading: bool,
    /// Whether a heading has come yet: an `<h1>` before any is the title.
    seen_heading: bool,
}

/// A heading: its text is `raw[start..end]`; `id` is the anchor the page gives it.
struct Mark {
    start: usize,
    end: usize,
    id: Option<String>,
}

impl Walk<'_> {
    fn element(&mut self, element: ElementRef, pre: bool) {
        for child in element.children() {
            match child.value() {
                Node::Text(t) => {
                    let out = &mut self.raw;
                    if pre {
                        out.push_str(t);
                    } else {
                        let starts_space = t.starts_with(char::is_whitespace);
                        let words = collapse(t);
                        if starts_space && !out.is_empty() && !out.ends_with([' ', '\n']) {
                            out.push(' ');
                        }
                        out.push_str(&words);
                        if t.ends_with(char::is_whitespace) && !words.is_empty() {
                            out.push(' ');
                        }
                    }
                }
                Node::Element(e) => {
                    let Some(child) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if self.exclude.iter().any(|s| s.matches(&child)) {
                        continue;
                    }
                    let name = e.name();
                    let block = BLOCKS.contains(&name);
                    if block {
                        self.raw.push_str("\n\n");
                    }
                    if (name == "td" || name == "th")
                        && !self.raw.ends_with('\n')
                        && !self.raw.is_empty()
                    {
                        self.raw.push_str(" | ");
                    }
                    let level = heading_level(name).filter(|_| !self.in_heading);
                    let start = self.raw.len();
                    self.in_heading |= level.is_some();
                    self.element(child, pre || name == "pre");
                    if let Some(level) = level {
                        self.in_heading = false;
                        let title = level == 1 && !self.seen_heading;
                        self.seen_heading = true;
                        if !title {
                            self.marks.push(Mark {
                                start,
                                end: self.raw.len(),
                                id: given_id(child),
                            });
                        }
                    }
                    if block {
                        self.raw.push_str("\n\n");
                    }
                }
                _ => {}
            }
        }
    }
}

/// 1 to 6 for `h1` to `h6`.
fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// The anchor a page gives a heading: its own `id`, else the `id` or `name` of an `<a>` in
/// it, else the `id` of a `<section>` whose first heading it is. Ids with white space cannot
/// be linked to and do not count.
fn given_id(heading: ElementRef) -> Option<String> {
    let usable = |id: Option<&str>| {
        id.filter(|id| !id.is_empty() && !id.contains(char::is_whitespace))
            .map(str::to_string)
    };
    usable(heading.value().attr("id"))
        .or_else(|| {
            heading
                .descendants()
                .filter_map(ElementRef::wrap)
                .filter(|e| e.value().name() == "a")
                .find_map(|a| usable(a.value().attr("id")).or(usable(a.value().attr("name"))))
        })
        .or_else(|| {
            let section = heading
                .parent()
                .and_then(ElementRef::wrap)
                .filter(|p| p.value().name() == "section")?;
            let first = section
                .children()
                .filter_map(ElementRef::wrap)
                .find(|e| heading_level(e.value().name()).is_some())?;
            if first == heading {
                usable(section.value().attr("id"))
            } else {
                None
            }
        })
}

/// The words of `s`, one space between each two.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
