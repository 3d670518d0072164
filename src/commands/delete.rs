//! `delete`: settings → ids → (dry run | run) → output → exit.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use anyhow::Result;

use crate::api::{self, Client};
use crate::cli::{DeleteArgs, Invocation};
use crate::config::{Resolved, Settings, Source, TokenSpec};
use crate::exit::{self, Exit};
use crate::input::{self, Ids, Input, Parsed};
use crate::output::audit_log::AuditLog;
use crate::output::failed_file::{self, FailedFile};
use crate::output::{self, Context, Printer, Reporter, Saved, Ui, count};
use crate::retry::RetryPolicy;
use crate::run::{self, Interrupt, Job};
use crate::safety;
use crate::signals::Signal;

/// How long a stopping run waits for its summary to be printed before it
/// ends anyway (stdout may be a pipe nobody reads).
const PRINT_WAIT: Duration = Duration::from_secs(3);

pub fn delete(inv: &Invocation, args: &DeleteArgs) -> Result<Exit> {
    let early = Arc::new(BeforeSending::default());
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
    early: &BeforeSending,
) -> Result<Next<'a>> {
    settings.warnings.iter().for_each(|w| ui.warn(w));
    let target = settings.require()?;
    let url = api::endpoint(&target.server.value)?;
    input::check_module(&args.module)?;
    let ids = read_ids(args, ui, early)?;
    say_where_settings_came_from(ui, settings, &target);
    let batch_size = settings.batch_size.value as usize;
    let ctx = Context {
        host: api::host(&url),
        url,
        operation: target.operation.value.clone(),
        module: args.module.clone(),
        profile: settings.profile.as_ref().map(|p| p.value.clone()),
        run_id: run::new_run_id(),
        batches: ids.len().div_ceil(batch_size),
    };
    ui.verbose(1, &format!("run id: {}", ctx.run_id));
    let mut printer = output::printer(inv.cli.global.format());
    if ids.is_empty() {
        return Ok(Next::Done(nothing_to_delete(&mut *printer, ui, &ctx, args)));
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
fn read_ids(args: &DeleteArgs, ui: &Ui, early: &BeforeSending) -> Result<Arc<Ids>> {
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

/// Empty input (a night with nothing to clean up) is no error: nothing is
/// sent, the failed file is emptied, json/jsonl get a summary of zeros.
fn nothing_to_delete(
    printer: &mut dyn Printer,
    ui: &mut Ui,
    ctx: &Context,
    args: &DeleteArgs,
) -> Exit {
    ui.note("nothing to delete: the input holds no ids");
    if let Some(path) = &args.failed_file
        && !args.dry_run
        && let Err(e) = failed_file::write_now(path, std::iter::empty())
    {
        ui.error(&format!(
            "cannot write the failed-ids file {}: {e}",
            path.display()
        ));
        return Exit::Failure;
    }
    if !args.dry_run {
        printer.summary(ui, ctx, &Ids::default(), &run::Summary::default(), None);
    }
    exit::of_dry_run(ui)
}

/// With `-v`: where the server, token and operation came from, so that a
/// variable silently overriding a profile is visible.
fn say_where_settings_came_from(ui: &Ui, settings: &Settings, target: &Resolved) {
    if settings.file_found
        && let Some(path) = settings.file.path()
    {
        ui.verbose(1, &format!("config file: {}", path.display()));
    }
    let server = api::redact_userinfo(&target.server.value);
    ui.verbose(1, &format!("server: {server} ({})", target.server.source));
    ui.verbose(
        1,
        &format!("token: (redacted) ({})", token_source(settings, target)),
    );
    let operation = &target.operation;
    let hint = match operation.source {
        Source::TokenInferred => "; --operation overrides it",
        _ => "",
    };
    ui.verbose(
        1,
        &format!(
            "operation: {} ({}{hint})",
            operation.value, operation.source
        ),
    );
}

fn token_source(settings: &Settings, target: &Resolved) -> String {
    match settings.token.as_ref().map(|t| &t.value) {
        Some(TokenSpec::Command(_)) => format!("{} token_command", target.token.source),
        _ => target.token.source.to_string(),
    }
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
    let safety = safety::Plan {
        ids: ids.len(),
        requests: ctx.batches,
        module: &ctx.module,
        operation: &ctx.operation,
        host: &ctx.host,
        profile: ctx.profile.as_deref(),
    };
    safety::check_cap(&safety, settings.max_delete.as_ref())?;
    if args.check_quota {
        check_quota(&client, &ctx, &ui)?;
    }
    safety::confirm(&safety, args.yes)?;
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
    let saved = save(failed, &summary, &ids);
    let wait = interrupt.signal().map(|_| PRINT_WAIT);
    let ui = reporting.finish(summary.clone(), saved, wait);
    Ok(exit::of_run(&summary, interrupt.signal(), ui.as_ref()))
}

/// `--check-quota`: refuse a run that needs more requests than the token
/// has left today. An answer that cannot be read is only a warning.
fn check_quota(client: &Client, ctx: &Context, ui: &Ui) -> Result<()> {
    let answer = client.get(api::quota::url(&ctx.url, &ctx.operation));
    match api::quota::read(&answer) {
        Ok(quota) if ctx.batches as u64 > quota.remaining() => Err(exit::safety(format!(
            "this run needs {} requests but the token has {} left today (limit {}); the count \
             restarts {}; nothing was sent",
            ctx.batches,
            quota.remaining(),
            quota.limit,
            quota.restart()
        ))),
        Ok(quota) => {
            let left = quota.remaining();
            ui.verbose(
                1,
                &format!("quota: {} requests needed, {left} left today", ctx.batches),
            );
            Ok(())
        }
        Err(why) => {
            ui.warn(&format!(
                "cannot read the token's quota ({why}); going on without the check"
            ));
            Ok(())
        }
    }
}

/// Writes the ids not deleted to the failed-ids file, if one was asked for.
fn save(failed: Option<FailedFile>, summary: &run::Summary, ids: &Ids) -> Saved {
    let Some(file) = failed else {
        return Saved::NotAsked;
    };
    let path = file.path().display().to_string();
    match file.commit(summary.not_deleted_ids().map(|i| ids.get(i))) {
        Ok(()) => Saved::Written(path),
        Err(e) => Saved::Failed {
            path,
            error: e.to_string(),
        },
    }
}

/// What a stop before the first request must settle: the failed-ids file
/// (once checked) must not be left as an earlier run's.
#[derive(Default)]
struct BeforeSending {
    failed_file: OnceLock<PathBuf>,
    /// Every id, once the input was read whole.
    ids: OnceLock<Arc<Ids>>,
}

impl BeforeSending {
    /// A signal before the run: settle the file; the process then ends.
    fn interrupted(&self, signal: Signal) {
        crate::config::stop_command();
        eprintln!(
            "wolkvox: interrupted by {} before anything was sent",
            signal.name()
        );
        if let Some(note) = self.settle_quietly() {
            eprintln!("note: {note}");
        }
    }

    fn settle(&self, ui: &Ui) {
        if let Some(note) = self.settle_quietly() {
            ui.note(&note);
        }
    }

    /// If every id was read, the file lists them all (none was deleted);
    /// if not, the file is removed. Returns what was done, for the user.
    fn settle_quietly(&self) -> Option<String> {
        let path: &Path = self.failed_file.get()?;
        let shown = path.display();
        let done = match self.ids.get() {
            Some(ids) => failed_file::write_now(path, ids.slice(0..ids.len())).map(|()| {
                format!(
                    "{shown} lists all {}: none was deleted",
                    count(ids.len(), "id")
                )
            }),
            None => failed_file::remove(path)
                .map(|()| format!("{shown} was removed: the input was not read completely")),
        };
        Some(done.unwrap_or_else(|e| format!("cannot update the failed-ids file {shown}: {e}")))
    }
}
