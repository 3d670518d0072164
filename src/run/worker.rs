//! One worker: takes ids from the queue, sends them as often as the retry
//! policy allows, records the request in the audit log, reports it to the
//! queue (which may split it or stop the run), and only then takes more.
//!
//! A request given up on by `--timeout` may still be running on the server,
//! which counts it against the token's two simultaneous requests until the
//! API's own time limit ends it: the worker keeps its place (sends nothing)
//! until then, so the server never sees more than `--concurrency` requests.

use std::ops::Range;
use std::sync::atomic::Ordering;
use std::sync::mpsc::Sender;
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use super::{ABORTED, Event, Fate, Halt, Message, Outcome, Shared};
use crate::api::{Answer, Lost, Refusal, Verdict, request};

pub(super) fn work(shared: &Shared, tx: &Sender<Message>) {
    let _notice = ExitNotice(tx);
    let job = &shared.job;
    let emit = |event: Event| tx.send(Message::Event(Box::new(event))).is_ok();
    let mut hold = Hold(None);
    while hold.wait(shared)
        && let Some(range) = shared.queue.take(|| shared.running())
    {
        let ids: Vec<&str> = job.ids.slice(range.clone()).collect();
        let body = request::body(&job.operation, &job.module, &ids);
        let shown = (job.verbose >= 2).then(|| body.clone());
        emit(Event::Sending {
            range: range.clone(),
            body: shown,
        });
        let mut outcome = attempt_all(shared, range, &body, &emit, &mut hold);
        outcome.split = shared.queue.splits(&outcome);
        if let Err(e) = record(shared, &outcome) {
            shared.halt(Halt::AuditFailed);
            let path = job.audit.as_ref().map(|a| a.path().display().to_string());
            emit(Event::AuditFailed(format!(
                "{}: {e}",
                path.unwrap_or_default()
            )));
        }
        if let Some(halt) = shared.queue.complete(&outcome) {
            shared.halt(halt);
        }
        if !emit(Event::Done(outcome)) {
            return;
        }
    }
}

/// The request's audit line, written before anything else happens; not
/// after a second signal, when the run has already recorded it as abandoned.
fn record(shared: &Shared, outcome: &Outcome) -> std::io::Result<()> {
    let Some(audit) = &shared.job.audit else {
        return Ok(());
    };
    if shared.state.load(Ordering::SeqCst) == ABORTED {
        return Ok(());
    }
    audit.record(shared.job.ids.slice(outcome.range.clone()), outcome)
}

/// Tells the coordinator a worker has ended, even if it ended by a panic,
/// so the run still finishes and accounts for every id.
struct ExitNotice<'a>(&'a Sender<Message>);

impl Drop for ExitNotice<'_> {
    fn drop(&mut self) {
        let _ = self.0.send(Message::WorkerExit);
    }
}

/// Until when this worker's place is held by a request it gave up on.
struct Hold(Option<Instant>);

impl Hold {
    /// Waits out the place of an abandoned request; false if the run stopped.
    fn wait(&mut self, shared: &Shared) -> bool {
        match self.0.take() {
            Some(until) => {
                sleep_while_running(until.saturating_duration_since(Instant::now()), shared)
            }
            None => true,
        }
    }
}

/// What the attempts of one request add up to.
struct Attempts {
    count: u32,
    heard: bool,
    may_have_acted: bool,
    started: (SystemTime, Instant),
}

impl Default for Attempts {
    fn default() -> Self {
        Attempts {
            count: 0,
            heard: false,
            may_have_acted: false,
            started: (SystemTime::now(), Instant::now()),
        }
    }
}

impl Attempts {
    fn add(&mut self, answer: &Answer) {
        self.count += 1;
        self.heard |= answer.status.is_some();
        self.may_have_acted |= answer.may_have_acted();
    }

    /// Confirmed by the last attempt, or else the most the server may have
    /// done: an attempt that may have acted leaves the ids unconfirmed even
    /// when a later one was refused (the ids may be gone by then).
    fn outcome(self, range: Range<usize>, answer: Answer) -> Outcome {
        let fate = match answer.verdict {
            Verdict::Confirmed => Fate::Deleted,
            _ if self.may_have_acted => Fate::Unconfirmed,
            _ if self.heard => Fate::Refused,
            _ => Fate::NotSent,
        };
        Outcome {
            range,
            answer,
            attempts: self.count,
            fate,
            heard: self.heard,
            split: false,
            started: self.started.0,
            elapsed: self.started.1.elapsed(),
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
    hold: &mut Hold,
) -> Outcome {
    let policy = &shared.job.policy;
    let mut attempts = Attempts::default();
    loop {
        let sent = Instant::now();
        let answer = shared.client.send(body, range.len());
        attempts.add(&answer);
        notice(shared, &answer, &range, attempts.count, emit);
        if answer.verdict == Verdict::Unconfirmed(Lost::TimedOut) {
            hold.0 = Some(sent + shared.job.time_limit);
        }
        let wait = policy
            .next(&answer, attempts.count)
            .filter(|_| shared.running());
        let Some(wait) = wait else {
            return attempts.outcome(range, answer);
        };
        emit(Event::Waiting {
            range: range.clone(),
            wait,
            next: attempts.count + 1,
            of: policy.attempts,
        });
        if !sleep_while_running(wait.duration(), shared) || !hold.wait(shared) {
            return attempts.outcome(range, answer);
        }
    }
}

/// What the caller hears of one attempt: its answer with `-v`, and once a
/// run that another client uses the same token.
fn notice(
    shared: &Shared,
    answer: &Answer,
    range: &Range<usize>,
    attempt: u32,
    emit: &impl Fn(Event) -> bool,
) {
    if answer.verdict == Verdict::Refused(Refusal::Simultaneous)
        && shared.queue.first_shared_token()
    {
        emit(Event::SharedToken);
    }
    if shared.job.verbose >= 1 {
        emit(Event::Attempt {
            range: range.clone(),
            attempt,
            answer: answer.clone(),
        });
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
