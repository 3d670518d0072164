//! Everything the user sees: results on stdout (text, json or jsonl),
//! messages on stderr, the progress bar, the audit log and the failed-ids
//! file. Nothing else in the program prints.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use reqwest::Url;
use serde_json::{Value, json};

use crate::api::{self, Answer, Judgement};
use crate::cli::Format;
use crate::exit;
use crate::ids::Ids;
use crate::run::{BatchResult, Event, Stop, Summary};

/// How many ids an error message lists before "and N more".
const LISTED: usize = 20;
/// How much of a body `-vv` shows.
const SHOWN_BODY: usize = 4000;

/// Messages on stderr, drawn around the progress bar when there is one.
pub struct Messages {
    pub quiet: bool,
    pub verbose: u8,
    bar: Option<ProgressBar>,
}

impl Messages {
    pub fn new(quiet: bool, verbose: u8) -> Self {
        Messages {
            quiet,
            verbose,
            bar: None,
        }
    }

    fn print(&self, text: &str) {
        let write = || {
            let _ = writeln!(io::stderr().lock(), "{text}");
        };
        match &self.bar {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }

    /// Always shown.
    pub fn error(&self, text: &str) {
        self.print(&format!("error: {text}"));
    }

    /// Shown unless `-q`.
    pub fn warn(&self, text: &str) {
        if !self.quiet {
            self.print(&format!("warning: {text}"));
        }
    }

    /// Shown unless `-q`.
    pub fn note(&self, text: &str) {
        if !self.quiet {
            self.print(&format!("note: {text}"));
        }
    }

    /// Shown with at least `level` times `-v`.
    pub fn verbose(&self, level: u8, text: &str) {
        if self.verbose >= level {
            self.print(text);
        }
    }
}

/// stdout, which may be closed by its reader (`| head`): then results stop
/// being written but the run goes on and its accounting stays whole.
#[derive(Default)]
pub struct Stdout {
    gone: bool,
    failed: bool,
}

impl Stdout {
    pub fn line(&mut self, text: &str) {
        if self.gone {
            return;
        }
        let mut out = io::stdout().lock();
        if let Err(e) = writeln!(out, "{text}").and_then(|()| out.flush()) {
            self.gone = true;
            // A reader that went away (`| head`) is normal; a full disk is not.
            if e.kind() != io::ErrorKind::BrokenPipe {
                self.failed = true;
                let _ = writeln!(io::stderr(), "error: cannot write results to stdout: {e}");
            }
        }
    }

    /// Whether writing failed for a reason other than the reader leaving.
    pub fn failed(&self) -> bool {
        self.failed
    }
}

/// The run's fixed facts, as every output names them.
pub struct Context {
    pub url: Url,
    pub operation: String,
    pub module: String,
}

/// Renders a run's events as they come, then its summary.
pub struct Reporter {
    format: Format,
    msgs: Messages,
    out: Stdout,
    ctx: Context,
    ids: Arc<Ids>,
    audit: Option<AuditLog>,
    audit_failed: bool,
    /// Kept for the json document only, keyed by first id to restore input order.
    requests: Vec<(usize, Value)>,
    batches: usize,
}

impl Reporter {
    pub fn new(
        format: Format,
        mut msgs: Messages,
        ctx: Context,
        ids: Arc<Ids>,
        audit: Option<AuditLog>,
        batches: usize,
    ) -> Self {
        if batches > 1 && !msgs.quiet && io::stderr().is_terminal() {
            msgs.bar = Some(progress_bar(ids.len() as u64));
        }
        Reporter {
            format,
            msgs,
            out: Stdout::default(),
            ctx,
            ids,
            audit,
            audit_failed: false,
            requests: Vec::new(),
            batches,
        }
    }

    pub fn messages(&self) -> &Messages {
        &self.msgs
    }

