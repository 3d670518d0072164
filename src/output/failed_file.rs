//! The failed-ids file: checked and prepared before the run (a bad path is
//! caught before anything is deleted), written whole at the end into a
//! temporary file renamed into place, so a reader never sees half of it and
//! a symbolic link is replaced, never followed. An existing file keeps its
//! permission bits.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::files::{same_file, writable_target};
use super::{Saved, Ui, count};
use crate::exit;
use crate::input::Ids;
use crate::signals::Signal;
use std::sync::{Arc, OnceLock};

pub struct FailedFile {
    path: PathBuf,
    temp: PathBuf,
    file: Option<File>,
}

/// Checks that `path` can be the failed-ids file: a regular file or
/// nothing yet, and not the audit log.
pub fn check(path: &Path, audit_log: Option<&Path>) -> Result<()> {
    let bad = |why: String| {
        exit::usage(format!(
            "cannot write the failed-ids file {}: {why}",
            path.display()
        ))
    };
    writable_target(path).map_err(bad)?;
    if audit_log.is_some_and(|log| same_file(path, log)) {
        return Err(bad(
            "it is also the audit log; give each its own file".into()
        ));
    }
    path.file_name().ok_or_else(|| bad("no file name".into()))?;
    Ok(())
}

impl FailedFile {
    /// Prepares the file (already [`check`]ed): its temporary file is made
    /// now, so a directory that cannot be written stops the run before it starts.
    pub fn create(path: &Path) -> Result<FailedFile> {
        let temp = temp_path(path, "run");
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(|e| {
                exit::usage(format!(
                    "cannot write the failed-ids file {}: {e}",
                    path.display()
                ))
            })?;
        Ok(FailedFile {
            path: path.to_path_buf(),
            temp,
            file: Some(file),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `ids` and puts the file in place.
    pub fn commit<'a>(mut self, ids: impl Iterator<Item = &'a str>) -> io::Result<()> {
        let file = self.file.take().expect("committed once");
        let written = fill(file, ids, &self.path).and_then(|()| fs::rename(&self.temp, &self.path));
        if written.is_err() {
            let _ = fs::remove_file(&self.temp);
        }
        written
    }
}

impl Drop for FailedFile {
    fn drop(&mut self) {
        if self.file.is_some() {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// Writes the file at once with `ids` (a run that stopped before sending:
/// every id read is listed, none was deleted).
pub fn write_now<'a>(path: &Path, ids: impl Iterator<Item = &'a str>) -> io::Result<()> {
    let temp = temp_path(path, "early");
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)?;
    let written = fill(file, ids, path).and_then(|()| fs::rename(&temp, path));
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// Removes an earlier run's file (the input was not completely read, so no
/// list would be true).
pub fn remove(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

fn temp_path(path: &Path, why: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or("failed".into(), |n| n.to_string_lossy());
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    dir.join(format!(".{name}.{}.{why}.tmp", std::process::id()))
}

/// The ids, one per line, synced to disk, with the permission bits of the
/// file it replaces.
fn fill<'a>(file: File, ids: impl Iterator<Item = &'a str>, replaces: &Path) -> io::Result<()> {
    if let Ok(meta) = fs::metadata(replaces) {
        file.set_permissions(meta.permissions())?;
    }
    let mut w = BufWriter::new(file);
    for id in ids {
        w.write_all(id.as_bytes())?;
        w.write_all(b"\n")?;
    }
    w.into_inner().map_err(|e| e.into_error())?.sync_all()
}

/// Writes the ids not deleted to the failed-ids file, if one was asked for.
pub fn save<'a>(failed: Option<FailedFile>, not_deleted: impl Iterator<Item = &'a str>) -> Saved {
    let Some(file) = failed else {
        return Saved::NotAsked;
    };
    let path = file.path().display().to_string();
    match file.commit(not_deleted) {
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
pub struct Settle {
    pub failed_file: OnceLock<PathBuf>,
    /// Every id, once the input was read whole.
    pub ids: OnceLock<Arc<Ids>>,
}

impl Settle {
    /// A signal before the run: settle the file; the process then ends.
    pub fn interrupted(&self, signal: Signal) {
        crate::config::stop_command();
        eprintln!(
            "wolkvox: interrupted by {} before anything was sent",
            signal.name()
        );
        if let Some(note) = self.settle_quietly() {
            eprintln!("note: {note}");
        }
    }

    /// An error or a safety check before the run: settle the file.
    pub fn settle(&self, ui: &Ui) {
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
            Some(ids) => write_now(path, ids.slice(0..ids.len())).map(|()| {
                format!(
                    "{shown} lists all {}: none was deleted",
                    count(ids.len(), "id")
                )
            }),
            None => remove(path)
                .map(|()| format!("{shown} was removed: the input was not read completely")),
        };
        Some(done.unwrap_or_else(|e| format!("cannot update the failed-ids file {shown}: {e}")))
    }
}
