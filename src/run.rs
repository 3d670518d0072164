//! Driving a whole delete run: batches handed to at most `concurrency`
//! workers, retries with backoff, interruption, and the accounting of every
//! id. Nothing here prints: events go to the caller, which renders them.
//!
//! Accounting rule: an id is deleted only when the server confirmed a
//! request that carried it. Everything else, including ids of requests
//! whose answer was lost and ids never sent, is "not deleted".

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Sender};
use std::thread;
use std::time::{Duration, Instant};

use crate::api::{self, Answer, Client, Judgement};
use crate::exit::Exit;
use crate::ids::Ids;

/// Longest wait a `Retry-After` can ask for.
pub const RETRY_AFTER_CAP: Duration = Duration::from_secs(120);
/// Longest backoff step.
pub const BACKOFF_CAP: Duration = Duration::from_secs(30);

const RUNNING: u8 = 0;
const INTERRUPTED: u8 = 1;
const AUTH_REFUSED: u8 = 2;

/// What to delete and how.
pub struct Job {
    pub ids: Arc<Ids>,
    pub operation: String,
    pub module: String,
    pub batch_size: usize,
    pub concurrency: usize,
    pub retries: u32,
    pub backoff_base: Duration,
    /// How much the caller shows: each attempt's answer from 1 (`-v`),
    /// each request body from 2 (`-vv`). Below that nothing is copied.
    pub verbose: u8,
}

impl Job {
    pub fn batch_count(&self) -> usize {
        self.ids.len().div_ceil(self.batch_size)
    }

    fn batch(&self, n: usize) -> Range<usize> {
        let start = n * self.batch_size;
        start..(start + self.batch_size).min(self.ids.len())
    }
}

/// The final answer for one request.
#[derive(Debug)]
pub struct BatchResult {
    pub range: Range<usize>,
    pub answer: Answer,
    pub attempts: u32,
    /// Whether any attempt got an HTTP answer (exit 6 is for none at all).
    pub heard: bool,
}

impl BatchResult {
    pub fn deleted(&self) -> bool {
        self.answer.judgement == Judgement::Deleted
    }
}

/// What the caller hears while the run goes on, in the order things happen.
#[derive(Debug)]
pub enum Event {
    /// A request is about to be sent for the first time.
    Sending {
        range: Range<usize>,
        body: Option<Vec<u8>>,
    },
    /// One attempt's answer (before any retry); only with `Job::verbose` ≥ 1.
    Attempt {
        range: Range<usize>,
        attempt: u32,
        answer: Answer,
    },
    /// Waiting before trying again.
    Waiting {
        range: Range<usize>,
        wait: Duration,
        retry_after: bool,
        next: u32,
        of: u32,
    },
    /// A request is over: deleted, refused, or failed after its attempts.
    Done(BatchResult),
    /// The first Ctrl-C or SIGTERM: no new requests start.
    Interrupted,
}

enum Message {
    Event(Box<Event>),
    WorkerExit,
    Abort,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    Finished,
    /// The server refused the token or operation; later requests were not sent.
    AuthRefused,
    /// Ctrl-C or SIGTERM; in-flight requests were allowed to finish.
    Interrupted,
    /// A second Ctrl-C; in-flight requests were abandoned.
    Aborted,
}

/// The accounting of a finished run.
#[derive(Debug)]
pub struct Summary {
    /// `deleted[i]` is true when id `i` was confirmed deleted.
    pub deleted: Vec<bool>,
    pub deleted_count: usize,
    pub requests_done: usize,
    /// Ids carried by finished requests.
    pub sent_ids: usize,
    /// Requests that got an HTTP answer on any attempt.
    pub answered: usize,
    pub stop: Stop,
    /// Requests in flight when a second Ctrl-C abandoned them.
    pub abandoned: Vec<Range<usize>>,
}

impl Summary {
    pub fn requested(&self) -> usize {
        self.deleted.len()
    }

    pub fn not_deleted(&self) -> usize {
        self.requested() - self.deleted_count
    }

