//! The text format: a line per deleted request on stdout, failures on
//! stderr, a summary line; `config show` as aligned rows.

use serde_json::Value;

use super::{ConfigReport, Context, Printer, Ui, count, list_ids};
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
            let what = if n == 1 {
                format!("1 id ({first})")
            } else {
                format!("{n} ids")
            };
            let msg = answer.msg().map(|m| format!(": {m}")).unwrap_or_default();
            ui.line(&format!("deleted {what} from {}{msg}", ctx.module));
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
            Fate::Unconfirmed => "not confirmed deleted from",
            Fate::NotSent => "not sent to",
            _ => "not deleted from",
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
        if ctx.batches <= 1 && not_deleted == 0 {
            return;
        }
        let mut line = format!(
            "{} of {} deleted from {} in operation {} at {} ({})",
            summary.deleted(),
            count(summary.requested(), "id"),
            ctx.module,
            ctx.operation,
            ctx.host,
            count(summary.requests_done, "request")
        );
        for (fate, what) in [
            (Fate::Refused, "refused"),
            (
                Fate::Unconfirmed,
                "unconfirmed: the server may have deleted them",
            ),
            (Fate::NotSent, "not sent"),
        ] {
            let n = summary.count(fate);
            if n > 0 {
                line.push_str(&format!("; {n} {what}"));
            }
        }
        if not_deleted > 0 {
            line.push_str(&match failed_file {
                Some(path) => format!("; {not_deleted} not deleted, listed in {path}"),
                None => format!(
                    "; {not_deleted} not deleted (add --failed-file FILE to save them for another run)"
                ),
            });
        }
        ui.line(&line);
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
}