    pub fn event(&mut self, event: Event) {
        match event {
            Event::Sending { range, body } => {
                if let Some(body) = body {
                    let mut text = format!("> POST {} ({} ids)", self.ctx.url, range.len());
                    for (k, v) in api::shown_headers() {
                        text.push_str(&format!("\n> {k}: {v}"));
                    }
                    text.push_str(&format!(
                        "\n> {}",
                        cut(&String::from_utf8_lossy(&body), SHOWN_BODY)
                    ));
                    self.msgs.verbose(2, &text);
                }
            }
            Event::Attempt {
                range,
                attempt,
                answer,
            } => {
                let status = match answer.status {
                    Some(s) => format!("HTTP {s}"),
                    None => "no answer".to_string(),
                };
                self.msgs.verbose(
                    1,
                    &format!(
                        "< {status} in {} ms for {} ids (attempt {attempt}){}",
                        answer.elapsed.as_millis(),
                        range.len(),
                        answer
                            .error
                            .as_ref()
                            .map(|e| format!(": {e}"))
                            .unwrap_or_default()
                    ),
                );
                if self.msgs.verbose >= 2 && answer.status.is_some() {
                    let mut text = String::new();
                    for (k, v) in &answer.headers {
                        text.push_str(&format!("< {k}: {v}\n"));
                    }
                    text.push_str(&format!("< {}", cut(&answer.text, SHOWN_BODY)));
                    self.msgs.verbose(2, &text);
                }
            }
            Event::Waiting {
                range,
                wait,
                retry_after,
                next,
                of,
            } => {
                let why = if retry_after {
                    " as the server's Retry-After asks"
                } else {
                    ""
                };
                self.msgs.verbose(
                    1,
                    &format!(
                        "waiting {:.1} s{why} before attempt {next} of {of} for {} ids",
                        wait.as_secs_f64(),
                        range.len()
                    ),
                );
            }
            Event::Done(result) => self.done(&result),
            Event::Interrupted => self.msgs.warn(
                "interrupted: no new requests will start; waiting for those in flight \
                 (press Ctrl-C again to stop at once)",
            ),
        }
    }

    fn done(&mut self, result: &BatchResult) {
        if let Some(bar) = &self.msgs.bar {
            bar.inc(result.range.len() as u64);
        }
        let answer = &result.answer;
        self.audit(
            result.range.clone(),
            outcome(answer.judgement),
            Some(answer),
            answer.error.as_deref(),
            result.attempts,
        );
        let ids = || self.ids.slice(result.range.clone());
        match self.format {
            Format::Text if result.deleted() => {
                let what = match result.range.len() {
                    1 => format!("1 id ({})", self.ids.get(result.range.start)),
                    n => format!("{n} ids"),
                };
                let msg = answer.msg().map(|m| format!(": {m}")).unwrap_or_default();
                self.out
                    .line(&format!("deleted {what} from {}{msg}", self.ctx.module));
            }
            Format::Text => {
                let tries = if result.attempts > 1 {
                    format!(" (after {} attempts)", result.attempts)
                } else {
                    String::new()
                };
                let error = answer.error.as_deref().unwrap_or("failed");
                let what = match result.range.len() {
                    1 => format!("{} was", self.ids.get(result.range.start)),
                    n => format!("{n} ids were"),
                };
                let list = if result.range.len() > 1 {
                    format!(": {}", list_ids(ids(), result.range.len()))
                } else {
                    String::new()
                };
                self.msgs.error(&format!(
                    "{what} not deleted from {}: {error}{tries}{list}",
                    self.ctx.module
                ));
            }
            Format::Json => self
                .requests
                .push((result.range.start, request_json(ids(), result))),
            Format::Jsonl => {
                let line = request_json(ids(), result).to_string();
                self.out.line(&line);
            }
        }
    }

    fn audit(
        &mut self,
        range: std::ops::Range<usize>,
        outcome: &str,
        answer: Option<&Answer>,
        error: Option<&str>,
        attempts: u32,
    ) {
        let Some(log) = &mut self.audit else { return };
        if let Err(e) = log.record(
            &self.ctx,
            self.ids.slice(range),
            outcome,
            answer,
            error,
            attempts,
        ) && !self.audit_failed
        {
            self.audit_failed = true;
            self.msgs.error(&format!(
                "cannot write the audit log {}: {e}",
                log.path.display()
            ));
        }
    }

