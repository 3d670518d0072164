//! A delete run: batches handed to at most `concurrency` workers, each
//! request tried as the retry policy allows, signals, and the accounting of
//! every id. Nothing here prints: events go to the caller, which renders them.
//!
//! Accounting rule: an id is deleted only when the server confirmed a
//! request that carried it. Everything else, including ids of requests
//! whose answer was lost and ids never sent, is "not deleted".

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

use crate::api::{self, Answer, Client, Verdict};
use crate::input::Ids;
use crate::retry::{RetryPolicy, Wait};
use crate::signals::{self, Signal};

/// What to delete and how.
pub struct Job {
    pub ids: Arc<Ids>,
    pub operation: String,
    pub module: String,
    pub batch_size: usize,
    pub concurrency: usize,
    pub policy: RetryPolicy,
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
pub struct Outcome {
    pub range: Range<usize>,
    pub answer: Answer,
    pub attempts: u32,
    /// Whether any attempt got an HTTP answer (exit 6 is for none at all).
    pub heard: bool,
}

impl Outcome {
    pub fn deleted(&self) -> bool {
        self.answer.verdict == Verdict::Deleted
    }
}

/// What the caller hears while the run goes on, in the order things happen.
#[derive(Debug)]
pub enum Event {
    /// A request is about to be sent for the first time (its body only with `-vv`).
    Sending {
        range: Range<usize>,
        body: Option<Vec<u8>>,
    },
    /// One attempt's answer (before any retry); only with `-v`.
    Attempt {
        range: Range<usize>,
        attempt: u32,
        answer: Answer,
    },
    /// Waiting before trying again.
    Waiting {
        range: Range<usize>,
        wait: Wait,
        next: u32,
        of: u32,
    },
    /// A request is over: deleted, refused, or failed after its attempts.
    Done(Outcome),
    /// The first signal: no new requests start.
    Interrupted(Signal),
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    Finished,
    /// The server refused the token or operation; later requests were not sent.
    AuthRefused,
    /// A signal; in-flight requests were allowed to finish.
    Interrupted(Signal),
    /// A second signal; in-flight requests were abandoned.
    Aborted(Signal),
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
    /// Requests in flight when a second signal abandoned them.
    pub abandoned: Vec<Range<usize>>,
}

impl Summary {
    pub fn requested(&self) -> usize {
        self.deleted.len()
    }

    pub fn not_deleted(&self) -> usize {
        self.requested() - self.deleted_count
    }

    /// The ids not deleted, by index, in input order.
    pub fn not_deleted_ids(&self) -> impl Iterator<Item = usize> + Clone + '_ {
        (0..self.requested()).filter(|&i| !self.deleted[i])
    }

    /// Ids never carried by any request (the run stopped before them).
    pub fn not_sent(&self) -> usize {
        let abandoned: usize = self.abandoned.iter().map(|r| r.len()).sum();
        self.requested() - self.sent_ids - abandoned
    }
}

/// The run's state, shared by the workers and the signal handler.
const RUNNING: u8 = 0;
const AUTH_REFUSED: u8 = 1;
const INTERRUPTED: u8 = 2;
const TERMINATED: u8 = 3;

enum Message {
    Event(Box<Event>),
    WorkerExit,
    Abort(Signal),
}

struct Shared {
    job: Job,
    client: Client,
    state: AtomicU8,
    next: AtomicUsize,
}

impl Shared {
    fn running(&self) -> bool {
        self.state.load(Ordering::SeqCst) == RUNNING
    }

    /// Moves from running to `state`; a later stop does not overwrite an earlier one.
    fn stop(&self, state: u8) {
        let _ = self
            .state
            .compare_exchange(RUNNING, state, Ordering::SeqCst, Ordering::SeqCst);
    }
}

/// Runs the job to its end, calling `on_event` on this thread for each event.
pub fn delete_all(job: Job, client: Client, mut on_event: impl FnMut(Event)) -> Summary {
    let (tx, rx) = mpsc::channel::<Message>();
    let workers = job
        .concurrency
        .clamp(1, api::MAX_CONCURRENCY)
        .min(job.batch_count().max(1));
    let shared = Arc::new(Shared {
        job,
        client,
        state: AtomicU8::new(RUNNING),
        next: AtomicUsize::new(0),
    });
    let _listening = listen_for_signals(&shared, tx.clone());
    for _ in 0..workers {
        let (shared, tx) = (shared.clone(), tx.clone());
        thread::spawn(move || {
            let _notice = ExitNotice(&tx);
            work(&shared, &tx);
        });
    }
    drop(tx);
    let mut tally = Tally::new(shared.job.ids.len(), workers);
    tally.collect(&rx, &mut on_event);
    tally.into_summary(shared.state.load(Ordering::SeqCst))
}

/// The first signal stops new requests; the second abandons those in flight.
fn listen_for_signals(shared: &Arc<Shared>, tx: Sender<Message>) -> signals::Listening {
    let shared = shared.clone();
    let presses = AtomicUsize::new(0);
    signals::listen(move |signal| {
        if presses.fetch_add(1, Ordering::SeqCst) == 0 {
            shared.stop(match signal {
                Signal::Interrupt => INTERRUPTED,
                Signal::Terminate => TERMINATED,
            });
            let _ = tx.send(Message::Event(Box::new(Event::Interrupted(signal))));
        } else {
            let _ = tx.send(Message::Abort(signal));
        }
    })
}

