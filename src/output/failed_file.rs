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
use crate::exit;

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