    /// The summary; `failed_file` is where not-deleted ids were saved, if anywhere.
    pub fn finish(&mut self, summary: &Summary, failed_file: Option<&Path>) {
        for range in &summary.abandoned {
            let error = "abandoned by a second Ctrl-C before the answer arrived; the server may have acted on it";
            self.audit(range.clone(), "failed", None, Some(error), 1);
        }
        if let Some(bar) = self.msgs.bar.take() {
            bar.finish_and_clear();
        }
        let not_sent = summary.not_sent();
        match summary.stop {
            Stop::AuthRefused => self.msgs.error(&format!(
                "stopped: the server refused the token or operation; {} not sent; \
                 check the token and operation (or wait if the server is in maintenance)",
                count(not_sent, "id")
            )),
            Stop::Interrupted | Stop::Aborted => self.msgs.warn(&format!(
                "interrupted: {} not deleted ({not_sent} never sent)",
                count(summary.not_deleted(), "id")
            )),
            Stop::Finished => {}
        }
        let failed_ids = || {
            (0..summary.requested())
                .filter(|&i| !summary.deleted[i])
                .map(|i| self.ids.get(i))
        };
        match self.format {
            Format::Text => {
                if self.batches > 1 || summary.not_deleted() > 0 {
                    let mut line = format!(
                        "{} of {} deleted from {} ({})",
                        summary.deleted_count,
                        count(summary.requested(), "id"),
                        self.ctx.module,
                        count(summary.requests_done, "request")
                    );
                    if summary.not_deleted() > 0 {
                        line.push_str(&match failed_file {
                            Some(p) => format!("; {} not deleted, listed in {}", summary.not_deleted(), p.display()),
                            None => format!(
                                "; {} not deleted (add --failed-file FILE to save them for another run)",
                                summary.not_deleted()
                            ),
                        });
                    }
                    self.out.line(&line);
                }
            }
            Format::Json => {
                let mut requests = std::mem::take(&mut self.requests);
                requests.sort_by_key(|(first, _)| *first);
                let requests: Vec<Value> = requests.into_iter().map(|(_, r)| r).collect();
                let doc = json!({
                    "server": self.ctx.url.as_str(),
                    "operation": self.ctx.operation,
                    "module": self.ctx.module,
                    "requested": summary.requested(),
                    "deleted": summary.deleted_count,
                    "failed": summary.not_deleted(),
                    "failed_ids": failed_ids().collect::<Vec<_>>(),
                    "requests": requests,
                });
                self.out
                    .line(&serde_json::to_string_pretty(&doc).expect("json values serialise"));
            }
            Format::Jsonl => {
                let line = json!({"summary": {
                    "requested": summary.requested(),
                    "deleted": summary.deleted_count,
                    "failed": summary.not_deleted(),
                    "failed_ids": failed_ids().collect::<Vec<_>>(),
                }});
                self.out.line(&line.to_string());
            }
        }
    }
}

fn progress_bar(total: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{bar:30} {pos}/{len} ids  {rate}  {eta} left")
        .expect("the template is valid")
        .with_key(
            "rate",
            |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0} ids/s", state.per_sec());
            },
        );
    bar.set_style(style);
    bar
}

fn outcome(judgement: Judgement) -> &'static str {
    match judgement {
        Judgement::Deleted => "deleted",
        Judgement::Refused | Judgement::AuthRefused => "refused",
        Judgement::Retry | Judgement::Failed => "failed",
    }
}

/// One request as json and jsonl show it.
fn request_json<'a>(ids: impl Iterator<Item = &'a str>, result: &BatchResult) -> Value {
    let ids: Vec<&str> = ids.collect();
    json!({
        "ids": ids,
        "ok": result.deleted(),
        "http_status": result.answer.status,
        "response": result.answer.response,
        "error": result.answer.error,
        "attempts": result.attempts,
    })
}

fn list_ids<'a>(ids: impl Iterator<Item = &'a str>, n: usize) -> String {
    let shown: Vec<&str> = ids.take(LISTED).collect();
    let mut text = shown.join(", ");
    if n > LISTED {
        text.push_str(&format!(" and {} more", n - LISTED));
    }
    text
}

fn cut(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes in all)", &text[..end], text.len())
}

/// One JSON line per request, appended and flushed as each request ends.
pub struct AuditLog {
    path: PathBuf,
    file: File,
}

impl AuditLog {
    /// Opens (or creates) the log before anything is sent, so a bad path
    /// stops the run before it deletes anything unrecorded.
    pub fn open(path: &Path) -> Result<AuditLog> {
        let file = OpenOptions::new()
            .append(true)
            .create(true)
            .open(path)
            .map_err(|e| {
                exit::usage(format!("cannot open the audit log {}: {e}", path.display()))
            })?;
        Ok(AuditLog {
            path: path.to_path_buf(),
            file,
        })
    }

