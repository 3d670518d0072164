//! The jsonl format: one object per request as each completes, then a
//! `{"summary": …}` line.

use serde_json::{Value, json};

use super::json::{
    append, config_json, dry_request_json, quota_json, request_json, summary_json, target_json,
};
use super::{ConfigReport, Context, Printer, Ui};
use crate::api::quota::Quota;
use crate::input::Ids;
use crate::run::{Outcome, Summary};

pub struct Jsonl;

impl Printer for Jsonl {
    fn request(&mut self, ui: &mut Ui, _ctx: &Context, ids: &Ids, outcome: &Outcome) {
        ui.line(&request_json(ids, outcome).to_string());
    }

    fn summary(
        &mut self,
        ui: &mut Ui,
        ctx: &Context,
        ids: &Ids,
        summary: &Summary,
        _failed_file: Option<&str>,
    ) {
        let mut doc = target_json(ctx);
        append(&mut doc, summary_json(ids, summary));
        ui.line(&json!({"summary": doc}).to_string());
    }

    fn dry_request(&mut self, ui: &mut Ui, ctx: &Context, body: &Value) {
        ui.line(&dry_request_json(ctx, body).to_string());
    }

    fn dry_summary(&mut self, ui: &mut Ui, _ctx: &Context, ids: usize, requests: usize) {
        let summary = json!({"summary": {"dry_run": true, "requested": ids, "requests": requests}});
        ui.line(&summary.to_string());
    }

    fn config(&mut self, ui: &mut Ui, report: &ConfigReport) {
        ui.line(&config_json(report).to_string());
    }

    fn quota(&mut self, ui: &mut Ui, quota: &Quota) {
        ui.line(&quota_json(quota).to_string());
    }
}
