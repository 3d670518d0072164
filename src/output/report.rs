//! A delete run as the user sees it: the `-v` log of each attempt, a line
//! per request in the chosen format, the progress bar, and the summary.
//!
//! It runs on a thread of its own: a stdout that blocks (a reader that does
//! not read) holds back only what is printed, never the run, the audit log,
//! the failed-ids file or a stop.

use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::Duration;

use super::{Context, Printer, Ui, count, cut};
use crate::api::{Answer, request};
use crate::display::escape;
use crate::input::Ids;
use crate::retry::Wait;
use crate::run::{Event, Fate, Halt, Stop, Summary};

/// How much of a body `-vv` shows.
const SHOWN_BODY: usize = 4000;

/// What became of the failed-ids file, for the summary to say.
pub enum Saved {
    /// No `--failed-file`.
    NotAsked,
    Written(String),
    /// It could not be written: the ids are listed on stderr instead.
    Failed {
        path: String,
        error: String,
    },
}

pub struct Reporter {
    printer: Box<dyn Printer + Send>,
    ui: Ui,
    ctx: Context,
    ids: Arc<Ids>,
}

enum Report {
    Event(Event),
    Finish(Arc<Summary>, Saved),
}

/// The reporter's thread, fed through a channel that never blocks.
pub struct Reporting {
    tx: Sender<Report>,
    done: Receiver<Ui>,
}

impl Reporter {
    pub fn new(printer: Box<dyn Printer + Send>, mut ui: Ui, ctx: Context, ids: Arc<Ids>) -> Self {
        if ctx.batches > 1 {
            ui.start_progress(ids.len());
        }
        Reporter {
            printer,
            ui,
            ctx,
            ids,
        }
    }

    pub fn spawn(self) -> Reporting {
        let (tx, rx) = mpsc::channel::<Report>();
        let (done_tx, done) = mpsc::channel();
        thread::spawn(move || {
            let ui = self.serve(&rx);
            let _ = done_tx.send(ui);
        });
        Reporting { tx, done }
    }