    fn record<'a>(
        &mut self,
        ctx: &Context,
        ids: impl Iterator<Item = &'a str>,
        outcome: &str,
        answer: Option<&Answer>,
        error: Option<&str>,
        attempts: u32,
    ) -> io::Result<()> {
        let field = |key: &str| answer.and_then(|a| a.field(key)).cloned();
        let server_error = field("error").filter(|e| e.as_str() != Some(""));
        let line = json!({
            "time": humantime::format_rfc3339_millis(SystemTime::now()).to_string(),
            "server": ctx.url.as_str(),
            "operation": ctx.operation,
            "module": ctx.module,
            "ids": ids.collect::<Vec<_>>(),
            "outcome": outcome,
            "http_status": answer.and_then(|a| a.status),
            "code": field("code"),
            "msg": field("msg"),
            "error": server_error.or_else(|| error.map(|e| Value::String(e.to_string()))),
            "attempts": attempts,
        });
        let mut text = line.to_string();
        text.push('\n');
        // One write of a whole line to a file opened for appending: lines of
        // two runs sharing the file cannot interleave.
        self.file.write_all(text.as_bytes())?;
        self.file.flush()
    }
}

/// The failed-ids file: prepared before the run (so a bad path is caught
/// before anything is deleted), written whole at the end, and renamed into
/// place so a reader never sees half of it.
pub struct FailedFile {
    path: PathBuf,
    temp: PathBuf,
    file: Option<File>,
}

impl FailedFile {
    pub fn create(path: &Path) -> Result<FailedFile> {
        let bad = |why: String| {
            exit::usage(format!(
                "cannot write the failed-ids file {}: {why}",
                path.display()
            ))
        };
        if path.is_dir() {
            return Err(bad("it is a directory".into()));
        }
        let name = path.file_name().ok_or_else(|| bad("no file name".into()))?;
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let temp = dir.join(format!(
            ".{}.{}.tmp",
            name.to_string_lossy(),
            std::process::id()
        ));
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(|e| bad(e.to_string()))?;
        Ok(FailedFile {
            path: path.to_path_buf(),
            temp,
            file: Some(file),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn commit<'a>(mut self, ids: impl Iterator<Item = &'a str>) -> io::Result<()> {
        let file = self.file.take().expect("committed once");
        let mut w = BufWriter::new(file);
        for id in ids {
            w.write_all(id.as_bytes())?;
            w.write_all(b"\n")?;
        }
        w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&self.temp, &self.path)
    }
}

impl Drop for FailedFile {
    fn drop(&mut self) {
        if self.file.is_some() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Prints the requests a run would send, and sends nothing. False when
/// stdout could not take them.
pub fn dry_run(
    format: Format,
    ctx: &Context,
    ids: &Ids,
    batch_size: usize,
    msgs: &Messages,
) -> bool {
    let mut out = Stdout::default();
    let mut requests = Vec::new();
    let mut requests_count = 0;
    for range in ids.batches(batch_size) {
        requests_count += 1;
        let batch: Vec<&str> = ids.slice(range).collect();
        let body = api::body(&ctx.operation, &ctx.module, &batch);
        let body = String::from_utf8(body).expect("serde_json writes UTF-8");
        match format {
            Format::Text => {
                let mut text = format!("POST {} HTTP/1.1\n", ctx.url);
                for (k, v) in api::shown_headers() {
                    text.push_str(&format!("{k}: {v}\n"));
                }
                text.push('\n');
                text.push_str(&body);
                text.push('\n');
                out.line(&text);
            }
            Format::Json | Format::Jsonl => {
                let headers: serde_json::Map<String, Value> = api::shown_headers()
                    .iter()
                    .map(|(k, v)| (k.to_string(), Value::from(*v)))
                    .collect();
                let request = json!({
                    "method": "POST",
                    "url": ctx.url.as_str(),
                    "headers": headers,
                    "body": serde_json::from_str::<Value>(&body).expect("the body is JSON"),
                });
                if format == Format::Jsonl {
                    out.line(&request.to_string());
                } else {
                    requests.push(request);
                }
            }
        }
    }
    match format {
        Format::Json => {
            let doc = json!({
                "dry_run": true,
                "server": ctx.url.as_str(),
                "operation": ctx.operation,
                "module": ctx.module,
                "requested": ids.len(),
                "requests": requests,
            });
            out.line(&serde_json::to_string_pretty(&doc).expect("json values serialise"));
        }
        Format::Jsonl => out.line(&json!({"summary": {"dry_run": true, "requested": ids.len(), "requests": requests_count}}).to_string()),
        Format::Text => {}
    }
    msgs.note(&format!(
        "dry run: {} for {}; nothing was sent",
        count(requests_count, "request"),
        count(ids.len(), "id")
    ));
    !out.failed()
}

/// "1 id", "2 ids".
pub fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// For messages: how long, readably.
pub fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{s} s")
    }
}
