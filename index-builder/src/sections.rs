//! The `sections` of a JSON article: the parts of a long article under their headings, each
//! `{"heading", "anchor" (optional), "text"}`. They are checked here, appended to the body
//! and become the document's headings; errors name the section and its field
//! (`sections[2].heading: missing; expected a string`).

use faq_search_engine::Heading;
use serde_json::{Map, Value};

use crate::anchors::Anchors;
use crate::corpus::kind;

/// One section, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading, its white space collapsed.
    pub heading: String,
    /// The anchor the input gives, if it does.
    pub anchor: Option<String>,
    /// The section's text, without white space at either end.
    pub text: String,
}

/// A field of the record that is wrong, named as a path (`sections[2].anchor`), and what is
/// wrong with it.
pub type PathError = (String, String);

/// The record's `sections`: `None` when it has none (absent or null), else every section
/// checked, in order.
pub fn read(record: &Map<String, Value>) -> Result<Option<Vec<Section>>, PathError> {
    let items = match record.get("sections") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(items)) => items,
        Some(other) => {
            return Err((
                "sections".into(),
                format!(
                    "expected an array of {{\"heading\", \"text\"}} objects, found {}",
                    kind(other)
                ),
            ))
        }
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let at = |field: &str| format!("sections[{i}].{field}");
            let Value::Object(item) = item else {
                return Err((
                    format!("sections[{i}]"),
                    format!(
                        "expected an object with \"heading\" and \"text\", found {}",
                        kind(item)
                    ),
                ));
            };
            let string = |field: &str| match item.get(field) {
                Some(Value::String(s)) => Ok(Some(s.as_str())),
                None | Some(Value::Null) => Ok(None),
                Some(other) => Err((
                    at(field),
                    format!("expected a string, found {}", kind(other)),
                )),
            };
            let heading = string("heading")?
                .ok_or_else(|| (at("heading"), "missing; expected a string".to_string()))?;
            let heading = heading.split_whitespace().collect::<Vec<_>>().join(" ");
            if heading.is_empty() {
                return Err((at("heading"), "must not be empty".into()));
            }
            let anchor = match string("anchor")? {
                None => None,
                Some(a) => Some(check_anchor(a).map_err(|message| (at("anchor"), message))?),
            };
            let text = string("text")?
                .ok_or_else(|| (at("text"), "missing; expected a string".to_string()))?;
            Ok(Section {
                heading,
                anchor,
                text: text.trim().to_string(),
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// An anchor as the input gives it, or what is wrong with it.
fn check_anchor(anchor: &str) -> Result<String, String> {
    if anchor.is_empty() {
        Err("must not be empty; leave it out to use the heading's slug".into())
    } else if anchor.starts_with('#') {
        Err(format!(
            "{anchor:?} starts with #; give the id alone ({:?})",
            anchor.trim_start_matches('#')
        ))
    } else if anchor.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Err(format!(
            "{anchor:?} contains white space; an id on a page has none"
        ))
    } else {
        Ok(anchor.to_string())
    }
}

/// Appends the sections to `body`, each as a paragraph holding its heading and then its text
/// (blank lines between paragraphs, none where the body or a text is empty), and returns the
/// headings, each starting where its heading's text is in the body.
pub fn append(body: &mut String, sections: Vec<Section>) -> Vec<Heading> {
    let mut anchors = Anchors::default();
    let mut headings = Vec::with_capacity(sections.len());
    if !sections.is_empty() {
        let kept = body.trim_end().len();
        body.truncate(kept);
    }
    for section in sections {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        let start = body.len();
        body.push_str(&section.heading);
        if !section.text.is_empty() {
            body.push_str("\n\n");
            body.push_str(&section.text);
        }
        let anchor = match &section.anchor {
            Some(given) => anchors.given(given),
            None => anchors.slug(&section.heading),
        };
        headings.push(Heading {
            text: section.heading,
            anchor,
            start,
        });
    }
    headings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(json: &str) -> Map<String, Value> {
        serde_json::from_str(json).unwrap()
    }

    fn read_str(json: &str) -> Result<Option<Vec<Section>>, String> {
        read(&record(json)).map_err(|(field, message)| format!("{field}: {message}"))
    }

    #[test]
    fn sections_become_paragraphs_and_headings() {
        let sections = read_str(
            r#"{"sections": [
                {"heading": "Card  limits", "anchor": "limits", "text": "Up to 500 a day.\n"},
                {"heading": "Fees", "text": "None.", "other": 1},
                {"heading": "Fees", "text": ""},
                {"heading": "Über   uns", "text": "Wir."}
            ]}"#,
        )
        .unwrap()
        .unwrap();
        let mut body = "Cards have limits.\n".to_string();
        let headings = append(&mut body, sections);
        assert_eq!(
            body,
            "Cards have limits.\n\nCard limits\n\nUp to 500 a day.\n\nFees\n\nNone.\n\nFees\n\n\
             Über uns\n\nWir."
        );
        let found: Vec<(&str, &str)> = headings
            .iter()
            .map(|h| (h.text.as_str(), h.anchor.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("Card limits", "limits"),
                ("Fees", "fees"),
                ("Fees", "fees-1"),
                ("Über uns", "über-uns")
            ]
        );
        for h in &headings {
            assert!(body[h.start..].starts_with(&h.text), "{h:?}");
        }
        assert!(headings.windows(2).all(|w| w[0].start < w[1].start));
    }

    #[test]
    fn an_empty_body_starts_with_the_first_heading() {
        let sections = read_str(r#"{"sections": [{"heading": "Only", "text": "Text."}]}"#)
            .unwrap()
            .unwrap();
        let mut body = String::new();
        let headings = append(&mut body, sections);
        assert_eq!(body, "Only\n\nText.");
        assert_eq!(headings[0].start, 0);
    }

    #[test]
    fn no_sections_leave_the_body_alone() {
        assert_eq!(read_str(r#"{"body": "x"}"#).unwrap(), None);
        assert_eq!(read_str(r#"{"sections": null}"#).unwrap(), None);
        let mut body = "Text \n".to_string();
        assert!(append(&mut body, Vec::new()).is_empty());
        assert_eq!(body, "Text \n");
    }

    #[test]
    fn errors_name_the_section_and_field() {
        let cases = [
            (r#"{"sections": "x"}"#, "sections: expected an array"),
            (
                r#"{"sections": [{"heading": "a", "text": ""}, 3]}"#,
                "sections[1]: expected an object with \"heading\" and \"text\", found a number",
            ),
            (
                r#"{"sections": [{"text": "x"}]}"#,
                "sections[0].heading: missing; expected a string",
            ),
            (
                r#"{"sections": [{"heading": 1, "text": "x"}]}"#,
                "sections[0].heading: expected a string, found a number",
            ),
            (
                r#"{"sections": [{"heading": " \n", "text": "x"}]}"#,
                "sections[0].heading: must not be empty",
            ),
            (
                r##"{"sections": [{"heading": "a", "text": "", "anchor": "b"}, {"heading": "a", "text": "", "anchor": "#c"}]}"##,
                "sections[1].anchor: \"#c\" starts with #; give the id alone (\"c\")",
            ),
            (
                r#"{"sections": [{"heading": "a", "text": "", "anchor": "a b"}]}"#,
                "sections[0].anchor: \"a b\" contains white space",
            ),
            (
                r#"{"sections": [{"heading": "a", "text": "", "anchor": ""}]}"#,
                "sections[0].anchor: must not be empty",
            ),
            (
                r#"{"sections": [{"heading": "a", "anchor": ["b"]}]}"#,
                "sections[0].anchor: expected a string, found an array",
            ),
            (
                r#"{"sections": [{"heading": "a"}]}"#,
                "sections[0].text: missing; expected a string",
            ),
            (
                r#"{"sections": [{"heading": "a", "text": {}}]}"#,
                "sections[0].text: expected a string, found an object",
            ),
        ];
        for (json, expected) in cases {
            let err = read_str(json).unwrap_err();
            assert!(err.starts_with(expected), "{json}: {err}");
        }
    }
}
