//! The widget's effects, one concern per file; each says what it owns. The root component
//! (`components/widget.rs`) calls them; they reach outside the widget (network, storage, the
//! clock, the page URL, events, the keyboard) and hand what they learn to the pure reducer
//! (`state.rs`) as actions through [`widget_state::Dispatcher`].

pub mod announcement;
pub mod in_view;
pub mod index_loading;
pub mod page_events;
pub mod part_fetching;
pub mod recent_searches;
pub mod settle;
pub mod shortcuts;
pub mod strings;
pub mod url_sync;
pub mod widget_state;
