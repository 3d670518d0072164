//! The work of a run and the decisions about it as a whole: which batch
//! goes next, splitting a refused batch to find the ids the server refuses,
//! and stopping what cannot succeed before it spends the token's quota.
//!
//! - A batch refused in a way that may depend on its ids is split in
//!   halves, down to single ids (LIFO, so the first half is sent next). For
//!   k refused ids in a batch of b that costs at most 2·k·⌈log2 b⌉ + 1
//!   requests. A request that may already have acted is never split.
//! - While nothing is deleted and every refusal looks alike, one request at
//!   a time: when two requests that cannot be split further (single ids, or
//!   answers that are not about ids) are refused the same way, the mistake
//!   is the run's (a wrong module, path or operation) and it stops. A wrong
//!   module costs ⌈log2 batch⌉ + 2 requests, not every batch.
//! - No HTTP answer to the first request after its retries, or to two in a
//!   row, stops the run (an unreachable or hung server); a TLS failure, a
//!   web page where the API should be, a spent quota and a refused token
//!   stop it at once.

use std::ops::Range;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

use super::{Fate, Outcome};
use crate::api::{Answer, Refusal, Unsent, Verdict};
use crate::display::excerpt;

/// Why a run stopped of its own accord.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Halt {
    /// 401/403 without a more precise reason.
    Auth,
    /// `TOKEN LIMIT EXCEEDED`.
    Quota,
    /// Another client kept the token's simultaneous requests through every retry.
    Busy,
    /// Every request was refused the same way, nothing deleted: the reason.
    RunWide(String),
    /// A web server's page where the API should be.
    WrongPath(u16),
    /// No HTTP answer: to the first request, or to two in a row.
    NoAnswer { first: bool },
    /// The TLS handshake failed: its error.
    Tls(String),
    /// The audit log could not be written.
    AuditFailed,
}

pub(super) struct Queue {
    inner: Mutex<Inner>,
    changed: Condvar,
    batch_size: usize,
    ids: usize,
    split: bool,
}

#[derive(Default)]
struct Inner {
    next: usize,
    /// Halves of refused batches, the next one last.
    pending: Vec<Range<usize>>,
    in_flight: usize,
    halt: Option<Halt>,
    deleted_any: bool,
    answered_any: bool,
    silent_in_a_row: usize,
    /// How refusals have looked so far, while nothing is deleted.
    alike: Alike,
    shared_token_told: bool,
}

#[derive(Default, PartialEq)]
enum Alike {
    #[default]
    NoneYet,
    /// All refusals so far: this signature, and how many could not be split.
    Same {
        signature: String,
        reason: String,
        final_ones: usize,
    },
    Mixed,
}