    /// Ids never carried by any request (the run stopped before them).
    pub fn not_sent(&self) -> usize {
        let abandoned: usize = self.abandoned.iter().map(|r| r.len()).sum();
        self.requested() - self.sent_ids - abandoned
    }

    pub fn exit(&self) -> Exit {
        match self.stop {
            Stop::Interrupted | Stop::Aborted => Exit::Interrupted,
            Stop::AuthRefused => Exit::Auth,
            Stop::Finished if self.not_deleted() == 0 => Exit::Success,
            Stop::Finished if self.deleted_count > 0 => Exit::Partial,
            Stop::Finished if self.answered == 0 => Exit::Unreachable,
            Stop::Finished => Exit::NoneDeleted,
        }
    }
}

/// Runs the job to its end, calling `on_event` on this thread for each event.
/// Installs the Ctrl-C/SIGTERM handler (once per process).
pub fn execute(job: Job, client: Client, mut on_event: impl FnMut(Event)) -> Summary {
    let job = Arc::new(job);
    let client = Arc::new(client);
    let state = Arc::new(AtomicU8::new(RUNNING));
    let next = Arc::new(AtomicUsize::new(0));
    let (tx, rx) = mpsc::channel::<Message>();

    install_interrupt_handler(tx.clone(), state.clone());

    let workers = job
        .concurrency
        .clamp(1, crate::cli::MAX_CONCURRENCY)
        .min(job.batch_count().max(1));
    for _ in 0..workers {
        let (job, client, state, next, tx) = (
            job.clone(),
            client.clone(),
            state.clone(),
            next.clone(),
            tx.clone(),
        );
        thread::spawn(move || {
            let _notice = ExitNotice(&tx);
            work(&job, &client, &state, &next, &tx);
        });
    }
    drop(tx);

    let mut summary = Summary {
        deleted: vec![false; job.ids.len()],
        deleted_count: 0,
        requests_done: 0,
        sent_ids: 0,
        answered: 0,
        stop: Stop::Finished,
        abandoned: Vec::new(),
    };
    let mut in_flight: Vec<Range<usize>> = Vec::new();
    let mut running = workers;
    while running > 0 {
        let Ok(message) = rx.recv() else { break };
        match message {
            Message::WorkerExit => running -= 1,
            Message::Abort => {
                summary.stop = Stop::Aborted;
                summary.abandoned = std::mem::take(&mut in_flight);
                break;
            }
            Message::Event(event) => {
                match &*event {
                    Event::Sending { range, .. } => in_flight.push(range.clone()),
                    Event::Done(result) => {
                        in_flight.retain(|r| r != &result.range);
                        summary.requests_done += 1;
                        summary.sent_ids += result.range.len();
                        if result.heard {
                            summary.answered += 1;
                        }
                        if result.deleted() {
                            summary.deleted[result.range.clone()]
                                .iter_mut()
                                .for_each(|d| *d = true);
                            summary.deleted_count += result.range.len();
                        }
                    }
                    _ => {}
                }
                on_event(*event);
            }
        }
    }
    if summary.stop == Stop::Finished {
        summary.stop = match state.load(Ordering::SeqCst) {
            INTERRUPTED => Stop::Interrupted,
            AUTH_REFUSED => Stop::AuthRefused,
            _ => Stop::Finished,
        };
    }
    summary
}

/// Tells the main loop a worker has ended, even if it ended by a panic, so
/// the run still finishes and accounts for every id.
struct ExitNotice<'a>(&'a Sender<Message>);

impl Drop for ExitNotice<'_> {
    fn drop(&mut self) {
        let _ = self.0.send(Message::WorkerExit);
    }
}

fn install_interrupt_handler(tx: Sender<Message>, state: Arc<AtomicU8>) {
    let presses = AtomicUsize::new(0);
    // Fails only when a handler is already set: then the first one stays.
    let _ = ctrlc::set_handler(move || {
        if presses.fetch_add(1, Ordering::SeqCst) == 0 {
            state.store(INTERRUPTED, Ordering::SeqCst);
            let _ = tx.send(Message::Event(Box::new(Event::Interrupted)));
        } else {
            let _ = tx.send(Message::Abort);
        }
    });
}

