//! URLs the widget touches: which article links are safe to render and where the index is.
//! (The search's own place in the page URL is `history.rs`.)

use wasm_bindgen::JsValue;

use crate::manifest::MANIFEST_FILE_NAME;

/// The `href` to render for an article URL from the index, or `None` when it is not safe.
///
/// Article URLs come from a corpus the widget does not control: only `http:`/`https:` and
/// relative URLs are let through, so a `javascript:` or `data:` URL can never run on the host
/// page. Tabs and newlines are removed first because browsers ignore them inside URLs
/// (`java\tscript:` is `javascript:` to a browser).
pub fn safe_href(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c <= ' ');
    if cleaned.is_empty() {
        return None;
    }
    match scheme(cleaned) {
        None => Some(cleaned.to_string()),
        Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
            Some(cleaned.to_string())
        }
        Some(_) => None,
    }
}

/// The scheme of an absolute URL (`"https"` for `https://…`), `None` for a relative URL.
fn scheme(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#'])?;
    if !url[end..].starts_with(':') {
        return None;
    }
    let candidate = &url[..end];
    let mut chars = candidate.chars();
    let first_is_alpha = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    // Something like "a b:c" is no scheme to a browser either, but it is not a relative link we
    // want to produce; report it as a scheme so it is rejected.
    if first_is_alpha && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
        Some(candidate)
    } else {
        Some("")
    }
}

/// Resolves the `data-index` value (or `loadIndex` argument) against `base`: a value ending
/// in `/` names the folder `index-builder` wrote, and the manifest inside it is used.
pub fn resolve_index_url(raw: &str, base: &str) -> Result<String, String> {
    let raw = raw.trim();
    let raw = if raw.is_empty() { "./" } else { raw };
    let url = web_sys::Url::new_with_base(raw, base)
        .map_err(|_| format!("the index URL \"{raw}\" is not a valid URL (relative to {base})"))?;
    let path = url.pathname();
    if path.ends_with('/') {
        url.set_pathname(&format!("{path}{MANIFEST_FILE_NAME}"));
    }
    Ok(url.href())
}

/// The URL relative addresses are resolved against: the document's base URL on a page, the
/// script's location in a worker.
pub fn base_url() -> String {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Ok(Some(base)) = doc.base_uri() {
            return base;
        }
    }
    let global = js_sys::global();
    js_sys::Reflect::get(&global, &JsValue::from_str("location"))
        .ok()
        .and_then(|loc| js_sys::Reflect::get(&loc, &JsValue::from_str("href")).ok())
        .and_then(|href| href.as_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_and_http_links_pass() {
        for url in [
            "/help/reset-2fa",
            "reset-2fa.html",
            "./a?b=c#d",
            "../x",
            "#top",
            "?q=1",
            "//cdn.example.com/a",
            "https://example.com/a",
            "HTTP://example.com",
            "path/with:colon",
        ] {
            assert!(safe_href(url).is_some(), "{url} should be allowed");
        }
    }

    #[test]
    fn script_and_other_schemes_are_rejected() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "jav\nascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "mailto:a@b.c",
            "",
            "   ",
            "1abc:def",
        ] {
            assert_eq!(safe_href(url), None, "{url:?} should be rejected");
        }
    }
}
