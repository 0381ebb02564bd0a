//! Markdown articles: one `.md` file per article, metadata in YAML (`---`) or TOML (`+++`)
//! front matter, the body rendered to plain text with its headings kept as deep-link targets.
//! Errors name the file and the line of the front matter key that is wrong.

use std::path::Path;

use faq_search_engine::Heading;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_json::{Map, Number, Value};

use crate::anchors::Anchors;
use crate::corpus::{self, Defaults, Field, RecordError, Sourced};

/// Reads one Markdown article. `id` is the default id (the path below the input folder,
/// without extension); `base_url`, when set, gives articles without a `url` the URL
/// `base_url` + id. `Ok(None)` for a draft (`draft: true`).
pub fn read(
    path: &Path,
    text: &str,
    id: &str,
    defaults: &Defaults,
    base_url: Option<&str>,
) -> Result<Option<Sourced>, RecordError> {
    let text = text.trim_start_matches('\u{feff}');
    let err =
        |line, field: Option<Field>, message: String| RecordError::new(path, line, field, message);
    let fm = split_front_matter(text).ok_or_else(|| {
        err(
            1,
            None,
            "no front matter: start the file with a line `---` (YAML) or `+++` (TOML), then \
             title, category, published, … and the same line again"
                .into(),
        )
    })?;
    let mut record = match fm.syntax {
        Syntax::Yaml => yaml_record(fm.text).map_err(|(line, message)| {
            err(fm.first_line + line.saturating_sub(1), None, message)
        })?,
        Syntax::Toml => toml_record(fm.text).map_err(|(line, message)| {
            err(fm.first_line + line.saturating_sub(1), None, message)
        })?,
    };
    if record.get("draft") == Some(&Value::Bool(true)) {
        return Ok(None);
    }
    let key_line =
        |field: &str| key_line(fm.text, field).map_or(fm.first_line - 1, |l| fm.first_line + l - 1);

    if !record.contains_key("id") {
        record.insert("id".into(), Value::String(id.into()));
    }
    if !record.contains_key("url") {
        if let Some(base) = base_url {
            record.insert("url".into(), Value::String(join_url(base, id)));
        }
    }
    normalize_dates(&mut record);
    // Sites seldom count views, and an article edited once has one date.
    if !record.contains_key("views") {
        record.insert("views".into(), Value::Number(Number::from(0)));
    }
    if !record.contains_key("updated") {
        if let Some(published) = record.get("published").cloned() {
            record.insert("updated".into(), published);
        }
    }
    if record.contains_key("body") {
        return Err(err(
            key_line("body"),
            Some("body".into()),
            "the body is the Markdown after the front matter, not a front matter key".into(),
        ));
    }
    // A Markdown article's sections are its headings; `sections` is for JSON articles, and
    // in front matter it is a key like any other the builder does not use.
    record.remove("sections");
    let title = record.get("title").and_then(Value::as_str);
    let (body, headings) = to_plain_text(fm.body, title);
    record.insert("body".into(), Value::String(body));
    default_locale(&mut record, defaults);
    let mut doc = corpus::validate(&mut record, defaults)
        .map_err(|(field, message)| err(key_line(&field), Some(field), message))?;
    doc.headings = headings;
    Ok(Some(Sourced {
        doc,
        line: fm.first_line - 1,
        column: None,
    }))
}

/// Markdown and HTML articles without a locale of their own or from the input are English.
pub fn default_locale(record: &mut Map<String, Value>, defaults: &Defaults) {
    if matches!(record.get("locale"), None | Some(Value::Null)) {
        let locale = defaults.locale.as_deref().unwrap_or("en");
        record.insert("locale".into(), Value::String(locale.into()));
    }
}

/// `base` + `path` with exactly one slash between them.
pub fn join_url(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

/// Front-matter dates may carry a time ("2024-08-08T10:00:00Z"); the index keeps the day.
pub fn normalize_dates(record: &mut Map<String, Value>) {
    for field in ["published", "updated"] {
        if let Some(Value::String(s)) = record.get_mut(field) {
            let b = s.as_bytes();
            if b.len() > 10 && (b[10] == b'T' || b[10] == b' ') && s.is_char_boundary(10) {
                s.truncate(10);
            }
        }
    }
}

enum Syntax {
    Yaml,
    Toml,
}

struct FrontMatter<'a> {
    syntax: Syntax,
    text: &'a str,
    /// Line number (1-based, in the file) of the front matter's first line of content.
    first_line: usize,
    body: &'a str,
}

