//! Built HTML pages as articles: the title from `<title>` or the first `<h1>`, the body from
//! the page's main content without its navigation, and the metadata from `data-` attributes or
//! `<meta name>` tags. Which elements count is set by CSS selectors ([`HtmlSelectors`]).

use std::path::Path;

use scraper::{ElementRef, Html, Node, Selector};
use serde::Deserialize;
use serde_json::{Map, Number, Value};

use crate::corpus::{self, Defaults, RecordError, Sourced};
use crate::markdown::{default_locale, join_url, normalize_dates};

/// The selectors of the `[html]` table of the config file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct HtmlSelectors {
    /// Tried in order; the first element found gives the title.
    pub title: Vec<String>,
    /// Tried in order; the first element found is the article's content.
    pub content: Vec<String>,
    /// Elements inside the content that are not part of the article.
    pub exclude: Vec<String>,
}

impl Default for HtmlSelectors {
    fn default() -> Self {
        let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
        HtmlSelectors {
            title: list(&["title", "h1"]),
            content: list(&["main", "[role=main]", "article", "body"]),
            exclude: list(&[
                "nav", "header", "footer", "aside", "script", "style", "noscript", "template",
                "form",
            ]),
        }
    }
}

/// The selectors, parsed once for every page.
pub struct Compiled {
    title: Vec<Selector>,
    content: Vec<Selector>,
    exclude: Vec<Selector>,
}

impl HtmlSelectors {
    /// Parses every selector; an error names the key and the selector.
    pub fn compile(&self) -> Result<Compiled, String> {
        let parse = |key: &str, list: &[String]| {
            list.iter()
                .map(|s| {
                    Selector::parse(s)
                        .map_err(|e| format!("html.{key}: {s:?} is not a CSS selector: {e}"))
                })
                .collect::<Result<Vec<_>, _>>()
        };
        Ok(Compiled {
            title: parse("title", &self.title)?,
            content: parse("content", &self.content)?,
            exclude: parse("exclude", &self.exclude)?,
        })
    }
}

/// Metadata read from the page: `data-<name>` on the content element, `<body>` or `<html>`,
/// else on the first element that has it, else `<meta name="<name>" content="…">`.
const FIELDS: &[&str] = &[
    "id",
    "url",
    "category",
    "published",
    "updated",
    "views",
    "locale",
    "section",
];

/// Whether a page asks not to be indexed (`<meta name="robots" content="noindex">`).
pub fn is_noindex(text: &str) -> bool {
    if !text.contains("noindex") {
        return false;
    }
    let doc = Html::parse_document(text);
    let robots = doc.select(&sel("meta[name][content]")).any(|m| {
        m.value()
            .attr("name")
            .is_some_and(|n| n.eq_ignore_ascii_case("robots"))
            && m.value()
                .attr("content")
                .is_some_and(|c| c.to_ascii_lowercase().contains("noindex"))
    });
    robots
}

/// What any static site's pages lack, made up so that they can be searched as they are: the
/// dates from `<meta property="article:published_time">` (and `modified_time`), else the
/// content's first `<time datetime>`, else the file's modification date; the category from the
/// page's first folder ("getting-started/x.html" → "Getting started"), else "Pages".
fn site_defaults(
    record: &mut Map<String, Value>,
    doc: &Html,
    content: ElementRef,
    path: &Path,
    rel_path: &str,
    defaults: &Defaults,
) {
    let property = |name: &str| {
        doc.select(&sel("meta[property][content]"))
            .find(|m| m.value().attr("property") == Some(name))
            .and_then(|m| m.value().attr("content"))
            .map(str::to_string)
    };
    let day = |value: String| -> Option<Value> {
        let day = value.trim().get(..10)?.to_string();
        let ok = day.len() == 10
            && day.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        ok.then_some(Value::String(day))
    };
    if !record.contains_key("published") {
        let found = property("article:published_time")
            .and_then(day)
            .or_else(|| {
                content
                    .select(&sel("time[datetime]"))
                    .find_map(|t| day(t.value().attr("datetime")?.to_string()))
            })
            .or_else(|| {
                let modified = std::fs::metadata(path).ok()?.modified().ok()?;
                let secs = modified
                    .duration_since(std::time::UNIX_EPOCH)
                    .ok()?
                    .as_secs();
                let days = i32::try_from(secs / 86_400).ok()?;
                Some(Value::String(faq_search_engine::date::format_ymd(days)))
            });
        if let Some(published) = found {
            record.insert("published".into(), published);
        }
    }
    if !record.contains_key("updated") {
        if let Some(updated) = property("article:modified_time").and_then(day) {
            record.insert("updated".into(), updated);
        }
    }
    if !record.contains_key("category") && defaults.category.is_none() {
        let category = match rel_path.split_once('/') {
            Some((folder, _)) if !folder.is_empty() => {
                let words = folder.replace(['-', '_'], " ");
                let mut chars = words.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            }
            _ => "Pages".to_string(),
        };
        record.insert("category".into(), Value::String(category));
    }
}

