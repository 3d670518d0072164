//! Checks for the files wolkvox writes: no write may clobber something that
//! is not an ordinary file, and two outputs may not be the same file.

use std::fs;
use std::path::{Path, PathBuf};

/// A path wolkvox may write: a regular file, or nothing yet. A symbolic
/// link counts for what it points to (`/dev/stdout` points to a device).
pub fn writable_target(path: &Path) -> Result<(), String> {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e.to_string()),
    };
    if meta.is_file() {
        return Ok(());
    }
    let kind = if meta.is_dir() {
        "a directory"
    } else {
        "not a regular file (a device, FIFO or socket)"
    };
    Err(format!("it is {kind}; give the path of a file"))
}

/// Whether two paths name the same file, existing or not.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    if let (Ok(x), Ok(y)) = (fs::metadata(a), fs::metadata(b)) {
        use std::os::unix::fs::MetadataExt;
        return (x.dev(), x.ino()) == (y.dev(), y.ino());
    }
    match (absolute(a), absolute(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// The path with its directory made canonical (the file itself may not exist).
fn absolute(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(fs::canonicalize(dir).ok()?.join(name))
}
