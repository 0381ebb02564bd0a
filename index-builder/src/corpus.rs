//! Articles as records: reads JSON Lines and JSON array files, and validates every record
//! (whatever format it came from) into an engine [`Document`]. Errors name the file, the line
//! (and column where there is one) and the field: `file:line: field: what is wrong`.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

use faq_search_engine::{date, Document};
use rayon::prelude::*;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::sections;

/// A record that cannot be indexed, located precisely.
#[derive(Debug)]
pub struct RecordError {
    pub file: PathBuf,
    pub line: usize,
    pub column: Option<usize>,
    /// The offending field (a path such as `sections[2].heading` inside one), or `None` when
    /// the record as a whole is wrong.
    pub field: Option<Field>,
    pub message: String,
}

impl RecordError {
    pub fn new(file: &Path, line: usize, field: Option<Field>, message: impl Into<String>) -> Self {
        RecordError {
            file: file.to_path_buf(),
            line,
            column: None,
            field,
            message: message.into(),
        }
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:", self.file.display(), self.line)?;
        if let Some(column) = self.column {
            write!(f, "{column}:")?;
        }
        f.write_str(" ")?;
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for RecordError {}

/// Values an input gives articles that lack them.
#[derive(Debug, Clone, Default)]
pub struct Defaults {
    pub category: Option<String>,
    pub locale: Option<String>,
}

/// An article and the line it starts on in its file.
#[derive(Debug)]
pub struct Sourced {
    pub doc: Document,
    pub line: usize,
    pub column: Option<usize>,
}

/// Parses and validates a JSON Lines file (lines in parallel); stops at the first bad record.
pub fn read_jsonl(
    path: &Path,
    bytes: &[u8],
    defaults: &Defaults,
) -> Result<Vec<Sourced>, RecordError> {
    let lines: Vec<(usize, &[u8])> = bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .collect();
    let parsed: Vec<Result<Option<Sourced>, RecordError>> = lines
        .into_par_iter()
        .map(|(line_no, raw_line)| {
            let err = |field: Option<Field>, message: String| {
                RecordError::new(path, line_no, field, message)
            };
            let raw_line = raw_line.strip_suffix(b"\r").unwrap_or(raw_line);
            let line = std::str::from_utf8(raw_line).map_err(|e| {
                err(
                    None,
                    format!("not valid UTF-8 (byte {} of the line)", e.valid_up_to() + 1),
                )
            })?;
            let line = if line_no == 1 {
                line.trim_start_matches('\u{feff}')
            } else {
                line
            };
            if line.trim().is_empty() {
                return Ok(None);
            }
            let value: Value =
                serde_json::from_str(line).map_err(|e| err(None, format!("invalid JSON: {e}")))?;
            let Value::Object(mut record) = value else {
                return Err(err(
                    None,
                    format!("expected a JSON object, found {}", kind(&value)),
                ));
            };
            let doc = validate(&mut record, defaults)
                .map_err(|(field, message)| err(Some(field), message))?;
            Ok(Some(Sourced {
                doc,
                line: line_no,
                column: None,
            }))
        })
        .collect();
    parsed.into_iter().filter_map(Result::transpose).collect()
}

/// Parses and validates a file holding one JSON array of article objects. A syntax error is
/// located by line and column; a bad article by the line and column where it starts.
pub fn read_json_array(
    path: &Path,
    text: &str,
    defaults: &Defaults,
) -> Result<Vec<Sourced>, RecordError> {
    let text = text.trim_start_matches('\u{feff}');
    let items: Vec<&RawValue> = serde_json::from_str(text).map_err(|e| {
        let message = if e.is_data() {
            "expected a JSON array of article objects".to_string()
        } else {
            format!("invalid JSON: {e}")
        };
        RecordError {
            column: Some(e.column()),
            ..RecordError::new(path, e.line(), None, message)
        }
    })?;
    let parsed: Vec<Result<Sourced, RecordError>> = items
        .into_par_iter()
        .map(|raw| {
            // The raw value borrows from `text`, so its address gives its position.
            let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
            let (line, column) = line_column(text, offset);
            let err = |field: Option<Field>, message: String| RecordError {
                column: Some(column),
                ..RecordError::new(path, line, field, message)
            };
            let value: Value = serde_json::from_str(raw.get())
                .map_err(|e| err(None, format!("invalid JSON: {e}")))?;
            let Value::Object(mut record) = value else {
                return Err(err(
                    None,
                    format!(
                        "expected an article (a JSON object), found {}",
                        kind(&value)
                    ),
                ));
            };
            let doc = validate(&mut record, defaults)
                .map_err(|(field, message)| err(Some(field), message))?;
            Ok(Sourced {
                doc,
                line,
                column: Some(column),
            })
        })
        .collect();
    parsed.into_iter().collect()
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The name of a field, or the path to one inside a field (`sections[2].heading`).
pub type Field = Cow<'static, str>;

pub type FieldError = (Field, String);

/// Checks one record, after filling in what `defaults` gives and the record lacks. A record
/// with `sections` has them appended to its body, and its headings from them.
pub fn validate(
    record: &mut Map<String, Value>,
    defaults: &Defaults,
) -> Result<Document, FieldError> {
    let sections = sections::read(record).map_err(|(path, message)| (Cow::Owned(path), message))?;
    let mut doc = check(record, defaults, sections.as_deref())
        .map_err(|(field, message)| (Cow::Borrowed(field), message))?;
    if let Some(sections) = sections {
        doc.headings = sections::append(&mut doc.body, sections);
    }
    Ok(doc)
}

/// Checks the fields of a record but its sections (`sections`, when it has them, only say
/// whether the body may be left out).
fn check(
    record: &mut Map<String, Value>,
    defaults: &Defaults,
    sections: Option<&[sections::Section]>,
) -> Result<Document, (&'static str, String)> {
    for (field, default) in [
        ("category", &defaults.category),
        ("locale", &defaults.locale),
    ] {
        if let Some(default) = default {
            if matches!(record.get(field), None | Some(Value::Null)) {
                record.insert(field.into(), Value::String(default.clone()));
            }
        }
    }
    let id = required_str(record, "id")?;
    if id.chars().any(char::is_control) {
        return Err(("id", "must not contain control characters".into()));
    }
    let title = required_str(record, "title")?;
    // With sections, the body is only what comes before the first of them, and may be
    // left out; an article still needs some text.
    let body = string(record, "body", sections.is_none())?.unwrap_or_default();
    if sections.is_some_and(<[_]>::is_empty) && body.trim().is_empty() {
        return Err((
            "body",
            "missing and `sections` is empty; an article needs some text".into(),
        ));
    }
    let url = required_str(record, "url")?;
    if url.chars().any(char::is_whitespace) {
        return Err((
            "url",
            format!("{url:?} contains whitespace; percent-encode it"),
        ));
    }
    let category = required_str(record, "category")?;
    let published = date_field(record, "published")?;
    let updated = date_field(record, "updated")?;
    if updated < published {
        return Err((
            "updated",
            format!(
                "{} is before published {}",
                date::format_ymd(updated),
                date::format_ymd(published)
            ),
        ));
    }
    let views = match record.get("views") {
        None | Some(Value::Null) => {
            return Err(("views", "missing; expected a non-negative integer".into()))
        }
        Some(Value::Number(n)) => n.as_u64().ok_or_else(|| {
            (
                "views",
                format!("expected a non-negative integer, found {n}"),
            )
        })?,
        Some(other) => {
            return Err((
                "views",
                format!("expected a non-negative integer, found {}", kind(other)),
            ))
        }
    };
    let locale = required_str(record, "locale")?;
    if !locale
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        || locale.len() > 35
    {
        return Err((
            "locale",
            format!("{locale:?} is not a language tag like \"en\" or \"zh-CN\""),
        ));
    }
    let section = string(record, "section", false)?.unwrap_or_default();
    Ok(Document {
        id,
        title,
        body,
        url,
        category,
        published,
        updated,
        views,
        locale,
        section,
        headings: Vec::new(),
    })
}

fn required_str(
    record: &Map<String, Value>,
    field: &'static str,
) -> Result<String, (&'static str, String)> {
    match string(record, field, true)? {
        Some(s) if s.trim().is_empty() => Err((field, "must not be empty".into())),
        Some(s) => Ok(s),
        None => unreachable!("string() reports a missing required field"),
    }
}

fn string(
    record: &Map<String, Value>,
    field: &'static str,
    required: bool,
) -> Result<Option<String>, (&'static str, String)> {
    match record.get(field) {
        Some(Value::String(s)) => Ok(Some(s.clone())),
        None | Some(Value::Null) if required => Err((field, "missing; expected a string".into())),
        None | Some(Value::Null) => Ok(None),
        Some(other) => Err((field, format!("expected a string, found {}", kind(other)))),
    }
}

fn date_field(
    record: &Map<String, Value>,
    field: &'static str,
) -> Result<i32, (&'static str, String)> {
    let s = required_str(record, field)?;
    let days = date::parse_ymd(&s)
        .ok_or_else(|| (field, format!("{s:?} is not a date in the form YYYY-MM-DD")))?;
    if days < 0 {
        return Err((
            field,
            format!("{s} is before 1970-01-01, which the index cannot store"),
        ));
    }
    Ok(days)
}

pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "[\n  {\"a\": 1},\n  é {\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 4), (2, 3));
        let brace = text.rfind('{').unwrap();
        assert_eq!(line_column(text, brace), (3, 5));
    }

    #[test]
    fn json_array_errors_point_at_the_element() {
        let p = Path::new("a.json");
        let good = r#"{"id":"a","title":"T","body":"B","url":"/a","category":"C","published":"2024-01-01","updated":"2024-01-01","views":1,"locale":"en"}"#;
        let text = format!(
            "[\n  {good},\n  {}\n]\n",
            good.replace("\"views\":1", "\"views\":\"x\"")
        );
        let err = read_json_array(p, &text, &Defaults::default())
            .err()
            .unwrap()
            .to_string();
        assert!(
            err.starts_with("a.json:3:3: views: expected a non-negative integer"),
            "{err}"
        );
        let err = read_json_array(p, "[\n {\"id\": }\n]", &Defaults::default())
            .err()
            .unwrap()
            .to_string();
        assert!(
            err.starts_with("a.json:2:") && err.contains("invalid JSON"),
            "{err}"
        );
        let err = read_json_array(p, "{\"id\": 1}", &Defaults::default())
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("expected a JSON array"), "{err}");
    }

