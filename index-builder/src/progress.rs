//! Progress bars on standard error for long builds, shown only when standard error is a
//! terminal and `--quiet` was not given. Each phase's bar is cleared when the phase ends, so an
//! error message printed afterwards stands on a clean line.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressFinish, ProgressStyle};

pub struct Progress {
    visible: bool,
}

impl Progress {
    pub fn new(quiet: bool) -> Self {
        Progress {
            visible: !quiet && std::io::stderr().is_terminal(),
        }
    }

    /// A bar counting `len` steps of `phase`; a hidden one when progress is off.
    pub fn bar(&self, phase: &str, len: u64) -> ProgressBar {
        if !self.visible {
            return ProgressBar::hidden();
        }
        // Cleared however the phase ends, an error included.
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr())
            .with_finish(ProgressFinish::AndClear);
        bar.set_style(
            ProgressStyle::with_template(
                "{prefix:>12} [{bar:30}] {human_pos}/{human_len} {per_sec} ETA {eta}",
            )
            .expect("a valid template")
            .progress_chars("=> "),
        );
        bar.set_prefix(phase.to_string());
        bar
    }

    /// A spinner for a phase of unknown length.
    pub fn spinner(&self, phase: &str) -> ProgressBar {
        if !self.visible {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
            .with_finish(ProgressFinish::AndClear);
        bar.set_style(
            ProgressStyle::with_template("{prefix:>12} {spinner} {elapsed}")
                .expect("a valid template"),
        );
        bar.set_prefix(phase.to_string());
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    }
}
