//! faq-search's browser side: a help-center search widget (Yew, compiled to WebAssembly) and a
//! small JavaScript API, both over the index that `index-builder` writes.
//!
//! A host page embeds the widget with one tag; the loader (`www/faq-search.js`) fetches this
//! module and calls [`mount()`]:
//!
//! ```html
//! <div id="help-search"></div>
//! <script src="faq-search.js" data-index="index/" data-target="#help-search" defer></script>
//! ```
//!
//! Sites with their own UI use the ES module `www/faq-search-api.js`, which wraps
//! [`load_index`] (`loadIndex` in JS) and [`SearchIndex`].
//!
//! Where things are:
//! - [`mount`](mod@mount): the `mount` export, its options, [`mount_bytes`] for in-memory indexes.
//! - `components`: the Yew view, one component per file; `state`: the `Reducible` state with
//!   its explicit `Loading / Ready / Failed` load state and a pure reducer; `hooks`: the
//!   effects (loading, part fetching, settling into the URL, events and recent searches,
//!   shortcuts), one concern per file; `missing_parts`: what a split index's search lacked.
//! - `api`: the JS API; `fetch`: downloading the index; `format`: `Intl` dates and numbers;
//!   `frame`: pacing searches to the display (once a frame, after it when searches are slow);
//!   `highlight`: byte ranges to `<mark>` segments and UTF-16 ranges; `manifest`: which index
//!   serves which locale; `stemmers`: each language's stemmer, downloaded when an index needs
//!   it; `strings_file`: the widget's words in its language, downloaded as data unless it
//!   speaks English; `urls`: safe links,
//!   index URL resolution and the `?q=` parameter.
//!
//! Nothing here may panic on outside data (DOM, JS values, network, index bytes): a panic in
//! wasm stops every widget on the page. Errors become messages in the widget or `JsError`s.

mod api;
mod components;
mod dom;
mod fetch;
mod format;
mod frame;
mod highlight;
pub mod history;
mod hooks;
pub mod i18n;
mod js_fields;
mod manifest;
mod missing_parts;
pub mod mount;
mod recent;
mod state;
mod stemmers;
mod strings_file;
mod urls;

pub use api::{load_index, version, SearchIndex};
pub use mount::{mount, mount_bytes, Mode, MountedWidget, WidgetOptions};
