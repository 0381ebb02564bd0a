//! Loading the index: from its URL through the manifest (with the download's progress), or
//! from bytes already in memory; again on every Retry (a new `attempt`). The answer is
//! dispatched as `Loaded` or `LoadFailed`, tagged with its attempt.

use std::rc::Rc;

use faq_search_engine::Index;
use yew::prelude::*;

use super::widget_state::Dispatcher;
use crate::mount::WidgetOptions;
use crate::state::Action;
use crate::{dom, fetch};

/// Where the widget gets its index from.
#[derive(Clone)]
pub enum IndexSource {
    /// An absolute URL, fetched when the widget mounts and on every Retry.
    Url(String),
    /// Bytes already in memory (tests, or a host that fetched the file itself).
    Bytes(Rc<Vec<u8>>),
}

impl IndexSource {
    /// Names the index in the storage key of its recent searches.
    pub fn name(&self) -> &str {
        match self {
            IndexSource::Url(url) => url,
            IndexSource::Bytes(_) => "in-memory",
        }
    }
}

impl PartialEq for IndexSource {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (IndexSource::Url(a), IndexSource::Url(b)) => a == b,
            (IndexSource::Bytes(a), IndexSource::Bytes(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// The locales to pick the index by: the one the site asked for, else the page's, else the
/// browser's.
fn wanted_locales(options: &WidgetOptions) -> Vec<String> {
    let mut locales: Vec<String> = [options.content_locale.clone(), Some(options.locale.clone())]
        .into_iter()
        .flatten()
        .filter(|l| !l.trim().is_empty())
        .collect();
    locales.extend(dom::page_lang());
    locales.extend(crate::manifest::browser_languages());
    locales
}

#[hook]
pub fn use_index_loading(
    source: &IndexSource,
    options: &WidgetOptions,
    attempt: u32,
    dispatcher: &Dispatcher,
) {
    let dispatcher = dispatcher.clone();
    let source = source.clone();
    let locales = wanted_locales(options);
    use_effect_with(attempt, move |&attempt| match source {
        IndexSource::Url(url) => wasm_bindgen_futures::spawn_local(async move {
            let progress: fetch::Progress = {
                let dispatcher = dispatcher.clone();
                Rc::new(move |received, total| {
                    dispatcher.dispatch(Action::Progress {
                        attempt,
                        received,
                        total,
                    })
                })
            };
            let action = match fetch::load_shared(&url, &locales, progress).await {
                Ok(index) => Action::Loaded { attempt, index },
                Err(message) => Action::LoadFailed { attempt, message },
            };
            dispatcher.dispatch(action);
        }),
        IndexSource::Bytes(bytes) => match Index::from_bytes(bytes.to_vec()) {
            Ok(index) if index.stemmings().iter().all(|s| s.is_available()) => {
                dispatcher.dispatch(Action::Loaded {
                    attempt,
                    index: Rc::new(index),
                })
            }
            // Its languages' stemmers must arrive first.
            Ok(index) => wasm_bindgen_futures::spawn_local(async move {
                dispatcher.dispatch(match crate::stemmers::ensure(&index).await {
                    Ok(()) => Action::Loaded {
                        attempt,
                        index: Rc::new(index),
                    },
                    Err(message) => Action::LoadFailed { attempt, message },
                })
            }),
            Err(error) => dispatcher.dispatch(Action::LoadFailed {
                attempt,
                message: error.to_string(),
            }),
        },
    });
}
