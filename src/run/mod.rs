//! A delete run: batches handed to at most `concurrency` workers, each
//! request tried as the retry policy allows, signals, and the accounting of
//! every id. Nothing here prints: events go to the caller, which renders
//! them on another thread, so a stdout that blocks never holds a run back.
//!
//! Every id ends in exactly one [`Fate`]. An id is deleted only when the
//! server confirmed a request that carried it; a request that may have
//! acted without a confirmation leaves its ids unconfirmed, never deleted.
//! Each request's audit line is written by the worker that sent it before
//! that worker starts another request.

mod interrupt;
mod queue;
mod worker;

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::Duration;

use crate::api::{self, Answer, Client};
use crate::input::Ids;
use crate::output::audit_log::AuditLog;
use crate::retry::{RetryPolicy, Wait};
use crate::signals::Signal;
pub use interrupt::Interrupt;
pub use queue::Halt;
use queue::Queue;

/// What to delete and how.
pub struct Job {
    pub ids: Arc<Ids>,
    pub operation: String,
    pub module: String,
    pub batch_size: usize,
    pub concurrency: usize,
    pub policy: RetryPolicy,
    /// Whether refused batches are split to find the refused ids.
    pub split: bool,
    /// The API's own time limit: a request given up on by `--timeout`
    /// holds its place until then, as the server still counts it.
    pub time_limit: Duration,
    /// Where each request is recorded as it ends.
    pub audit: Option<Arc<AuditLog>>,
    /// How much the caller shows: each attempt's answer from 1 (`-v`),
    /// each request body from 2 (`-vv`). Below that nothing is copied.
    pub verbose: u8,
}

impl Job {
    pub fn batch_count(&self) -> usize {
        self.ids.len().div_ceil(self.batch_size)
    }
}

/// What became of an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// No attempt reached the server (connection failures, the run stopped first).
    NotSent,
    /// A request carrying it was confirmed.
    Deleted,
    /// The server answered and did not confirm.
    Refused,
    /// The request may have acted, but nothing confirmed or refused it.
    Unconfirmed,
}

/// The final word on one request.
#[derive(Debug)]
pub struct Outcome {
    pub range: Range<usize>,
    /// The last attempt's answer.
    pub answer: Answer,
    pub attempts: u32,
    pub fate: Fate,
    /// Whether any attempt got an HTTP answer (exit 6 is for none at all).
    pub heard: bool,
    /// Refused, and split in halves: its ids' fates come from the halves.
    pub split: bool,
    /// When the first attempt was sent, and how long all attempts took.
    pub started: std::time::SystemTime,
    pub elapsed: Duration,
}

impl Outcome {
    pub fn deleted(&self) -> bool {
        self.fate == Fate::Deleted
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
    /// A request is over.
    Done(Outcome),
    /// The first signal: no new requests start.
    Interrupted(Signal),
    /// The audit log could not be written: no new requests start.
    AuditFailed(String),
    /// Another client uses the same token (told once a run).
    SharedToken,
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Stop {
    #[default]
    Finished,
    /// The run stopped itself; later requests were not sent.
    Halted(Halt),
    /// A signal; in-flight requests were allowed to finish.
    Interrupted(Signal),
    /// A second signal; in-flight requests were abandoned.
    Aborted(Signal),
}

/// The accounting of a finished run.
#[derive(Debug, Default)]
pub struct Summary {
    /// The fate of each id, by index.
    pub fates: Vec<Fate>,
    pub requests_done: usize,
    /// Requests that got an HTTP answer on any attempt.
    pub answered: usize,
    pub stop: Stop,
    /// Requests in flight when a second signal abandoned them (unconfirmed).
    pub abandoned: Vec<Range<usize>>,
}

impl Summary {
    pub fn requested(&self) -> usize {
        self.fates.len()
    }

    pub fn count(&self, fate: Fate) -> usize {
        self.fates.iter().filter(|&&f| f == fate).count()
    }

    pub fn deleted(&self) -> usize {
        self.count(Fate::Deleted)
    }

    pub fn not_deleted(&self) -> usize {
        self.requested() - self.deleted()
    }

    /// The ids of one fate, by index, in input order.
    pub fn with(&self, fate: Fate) -> impl Iterator<Item = usize> + Clone + '_ {
        (0..self.requested()).filter(move |&i| self.fates[i] == fate)
    }

    /// The ids not deleted, by index, in input order.
    pub fn not_deleted_ids(&self) -> impl Iterator<Item = usize> + Clone + '_ {
        (0..self.requested()).filter(|&i| self.fates[i] != Fate::Deleted)
    }
}

/// A new id for a run: 16 hex digits from the standard library's randomly
/// seeded hasher, the time and the process id.
pub fn new_run_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos(),
    );
    h.write_u32(std::process::id());
    format!("{:016x}", h.finish())
}

