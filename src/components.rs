//! The widget's view, one component per file. [`SearchWidget`] is the root: it owns the state
//! and the index loading; the others only render what they are given and report clicks and
//! keystrokes through `on_*` callbacks.

mod recent_searches;
mod result_card;
mod results;
mod search_box;
mod sort_select;
mod status;
mod tabs;
mod widget;

pub use widget::{IndexSource, SearchWidget, SearchWidgetProps};
