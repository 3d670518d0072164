//! A delete run as the user sees it: the `-v` log of each attempt, a line
//! per request in the chosen format, the audit log, and the summary.

use std::ops::Range;
use std::sync::Arc;

use super::audit_log::{AuditLog, Record};
use super::{Context, Printer, Ui, count, cut};
use crate::api::{Answer, Verdict, request};
use crate::input::Ids;
use crate::retry::Wait;
use crate::run::{Event, Outcome, Stop, Summary};

/// How much of a body `-vv` shows.
const SHOWN_BODY: usize = 4000;

pub struct Reporter {
    printer: Box<dyn Printer>,
    ui: Ui,
    ctx: Context,
    ids: Arc<Ids>,
    audit: Option<AuditLog>,
    audit_failed: bool,
}

impl Reporter {
    pub fn new(
        printer: Box<dyn Printer>,
        mut ui: Ui,
        ctx: Context,
        ids: Arc<Ids>,
        audit: Option<AuditLog>,
    ) -> Self {
        if ctx.batches > 1 {
            ui.start_progress(ids.len());
        }
        Reporter {
            printer,
            ui,
            ctx,
            ids,
            audit,
            audit_failed: false,
        }
    }

    pub fn ui(&self) -> &Ui {
        &self.ui
    }

    pub fn event(&mut self, event: Event) {
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
            Event::Done(outcome) => self.done(&outcome),
            Event::Interrupted(signal) => self.ui.warn(&format!(
                "interrupted by {}: no new requests will start; waiting for those in flight \
                 (press Ctrl-C again to stop at once)",
                signal.name()
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
        text.push_str(&format!("\n> {body}"));
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
        self.ui.verbose(
            1,
            &format!(
                "< {status} in {} ms for {} ids (attempt {attempt}){error}",
                answer.elapsed.as_millis(),
                range.len()
            ),
        );
        if self.ui.verbose >= 2 && answer.status.is_some() {
            let mut text = String::new();
            for (k, v) in &answer.headers {
                text.push_str(&format!("< {k}: {v}\n"));
            }
            text.push_str(&format!("< {}", cut(&answer.text, SHOWN_BODY)));
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

    fn done(&mut self, outcome: &Outcome) {
        self.ui.advance(outcome.range.len());
        let answer = &outcome.answer;
        self.audit(
            outcome.range.clone(),
            outcome_word(answer.verdict),
            Some(answer),
            answer.error.as_deref(),
            outcome.attempts,
        );
        self.printer
            .request(&mut self.ui, &self.ctx, &self.ids, outcome);
    }

    fn audit(
        &mut self,
        range: Range<usize>,
        outcome: &str,
        answer: Option<&Answer>,
        error: Option<&str>,
        attempts: u32,
    ) {
        let Some(log) = &mut self.audit else { return };
        let record = Record {
            ids: self.ids.slice(range),
            outcome,
            answer,
            error,
            attempts,
        };
        if let Err(e) = log.record(&self.ctx, record)
            && !self.audit_failed
        {
            self.audit_failed = true;
            let path = log.path().display().to_string();
            self.ui
                .error(&format!("cannot write the audit log {path}: {e}"));
        }
    }

    /// The end of the run: what was abandoned, why it stopped, the summary.
    pub fn finish(&mut self, summary: &Summary, failed_file: Option<&str>) {
        for range in &summary.abandoned {
            let error = "abandoned by a second Ctrl-C before the answer arrived; \
                         the server may have acted on it";
            self.audit(range.clone(), "failed", None, Some(error), 1);
        }
        self.ui.end_progress();
        let not_sent = summary.not_sent();
        match summary.stop {
            Stop::AuthRefused => self.ui.error(&format!(
                "stopped: the server refused the token or operation; {} not sent; \
                 check the token and operation (or wait if the server is in maintenance)",
                count(not_sent, "id")
            )),
            Stop::Interrupted(_) | Stop::Aborted(_) => self.ui.warn(&format!(
                "interrupted: {} not deleted ({not_sent} never sent)",
                count(summary.not_deleted(), "id")
            )),
            Stop::Finished => {}
        }
        self.printer
            .summary(&mut self.ui, &self.ctx, &self.ids, summary, failed_file);
    }
}

/// The audit log's word for how a request ended.
fn outcome_word(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Deleted => "deleted",
        Verdict::Refused | Verdict::AuthRefused => "refused",
        Verdict::Unavailable | Verdict::Unusable | Verdict::NoAnswer => "failed",
    }
}
