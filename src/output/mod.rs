//! Everything the user sees: results on stdout in one of the formats
//! ([`Printer`], one file each), messages on stderr ([`Ui`]), the progress
//! bar, the audit log and the failed-ids file. Nothing else in the program
//! prints.

pub mod audit_log;
mod dry_run;
pub mod failed_file;
mod files;
mod json;
mod jsonl;
mod progress;
mod report;
mod text;

use std::io::{self, Write};
use std::time::Duration;

use reqwest::Url;
use serde_json::Value;

use anstream::{AutoStream, ColorChoice};
use anstyle::{AnsiColor, Style};

use crate::api::quota::Quota;
use crate::cli::{ColorWhen, Format, GlobalOpts};
use crate::input::Ids;
use crate::run::{Outcome, Summary};
use progress::Progress;

pub use dry_run::dry_run;
pub use report::{Reporter, Saved};

/// How many ids an error message lists before "and N more".
const LISTED: usize = 20;

/// The run's fixed facts, as every output names them.
pub struct Context {
    pub url: Url,
    /// The server's host (and port, if the URL gives one).
    pub host: String,
    pub operation: String,
    pub module: String,
    /// The config file's profile in use, if any.
    pub profile: Option<String>,
    /// This run's id, in the audit log and the json summary.
    pub run_id: String,
    /// Unique ids the run is to delete.
    pub ids: usize,
    /// Requests the run plans to send.
    pub batches: usize,
}

/// One row of `config show`: a setting's value and source, if set.
pub struct ConfigRow {
    pub key: &'static str,
    pub value: Option<(String, String)>,
}

/// What `config show` prints.
pub struct ConfigReport {
    pub path: Option<String>,
    pub found: bool,
    pub rows: Vec<ConfigRow>,
}

/// One output format. A new format is a new file with a type implementing
/// this, and a new variant of [`Format`].
pub trait Printer {
    /// A request of a real run is over.
    fn request(&mut self, ui: &mut Ui, ctx: &Context, ids: &Ids, outcome: &Outcome);
    /// A real run is over; `failed_file` is where its not-deleted ids went.
    fn summary(
        &mut self,
        ui: &mut Ui,
        ctx: &Context,
        ids: &Ids,
        summary: &Summary,
        failed_file: Option<&str>,
    );
    /// One request a dry run would send, as its JSON body.
    fn dry_request(&mut self, ui: &mut Ui, ctx: &Context, body: &Value);
    /// A dry run is over.
    fn dry_summary(&mut self, ui: &mut Ui, ctx: &Context, ids: usize, requests: usize);
    /// `config show`.
    fn config(&mut self, ui: &mut Ui, report: &ConfigReport);
    /// `quota`.
    fn quota(&mut self, ui: &mut Ui, quota: &Quota);
}

pub fn printer(format: Format) -> Box<dyn Printer + Send> {
    match format {
        Format::Text => Box::new(text::Text),
        Format::Json => Box::new(json::Json::default()),
        Format::Jsonl => Box::new(jsonl::Jsonl),
    }
}

/// stdout and stderr, with the progress bar when there is one: every line
/// is drawn above the bar, never through it. Colour is written as styles
/// and left out by anstream wherever it does not belong (not a terminal,
/// `NO_COLOR`, `--color never`).
pub struct Ui {
    pub quiet: bool,
    pub verbose: u8,
    out: AutoStream<io::Stdout>,
    /// Colour on stderr, resolved once.
    err: ColorChoice,
    progress: Option<Progress>,
    /// stdout's reader went away (`| head`): results stop, the run goes on.
    stdout_gone: bool,
    stdout_failed: bool,
}

impl Ui {
    pub fn new(global: &GlobalOpts) -> Self {
        let choice = match global.color {
            ColorWhen::Auto => ColorChoice::Auto,
            ColorWhen::Always => ColorChoice::Always,
            ColorWhen::Never => ColorChoice::Never,
        };
        Ui {
            quiet: global.quiet,
            verbose: global.verbose,
            out: AutoStream::new(io::stdout(), resolve(choice, &io::stdout())),
            err: resolve(choice, &io::stderr()),
            progress: None,
            stdout_gone: false,
            stdout_failed: false,
        }
    }

