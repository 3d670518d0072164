//! The audit log: one JSON line per request, appended with one `write` on a
//! file opened `O_APPEND`, by the worker that sent the request before it
//! starts another. It never holds the token.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::Result;
use serde_json::{Value, json};

use super::Context;
use super::files::writable_target;
use crate::api::Answer;
use crate::exit;
use crate::run::{Fate, Outcome};

pub struct AuditLog {
    path: PathBuf,
    file: File,
    server: String,
    operation: String,
    module: String,
}

impl AuditLog {
    /// Opens (or creates) the log before anything is sent, so a bad path
    /// stops the run before it deletes anything unrecorded.
    pub fn open(path: &Path, ctx: &Context) -> Result<AuditLog> {
        let bad = |why: String| {
            exit::usage(format!(
                "cannot open the audit log {}: {why}",
                path.display()
            ))
        };
        writable_target(path).map_err(bad)?;
        let file = OpenOptions::new()
            .append(true)
            .create(true)
            .open(path)
            .map_err(|e| bad(e.to_string()))?;
        Ok(AuditLog {
            path: path.to_path_buf(),
            file,
            server: ctx.url.to_string(),
            operation: ctx.operation.clone(),
            module: ctx.module.clone(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The line for one finished request.
    pub fn record<'a>(
        &self,
        ids: impl Iterator<Item = &'a str>,
        outcome: &Outcome,
    ) -> io::Result<()> {
        let answer = &outcome.answer;
        let error = answer
            .field("error")
            .cloned()
            .filter(|e| e.as_str() != Some(""));
        let error = error.or_else(|| answer.error.clone().map(Value::String));
        self.write(json!({
            "ids": ids.collect::<Vec<_>>(),
            "outcome": word(outcome.fate),
            "http_status": answer.status,
            "code": field(answer, "code"),
            "msg": field(answer, "msg"),
            "error": error,
            "attempts": outcome.attempts,
            "split": outcome.split,
        }))
    }

    /// The line for a request given up on by a second signal.
    pub fn record_abandoned<'a>(&self, ids: impl Iterator<Item = &'a str>) -> io::Result<()> {
        self.write(json!({
            "ids": ids.collect::<Vec<_>>(),
            "outcome": word(Fate::Unconfirmed),
            "http_status": null,
            "code": null,
            "msg": null,
            "error": "abandoned by a second Ctrl-C before the answer arrived; the server may have acted on it",
            "attempts": 1,
            "split": false,
        }))
    }

    fn write(&self, record: Value) -> io::Result<()> {
        let mut line = json!({
            "time": humantime::format_rfc3339_millis(SystemTime::now()).to_string(),
            "server": self.server,
            "operation": self.operation,
            "module": self.module,
        });
        if let (Value::Object(line), Value::Object(record)) = (&mut line, record) {
            line.extend(record);
        }
        let mut text = line.to_string();
        text.push('\n');
        // One write of a whole line to a file opened for appending: lines of
        // two runs sharing the file cannot interleave.
        (&self.file).write_all(text.as_bytes())
    }
}

fn field(answer: &Answer, key: &str) -> Option<Value> {
    answer.field(key).cloned()
}

/// The log's word for a fate: `failed` for ids never sent.
fn word(fate: Fate) -> &'static str {
    match fate {
        Fate::Deleted => "deleted",
        Fate::Refused => "refused",
        Fate::Unconfirmed => "unconfirmed",
        Fate::NotSent => "failed",
    }
}
