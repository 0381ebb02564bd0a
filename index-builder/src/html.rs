//! Built HTML pages as articles: the title from `<title>` or the first `<h1>`, the body from
//! the page's main content without its navigation, its headings with their ids as deep-link
//! targets, and the metadata from `data-` attributes or `<meta name>` tags. Which elements
//! count is set by CSS selectors ([`HtmlSelectors`]).

use std::path::Path;

use scraper::{ElementRef, Html, Selector};
use serde::Deserialize;
use serde_json::{Map, Number, Value};

use crate::corpus::{self, Defaults, Field, RecordError, Sourced};
use crate::markdown::{default_locale, join_url, normalize_dates};

mod text;

use text::{collapse, plain_text};

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
    let err = |field: Option<Field>, message: String, present: bool| {
        // The line of the attribute or tag that holds the field, when one does.
        let line = field
            .as_deref()
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
                Some("title".into()),
                "the page has no <title> or <h1> with text".into(),
                false,
            )
        })?;

    let (body, headings) = plain_text(content, &selectors.exclude);
    let mut record = Map::new();
    record.insert("title".into(), Value::String(title));
    record.insert("body".into(), Value::String(body));
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
    let mut doc = corpus::validate(&mut record, defaults).map_err(|(field, message)| {
        let present = record.contains_key(&*field);
        err(Some(field), message, present)
    })?;
    doc.headings = headings;
    Ok(Sourced {
        doc,
        line: 1,
        column: None,
    })
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("a fixed, valid selector")
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
    fn headings_start_at_their_text_after_tables_pre_blocks_and_nested_divs() {
        let page = r##"<html><head><title>Printer setup | Help</title>
<meta name="published" content="2024-01-01"></head><body><main>
<h1>Printer setup</h1>
<div><div><p>Intro   text.</p></div></div>
<table><tr><td>A</td><td>B</td></tr></table>
<h2 id="connect">Connect the
  printer</h2>
<pre>line one

line two
</pre>
<h2><a id="drivers-anchor" href="#drivers-anchor">Install</a> drivers</h2>
<section id="trouble"><h3>Troubleshooting</h3><p>Turn it off.</p>
<h4>Still stuck?</h4><p>Call.</p></section>
<div><div><h2>   </h2></div></div>
<h1>Appendix</h1>
<h2 id="two words"><a name="old-style">Still stuck?</a></h2>
<h2>Still stuck?</h2>
<ul><li>one</li></ul><div><h5><span>Nested</span> <em>heading</em></h5></div>
<nav><h2>Menu</h2></nav>
</main></body></html>"##;
        let doc = read_page(page).unwrap().doc;
        assert_eq!(
            doc.body,
            "Printer setup\n\nIntro text.\n\nA | B\n\nConnect the printer\n\nline one\n\n\
             line two\n\nInstall drivers\n\nTroubleshooting\n\nTurn it off.\n\nStill stuck?\n\n\
             Call.\n\nAppendix\n\nStill stuck?\n\nStill stuck?\n\none\n\nNested heading"
        );
        for h in &doc.headings {
            assert!(doc.body[h.start..].starts_with(&h.text), "{h:?}");
        }
        assert!(doc.headings.windows(2).all(|w| w[0].start < w[1].start));
        let found: Vec<(&str, &str)> = doc
            .headings
            .iter()
            .map(|h| (h.text.as_str(), h.anchor.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("Connect the printer", "connect"),
                ("Install drivers", "drivers-anchor"),
                ("Troubleshooting", "trouble"),
                // Not the section's first heading: the section's id is not its own.
                ("Still stuck?", "still-stuck"),
                ("Appendix", "appendix"),
                ("Still stuck?", "old-style"),
                ("Still stuck?", "still-stuck-1"),
                ("Nested heading", "nested-heading"),
            ]
        );
    }

    #[test]
    fn a_page_without_headings_but_its_title_has_none() {
        let doc = read_page(PAGE).unwrap().doc;
        assert!(doc.headings.is_empty(), "{:?}", doc.headings);
        let page = PAGE.replace(
            "<h1>Passwort   ändern</h1>",
            "<h2>Vorher</h2><h1>Später</h1>",
        );
        let doc = read_page(&page).unwrap().doc;
        let texts: Vec<&str> = doc.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, ["Vorher", "Später"], "an h1 after a heading is one");
        assert_eq!(doc.headings[1].anchor, "später");
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
