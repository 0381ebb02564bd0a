//! The widget's line icons, the magnifier (search box, modal button) and the clock (recent
//! searches): a circle and a stroke in the text colour, hidden from assistive technology. One
//! function draws them all, so the markup is in the module once.

use yew::prelude::*;

/// A 24 × 24 icon drawn at `size` pixels: a circle (`cx`, `cy`, `r`) and the path `d`.
#[inline(never)]
fn icon(
    class: &'static str,
    size: &'static str,
    circle: [&'static str; 3],
    d: &'static str,
) -> Html {
    let [cx, cy, r] = circle;
    html! {
        <svg {class} viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false">
            <circle {cx} {cy} {r} fill="none" stroke="currentColor" stroke-width="2" />
            <path {d} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
    }
}

pub fn magnifier(class: &'static str, size: &'static str) -> Html {
    icon(class, size, ["11", "11", "7"], "M20 20l-4.2-4.2")
}

pub fn clock(class: &'static str, size: &'static str) -> Html {
    icon(class, size, ["12", "12", "8.5"], "M12 7.5V12l3 2")
}