/// Reads one page. `rel_path` is its path below the input folder ("guides/reset.html"); the
/// default id is that path without extension, the default URL that path (after `base_url`).
pub fn read(
    path: &Path,
    text: &str,
    rel_path: &str,
    selectors: &Compiled,
    defaults: &Defaults,
    base_url: Option<&str>,
) -> Result<Sourced, RecordError> {
    let doc = Html::parse_document(text);
    let err = |field: Option<&'static str>, message: String, present: bool| {
        // The line of the attribute or tag that holds the field, when one does.
        let line = field
            .filter(|_| present)
            .and_then(|f| {
                [
                    format!("data-{f}="),
                    format!("name=\"{f}\""),
                    format!("name={f}"),
                ]
                .iter()
                .find_map(|needle| text.find(needle.as_str()))
            })
            .map_or(1, |at| corpus::line_column(text, at).0);
        RecordError::new(path, line, field, message)
    };

    let content = selectors
        .content
        .iter()
        .find_map(|s| doc.select(s).next())
        .unwrap_or_else(|| doc.root_element());
    let title = selectors
        .title
        .iter()
        .filter_map(|s| doc.select(s).next())
        .map(|e| collapse(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
        .ok_or_else(|| {
            err(
                Some("title"),
                "the page has no <title> or <h1> with text".into(),
                false,
            )
        })?;

    let mut record = Map::new();
    record.insert("title".into(), Value::String(title));
    record.insert(
        "body".into(),
        Value::String(plain_text(content, &selectors.exclude)),
    );
    let body_el = doc.select(&sel("body")).next();
    let html_el = doc.root_element();
    let meta = |name: &str| {
        doc.select(&sel("meta[name][content]"))
            .find(|m| m.value().attr("name") == Some(name))
            .and_then(|m| m.value().attr("content"))
    };
    for &field in FIELDS {
        let attr = format!("data-{field}");
        let value = [Some(content), body_el, Some(html_el)]
            .into_iter()
            .flatten()
            .find_map(|e| e.value().attr(&attr))
            .or_else(|| {
                let any = Selector::parse(&format!("[{attr}]")).expect("a valid selector");
                doc.select(&any).find_map(|e| e.value().attr(&attr))
            })
            .or_else(|| meta(field));
        if let Some(value) = value {
            let value = value.trim();
            let json = match field {
                // A number when it is one; otherwise the check says what is wrong.
                "views" => value.parse::<u64>().map_or_else(
                    |_| Value::String(value.into()),
                    |n| Value::Number(Number::from(n)),
                ),
                _ => Value::String(value.into()),
            };
            record.insert(field.into(), json);
        }
    }
    if !record.contains_key("locale") {
        if let Some(lang) = html_el
            .value()
            .attr("lang")
            .filter(|l| !l.trim().is_empty())
        {
            record.insert("locale".into(), Value::String(lang.trim().into()));
        }
    }
    site_defaults(&mut record, &doc, content, path, rel_path, defaults);
    let id = rel_path.rsplit_once('.').map_or(rel_path, |(stem, _)| stem);
    record
        .entry("id")
        .or_insert_with(|| Value::String(id.into()));
    record.entry("url").or_insert_with(|| {
        Value::String(match base_url {
            Some(base) => join_url(base, rel_path),
            None => format!("/{rel_path}"),
        })
    });
    normalize_dates(&mut record);
    record
        .entry("views")
        .or_insert(Value::Number(Number::from(0)));
    if !record.contains_key("updated") {
        if let Some(published) = record.get("published").cloned() {
            record.insert("updated".into(), published);
        }
    }
    default_locale(&mut record, defaults);
    let doc = corpus::validate(&mut record, defaults).map_err(|(field, message)| {
        let present = record.contains_key(field);
        err(Some(field), message, present)
    })?;
    Ok(Sourced {
        doc,
        line: 1,
        column: None,
    })
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("a fixed, valid selector")
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

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

/// The text of `root` without the `exclude`d elements: running text with collapsed spaces,
/// blocks separated by blank lines, table cells by " | ", `<pre>` lines kept.
pub fn plain_text(root: ElementRef, exclude: &[Selector]) -> String {
    let mut out = String::new();
    walk(root, exclude, false, &mut out);
    out.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn walk(element: ElementRef, exclude: &[Selector], pre: bool, out: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(t) => {
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
                if exclude.iter().any(|s| s.matches(&child)) {
                    continue;
                }
                let name = e.name();
                let block = BLOCKS.contains(&name);
                if block {
                    out.push_str("\n\n");
                }
                if (name == "td" || name == "th") && !out.ends_with('\n') && !out.is_empty() {
                    out.push_str(" | ");
                }
                walk(child, exclude, pre || name == "pre", out);
                if block {
                    out.push_str("\n\n");
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html>
<html lang="de">
<head><title>Passwort ändern</title><meta name="category" content="Konto">
<meta name="published" content="2024-08-08T09:00:00+02:00"></head>
<body data-views="42">
<header><nav><a href="/">Start</a></nav></header>
<main>
<h1>Passwort   ändern</h1>
<p>Öffnen Sie <a href="/s">die Einstellungen</a>.</p>
<table><tr><th>Feld</th><th>Wert</th></tr><tr><td>A</td><td>B</td></tr></table>
<pre>line one
line two</pre>
<aside>Related</aside><script>var x = 1;</script>
</main>
<footer>Impressum</footer>
</body></html>"#;

    fn read_page(text: &str) -> Result<Sourced, String> {
        let compiled = HtmlSelectors::default().compile().unwrap();
        read(
            Path::new("p.html"),
            text,
            "konto/passwort.html",
            &compiled,
            &Defaults::default(),
            None,
        )
        .map_err(|e| e.to_string())
    }

    #[test]
    fn page_to_article() {
        let doc = read_page(PAGE).unwrap().doc;
        assert_eq!(doc.title, "Passwort ändern");
        assert_eq!(
            doc.body,
            "Passwort ändern\n\nÖffnen Sie die Einstellungen.\n\nFeld | Wert\n\nA | B\n\nline one\nline two"
        );
        assert_eq!(
            (doc.id.as_str(), doc.url.as_str()),
            ("konto/passwort", "/konto/passwort.html")
        );
        assert_eq!(
            (doc.category.as_str(), doc.locale.as_str(), doc.views),
            ("Konto", "de", 42)
        );
        assert_eq!(
            faq_search_engine::date::format_ymd(doc.published),
            "2024-08-08"
        );
    }

    #[test]
    fn errors_name_the_line_of_the_field() {
        let bad = PAGE.replace("data-views=\"42\"", "data-views=\"many\"");
        let err = read_page(&bad).unwrap_err();
        assert!(
            err.starts_with("p.html:5: views: expected a non-negative integer, found a string"),
            "{err}"
        );
        let bad = PAGE
            .replace("<title>Passwort ändern</title>", "")
            .replace("<h1>Passwort   ändern</h1>", "");
        let err = read_page(&bad).unwrap_err();
        assert!(
            err.contains("title: the page has no <title> or <h1>"),
            "{err}"
        );
    }

    #[test]
    fn bad_selectors_are_named() {
        let s = HtmlSelectors {
            content: vec!["main[".into()],
            ..Default::default()
        };
        let err = s.compile().err().unwrap();
        assert!(err.starts_with("html.content: \"main[\""), "{err}");
    }
}
