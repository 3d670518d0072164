//! The audit log: one JSON line per request, appended with one `write` on a
//! file opened `O_APPEND`, by the worker that sent the request before it
//! starts another. Each line says when, by whom, from which machine, with
//! which tool and run, what was asked and what the server answered; never
//! the token.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::Result;
use serde_json::{Value, json};

use super::Context;
use super::files::writable_target;
use crate::api::Answer;
use crate::config::{Setting, Source};
use crate::exit;
use crate::run::{Fate, Outcome};

pub struct AuditLog {
    path: PathBuf,
    file: File,
    /// What every line of this run repeats.
    fixed: Value,
}

impl AuditLog {
    /// Opens (or creates) the log before anything is sent, so a bad path
    /// stops the run before it deletes anything unrecorded.
    pub fn open(setting: &Setting<PathBuf>, ctx: &Context) -> Result<AuditLog> {
        let path = &setting.value;
        // A bad path in the config file is a configuration error; on the
        // command line, a usage error.
        let bad = |why: String| {
            let text = format!(
                "cannot open the audit log {} ({}): {why}",
                path.display(),
                setting.source
            );
            match setting.source {
                Source::Flag(_) => exit::usage(text),
                _ => exit::config(text),
            }
        };
        writable_target(path).map_err(bad)?;
        let file = OpenOptions::new()
            .append(true)
            .create(true)
            .open(path)
            .map_err(|e| bad(e.to_string()))?;
        let fixed = json!({
            "run_id": ctx.run_id,
            "version": env!("CARGO_PKG_VERSION"),
            "user": user_name(),
            "host": host_name(),
            "profile": ctx.profile,
            "server": ctx.url.as_str(),
            "operation": ctx.operation,
            "module": ctx.module,
        });
        Ok(AuditLog {
            path: path.to_path_buf(),
            file,
            fixed,
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
            "started": humantime::format_rfc3339_millis(outcome.started).to_string(),
            "elapsed_ms": outcome.elapsed.as_millis() as u64,
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
            "started": null,
            "elapsed_ms": null,
        }))
    }

    fn write(&self, record: Value) -> io::Result<()> {
        let mut line = json!({
            "time": humantime::format_rfc3339_millis(SystemTime::now()).to_string(),
        });
        if let (Value::Object(line), Value::Object(fixed), Value::Object(record)) =
            (&mut line, self.fixed.clone(), record)
        {
            line.extend(fixed);
            line.extend(record);
        }
        let mut text = line.to_string();
        text.push('\n');
        // One write of a whole line to a file opened for appending: lines of
        // two runs sharing the file cannot interleave.
        (&self.file).write_all(text.as_bytes())
    }
}

/// The name of the user the process runs as (the password database's,
/// else `$USER`), or its uid.
fn user_name() -> String {
    #[cfg(unix)]
    {
        // SAFETY: geteuid cannot fail; getpwuid_r writes only into the
        // buffers given, and the name is read before they go out of scope.
        unsafe {
            let uid = libc::geteuid();
            let mut pwd: libc::passwd = std::mem::zeroed();
            let mut buf = vec![0 as libc::c_char; 4096];
            let mut found: *mut libc::passwd = std::ptr::null_mut();
            let rc = libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut found);
            if rc == 0 && !found.is_null() && !pwd.pw_name.is_null() {
                return std::ffi::CStr::from_ptr(pwd.pw_name)
                    .to_string_lossy()
                    .into_owned();
            }
            std::env::var("USER").unwrap_or_else(|_| uid.to_string())
        }
    }
    #[cfg(not(unix))]
    std::env::var("USERNAME").unwrap_or_default()
}

/// This machine's host name.
fn host_name() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: gethostname writes at most buf.len() bytes into buf.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return String::new();
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
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