fn work(job: &Job, client: &Client, state: &AtomicU8, next: &AtomicUsize, tx: &Sender<Message>) {
    let send = |event: Event| tx.send(Message::Event(Box::new(event))).is_ok();
    while state.load(Ordering::SeqCst) == RUNNING {
        let n = next.fetch_add(1, Ordering::SeqCst);
        if n >= job.batch_count() {
            break;
        }
        let range = job.batch(n);
        let ids: Vec<&str> = job.ids.slice(range.clone()).collect();
        let body = api::body(&job.operation, &job.module, &ids);
        let shown = (job.verbose >= 2).then(|| body.clone());
        if !send(Event::Sending {
            range: range.clone(),
            body: shown,
        }) {
            return;
        }
        let result = attempt_all(job, client, state, range, &body, &send);
        if result.answer.judgement == Judgement::AuthRefused {
            let _ =
                state.compare_exchange(RUNNING, AUTH_REFUSED, Ordering::SeqCst, Ordering::SeqCst);
        }
        if !send(Event::Done(result)) {
            return;
        }
    }
}

/// Sends one request, retrying what is worth retrying, until it succeeds,
/// fails for good, runs out of attempts, or the run is stopped.
fn attempt_all(
    job: &Job,
    client: &Client,
    state: &AtomicU8,
    range: Range<usize>,
    body: &[u8],
    send: &impl Fn(Event) -> bool,
) -> BatchResult {
    let total = job.retries + 1;
    let mut attempt = 1;
    let mut heard = false;
    loop {
        let answer = client.send(body);
        heard |= answer.status.is_some();
        if job.verbose >= 1 {
            send(Event::Attempt {
                range: range.clone(),
                attempt,
                answer: answer.clone(),
            });
        }
        let retry = answer.judgement == Judgement::Retry
            && attempt < total
            && state.load(Ordering::SeqCst) == RUNNING;
        if !retry {
            return BatchResult {
                range,
                answer,
                attempts: attempt,
                heard,
            };
        }
        let (wait, retry_after) = match answer.retry_after {
            Some(d) => (d.min(RETRY_AFTER_CAP), true),
            None => (backoff(job.backoff_base, attempt), false),
        };
        send(Event::Waiting {
            range: range.clone(),
            wait,
            retry_after,
            next: attempt + 1,
            of: total,
        });
        if !sleep_while_running(wait, state) {
            return BatchResult {
                range,
                answer,
                attempts: attempt,
                heard,
            };
        }
        attempt += 1;
    }
}

/// Exponential backoff with full jitter: a random wait between zero and
/// `base × 2^(attempt-1)`, capped. Hand-written: a few lines, no crate needed.
pub fn backoff(base: Duration, attempt: u32) -> Duration {
    let ceiling = base
        .saturating_mul(1u32 << (attempt - 1).min(20))
        .min(BACKOFF_CAP);
    ceiling.mul_f64(random_fraction())
}

/// A number in [0, 1) from the standard library's randomly seeded hasher.
fn random_fraction() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let bits = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

/// Sleeps for `wait` unless the run is stopped meanwhile; true if it slept it out.
fn sleep_while_running(wait: Duration, state: &AtomicU8) -> bool {
    let end = Instant::now() + wait;
    loop {
        if state.load(Ordering::SeqCst) != RUNNING {
            return false;
        }
        let now = Instant::now();
        if now >= end {
            return true;
        }
        thread::sleep((end - now).min(Duration::from_millis(50)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_stays_under_its_ceiling() {
        let base = Duration::from_millis(500);
        for attempt in 1..30 {
            let d = backoff(base, attempt);
            assert!(d <= BACKOFF_CAP);
            assert!(d <= base * 2u32.pow((attempt - 1).min(6)));
        }
    }
}
