//! What SIGINT and SIGTERM do to a delete command, from its first
//! instruction to its last:
//!
//! - before the run, the command's early-stop hook settles the failed-ids
//!   file and the process ends by the signal;
//! - during the run, the first signal stops new requests and lets those in
//!   flight finish; the second abandons them;
//! - after the run, the first signal is only remembered (the failed file and
//!   summary are being written), the second ends the process at once.
//!
//! Either way the signal is re-raised at the end (see [`crate::exit`]).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};

use super::Message;
use crate::signals::{self, Listening, Signal};

type Hook = Box<dyn Fn(Signal) + Send + Sync>;

enum Phase {
    /// Reading input and settings: the hook settles what must be settled.
    Preparing(Hook),
    /// The run listens on this channel.
    Running(Sender<Message>),
    Finishing,
}

pub struct Interrupt {
    phase: Mutex<Phase>,
    first: Mutex<Option<Signal>>,
    presses: AtomicUsize,
}

impl Interrupt {
    /// Starts handling signals for a command; `early` runs when one arrives
    /// before the run has started, and the process then ends by it.
    pub fn install(early: impl Fn(Signal) + Send + Sync + 'static) -> (Arc<Interrupt>, Listening) {
        let interrupt = Arc::new(Interrupt {
            phase: Mutex::new(Phase::Preparing(Box::new(early))),
            first: Mutex::new(None),
            presses: AtomicUsize::new(0),
        });
        let handler = interrupt.clone();
        let listening = signals::listen(move |signal| handler.on_signal(signal));
        (interrupt, listening)
    }

    /// The first signal received, if any.
    pub fn signal(&self) -> Option<Signal> {
        *lock(&self.first)
    }

    pub(super) fn start_run(&self, tx: Sender<Message>) {
        *lock(&self.phase) = Phase::Running(tx);
    }

    pub(super) fn end_run(&self) {
        *lock(&self.phase) = Phase::Finishing;
    }

    fn on_signal(&self, signal: Signal) {
        let press = self.presses.fetch_add(1, Ordering::SeqCst);
        if press == 0 {
            *lock(&self.first) = Some(signal);
        }
        let phase = lock(&self.phase);
        match (&*phase, press) {
            (Phase::Preparing(hook), _) => {
                hook(signal);
                signal.end_process();
            }
            (Phase::Running(tx), 0) => {
                let _ = tx.send(Message::Interrupted(signal));
            }
            (Phase::Running(tx), _) => {
                let _ = tx.send(Message::Abort(signal));
            }
            (Phase::Finishing, 0) => {}
            (Phase::Finishing, _) => signal.end_process(),
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
