//! `config init`: the starter config file, written once, private.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::exit;

/// The starter file is the example file, every key commented out.
pub const STARTER: &str = include_str!("../../config.example.toml");

/// What `config init` did.
pub enum Wrote {
    New,
    /// The file was there already, holding exactly the starter text.
    AlreadyThere,
}

/// Writes the starter file at `path` (mode 0600), creating its directory;
/// never overwrites a file.
pub fn write_starter(path: &Path) -> Result<Wrote> {
    if path.exists() {
        if std::fs::read_to_string(path).is_ok_and(|text| text == STARTER) {
            return Ok(Wrote::AlreadyThere);
        }
        let shown = path.display();
        return Err(exit::config(format!(
            "{shown} already exists; not overwriting it: edit it (`wolkvox config show` says what \
             it sets), or move it away and run `wolkvox config init` again"
        )));
    }
    let cannot = |what: &Path, e: std::io::Error| {
        exit::config(format!("cannot create {}: {e}", what.display()))
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| cannot(dir, e))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| cannot(path, e))?;
    file.write_all(STARTER.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| cannot(path, e))?;
    Ok(Wrote::New)
}
