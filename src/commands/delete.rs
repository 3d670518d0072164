//! `delete`: settings → ids → (dry run | run) → output → exit.

use std::sync::Arc;

use anyhow::Result;

use crate::api::{self, Client};
use crate::cli::{DeleteArgs, Invocation};
use crate::config::{Resolved, Settings, Source};
use crate::exit::{self, Exit};
use crate::input::{self, Ids, Parsed};
use crate::output::audit_log::AuditLog;
use crate::output::failed_file::FailedFile;
use crate::output::{self, Context, Printer, Reporter, Ui, count};
use crate::retry::RetryPolicy;
use crate::run::{self, Job};

pub fn delete(inv: &Invocation, args: &DeleteArgs) -> Result<Exit> {
    let global = &inv.cli.global;
    let mut ui = Ui::new(global);
    let settings = Settings::resolve(inv)?;
    settings.warnings.iter().for_each(|w| ui.warn(w));
    let target = settings.require()?;
    let url = api::endpoint(&target.server)?;
    input::check_module(&args.module)?;
    let Parsed { ids, duplicates } = input::read(&args.ids)?;
    if ids.is_empty() {
        return Err(exit::usage(
            "no ids given: pass ids as arguments or pipe them on stdin",
        ));
    }
    if duplicates > 0 {
        let dropped = count(duplicates, "repeated id");
        ui.note(&format!("{dropped} dropped: each id is sent once"));
    }
    say_where_settings_came_from(&ui, &settings, &target);
    let batch_size = settings.batch_size.value as usize;
    let ctx = Context {
        url,
        operation: target.operation.value.clone(),
        module: args.module.clone(),
        batches: ids.len().div_ceil(batch_size),
    };
    let mut printer = output::printer(global.format());
    if args.dry_run {
        output::dry_run(&mut *printer, &mut ui, &ctx, &ids, batch_size);
        return Ok(exit::of_dry_run(&ui));
    }
    send(args, &settings, &target, Arc::new(ids), (printer, ui, ctx))
}

fn say_where_settings_came_from(ui: &Ui, settings: &Settings, target: &Resolved) {
    if settings.file_found
        && let Some(path) = settings.file.path()
    {
        ui.verbose(1, &format!("config file: {}", path.display()));
    }
    if target.operation.source == Source::TokenInferred {
        ui.verbose(
            1,
            &format!(
                "operation '{}' inferred from the token (--operation overrides it)",
                target.operation.value
            ),
        );
    }
}

/// The real run. Everything that can refuse it does so before the first
/// request: the failed-ids file, the audit log, the client.
fn send(
    args: &DeleteArgs,
    settings: &Settings,
    target: &Resolved,
    ids: Arc<Ids>,
    (printer, ui, ctx): (Box<dyn Printer>, Ui, Context),
) -> Result<Exit> {
    let failed_file = args
        .failed_file
        .as_deref()
        .map(FailedFile::create)
        .transpose()?;
    let audit = settings
        .audit_log
        .as_ref()
        .map(|s| AuditLog::open(&s.value))
        .transpose()?;
    let client = Client::new(
        ctx.url.clone(),
        &target.token,
        settings.timeout.value,
        settings.connect_timeout.value,
    )?;
    let job = Job {
        ids: ids.clone(),
        operation: ctx.operation.clone(),
        module: ctx.module.clone(),
        batch_size: settings.batch_size.value as usize,
        concurrency: settings.concurrency.value,
        policy: RetryPolicy::new(settings.retries.value, settings.backoff_base),
        verbose: ui.verbose,
    };
    let mut reporter = Reporter::new(printer, ui, ctx, ids.clone(), audit);
    let summary = run::delete_all(job, client, |event| reporter.event(event));
    let not_deleted = summary.not_deleted_ids().map(|i| ids.get(i));
    let saved = failed_file.and_then(|file| file.commit(not_deleted, reporter.ui()));
    reporter.finish(&summary, saved.as_deref());
    Ok(exit::of_run(&summary))
}
