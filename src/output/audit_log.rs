//! The audit log: one JSON line per request, appended and flushed as each
//! request ends, never holding the token.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::Result;
use serde_json::{Value, json};

use super::Context;
use crate::api::Answer;
use crate::exit;

pub struct AuditLog {
    path: PathBuf,
    file: File,
}

/// What one line records.
pub struct Record<'a, I> {
    pub ids: I,
    pub outcome: &'a str,
    pub answer: Option<&'a Answer>,
    pub error: Option<&'a str>,
    pub attempts: u32,
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

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn record<'a>(
        &mut self,
        ctx: &Context,
        record: Record<'_, impl Iterator<Item = &'a str>>,
    ) -> io::Result<()> {
        let field = |key: &str| record.answer.and_then(|a| a.field(key)).cloned();
        let server_error = field("error").filter(|e| e.as_str() != Some(""));
        let error = server_error.or_else(|| record.error.map(|e| Value::String(e.to_string())));
        let line = json!({
            "time": humantime::format_rfc3339_millis(SystemTime::now()).to_string(),
            "server": ctx.url.as_str(),
            "operation": ctx.operation,
            "module": ctx.module,
            "ids": record.ids.collect::<Vec<_>>(),
            "outcome": record.outcome,
            "http_status": record.answer.and_then(|a| a.status),
            "code": field("code"),
            "msg": field("msg"),
            "error": error,
            "attempts": record.attempts,
        });
        let mut text = line.to_string();
        text.push('\n');
        // One write of a whole line to a file opened for appending: lines of
        // two runs sharing the file cannot interleave.
        self.file.write_all(text.as_bytes())?;
        self.file.flush()
    }
}
