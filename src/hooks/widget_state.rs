//! The widget's state in the component, and the one way to change it: [`Dispatcher`] runs the
//! pure reducer (`state.rs`) and re-renders when the state changed. It also times the searches
//! the reducer makes: each one is a User Timing measure named "faq-search:search" (so searches
//! show in the browser's performance tools, and can be counted) and a sample for
//! [`crate::frame::searched_in`], which decides how keystrokes are paced.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::state::{Action, State};

const SEARCH_MARK: &str = "faq-search:search-start";
const SEARCH_MEASURE: &str = "faq-search:search";

/// Changes the widget's state; cheap to clone, valid after the widget is gone (its changes
/// then go nowhere).
#[derive(Clone)]
pub struct Dispatcher {
    current: Rc<RefCell<Rc<State>>>,
    render: UseForceUpdateHandle,
}

impl PartialEq for Dispatcher {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.current, &other.current)
    }
}

impl Dispatcher {
    pub fn dispatch(&self, action: Action) {
        let timer = action.may_search().then(SearchTimer::start).flatten();
        let before = self.current.borrow().clone();
        let after = before.clone().reduce(action);
        if let Some(timer) = timer {
            timer.stop(after.searches != before.searches);
        }
        if !Rc::ptr_eq(&before, &after) {
            *self.current.borrow_mut() = after;
            self.render.force_update();
        }
    }

    /// The state as it is now: newer than the one rendered when actions were dispatched since.
    pub fn state(&self) -> Rc<State> {
        self.current.borrow().clone()
    }

    /// Dispatching `action`, as a function to run later (for [`crate::frame::OncePerFrame`]).
    pub fn later(&self, action: fn() -> Action) -> Rc<dyn Fn()> {
        let dispatcher = self.clone();
        Rc::new(move || dispatcher.dispatch(action()))
    }
}

/// The widget's state, made by `init` on the first render, and its [`Dispatcher`].
#[hook]
pub fn use_widget_state(init: impl FnOnce() -> State) -> (Rc<State>, Dispatcher) {
    let current = use_mut_ref(|| Rc::new(init()));
    let render = use_force_update();
    let state = current.borrow().clone();
    (state, Dispatcher { current, render })
}

/// A search being timed: the start mark is set, and [`SearchTimer::stop`] makes the measure
/// when a search happened.
struct SearchTimer {
    performance: web_sys::Performance,
    start: f64,
}

impl SearchTimer {
    fn start() -> Option<SearchTimer> {
        let performance = web_sys::window()?.performance()?;
        let _ = performance.mark(SEARCH_MARK);
        let start = performance.now();
        Some(SearchTimer { performance, start })
    }

    fn stop(self, searched: bool) {
        let p = &self.performance;
        if searched {
            crate::frame::searched_in(p.now() - self.start);
            let _ = p.measure_with_start_mark(SEARCH_MEASURE, SEARCH_MARK);
        }
        p.clear_marks_with_mark_name(SEARCH_MARK);
    }
}