/// The run's state, shared by the workers and the coordinator.
const RUNNING: u8 = 0;
/// No new requests: a signal, or a halt (its reason is in the queue).
const STOPPING: u8 = 1;
/// A second signal: requests in flight are given up on.
const ABORTED: u8 = 2;

pub(crate) enum Message {
    Event(Box<Event>),
    WorkerExit,
    Interrupted(Signal),
    Abort(Signal),
}

struct Shared {
    job: Job,
    client: Client,
    state: AtomicU8,
    queue: Queue,
}

impl Shared {
    fn running(&self) -> bool {
        self.state.load(Ordering::SeqCst) == RUNNING
    }

    /// No new requests from now on.
    fn stop(&self) {
        let _ = self
            .state
            .compare_exchange(RUNNING, STOPPING, Ordering::SeqCst, Ordering::SeqCst);
    }

    /// The run stops itself for `halt`.
    fn halt(&self, halt: Halt) {
        self.queue.halt(halt);
        self.stop();
    }
}

/// Runs the job to its end, calling `on_event` on this thread for each
/// event; signals reach it through `interrupt`.
pub fn delete_all(
    job: Job,
    client: Client,
    interrupt: &Interrupt,
    mut on_event: impl FnMut(Event),
) -> Summary {
    let (tx, rx) = mpsc::channel::<Message>();
    let workers = job
        .concurrency
        .clamp(1, api::MAX_CONCURRENCY)
        .min(job.batch_count().max(1));
    let queue = Queue::new(job.ids.len(), job.batch_size, job.split);
    let shared = Arc::new(Shared {
        job,
        client,
        state: AtomicU8::new(RUNNING),
        queue,
    });
    interrupt.start_run(tx.clone());
    for _ in 0..workers {
        let (shared, tx) = (shared.clone(), tx.clone());
        thread::spawn(move || worker::work(&shared, &tx));
    }
    drop(tx);
    let mut tally = Tally::new(shared.job.ids.len(), workers);
    tally.collect(&rx, &shared, &mut on_event);
    interrupt.end_run();
    tally.into_summary(&shared)
}

/// The accounting, kept on the caller's thread as events arrive.
struct Tally {
    summary: Summary,
    in_flight: Vec<Range<usize>>,
    workers: usize,
    signal: Option<Signal>,
}

impl Tally {
    fn new(ids: usize, workers: usize) -> Self {
        Tally {
            summary: Summary {
                fates: vec![Fate::NotSent; ids],
                requests_done: 0,
                answered: 0,
                stop: Stop::Finished,
                abandoned: Vec::new(),
            },
            in_flight: Vec::new(),
            workers,
            signal: None,
        }
    }

    fn collect(
        &mut self,
        rx: &Receiver<Message>,
        shared: &Shared,
        on_event: &mut impl FnMut(Event),
    ) {
        while self.workers > 0 {
            let Ok(message) = rx.recv() else { return };
            match message {
                Message::WorkerExit => self.workers -= 1,
                Message::Interrupted(signal) => {
                    shared.stop();
                    self.signal = Some(signal);
                    on_event(Event::Interrupted(signal));
                }
                Message::Abort(signal) => return self.abort(shared, signal),
                Message::Event(event) => {
                    self.count(&event);
                    on_event(*event);
                }
            }
        }
    }

    /// A second signal: requests in flight are given up on; their ids may
    /// have been deleted, so they are unconfirmed, and recorded so.
    fn abort(&mut self, shared: &Shared, signal: Signal) {
        shared.state.store(ABORTED, Ordering::SeqCst);
        self.summary.stop = Stop::Aborted(signal);
        for range in std::mem::take(&mut self.in_flight) {
            self.summary.fates[range.clone()].fill(Fate::Unconfirmed);
            if let Some(audit) = &shared.job.audit {
                let _ = audit.record_abandoned(shared.job.ids.slice(range.clone()));
            }
            self.summary.abandoned.push(range);
        }
    }

    fn count(&mut self, event: &Event) {
        match event {
            Event::Sending { range, .. } => self.in_flight.push(range.clone()),
            Event::Done(outcome) => {
                let s = &mut self.summary;
                self.in_flight.retain(|r| r != &outcome.range);
                s.requests_done += 1;
                s.answered += usize::from(outcome.heard);
                if !outcome.split {
                    s.fates[outcome.range.clone()].fill(outcome.fate);
                }
            }
            _ => {}
        }
    }

    fn into_summary(mut self, shared: &Shared) -> Summary {
        if self.summary.stop == Stop::Finished {
            self.summary.stop = match (self.signal, shared.queue.halted()) {
                (Some(signal), _) => Stop::Interrupted(signal),
                (None, Some(halt)) => Stop::Halted(halt),
                (None, None) => Stop::Finished,
            };
        }
        self.summary
    }
}