    /// Renders reports until the summary; gives back the screen.
    fn serve(mut self, rx: &Receiver<Report>) -> Ui {
        for report in rx {
            match report {
                Report::Event(event) => self.event(event),
                Report::Finish(summary, saved) => {
                    self.finish(&summary, &saved);
                    break;
                }
            }
        }
        self.ui
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Sending { range, body } => self.sending(&range, body.as_deref()),
            Event::Attempt {
                range,
                attempt,
                answer,
            } => self.attempt(&range, attempt, &answer),
            Event::Waiting {
                range,
                wait,
                next,
                of,
            } => self.waiting(&range, wait, next, of),
            Event::Done(outcome) => {
                self.ui.advance(outcome.range.len());
                self.printer
                    .request(&mut self.ui, &self.ctx, &self.ids, &outcome);
            }
            Event::Interrupted(signal) => self.ui.warn(&format!(
                "interrupted by {}: no new requests will start; waiting for those in flight \
                 ({} again to stop at once)",
                signal.name(),
                signal.again()
            )),
            Event::SharedToken => self.ui.warn(
                "another program is using the same token right now (Wolkvox allows 2 \
                 simultaneous requests per token); waiting and trying again",
            ),
            Event::AuditFailed(error) => self.ui.error(&format!(
                "cannot write the audit log: {error}; no new requests will start, \
                 as a deletion that cannot be recorded must not happen"
            )),
        }
    }

    fn sending(&self, range: &Range<usize>, body: Option<&[u8]>) {
        let Some(body) = body else { return };
        let mut text = format!("> POST {} ({} ids)", self.ctx.url, range.len());
        for (k, v) in request::shown_headers() {
            text.push_str(&format!("\n> {k}: {v}"));
        }
        let body = cut(&String::from_utf8_lossy(body), SHOWN_BODY);
        text.push_str(&format!("\n> {}", escape(&body)));
        self.ui.verbose(2, &text);
    }

    fn attempt(&self, range: &Range<usize>, attempt: u32, answer: &Answer) {
        let status = match answer.status {
            Some(s) => format!("HTTP {s}"),
            None => "no answer".to_string(),
        };
        let error = answer
            .error
            .as_ref()
            .map(|e| format!(": {e}"))
            .unwrap_or_default();
        let ms = answer.elapsed.as_millis();
        let n = range.len();
        self.ui.verbose(
            1,
            &format!("< {status} in {ms} ms for {n} ids (attempt {attempt}){error}"),
        );
        if self.ui.verbose >= 2 && answer.status.is_some() {
            let mut text = String::new();
            for (k, v) in &answer.headers {
                text.push_str(&format!("< {}: {}\n", escape(k), escape(v)));
            }
            text.push_str(&format!("< {}", escape(&cut(&answer.text, SHOWN_BODY))));
            self.ui.verbose(2, &text);
        }
    }

    fn waiting(&self, range: &Range<usize>, wait: Wait, next: u32, of: u32) {
        let why = match wait {
            Wait::RetryAfter(_) => " as the server's Retry-After asks",
            Wait::Backoff(_) => "",
        };
        self.ui.verbose(
            1,
            &format!(
                "waiting {:.1} s{why} before attempt {next} of {of} for {} ids",
                wait.duration().as_secs_f64(),
                range.len()
            ),
        );
    }

    /// The end of the run: why it stopped, the failed file, the summary.
    fn finish(&mut self, summary: &Summary, saved: &Saved) {
        self.ui.end_progress();
        self.stop_message(summary);
        let failed_file = match saved {
            Saved::NotAsked => None,
            Saved::Written(path) => Some(path.as_str()),
            Saved::Failed { path, error } => {
                let ids: Vec<&str> = summary.not_deleted_ids().map(|i| self.ids.get(i)).collect();
                self.ui.error(&format!(
                    "cannot write the failed-ids file {path}: {error}; ids not deleted: {}",
                    ids.join(" ")
                ));
                None
            }
        };
        self.printer
            .summary(&mut self.ui, &self.ctx, &self.ids, summary, failed_file);
    }

    fn stop_message(&self, summary: &Summary) {
        let not_sent = summary.count(Fate::NotSent);
        let not_sent = if not_sent == 0 {
            String::new()
        } else {
            format!("; {} not sent", count(not_sent, "id"))
        };
        match &summary.stop {
            Stop::Halted(halt) => self
                .ui
                .error(&format!("stopped: {}{not_sent}", halted(halt))),
            Stop::Interrupted(_) | Stop::Aborted(_) => self.ui.warn(&format!(
                "interrupted: {} not deleted{not_sent}",
                count(summary.not_deleted(), "id")
            )),
            Stop::Finished => {}
        }
    }
}

/// Why the run stopped itself, and what to do about it.
fn halted(halt: &Halt) -> String {
    match halt {
        Halt::Auth => "the server refused the token or operation; check the token and operation \
                       (or wait if the server is in maintenance)"
            .into(),
        Halt::Quota => "the token's daily request limit is spent (licences × 1,000 requests a \
                        day); it resets within 24 hours"
            .into(),
        Halt::Busy => "another program kept using the same token through every retry \
                       (Wolkvox allows 2 simultaneous requests per token); run again when it is done"
            .into(),
        Halt::RunWide(reason) => format!(
            "every request was refused the same way ({reason}) and nothing was deleted; \
             check --module, --operation and --server"
        ),
        Halt::WrongPath(status) => format!(
            "there is no API at this address (HTTP {status} with a web page); check --server"
        ),
        Halt::NoAnswer { first: true } => {
            "the server gave no answer to the first request; check --server and the network".into()
        }
        Halt::NoAnswer { first: false } => {
            "the server gave no answer to two requests in a row".into()
        }
        Halt::Tls(error) => error.clone(),
        Halt::AuditFailed => "the audit log could not be written".into(),
    }
}

impl Reporting {
    pub fn event(&self, event: Event) {
        let _ = self.tx.send(Report::Event(event));
    }

    /// Hands over the summary and waits for it to be printed: at most `wait`
    /// when given (a stopping run must not hang on a blocked stdout). The
    /// screen's state comes back, or `None` if it did not finish in time.
    pub fn finish(self, summary: Arc<Summary>, saved: Saved, wait: Option<Duration>) -> Option<Ui> {
        let _ = self.tx.send(Report::Finish(summary, saved));
        match wait {
            Some(limit) => self.done.recv_timeout(limit).ok(),
            None => self.done.recv().ok(),
        }
    }
}
