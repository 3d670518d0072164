//! The failed-ids file: prepared before the run (so a bad path is caught
//! before anything is deleted), written whole at the end, and renamed into
//! place so a reader never sees half of it.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::Ui;
use crate::exit;

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

    /// Writes `ids` and puts the file in place. If that fails the ids are
    /// listed on stderr instead: the file is lost, the ids must not be.
    /// Returns the path written, for the summary to name.
    pub fn commit<'a>(
        mut self,
        ids: impl Iterator<Item = &'a str> + Clone,
        ui: &Ui,
    ) -> Option<String> {
        let file = self.file.take().expect("committed once");
        match write_all(file, ids.clone()).and_then(|()| std::fs::rename(&self.temp, &self.path)) {
            Ok(()) => Some(self.path.display().to_string()),
            Err(e) => {
                let _ = std::fs::remove_file(&self.temp);
                let list: Vec<&str> = ids.collect();
                ui.error(&format!(
                    "cannot write the failed-ids file {}: {e}; ids not deleted: {}",
                    self.path.display(),
                    list.join(" ")
                ));
                None
            }
        }
    }
}

fn write_all<'a>(file: File, ids: impl Iterator<Item = &'a str>) -> io::Result<()> {
    let mut w = BufWriter::new(file);
    for id in ids {
        w.write_all(id.as_bytes())?;
        w.write_all(b"\n")?;
    }
    w.into_inner().map_err(|e| e.into_error())?.sync_all()
}

impl Drop for FailedFile {
    fn drop(&mut self) {
        if self.file.is_some() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}
