//! `delete`: settings → ids → (dry run | run) → output → exit.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;

use crate::api::{self, Client};
use crate::cli::{DeleteArgs, Invocation};
use crate::config::{Resolved, Settings};
use crate::exit::{self, Exit};
use crate::input::{self, Ids, Input, Parsed};
use crate::output::audit_log::AuditLog;
use crate::output::failed_file::{self, FailedFile, Settle};
use crate::output::{self, Context, Printer, Reporter, Ui, count};
use crate::retry::RetryPolicy;
use crate::run::{self, Interrupt, Job};
use crate::safety;

/// How long a stopping run waits for its summary to be printed before it
/// ends anyway (stdout may be a pipe nobody reads).
const PRINT_WAIT: Duration = Duration::from_secs(3);

pub fn delete(inv: &Invocation, args: &DeleteArgs) -> Result<Exit> {
    let early = Arc::new(Settle::default());
    let hook = early.clone();
    let (interrupt, _signals) = Interrupt::install(move |signal| hook.interrupted(signal));
    let mut ui = Ui::new(&inv.cli.global);
    let settings = Settings::resolve(inv)?;
    if let Some(path) = &args.failed_file {
        let audit = settings.audit_log.as_ref().map(|s| s.value.as_path());
        failed_file::check(path, audit)?;
        let _ = early.failed_file.set(path.clone());
    }
    let result = match prepare(inv, args, &settings, &mut ui, &early) {
        Ok(Next::Send(plan)) => send(*plan, &interrupt),
        Ok(Next::Done(exit)) => return Ok(exit),
        Err(e) => Err(e),
    };
    // Nothing was sent: the failed file must not be an earlier run's.
    if result.is_err() {
        early.settle(&ui);
    }
    result
}

/// What a real run needs, all checked.
struct Plan<'a> {
    args: &'a DeleteArgs,
    settings: &'a Settings,
    target: Resolved,
    ids: Arc<Ids>,
    printer: Box<dyn Printer + Send>,
    ui: Ui,
    ctx: Context,
}

/// What `prepare` leaves to do.
enum Next<'a> {
    Send(Box<Plan<'a>>),
    /// A dry run printed its requests, or there was nothing to delete.
    Done(Exit),
}

/// Settings, token and ids, checked; a dry run prints its requests here.
fn prepare<'a>(
    inv: &Invocation,
    args: &'a DeleteArgs,
    settings: &'a Settings,
    ui: &mut Ui,
    early: &Settle,
) -> Result<Next<'a>> {
    settings.warnings.iter().for_each(|w| ui.warn(w));
    let target = settings.require()?;
    let url = api::endpoint(&target.server.value)?;
    input::check_module(&args.module)?;
    let ids = read_ids(args, ui, early)?;
    settings
        .sources(&target)
        .iter()
        .for_each(|line| ui.verbose(1, line));
    let batch_size = settings.batch_size.value as usize;
    let ctx = Context {
        host: api::host(&url),
        url,
        operation: target.operation.value.clone(),
        module: args.module.clone(),
        profile: settings.profile.as_ref().map(|p| p.value.clone()),
        run_id: run::new_run_id(),
        ids: ids.len(),
        batches: ids.len().div_ceil(batch_size),
    };
    ui.verbose(1, &format!("run id: {}", ctx.run_id));
    let mut printer = output::printer(inv.cli.global.format());
    if ids.is_empty() {
        return Ok(Next::Done(nothing(args, &mut *printer, ui, &ctx)));
    }
    if args.dry_run {
        output::dry_run(&mut *printer, ui, &ctx, &ids, batch_size);
        return Ok(Next::Done(exit::of_dry_run(ui)));
    }
    let ui = std::mem::replace(ui, Ui::new(&inv.cli.global));
    let plan = Plan {
        args,
        settings,
        target,
        ids,
        printer,
        ui,
        ctx,
    };
    Ok(Next::Send(Box::new(plan)))
}

/// Every id of every source, checked; repeats dropped with a note.
fn read_ids(args: &DeleteArgs, ui: &Ui, early: &Settle) -> Result<Arc<Ids>> {
    let column = args.column();
    let source = Input {
        args: &args.ids,
        files: &args.files,
        column: column.as_ref(),
    };
    let Parsed { ids, duplicates } = input::read(&source)?;
    let ids = Arc::new(ids);
    let _ = early.ids.set(ids.clone());
    if duplicates > 0 {
        let dropped = count(duplicates, "repeated id");
        ui.note(&format!("{dropped} dropped: each id is sent once"));
    }
    Ok(ids)
}

/// A night with nothing to delete: exit 0, unless its files cannot be written.
fn nothing(args: &DeleteArgs, printer: &mut dyn Printer, ui: &mut Ui, ctx: &Context) -> Exit {
    if args.dry_run {
        ui.note("nothing to delete: the input holds no ids");
        return exit::of_dry_run(ui);
    }
    match output::nothing_to_delete(printer, ui, ctx, args.failed_file.as_deref()) {
        Ok(()) => exit::of_dry_run(ui),
        Err(e) => {
            ui.error(&format!("cannot write the failed-ids file: {e}"));
            Exit::Failure
        }
    }
}

/// The safety checks, last before the first request: the cap, the quota
/// (if asked), the question.
fn guard(
    args: &DeleteArgs,
    settings: &Settings,
    ctx: &Context,
    client: &Client,
    ui: &Ui,
) -> Result<()> {
    let plan = safety::Plan {
        ids: ctx.ids,
        requests: ctx.batches,
        module: &ctx.module,
        operation: &ctx.operation,
        host: &ctx.host,
        profile: ctx.profile.as_deref(),
    };
    safety::check_cap(&plan, settings.max_delete.as_ref())?;
    if args.check_quota {
        safety::check_quota(client, ctx, ui)?;
    }
    safety::confirm(&plan, args.yes)
}

/// The real run. Everything that can refuse it does so before the first
/// request: the failed-ids file, the audit log, the client, the safety checks.
fn send(plan: Plan, interrupt: &Interrupt) -> Result<Exit> {
    let Plan {
        args,
        settings,
        target,
        ids,
        printer,
        ui,
        ctx,
    } = plan;
    let failed = args
        .failed_file
        .as_deref()
        .map(FailedFile::create)
        .transpose()?;
    let audit = settings
        .audit_log
        .as_ref()
        .map(|s| AuditLog::open(s, &ctx).map(Arc::new))
        .transpose()?;
    let client = Client::new(
        ctx.url.clone(),
        &target.token.value,
        settings.timeout.value,
        settings.connect_timeout.value,
    )?;
    guard(args, settings, &ctx, &client, &ui)?;
    let job = Job {
        ids: ids.clone(),
        operation: ctx.operation.clone(),
        module: ctx.module.clone(),
        batch_size: settings.batch_size.value as usize,
        concurrency: settings.concurrency.value,
        policy: RetryPolicy::new(settings.retries.value, settings.backoff_base),
        split: !args.no_split,
        time_limit: settings.api_time_limit,
        audit,
        verbose: ui.verbose,
    };
    let reporting = Reporter::new(printer, ui, ctx, ids.clone()).spawn();
    let summary = Arc::new(run::delete_all(job, client, interrupt, |e| {
        reporting.event(e)
    }));
    let saved = failed_file::save(failed, summary.not_deleted_ids().map(|i| ids.get(i)));
    let wait = interrupt.signal().map(|_| PRINT_WAIT);
    let ui = reporting.finish(summary.clone(), saved, wait);
    Ok(exit::of_run(&summary, interrupt.signal(), ui.as_ref()))
}
