//! Reads a JSON Lines corpus and validates every record into engine [`Document`]s. Errors name
//! the file, the line and the field, in the form `file:line: field: what is wrong`.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::Context;
use faq_search_engine::{date, Document};

use crate::progress::Progress;
use serde_json::{Map, Value};

/// A record that cannot be indexed, located precisely.
#[derive(Debug)]
pub struct RecordError {
    pub file: PathBuf,
    pub line: usize,
    /// The offending field, or `None` when the line as a whole is wrong.
    pub field: Option<&'static str>,
    pub message: String,
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file.display(), self.line)?;
        if let Some(field) = self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for RecordError {}

/// Reads, parses and validates a JSON Lines file; an empty one is an error.
pub fn read_file(path: &Path, progress: &Progress) -> anyhow::Result<Vec<Document>> {
    let spinner = progress.spinner("reading");
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let docs = read_jsonl(path, &bytes)?;
    spinner.finish_and_clear();
    if docs.is_empty() {
        anyhow::bail!("{}: no articles found; the file is empty", path.display());
    }
    Ok(docs)
}

/// Parses and validates the whole file; stops at the first bad record.
pub fn read_jsonl(path: &Path, bytes: &[u8]) -> Result<Vec<Document>, RecordError> {
    let mut docs = Vec::new();
    let mut seen_ids: HashMap<String, usize> = HashMap::new();
    for (index, raw_line) in bytes.split(|&b| b == b'\n').enumerate() {
        let line_no = index + 1;
        let err = |field: Option<&'static str>, message: String| RecordError {
            file: path.to_path_buf(),
            line: line_no,
            field,
            message,
        };
        let raw_line = raw_line.strip_suffix(b"\r").unwrap_or(raw_line);
        let line = std::str::from_utf8(raw_line).map_err(|e| {
            err(
                None,
                format!("not valid UTF-8 (byte {} of the line)", e.valid_up_to() + 1),
            )
        })?;
        let line = if index == 0 {
            line.trim_start_matches('\u{feff}')
        } else {
            line
        };
        if line.trim().is_empty() {
            continue;
        }
        let value: Value =
            serde_json::from_str(line).map_err(|e| err(None, format!("invalid JSON: {e}")))?;
        let Value::Object(record) = value else {
            return Err(err(
                None,
                format!("expected a JSON object, found {}", kind(&value)),
            ));
        };
        let doc = validate(&record).map_err(|(field, message)| err(Some(field), message))?;
        if let Some(first) = seen_ids.insert(doc.id.clone(), line_no) {
            return Err(err(
                Some("id"),
                format!(
                    "{:?} is already used on line {first}; ids must be unique",
                    doc.id
                ),
            ));
        }
        docs.push(doc);
    }
    Ok(docs)
}

type FieldError = (&'static str, String);

fn validate(record: &Map<String, Value>) -> Result<Document, FieldError> {
    let id = required_str(record, "id")?;
    if id.chars().any(char::is_control) {
        return Err(("id", "must not contain control characters".into()));
    }
    let title = required_str(record, "title")?;
    let body = string(record, "body", true)?.unwrap_or_default();
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
    })
}

fn required_str(record: &Map<String, Value>, field: &'static str) -> Result<String, FieldError> {
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
) -> Result<Option<String>, FieldError> {
    match record.get(field) {
        Some(Value::String(s)) => Ok(Some(s.clone())),
        None | Some(Value::Null) if required => Err((field, "missing; expected a string".into())),
        None | Some(Value::Null) => Ok(None),
        Some(other) => Err((field, format!("expected a string, found {}", kind(other)))),
    }
}

fn date_field(record: &Map<String, Value>, field: &'static str) -> Result<i32, FieldError> {
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

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
