//! The widget's view, one component per file. [`SearchWidget`] is the root: it owns the state
//! and calls the hooks that reach outside (`hooks/`); `dialog` is modal mode's `<dialog>`
//! (focus, scroll lock, its history entry); the others only render what they are given and
//! report clicks and keystrokes through `on_*` callbacks.

mod dialog;
mod icon;
mod recent_searches;
mod result_card;
mod results;
mod search_box;
mod sort_select;
mod status;
mod tabs;
mod widget;

pub use results::summary;
pub use widget::{SearchWidget, SearchWidgetProps};
