//! The progress bar: on stderr, only when stderr is a terminal.

use std::io::{self, IsTerminal};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

pub struct Progress(ProgressBar);

impl Progress {
    /// A bar for `total` ids, or none when stderr is not a terminal.
    pub fn on_terminal(total: usize) -> Option<Progress> {
        if !io::stderr().is_terminal() {
            return None;
        }
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("{bar:30} {pos}/{len} ids  {rate}  {eta} left")
            .expect("the template is valid")
            .with_key(
                "rate",
                |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.0} ids/s", state.per_sec());
                },
            );
        bar.set_style(style);
        Some(Progress(bar))
    }

    pub fn advance(&self, ids: usize) {
        self.0.inc(ids as u64);
    }

    /// Runs `write` with the bar taken off the screen, then draws it again
    /// below whatever was written.
    pub fn above(&self, write: impl FnOnce()) {
        self.0.suspend(write);
    }

    pub fn clear(self) {
        self.0.finish_and_clear();
    }
}