fn split_front_matter(text: &str) -> Option<FrontMatter<'_>> {
    let first = text.lines().next()?.trim_end();
    let (syntax, fence) = match first {
        "---" => (Syntax::Yaml, "---"),
        "+++" => (Syntax::Toml, "+++"),
        _ => return None,
    };
    let start = text.find('\n')? + 1;
    let mut at = start;
    for line in text[start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == fence || (fence == "---" && trimmed == "...") {
            return Some(FrontMatter {
                syntax,
                text: &text[start..at],
                first_line: 2,
                body: &text[at + line.len()..],
            });
        }
        at += line.len();
    }
    None
}

/// The 1-based line (within the front matter) where `key` is set, if it is.
fn key_line(front_matter: &str, key: &str) -> Option<usize> {
    front_matter
        .lines()
        .position(|line| {
            let line = line.trim_start();
            let rest = line
                .strip_prefix(key)
                .or_else(|| line.strip_prefix(&format!("\"{key}\"")))
                .or_else(|| line.strip_prefix(&format!("'{key}'")));
            rest.is_some_and(|r| {
                let r = r.trim_start();
                r.starts_with(':') || r.starts_with('=')
            })
        })
        .map(|i| i + 1)
}

type Located = (usize, String);

fn yaml_record(text: &str) -> Result<Map<String, Value>, Located> {
    if text.trim().is_empty() {
        return Ok(Map::new());
    }
    let value: serde_yaml_ng::Value = serde_yaml_ng::from_str(text).map_err(|e| {
        let line = e.location().map_or(1, |l| l.line());
        (
            line,
            format!(
                "front matter is not valid YAML: {}",
                file_lines(&e.to_string())
            ),
        )
    })?;
    match serde_json::to_value(&value) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err((
            1,
            format!(
                "front matter must be key: value pairs, found {}",
                corpus::kind(&other)
            ),
        )),
        Err(e) => Err((1, format!("front matter cannot be read: {e}"))),
    }
}

