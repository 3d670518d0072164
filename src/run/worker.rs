//! One worker: takes a batch, sends it as often as the retry policy allows,
//! records it in the audit log, reports it, and only then takes the next.

use std::ops::Range;
use std::sync::mpsc::Sender;
use std::thread;
use std::time::{Duration, Instant};

use super::{AUDIT_FAILED, AUTH_REFUSED, Event, Fate, Message, Outcome, Shared};
use crate::api::{Answer, Refusal, Verdict, request};

pub(super) fn work(shared: &Shared, tx: &Sender<Message>) {
    let _notice = ExitNotice(tx);
    let job = &shared.job;
    let emit = |event: Event| tx.send(Message::Event(Box::new(event))).is_ok();
    while let Some(range) = shared.next_batch() {
        let ids: Vec<&str> = job.ids.slice(range.clone()).collect();
        let body = request::body(&job.operation, &job.module, &ids);
        let shown = (job.verbose >= 2).then(|| body.clone());
        emit(Event::Sending {
            range: range.clone(),
            body: shown,
        });
        let outcome = attempt_all(shared, range, &body, &emit);
        if let Verdict::Refused(Refusal::Auth | Refusal::Quota | Refusal::Simultaneous) =
            outcome.answer.verdict
        {
            shared.stop(AUTH_REFUSED);
        }
        if let Err(e) = record(shared, &outcome) {
            shared.stop(AUDIT_FAILED);
            let path = job.audit.as_ref().map(|a| a.path().display().to_string());
            emit(Event::AuditFailed(format!(
                "{}: {e}",
                path.unwrap_or_default()
            )));
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
    if shared.state.load(std::sync::atomic::Ordering::SeqCst) == super::ABORTED {
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

/// What the attempts of one request add up to.
#[derive(Default)]
struct Attempts {
    count: u32,
    heard: bool,
    may_have_acted: bool,
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
            Verdict::Deleted => Fate::Deleted,
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
    let mut attempts = Attempts::default();
    loop {
        let answer = shared.client.send(body, range.len());
        attempts.add(&answer);
        if shared.job.verbose >= 1 {
            emit(Event::Attempt {
                range: range.clone(),
                attempt: attempts.count,
                answer: answer.clone(),
            });
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
        if !sleep_while_running(wait.duration(), shared) {
            return attempts.outcome(range, answer);
        }
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
