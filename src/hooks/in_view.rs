//! Keeps the option the arrow keys are on in view: the list may scroll (in the dialog, or in a
//! page with little room), and the active option must not be out of sight.

use web_sys::Element;
use yew::prelude::*;

use crate::dom;

/// Scrolls the element with id `active` inside `root` into view whenever it changes.
#[hook]
pub fn use_in_view(root: &NodeRef, active: Option<String>) {
    let root = root.clone();
    use_effect_with(active, move |active| {
        if let (Some(id), Some(root)) = (active, root.cast::<Element>()) {
            if let Some(option) = dom::by_id(&root, id) {
                dom::scroll_into_view(&option);
            }
        }
    });
}