/// The YAML parser counts lines from the start of the front matter, which is line 2 of the
/// file: its messages' "line N" become file lines.
fn file_lines(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("line ") {
        out.push_str(&rest[..at + 5]);
        rest = &rest[at + 5..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        match rest[..digits].parse::<usize>() {
            Ok(n) => out.push_str(&(n + 1).to_string()),
            Err(_) => out.push_str(&rest[..digits]),
        }
        rest = &rest[digits..];
    }
    out.push_str(rest);
    out
}

fn toml_record(text: &str) -> Result<Map<String, Value>, Located> {
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map_or(1, |s| corpus::line_column(text, s.start.min(text.len())).0);
        (
            line,
            format!("front matter is not valid TOML: {}", e.message()),
        )
    })?;
    Ok(table
        .into_iter()
        .map(|(k, v)| (k, toml_to_json(v)))
        .collect())
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.into()),
        toml::Value::Float(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        // A date keeps its day; a time alone becomes text the date check rejects.
        toml::Value::Datetime(d) => Value::String(match d.date {
            Some(date) => date.to_string(),
            None => d.to_string(),
        }),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// Markdown to the plain text the index stores, and its headings: words of paragraphs,
/// headings, list items, table cells, link texts and code kept; markup, link targets and raw
/// HTML dropped. Blocks are separated by blank lines; a code block keeps its line breaks.
///
/// Every heading (levels 1 to 6) is a [`Heading`] starting at its text in the plain text,
/// anchored at its `{#id}` when it has one, else at the slug of its text, except a level-1
/// heading that opens the article and says what `title` says (case and spacing aside): that
/// is the title shown again, which stays in the text and links nowhere. A heading's spaces
/// are collapsed in the text, so that the text holds the heading as it is shown.
pub fn to_plain_text(markdown: &str, title: Option<&str>) -> (String, Vec<Heading>) {
    let mut out = String::with_capacity(markdown.len());
    let mut headings = Vec::new();
    let mut anchors = Anchors::default();
    // The heading being read: where its text starts, its `{#id}`, whether it opens the text.
    let mut open: Option<(usize, Option<String>, bool)> = None;
    let break_block = |out: &mut String| {
        let trimmed = out.trim_end_matches([' ', '\n']).len();
        out.truncate(trimmed);
        if !out.is_empty() {
            out.push_str("\n\n");
        }
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Start(Tag::TableCell) if !out.is_empty() && !out.ends_with('\n') => {
                out.push_str(" | ");
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                break_block(&mut out);
                let opens = level == HeadingLevel::H1 && out.is_empty();
                open = Some((out.len(), id.map(|id| id.to_string()), opens));
            }
            Event::End(TagEnd::Heading(_)) => {
                let trimmed = out.trim_end_matches([' ', '\n']).len();
                out.truncate(trimmed);
                if let Some((start, id, opens)) = open.take() {
                    let held = out.get(start..).unwrap_or_default();
                    let start = start + (held.len() - held.trim_start().len());
                    let text = collapse(held);
                    let repeats_title = opens && title.is_some_and(|t| same_words(t, &text));
                    if !text.is_empty() && !repeats_title {
                        // The body holds the heading as its link shows it.
                        out.truncate(start);
                        out.push_str(&text);
                        let anchor = match id.filter(|id| !id.is_empty()) {
                            Some(id) => anchors.given(&id),
                            None => anchors.slug(&text),
                        };
                        headings.push(Heading {
                            text,
                            anchor,
                            start,
                        });
                    }
                }
                break_block(&mut out);
            }
            Event::Start(
                Tag::Paragraph
                | Tag::CodeBlock(_)
                | Tag::Item
                | Tag::BlockQuote(_)
                | Tag::TableRow
                | Tag::TableHead,
            ) => break_block(&mut out),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::CodeBlock
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => break_block(&mut out),
            _ => {}
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    (out, headings)
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether two texts are the same words, case and spacing aside.
fn same_words(a: &str, b: &str) -> bool {
    collapse(a).to_lowercase() == collapse(b).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_words_and_drops_markup() {
        let md =
            "# Reset *2FA*\n\nOpen [Security](https://x.test/s) and press `Reset`.\nThen wait.\n\n\
                  - one\n- two\n\n```sh\nfaq reset --all\nfaq done\n```\n\n<div>raw html</div>\n\n\
                  | a | b |\n|---|---|\n| c | d |\n";
        assert_eq!(
            to_plain_text(md, None).0,
            "Reset 2FA\n\nOpen Security and press Reset. Then wait.\n\none\n\ntwo\n\n\
             faq reset --all\nfaq done\n\na | b\n\nc | d"
        );
    }

    /// (text, anchor) of each heading, after checking that each starts at its text.
    fn checked(body: &str, headings: &[Heading]) -> Vec<(String, String)> {
        for h in headings {
            assert!(body[h.start..].starts_with(&h.text), "{h:?} in {body:?}");
        }
        assert!(headings.windows(2).all(|w| w[0].start < w[1].start));
        headings
            .iter()
            .map(|h| (h.text.clone(), h.anchor.clone()))
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|&(t, a)| (t.to_string(), a.to_string()))
            .collect()
    }

    #[test]
    fn headings_start_at_their_text_with_their_ids_or_slugs() {
        let md = "# Cards\n\nIntro.\n\n## Card limits {#limits}\n\nUp to *500*.\n\n\
                  ### Daily `limit` {.note}\n\nx\n\nFees & charges\n--------------\n\n\
                  ## Card limits\n\n## Card   limits\n\n- item\n\n# Second part\n\n\
                  > ## Quoted\n\n## ???\n\n##\n\ntext\n";
        let (body, headings) = to_plain_text(md, Some("cards"));
        assert_eq!(
            body,
            "Cards\n\nIntro.\n\nCard limits\n\nUp to 500.\n\nDaily limit\n\nx\n\n\
             Fees & charges\n\nCard limits\n\nCard limits\n\nitem\n\nSecond part\n\nQuoted\n\n\
             ???\n\ntext"
        );
        assert_eq!(
            checked(&body, &headings),
            pairs(&[
                ("Card limits", "limits"),
                ("Daily limit", "daily-limit"),
                ("Fees & charges", "fees-charges"),
                ("Card limits", "card-limits"),
                ("Card limits", "card-limits-1"),
                ("Second part", "second-part"),
                ("Quoted", "quoted"),
                // No letters, no link; its part still ends the one before.
                ("???", ""),
            ])
        );
    }

    #[test]
    fn a_first_level_one_heading_is_the_title_only_when_it_repeats_it() {
        let md = "# Reset  2FA\n\nText.\n\n## Steps\n\nMore.";
        let (body, headings) = to_plain_text(md, Some("reset 2fa"));
        assert_eq!(body, "Reset  2FA\n\nText.\n\nSteps\n\nMore.", "as it was");
        assert_eq!(checked(&body, &headings), pairs(&[("Steps", "steps")]));

        let (body, headings) = to_plain_text(md, Some("How to reset 2FA"));
        assert_eq!(
            checked(&body, &headings),
            pairs(&[("Reset 2FA", "reset-2fa"), ("Steps", "steps")])
        );
        assert_eq!(headings[0].start, 0);
        assert!(
            body.starts_with("Reset 2FA\n\n"),
            "a heading's spaces collapse"
        );

        let md = "Text first.\n\n# Reset 2FA\n\nText.";
        let (body, headings) = to_plain_text(md, Some("Reset 2FA"));
        assert_eq!(
            checked(&body, &headings),
            pairs(&[("Reset 2FA", "reset-2fa")])
        );
    }

    #[test]
    fn articles_without_headings_have_the_same_text_and_none() {
        let md = "Open [Security](https://x.test/s).\n\nA {#not-a-heading} brace.\n";
        let (body, headings) = to_plain_text(md, Some("x"));
        assert_eq!(body, "Open Security.\n\nA {#not-a-heading} brace.");
        assert!(headings.is_empty());
    }

    #[test]
    fn read_keeps_the_headings_and_ignores_front_matter_sections() {
        let text = "---\ntitle: Cards\ncategory: FAQ\npublished: 2024-08-08\nurl: /cards\n\
                    sections: [1, 2]\n---\n# Cards\n\nIntro.\n\n## Limits {#card-limits}\n\nFive.\n";
        let doc = read_str(text).unwrap().unwrap().doc;
        assert_eq!(doc.body, "Cards\n\nIntro.\n\nLimits\n\nFive.");
        assert_eq!(
            checked(&doc.body, &doc.headings),
            pairs(&[("Limits", "card-limits")])
        );
    }

    #[test]
    fn front_matter_keys_are_located() {
        let fm = "title: x\n  category: y\n\"views\": 3\n";
        assert_eq!(key_line(fm, "title"), Some(1));
        assert_eq!(key_line(fm, "category"), Some(2));
        assert_eq!(key_line(fm, "views"), Some(3));
        assert_eq!(key_line(fm, "url"), None);
    }

    fn read_str(text: &str) -> Result<Option<Sourced>, String> {
        read(
            Path::new("a.md"),
            text,
            "guides/a",
            &Defaults::default(),
            None,
        )
        .map_err(|e| e.to_string())
    }

    #[test]
    fn yaml_and_toml_front_matter() {
        let yaml = "---\ntitle: Reset 2FA\ncategory: FAQ\npublished: 2024-08-08\nurl: /a\n---\nBody *text*.\n";
        let doc = read_str(yaml).unwrap().unwrap().doc;
        assert_eq!(doc.id, "guides/a");
        assert_eq!(doc.body, "Body text.");
        assert_eq!(doc.updated, doc.published, "updated defaults to published");
        assert_eq!(doc.locale, "en");
        let toml = "+++\ntitle = \"Reset\"\ncategory = \"FAQ\"\npublished = 2024-08-08\nupdated = 2024-09-01T10:00:00Z\nviews = 5\nurl = \"/a\"\nid = \"x\"\n+++\nBody.\n";
        let doc = read_str(toml).unwrap().unwrap().doc;
        assert_eq!((doc.id.as_str(), doc.views), ("x", 5));
        assert_eq!(
            faq_search_engine::date::format_ymd(doc.updated),
            "2024-09-01"
        );
        assert!(read_str("---\ndraft: true\n---\n").unwrap().is_none());
    }

    #[test]
    fn errors_name_the_front_matter_line() {
        let bad = "---\ntitle: Reset\ncategory: FAQ\npublished: 2024-13-01\nurl: /a\n---\nx\n";
        let err = read_str(bad).unwrap_err();
        assert!(
            err.starts_with("a.md:4: published: \"2024-13-01\""),
            "{err}"
        );
        let bad = "---\ntitle: Reset\ncategory: [FAQ\n---\nx\n";
        let err = read_str(bad).unwrap_err();
        assert!(
            err.starts_with("a.md:4: front matter is not valid YAML"),
            "{err}"
        );
        assert!(
            err.contains("flow sequence at line 3 column 11"),
            "lines of the file: {err}"
        );
        let bad = "+++\ntitle = \"Reset\"\ncategory = \n+++\nx\n";
        let err = read_str(bad).unwrap_err();
        assert!(
            err.starts_with("a.md:3:") && err.contains("not valid TOML"),
            "{err}"
        );
        let err = read_str("# Just markdown\n").unwrap_err();
        assert!(err.starts_with("a.md:1: no front matter"), "{err}");
        let err = read_str("---\ncategory: FAQ\n---\n").unwrap_err();
        assert!(err.starts_with("a.md:1: title: missing"), "{err}");
    }
}
