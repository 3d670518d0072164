//! The json format: one document at the end, requests in input order.

use serde_json::{Map, Value, json};

use super::{ConfigReport, Context, Printer, Ui};
use crate::api::quota::Quota;
use crate::api::request;
use crate::input::Ids;
use crate::run::{Fate, Outcome, Summary};

#[derive(Default)]
pub struct Json {
    /// Requests so far, keyed by their first id to restore input order.
    requests: Vec<(usize, Value)>,
}

impl Printer for Json {
    fn request(&mut self, _ui: &mut Ui, _ctx: &Context, ids: &Ids, outcome: &Outcome) {
        self.requests
            .push((outcome.range.start, request_json(ids, outcome)));
    }

    fn summary(
        &mut self,
        ui: &mut Ui,
        ctx: &Context,
        ids: &Ids,
        summary: &Summary,
        _failed_file: Option<&str>,
    ) {
        let mut requests = std::mem::take(&mut self.requests);
        requests.sort_by_key(|(first, _)| *first);
        let mut doc = target_json(ctx);
        append(&mut doc, summary_json(ids, summary));
        doc["requests"] = requests.into_iter().map(|(_, r)| r).collect();
        ui.line(&pretty(&doc));
    }

    fn dry_request(&mut self, _ui: &mut Ui, ctx: &Context, body: &Value) {
        self.requests
            .push((self.requests.len(), dry_request_json(ctx, body)));
    }

    fn dry_summary(&mut self, ui: &mut Ui, ctx: &Context, ids: usize, _requests: usize) {
        let requests: Vec<Value> = std::mem::take(&mut self.requests)
            .into_iter()
            .map(|(_, r)| r)
            .collect();
        let doc = json!({
            "dry_run": true,
            "server": ctx.url.as_str(),
            "operation": ctx.operation,
            "module": ctx.module,
            "requested": ids,
            "requests": requests,
        });
        ui.line(&pretty(&doc));
    }

    fn config(&mut self, ui: &mut Ui, report: &ConfigReport) {
        ui.line(&config_json(report).to_string());
    }

    fn quota(&mut self, ui: &mut Ui, quota: &Quota) {
        ui.line(&pretty(&quota_json(quota)));
    }
}

/// The quota's `data` as the server sent it (scrubbed), with what remains.
pub(super) fn quota_json(quota: &Quota) -> Value {
    let mut doc = match &quota.data {
        Value::Object(data) => Value::Object(data.clone()),
        _ => json!({}),
    };
    doc["remaining"] = json!(quota.remaining());
    doc
}

fn pretty(doc: &Value) -> String {
    serde_json::to_string_pretty(doc).expect("json values serialise")
}

/// Where the run deleted: server, host, operation, module and profile.
pub(super) fn target_json(ctx: &Context) -> Value {
    json!({
        "run_id": ctx.run_id,
        "server": ctx.url.as_str(),
        "host": ctx.host,
        "operation": ctx.operation,
        "module": ctx.module,
        "profile": ctx.profile,
    })
}

pub(super) fn append(doc: &mut Value, more: Value) {
    if let (Value::Object(doc), Value::Object(more)) = (doc, more) {
        doc.extend(more);
    }
}

/// One request as json and jsonl show it.
pub(super) fn request_json(ids: &Ids, outcome: &Outcome) -> Value {
    let ids: Vec<&str> = ids.slice(outcome.range.clone()).collect();
    json!({
        "ids": ids,
        "ok": outcome.deleted(),
        "outcome": if outcome.split { "split" } else { fate_word(outcome.fate) },
        "http_status": outcome.answer.status,
        "response": outcome.answer.response,
        "error": outcome.answer.error,
        "attempts": outcome.attempts,
    })
}

/// The counts of a run, as json and jsonl show them: `failed` is every id
/// not deleted (refused + unconfirmed + not sent).
pub(super) fn summary_json(ids: &Ids, summary: &Summary) -> Value {
    let failed: Vec<&str> = summary.not_deleted_ids().map(|i| ids.get(i)).collect();
    let unconfirmed: Vec<&str> = summary
        .with(Fate::Unconfirmed)
        .map(|i| ids.get(i))
        .collect();
    json!({
        "requested": summary.requested(),
        "deleted": summary.deleted(),
        "failed": summary.not_deleted(),
        "refused": summary.count(Fate::Refused),
        "unconfirmed": summary.count(Fate::Unconfirmed),
        "not_sent": summary.count(Fate::NotSent),
        "failed_ids": failed,
        "unconfirmed_ids": unconfirmed,
    })
}

/// The word json, jsonl and the audit log use for a fate.
pub(super) fn fate_word(fate: Fate) -> &'static str {
    match fate {
        Fate::Deleted => "deleted",
        Fate::Refused => "refused",
        Fate::Unconfirmed => "unconfirmed",
        Fate::NotSent => "not_sent",
    }
}

/// A request a dry run would send.
pub(super) fn dry_request_json(ctx: &Context, body: &Value) -> Value {
    let headers: Map<String, Value> = request::shown_headers()
        .iter()
        .map(|(k, v)| (k.to_string(), Value::from(*v)))
        .collect();
    json!({
        "method": "POST",
        "url": ctx.url.as_str(),
        "headers": headers,
        "body": body,
    })
}

/// `config show` as one object: each setting's value and source, or null.
pub(super) fn config_json(report: &ConfigReport) -> Value {
    let mut doc = Map::new();
    doc.insert(
        "config_file".into(),
        json!({"path": report.path, "found": report.found}),
    );
    for row in &report.rows {
        let value = row.value.as_ref().map_or(
            Value::Null,
            |(value, source)| json!({"value": value, "source": source}),
        );
        doc.insert(row.key.into(), value);
    }
    Value::Object(doc)
}