/// The accounting, kept on the caller's thread as events arrive.
struct Tally {
    summary: Summary,
    in_flight: Vec<Range<usize>>,
    workers: usize,
}

impl Tally {
    fn new(ids: usize, workers: usize) -> Self {
        Tally {
            summary: Summary {
                deleted: vec![false; ids],
                deleted_count: 0,
                requests_done: 0,
                sent_ids: 0,
                answered: 0,
                stop: Stop::Finished,
                abandoned: Vec::new(),
            },
            in_flight: Vec::new(),
            workers,
        }
    }

    fn collect(&mut self, rx: &Receiver<Message>, on_event: &mut impl FnMut(Event)) {
        while self.workers > 0 {
            let Ok(message) = rx.recv() else { return };
            match message {
                Message::WorkerExit => self.workers -= 1,
                Message::Abort(signal) => {
                    self.summary.stop = Stop::Aborted(signal);
                    self.summary.abandoned = std::mem::take(&mut self.in_flight);
                    return;
                }
                Message::Event(event) => {
                    self.count(&event);
                    on_event(*event);
                }
            }
        }
    }

    fn count(&mut self, event: &Event) {
        match event {
            Event::Sending { range, .. } => self.in_flight.push(range.clone()),
            Event::Done(outcome) => {
                let s = &mut self.summary;
                self.in_flight.retain(|r| r != &outcome.range);
                s.requests_done += 1;
                s.sent_ids += outcome.range.len();
                s.answered += usize::from(outcome.heard);
                if outcome.deleted() {
                    s.deleted[outcome.range.clone()].fill(true);
                    s.deleted_count += outcome.range.len();
                }
            }
            _ => {}
        }
    }

    fn into_summary(mut self, state: u8) -> Summary {
        if self.summary.stop == Stop::Finished {
            self.summary.stop = match state {
                AUTH_REFUSED => Stop::AuthRefused,
                INTERRUPTED => Stop::Interrupted(Signal::Interrupt),
                TERMINATED => Stop::Interrupted(Signal::Terminate),
                _ => Stop::Finished,
            };
        }
        self.summary
    }
}

/// Tells the main loop a worker has ended, even if it ended by a panic, so
/// the run still finishes and accounts for every id.
struct ExitNotice<'a>(&'a Sender<Message>);

impl Drop for ExitNotice<'_> {
    fn drop(&mut self) {
        let _ = self.0.send(Message::WorkerExit);
    }
}

fn work(shared: &Shared, tx: &Sender<Message>) {
    let job = &shared.job;
    let emit = |event: Event| tx.send(Message::Event(Box::new(event))).is_ok();
    while shared.running() {
        let n = shared.next.fetch_add(1, Ordering::SeqCst);
        if n >= job.batch_count() {
            break;
        }
        let range = job.batch(n);
        let ids: Vec<&str> = job.ids.slice(range.clone()).collect();
        let body = api::request::body(&job.operation, &job.module, &ids);
        let shown = (job.verbose >= 2).then(|| body.clone());
        if !emit(Event::Sending {
            range: range.clone(),
            body: shown,
        }) {
            return;
        }
        let outcome = attempt_all(shared, range, &body, &emit);
        if outcome.answer.verdict == Verdict::AuthRefused {
            shared.stop(AUTH_REFUSED);
        }
        if !emit(Event::Done(outcome)) {
            return;
        }
    }
}

/// Sends one request, again as long as the retry policy says and the run
/// is not stopped meanwhile.
fn attempt_all(
    shared: &Shared,
    range: Range<usize>,
    body: &[u8],
    emit: &impl Fn(Event) -> bool,
) -> Outcome {
    let policy = &shared.job.policy;
    let mut attempt = 1;
    let mut heard = false;
    loop {
        let answer = shared.client.send(body);
        heard |= answer.status.is_some();
        if shared.job.verbose >= 1 {
            emit(Event::Attempt {
                range: range.clone(),
                attempt,
                answer: answer.clone(),
            });
        }
        let wait = policy.next(&answer, attempt).filter(|_| shared.running());
        let Some(wait) = wait else {
            return Outcome {
                range,
                answer,
                attempts: attempt,
                heard,
            };
        };
        emit(Event::Waiting {
            range: range.clone(),
            wait,
            next: attempt + 1,
            of: policy.attempts,
        });
        if !sleep_while_running(wait.duration(), shared) {
            return Outcome {
                range,
                answer,
                attempts: attempt,
                heard,
            };
        }
        attempt += 1;
    }
}

/// Sleeps for `wait` unless the run is stopped meanwhile; true if it slept it out.
fn sleep_while_running(wait: Duration, shared: &Shared) -> bool {
    let end = Instant::now() + wait;
    while shared.running() {
        let now = Instant::now();
        if now >= end {
            return true;
        }
        thread::sleep((end - now).min(Duration::from_millis(50)));
    }
    false
}