    /// Draws a bar for `total` ids on stderr, when it is a terminal and not `-q`.
    pub fn start_progress(&mut self, total: usize) {
        if !self.quiet {
            self.progress = Progress::on_terminal(total);
        }
    }

    pub fn advance(&self, ids: usize) {
        if let Some(p) = &self.progress {
            p.advance(ids);
        }
    }

    pub fn end_progress(&mut self) {
        if let Some(p) = self.progress.take() {
            p.clear();
        }
    }

    fn above_bar(&self, write: impl FnOnce()) {
        match &self.progress {
            Some(p) => p.above(write),
            None => write(),
        }
    }

    /// One line of results on stdout.
    pub fn line(&mut self, text: &str) {
        if self.stdout_gone {
            return;
        }
        let mut result = Ok(());
        let out = &mut self.out;
        let mut write = || result = writeln!(out, "{text}").and_then(|()| out.flush());
        match &self.progress {
            Some(p) => p.above(write),
            None => write(),
        }
        if let Err(e) = result {
            self.stdout_gone = true;
            // A reader that went away (`| head`) is normal; a full disk is not.
            if e.kind() != io::ErrorKind::BrokenPipe {
                self.stdout_failed = true;
                self.error(&format!("cannot write results to stdout: {e}"));
            }
        }
    }

    /// Whether writing stdout failed for a reason other than the reader leaving.
    pub fn stdout_failed(&self) -> bool {
        self.stdout_failed
    }

    fn stderr(&self, text: &str) {
        self.above_bar(|| {
            let _ = writeln!(AutoStream::new(io::stderr().lock(), self.err), "{text}");
        });
    }

    /// A line on stderr, always shown (a quiet run's summary of failures).
    pub fn stderr_line(&self, text: &str) {
        self.stderr(text);
    }

    /// Always shown.
    pub fn error(&self, text: &str) {
        self.stderr(&format!("{}: {text}", paint(ERROR, "error")));
    }

    /// Shown unless `-q`.
    pub fn warn(&self, text: &str) {
        if !self.quiet {
            self.stderr(&format!("{}: {text}", paint(WARNING, "warning")));
        }
    }

    /// Shown unless `-q`.
    pub fn note(&self, text: &str) {
        if !self.quiet {
            self.stderr(&format!("note: {text}"));
        }
    }

    /// Shown with at least `level` times `-v`.
    pub fn verbose(&self, level: u8, text: &str) {
        if self.verbose >= level {
            self.stderr(text);
        }
    }
}

/// `auto` decided once for a stream (a terminal, `NO_COLOR`, `CLICOLOR`).
fn resolve<S: anstream::stream::RawStream>(choice: ColorChoice, stream: &S) -> ColorChoice {
    match choice {
        ColorChoice::Auto => AutoStream::choice(stream),
        other => other,
    }
}

pub const GOOD: Style = AnsiColor::Green.on_default();
pub const BAD: Style = AnsiColor::Red.on_default();
pub const DOUBT: Style = AnsiColor::Yellow.on_default();
pub const TARGET: Style = Style::new().bold();
const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();

/// `text` in `style`; the streams leave the style out where colour does not belong.
pub fn paint(style: Style, text: impl std::fmt::Display) -> String {
    format!("{}{text}{}", style.render(), style.render_reset())
}

/// Empty input (a night with nothing to clean up) is no error: nothing is
/// sent, the failed file (if given) is emptied, json/jsonl get a summary of
/// zeros.
pub fn nothing_to_delete(
    printer: &mut dyn Printer,
    ui: &mut Ui,
    ctx: &Context,
    failed: Option<&std::path::Path>,
) -> io::Result<()> {
    ui.note("nothing to delete: the input holds no ids");
    if let Some(path) = failed {
        failed_file::write_now(path, std::iter::empty())?;
    }
    printer.summary(ui, ctx, &Ids::default(), &Summary::default(), None);
    Ok(())
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

/// The first ids of a list, then "and N more".
fn list_ids<'a>(ids: impl Iterator<Item = &'a str>, n: usize) -> String {
    let shown: Vec<&str> = ids.take(LISTED).collect();
    let mut text = shown.join(", ");
    if n > LISTED {
        text.push_str(&format!(" and {} more", n - LISTED));
    }
    text
}

/// At most `max` bytes of `text`, cut at a character boundary.
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
