//! SIGINT and SIGTERM, handled from the program's first instruction.
//!
//! A thread waits for the signals. While a delete run is going on it hands
//! each one to the run, which stops cleanly and reports every id; at any
//! other moment it ends the process at once, as the default action would.
//! Either way the process ends by the signal itself (see [`Signal::end_process`]),
//! so a shell loop or `make` that called wolkvox stops too.

use std::sync::{Arc, Mutex};

use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    Interrupt,
    Terminate,
}

impl Signal {
    pub fn number(self) -> i32 {
        match self {
            Signal::Interrupt => SIGINT,
            Signal::Terminate => SIGTERM,
        }
    }

    /// How messages name it.
    pub fn name(self) -> &'static str {
        match self {
            Signal::Interrupt => "Ctrl-C",
            Signal::Terminate => "SIGTERM",
        }
    }

    /// How the user sends it once more.
    pub fn again(self) -> &'static str {
        match self {
            Signal::Interrupt => "press Ctrl-C",
            Signal::Terminate => "send SIGTERM",
        }
    }

    /// Ends the process by this signal: the default action is restored and
    /// the signal raised, so the parent sees "killed by SIGINT" (status 130
    /// in a shell). Falls back to exit status 128 + n if that fails.
    pub fn end_process(self) -> ! {
        let _ = signal_hook::low_level::emulate_default_handler(self.number());
        std::process::exit(128 + self.number());
    }
}

type Handler = Arc<dyn Fn(Signal) + Send + Sync>;

/// Who handles signals while a run listens; `None` ends the process at once.
static LISTENER: Mutex<Option<Handler>> = Mutex::new(None);

/// Starts the thread that receives SIGINT and SIGTERM. Without it (if the
/// handlers cannot be set) the signals keep their default action.
pub fn install() {
    // With a file size limit (ulimit -f), a write past it then fails with
    // EFBIG, which is reported (an audit log that cannot grow stops the run
    // cleanly), instead of SIGXFSZ killing the process in mid-run.
    // SAFETY: ignoring a signal has no preconditions.
    unsafe { libc::signal(libc::SIGXFSZ, libc::SIG_IGN) };
    let Ok(mut signals) = Signals::new([SIGINT, SIGTERM]) else {
        return;
    };
    let spawned = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for number in signals.forever() {
                let signal = if number == SIGINT {
                    Signal::Interrupt
                } else {
                    Signal::Terminate
                };
                deliver(signal);
            }
        });
    // Without the thread nobody would act on a signal: restore the defaults.
    if spawned.is_err() {
        for number in [SIGINT, SIGTERM] {
            // SAFETY: setting a signal's disposition to SIG_DFL has no
            // preconditions; no handler of ours runs afterwards.
            unsafe { libc::signal(number, libc::SIG_DFL) };
        }
    }
}

fn deliver(signal: Signal) {
    let listener = LISTENER.lock().unwrap_or_else(|e| e.into_inner()).clone();
    match listener {
        Some(handle) => handle(signal),
        None => signal.end_process(),
    }
}

/// Hands every signal to `handler` (on the signal thread) until the
/// returned guard is dropped.
pub fn listen(handler: impl Fn(Signal) + Send + Sync + 'static) -> Listening {
    *LISTENER.lock().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(handler));
    Listening
}

pub struct Listening;

impl Drop for Listening {
    fn drop(&mut self) {
        *LISTENER.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}
