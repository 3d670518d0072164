//! A dry run: every request printed, nothing sent.

use serde_json::Value;

use super::{Context, Printer, Ui, count};
use crate::api::request;
use crate::input::Ids;

/// Prints the requests a run would send.
pub fn dry_run(
    printer: &mut dyn Printer,
    ui: &mut Ui,
    ctx: &Context,
    ids: &Ids,
    batch_size: usize,
) {
    let mut requests = 0;
    for range in ids.batches(batch_size) {
        requests += 1;
        let batch: Vec<&str> = ids.slice(range).collect();
        let body = request::body(&ctx.operation, &ctx.module, &batch);
        let body: Value = serde_json::from_slice(&body).expect("the body is JSON");
        printer.dry_request(ui, ctx, &body);
    }
    printer.dry_summary(ui, ctx, ids.len(), requests);
    ui.note(&format!(
        "dry run: {} for {}; nothing was sent",
        count(requests, "request"),
        count(ids.len(), "id")
    ));
}