impl Queue {
    pub(super) fn new(ids: usize, batch_size: usize, split: bool) -> Queue {
        Queue {
            inner: Mutex::new(Inner::default()),
            changed: Condvar::new(),
            batch_size,
            ids,
            split,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The next ids to send, or `None` when the run is over or stopping.
    /// While the run is cautious (refusals and no deletion yet) it waits
    /// for the request in flight first.
    pub(super) fn take(&self, running: impl Fn() -> bool) -> Option<Range<usize>> {
        let mut s = self.lock();
        loop {
            if !running() || s.halt.is_some() {
                return None;
            }
            let cautious = !s.deleted_any && matches!(s.alike, Alike::Same { .. });
            if !(cautious && s.in_flight > 0) {
                return self.next_work(&mut s);
            }
            let wait = Duration::from_millis(50);
            s = self
                .changed
                .wait_timeout(s, wait)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// A pending half first, else the next batch.
    fn next_work(&self, s: &mut Inner) -> Option<Range<usize>> {
        let work = s.pending.pop().or_else(|| {
            let start = s.next * self.batch_size;
            (start < self.ids).then(|| {
                s.next += 1;
                start..(start + self.batch_size).min(self.ids)
            })
        });
        s.in_flight += usize::from(work.is_some());
        work
    }

    /// Whether `outcome` is to be split, decided before it is recorded.
    pub(super) fn splits(&self, outcome: &Outcome) -> bool {
        self.split
            && outcome.range.len() > 1
            && outcome.fate == Fate::Refused
            && outcome.answer.verdict == Verdict::Refused(Refusal::Ids)
    }

    /// Records a finished request; returns why the run must stop, if it must.
    pub(super) fn complete(&self, outcome: &Outcome) -> Option<Halt> {
        let mut s = self.lock();
        s.in_flight -= 1;
        if outcome.split {
            let (start, end) = (outcome.range.start, outcome.range.end);
            let middle = start + (end - start) / 2;
            s.pending.extend([middle..end, start..middle]);
        }
        let halt = s.judge(outcome);
        if let Some(halt) = &halt
            && s.halt.is_none()
        {
            s.halt = Some(halt.clone());
        }
        self.changed.notify_all();
        halt
    }

    /// Stops handing out work, for a reason found outside the queue.
    pub(super) fn halt(&self, halt: Halt) {
        let mut s = self.lock();
        s.halt.get_or_insert(halt);
        self.changed.notify_all();
    }

    pub(super) fn halted(&self) -> Option<Halt> {
        self.lock().halt.clone()
    }

    /// True the first time another client is seen holding the token.
    pub(super) fn first_shared_token(&self) -> bool {
        !std::mem::replace(&mut self.lock().shared_token_told, true)
    }
}

impl Inner {
    fn judge(&mut self, outcome: &Outcome) -> Option<Halt> {
        let answer = &outcome.answer;
        if let Verdict::NotSent(Unsent::Tls) = answer.verdict {
            return Some(Halt::Tls(answer.error.clone().unwrap_or_default()));
        }
        if outcome.heard {
            (self.answered_any, self.silent_in_a_row) = (true, 0);
        } else if outcome.fate != Fate::Deleted {
            self.silent_in_a_row += 1;
            if !self.answered_any || self.silent_in_a_row >= 2 {
                return Some(Halt::NoAnswer {
                    first: !self.answered_any,
                });
            }
        }
        match answer.verdict {
            Verdict::Confirmed => self.deleted_any = true,
            Verdict::Refused(Refusal::Auth) => return Some(Halt::Auth),
            Verdict::Refused(Refusal::Quota) => return Some(Halt::Quota),
            Verdict::Refused(Refusal::Simultaneous) => return Some(Halt::Busy),
            Verdict::Refused(Refusal::WrongPath) => {
                return Some(Halt::WrongPath(answer.status.unwrap_or(404)));
            }
            Verdict::Refused(kind) if outcome.fate == Fate::Refused => {
                let last_word = outcome.range.len() == 1 || kind == Refusal::Other;
                return self.alike(answer, last_word && !outcome.split);
            }
            _ => {}
        }
        if outcome.fate != Fate::Refused {
            self.alike = Alike::Mixed;
        }
        None
    }

    /// Counts a refusal towards "every request refused the same way".
    fn alike(&mut self, answer: &Answer, final_one: bool) -> Option<Halt> {
        if self.deleted_any {
            return None;
        }
        let (signature, reason) = signature(answer);
        self.alike = match std::mem::take(&mut self.alike) {
            Alike::NoneYet => Alike::Same {
                signature,
                reason,
                final_ones: 0,
            },
            Alike::Same {
                signature: seen,
                reason,
                final_ones,
            } if seen == signature => Alike::Same {
                signature: seen,
                reason,
                final_ones,
            },
            _ => Alike::Mixed,
        };
        if let Alike::Same {
            reason, final_ones, ..
        } = &mut self.alike
        {
            *final_ones += usize::from(final_one);
            if *final_ones >= 2 {
                return Some(Halt::RunWide(reason.clone()));
            }
        }
        None
    }
}

/// What makes two refusals alike: status, `code`, `error` and `msg`, with
/// numbers left out (counts differ from one batch to the next); and the
/// server's words for it, for the message.
fn signature(answer: &Answer) -> (String, String) {
    let field = |k| {
        answer
            .field(k)
            .map(crate::api::answer::value_text)
            .unwrap_or_default()
    };
    let (code, error, msg) = (field("code"), field("error"), field("msg"));
    let text = format!("{:?} {code} {error} {msg}", answer.status);
    let signature: String = text.chars().filter(|c| !c.is_ascii_digit()).collect();
    let reason = [error, msg]
        .into_iter()
        .find(|t| !t.trim().is_empty() && t.trim() != "null")
        .or_else(|| answer.error.clone())
        .unwrap_or_else(|| format!("HTTP {}", answer.status.unwrap_or(0)));
    (signature, excerpt(&reason, 120))
}
