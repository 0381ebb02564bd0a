//! Pacing searches to the display: [`OncePerFrame`] runs a search at most once a frame, and
//! after the frame is drawn when searches have become slow, so a typed key always shows at
//! once. Also keeps how long searches take ([`searched_in`], [`search_is_slow`]).

use std::cell::Cell;
use std::rc::Rc;

use gloo::render::AnimationFrame;
use gloo::timers::callback::Timeout;

/// A search that takes longer than this (ms) would push the typed character past its frame
/// on a 60 Hz display once drawing is added: later keys are searched after the frame.
pub const SLOW_SEARCH_MS: f64 = 6.0;

/// In a tab that draws no frames (hidden), the waiting search runs after this long (ms).
const NO_FRAME_MS: u32 = 100;

thread_local! {
    /// A moving average of search times (ms): one slow search (a pause of the browser's,
    /// a first search filling caches) does not change how keys are handled; a run of them does.
    static TYPICAL_SEARCH_MS: Cell<f64> = const { Cell::new(0.0) };
}

/// Records how long a search took (ms).
pub fn searched_in(ms: f64) {
    if ms.is_finite() && ms >= 0.0 {
        TYPICAL_SEARCH_MS.with(|c| c.set(0.75 * c.get() + 0.25 * ms));
    }
}

/// Whether searches typically take longer than [`SLOW_SEARCH_MS`]: a large index on a slow
/// device.
pub fn search_is_slow() -> bool {
    TYPICAL_SEARCH_MS.with(Cell::get) > SLOW_SEARCH_MS
}

/// Runs a search at most once a frame. A request is run at once if none ran since the last
/// frame (or, `after_paint`, right after the next frame is drawn); requests after it are
/// folded into one run at the next frame. Keys typed in a burst, and parts of a split index
/// arriving together, each cost one search, and a query made stale by the next key is never
/// searched. Dropping it (the widget goes away) cancels what waits.
#[derive(Default)]
pub struct OncePerFrame {
    /// A run happened (or is promised) since the last frame was drawn.
    ran: Rc<Cell<bool>>,
    /// Requests came after that run: the next frame runs again.
    waiting: Rc<Cell<bool>>,
    frame: Option<AnimationFrame>,
    fallback: Option<Timeout>,
}

impl OncePerFrame {
    pub fn request(&mut self, run: Rc<dyn Fn()>, after_paint: bool) {
        if self.ran.get() {
            self.waiting.set(true);
            return;
        }
        self.ran.set(true);
        if after_paint {
            // Promised for just after the frame: the key is drawn first.
            self.waiting.set(true);
        } else {
            run();
        }
        let next_frame = {
            let ran = self.ran.clone();
            let waiting = self.waiting.clone();
            Rc::new(move || {
                if ran.replace(false) && waiting.replace(false) {
                    run();
                }
            })
        };
        let later = next_frame.clone();
        self.frame = Some(gloo::render::request_animation_frame(move |_| {
            if after_paint {
                // A task queued from a frame callback runs once that frame is painted.
                Timeout::new(0, move || next_frame()).forget();
            } else {
                next_frame();
            }
        }));
        self.fallback = Some(Timeout::new(NO_FRAME_MS, move || later()));
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    async fn sleep(ms: i32) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = web_sys::window()
                .expect("a window")
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }

    async fn frames(n: u32) {
        for _ in 0..n {
            let (tx, rx) = futures::channel::oneshot::channel::<()>();
            let _frame = gloo::render::request_animation_frame(move |_| {
                let _ = tx.send(());
            });
            let _ = rx.await;
        }
        // And the tasks queued after the last one.
        sleep(10).await;
    }

    fn counter() -> (Rc<Cell<u32>>, Rc<dyn Fn()>) {
        let count = Rc::new(Cell::new(0));
        let c = count.clone();
        (count, Rc::new(move || c.set(c.get() + 1)))
    }

    #[wasm_bindgen_test]
    async fn the_first_request_runs_at_once_and_a_burst_after_it_once() {
        let (count, run) = counter();
        let mut pacer = OncePerFrame::default();
        pacer.request(run.clone(), false);
        assert_eq!(count.get(), 1, "the first request runs at once");
        pacer.request(run.clone(), false);
        pacer.request(run.clone(), false);
        assert_eq!(count.get(), 1, "later ones wait for the frame");
        frames(2).await;
        assert_eq!(count.get(), 2, "and run once");
        frames(2).await;
        assert_eq!(count.get(), 2, "nothing else was asked for");
    }

    #[wasm_bindgen_test]
    async fn after_paint_nothing_runs_in_the_request_and_a_burst_runs_once() {
        let (count, run) = counter();
        let mut pacer = OncePerFrame::default();
        pacer.request(run.clone(), true);
        pacer.request(run.clone(), true);
        pacer.request(run.clone(), true);
        assert_eq!(count.get(), 0, "the key is drawn before any search");
        frames(2).await;
        assert_eq!(count.get(), 1, "the three requests ran once");
    }

    #[wasm_bindgen_test]
    async fn dropping_it_cancels_what_waits() {
        let (count, run) = counter();
        let mut pacer = OncePerFrame::default();
        pacer.request(run.clone(), true);
        drop(pacer);
        frames(2).await;
        sleep(150).await;
        assert_eq!(count.get(), 0);
    }

    #[wasm_bindgen_test]
    fn a_run_of_slow_searches_counts_and_one_does_not() {
        let fast = || (0..20).for_each(|_| searched_in(1.0));
        fast();
        assert!(!search_is_slow());
        searched_in(20.0);
        assert!(!search_is_slow(), "one slow search");
        (0..6).for_each(|_| searched_in(20.0));
        assert!(search_is_slow(), "a run of them");
        fast();
        assert!(!search_is_slow(), "and fast again");
    }
}
