//! The widget's words for its language: the language's table (compiled in for English, else
//! downloaded when the widget mounts, in parallel with the index; `strings_file.rs`) under the
//! site's overrides and placeholder option.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::Strings;
use crate::mount::{warn, WidgetOptions};

/// The widget's strings: the language's table over English, then the site's overrides and the
/// placeholder option. While the table is downloading (`None`) every string is empty except
/// the site's own: a German visitor sees a spinner and an empty search box for that moment,
/// never English words that then change to German. The file is a few hundred bytes fetched
/// beside the much larger index, so the wait is hidden inside the loading state.
fn resolve_strings(table: Option<&[(String, String)]>, options: &WidgetOptions) -> Strings {
    let mut strings = table.map_or_else(Strings::default, Strings::with_table);
    let unknown = strings.apply(
        options
            .strings
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );
    // Reported once, when the table is there (the override is applied again then).
    if !unknown.is_empty() && table.is_some() {
        warn(&format!(
            "unknown key(s) in the strings option, ignored: {}",
            unknown.join(", ")
        ));
    }
    if let Some(placeholder) = &options.placeholder {
        strings.placeholder = placeholder.clone();
    }
    strings
}

/// The strings for `locale`, and whether its table is still on its way.
#[hook]
pub fn use_strings(locale: &Rc<String>, options: &Rc<WidgetOptions>) -> (Rc<Strings>, bool) {
    let table = use_state({
        let locale = locale.clone();
        move || crate::strings_file::ready(&locale)
    });
    {
        let table = table.clone();
        use_effect_with(
            locale.clone(),
            move |locale| match crate::strings_file::ready(locale) {
                Some(ready) => {
                    if table.as_ref() != Some(&ready) {
                        table.set(Some(ready));
                    }
                }
                None => {
                    let locale = locale.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        table.set(Some(crate::strings_file::load(&locale).await));
                    });
                }
            },
        );
    }
    let pending = table.is_none();
    let strings = use_memo(((*table).clone(), options.clone()), |(table, options)| {
        resolve_strings(table.as_deref().map(|t| t.as_slice()), options)
    });
    (strings, pending)
}