    const FIELDS: &str = r#""id":"a","title":"T","url":"/a","category":"C","published":"2024-01-01","updated":"2024-01-01","views":1,"locale":"en""#;

    fn check_json(json: &str) -> Result<Document, String> {
        let mut record: Map<String, Value> = serde_json::from_str(json).unwrap();
        validate(&mut record, &Defaults::default()).map_err(|(f, m)| format!("{f}: {m}"))
    }

    #[test]
    fn sections_extend_the_body_and_give_the_headings() {
        let doc = check_json(&format!(
            r#"{{{FIELDS},"body":"Cards.","sections":[{{"heading":"Limits","text":"Five."}},{{"heading":"Fees","anchor":"card-fees","text":"None."}}]}}"#
        ))
        .unwrap();
        assert_eq!(doc.body, "Cards.\n\nLimits\n\nFive.\n\nFees\n\nNone.");
        let found: Vec<(&str, &str, usize)> = doc
            .headings
            .iter()
            .map(|h| (h.text.as_str(), h.anchor.as_str(), h.start))
            .collect();
        assert_eq!(found, [("Limits", "limits", 8), ("Fees", "card-fees", 23)]);

        let doc = check_json(&format!(
            r#"{{{FIELDS},"sections":[{{"heading":"Only","text":"Text."}}]}}"#
        ))
        .unwrap();
        assert_eq!(
            (doc.body.as_str(), doc.headings[0].start),
            ("Only\n\nText.", 0)
        );

        let doc = check_json(&format!(r#"{{{FIELDS},"body":"Plain.","sections":null}}"#)).unwrap();
        assert_eq!(doc.body, "Plain.");
        assert!(doc.headings.is_empty());
    }

    #[test]
    fn an_article_needs_a_body_or_sections() {
        let err = check_json(&format!("{{{FIELDS}}}")).unwrap_err();
        assert_eq!(err, "body: missing; expected a string");
        let err = check_json(&format!(r#"{{{FIELDS},"body":" ","sections":[]}}"#)).unwrap_err();
        assert!(
            err.starts_with("body: missing and `sections` is empty"),
            "{err}"
        );
        let err = check_json(&format!(r#"{{{FIELDS},"body":3,"sections":[]}}"#)).unwrap_err();
        assert_eq!(err, "body: expected a string, found a number");
        assert!(check_json(&format!(r#"{{{FIELDS},"body":"","sections":[]}}"#)).is_err());
        assert!(
            check_json(&format!(r#"{{{FIELDS},"body":""}}"#)).is_ok(),
            "an empty body without sections is accepted as it always was"
        );
    }

    #[test]
    fn section_errors_name_file_line_and_path() {
        let line = format!(
            r#"{{{FIELDS},"sections":[{{"heading":"A","text":""}},{{"heading":"B","text":""}},{{"text":"C"}}]}}"#
        );
        let text = format!("\n{}\n", line.replace("\"id\":\"a\"", "\"id\":\"b\""));
        let err = read_jsonl(Path::new("a.jsonl"), text.as_bytes(), &Defaults::default())
            .err()
            .unwrap()
            .to_string();
        assert_eq!(
            err,
            "a.jsonl:2: sections[2].heading: missing; expected a string"
        );
    }

    #[test]
    fn defaults_fill_only_missing_fields() {
        let defaults = Defaults {
            category: Some("FAQ".into()),
            locale: Some("de".into()),
        };
        let mut record: Map<String, Value> = serde_json::from_str(
            r#"{"id":"a","title":"T","body":"","url":"/a","category":"Billing","published":"2024-01-01","updated":"2024-01-01","views":1}"#,
        )
        .unwrap();
        let doc = validate(&mut record, &defaults).unwrap();
        assert_eq!(
            (doc.category.as_str(), doc.locale.as_str()),
            ("Billing", "de")
        );
    }
}
