//! Recent searches, kept in the visitor's localStorage per index, offered on an empty query.
//!
//! Storage is outside data and may be missing, full, disabled (private modes, sandboxed frames
//! throw on access) or hold anything another script wrote. Every failure reads as "no recent
//! searches" or a write that did not happen; none reaches the visitor.

use faq_search_engine::tokenizer::lowercase;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How many searches are kept.
pub const MAX_RECENT: usize = 5;
/// Longer stored entries are ignored (they are not something a person typed).
const MAX_QUERY_CHARS: usize = 200;

/// The storage key for one index: sites with several help centers keep separate lists.
pub fn storage_key(index_id: &str) -> String {
    format!("faq-search:recent:{index_id}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored list, newest first; empty on any problem.
pub fn load(key: &str) -> Vec<String> {
    let Some(raw) = storage().and_then(|s| s.get_item(key).ok().flatten()) else {
        return Vec::new();
    };
    let Ok(value) = js_sys::JSON::parse(&raw) else {
        return Vec::new();
    };
    let Some(array) = value.dyn_ref::<js_sys::Array>() else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for item in array.iter() {
        let Some(text) = item.as_string() else {
            continue;
        };
        let text = text.trim().to_string();
        if text.is_empty()
            || text.chars().count() > MAX_QUERY_CHARS
            || out.iter().any(|q| same(q, &text))
        {
            continue;
        }
        out.push(text);
        if out.len() == MAX_RECENT {
            break;
        }
    }
    out
}

/// Writes the list; false when storage refused.
pub fn save(key: &str, list: &[String]) -> bool {
    let Some(storage) = storage() else {
        return false;
    };
    if list.is_empty() {
        return storage.remove_item(key).is_ok();
    }
    let array: js_sys::Array = list.iter().map(|q| JsValue::from_str(q)).collect();
    let Ok(json) = js_sys::JSON::stringify(&array) else {
        return false;
    };
    storage.set_item(key, &String::from(json)).is_ok()
}

/// `list` with `query` moved (or added) to the front, without near-duplicates. When the
/// newest entry is the start of `query`, the person paused mid-word and typed on: the longer
/// search replaces it.
pub fn remember(list: &[String], query: &str) -> Vec<String> {
    let query = query.trim();
    if query.is_empty() || query.chars().count() > MAX_QUERY_CHARS {
        return list.to_vec();
    }
    let continued = list
        .first()
        .is_some_and(|newest| lowercase(query).starts_with(&lowercase(newest)));
    std::iter::once(query.to_string())
        .chain(
            list.iter()
                .skip(usize::from(continued))
                .filter(|q| !same(q, query))
                .cloned(),
        )
        .take(MAX_RECENT)
        .collect()
}

/// Two searches are the same when they differ only in case and spacing.
fn same(a: &str, b: &str) -> bool {
    let words = |s: &str| s.split_whitespace().map(lowercase).collect::<Vec<_>>();
    words(a) == words(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remember_moves_to_front_and_caps() {
        let list: Vec<String> = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(remember(&list, "c"), ["c", "a", "b", "d", "e"]);
        assert_eq!(
            remember(&list, " Withdraw  FEE "),
            ["Withdraw  FEE", "a", "b", "c", "d"]
        );
        assert_eq!(
            remember(&["withdraw fee".to_string()], "Withdraw Fee"),
            ["Withdraw Fee"]
        );
        assert_eq!(remember(&list, "   "), list);
    }

    #[test]
    fn typing_on_after_a_pause_replaces_the_shorter_search() {
        let list: Vec<String> = ["with", "deposit"].iter().map(|s| s.to_string()).collect();
        assert_eq!(
            remember(&list, "Withdrawal fee"),
            ["Withdrawal fee", "deposit"]
        );
        // Only the newest: an older search that happens to be a prefix stays.
        assert_eq!(
            remember(&list, "deposit limits"),
            ["deposit limits", "with", "deposit"]
        );
    }
}
