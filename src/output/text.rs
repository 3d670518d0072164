//! The text format: a line per deleted request on stdout, failures on
//! stderr, a summary line; `config show` and `quota` as aligned rows.
//! With `-q`, a run that deleted every id prints nothing at all; failures
//! still print their lines, and the summary goes to stderr.

use serde_json::Value;

use super::{BAD, ConfigReport, Context, DOUBT, GOOD, Printer, TARGET, Ui, count, list_ids, paint};
use crate::api::quota::Quota;
use crate::api::request;
use crate::input::Ids;
use crate::run::{Fate, Outcome, Summary};

pub struct Text;

impl Printer for Text {
    fn request(&mut self, ui: &mut Ui, ctx: &Context, ids: &Ids, outcome: &Outcome) {
        let answer = &outcome.answer;
        let n = outcome.range.len();
        let first = ids.get(outcome.range.start);
        if outcome.deleted() {
            if !ui.quiet {
                let what = if n == 1 {
                    format!("1 id ({first})")
                } else {
                    format!("{n} ids")
                };
                let msg = answer.msg().map(|m| format!(": {m}")).unwrap_or_default();
                ui.line(&format!(
                    "{} {what} from {}{msg}",
                    paint(GOOD, "deleted"),
                    ctx.module
                ));
            }
            return;
        }
        if outcome.split {
            let error = answer.error.as_deref().unwrap_or("refused");
            ui.verbose(1, &format!("{n} ids refused together ({error}); sending them in halves to find the refused ones"));
            return;
        }
        let tries = match outcome.attempts {
            1 => String::new(),
            n => format!(" (after {n} attempts)"),
        };
        let error = answer.error.as_deref().unwrap_or("failed");
        let (what, list) = match n {
            1 => (format!("{first} was"), String::new()),
            n => (
                format!("{n} ids were"),
                format!(": {}", list_ids(ids.slice(outcome.range.clone()), n)),
            ),
        };
        let fate = match outcome.fate {
            Fate::Unconfirmed => paint(DOUBT, "not confirmed deleted") + " from",
            Fate::NotSent => paint(DOUBT, "not sent") + " to",
            _ => paint(BAD, "not deleted") + " from",
        };
        ui.error(&format!(
            "{what} {fate} {}: {error}{tries}{list}",
            ctx.module
        ));
    }

    fn summary(
        &mut self,
        ui: &mut Ui,
        ctx: &Context,
        _ids: &Ids,
        summary: &Summary,
        failed_file: Option<&str>,
    ) {
        let not_deleted = summary.not_deleted();
        if not_deleted == 0 && (ui.quiet || ctx.batches <= 1) {
            return;
        }
        let line = summary_line(ctx, summary, failed_file);
        if ui.quiet {
            ui.stderr_line(&line);
        } else {
            ui.line(&line);
        }
    }

    fn dry_request(&mut self, ui: &mut Ui, ctx: &Context, body: &Value) {
        let mut text = format!("POST {} HTTP/1.1\n", ctx.url);
        for (k, v) in request::shown_headers() {
            text.push_str(&format!("{k}: {v}\n"));
        }
        text.push('\n');
        text.push_str(&body.to_string());
        text.push('\n');
        ui.line(&text);
    }

    fn dry_summary(&mut self, _ui: &mut Ui, _ctx: &Context, _ids: usize, _requests: usize) {}

    fn config(&mut self, ui: &mut Ui, report: &ConfigReport) {
        let file = match (&report.path, report.found) {
            (Some(p), true) => p.clone(),
            (Some(p), false) => format!("{p} (not found)"),
            (None, _) => "(none)".to_string(),
        };
        ui.line(&format!("{:<16} {file}", "config_file"));
        for row in &report.rows {
            ui.line(&match &row.value {
                Some((value, source)) => format!("{:<16} {value}  ({source})", row.key),
                None => format!("{:<16} (not set)", row.key),
            });
        }
    }

    fn quota(&mut self, ui: &mut Ui, quota: &Quota) {
        let remaining = quota.remaining();
        let style = if remaining == 0 { BAD } else { GOOD };
        ui.line(&format!("{:<16} {} requests a day", "limit", quota.limit));
        ui.line(&format!("{:<16} {}", "used today", quota.used));
        ui.line(&format!("{:<16} {}", "remaining", paint(style, remaining)));
        ui.line(&format!("{:<16} {}", "count restarts", quota.restart()));
    }
}

/// "40 of 100 ids deleted from contacts in operation acme at HOST (2
/// requests); 50 refused; …; 60 not deleted, listed in FILE".
fn summary_line(ctx: &Context, summary: &Summary, failed_file: Option<&str>) -> String {
    let deleted = summary.deleted();
    let style = if summary.not_deleted() == 0 {
        GOOD
    } else {
        DOUBT
    };
    let mut line = format!(
        "{} of {} deleted from {} in operation {} at {} ({})",
        paint(style, deleted),
        count(summary.requested(), "id"),
        paint(TARGET, &ctx.module),
        paint(TARGET, &ctx.operation),
        paint(TARGET, &ctx.host),
        count(summary.requests_done, "request")
    );
    for (fate, what, style) in [
        (Fate::Refused, "refused", BAD),
        (
            Fate::Unconfirmed,
            "unconfirmed: the server may have deleted them",
            DOUBT,
        ),
        (Fate::NotSent, "not sent", DOUBT),
    ] {
        let n = summary.count(fate);
        if n > 0 {
            line.push_str(&format!("; {}", paint(style, format!("{n} {what}"))));
        }
    }
    let not_deleted = summary.not_deleted();
    if not_deleted > 0 {
        line.push_str(&match failed_file {
            Some(path) => format!("; {not_deleted} not deleted, listed in {path}"),
            None => format!(
                "; {not_deleted} not deleted (add --failed-file FILE to save them for another run)"
            ),
        });
    }
    line
}
