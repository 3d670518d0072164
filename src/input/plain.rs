//! Plain input: ids separated by whitespace (newlines, spaces, tabs); a
//! byte order mark, CR line ends, blank lines and `#` lines are ignored. A
//! line holding a comma or semicolon is refused: it is a CSV row, and
//! `--column` reads those. Lines are checked as they arrive, so a bad id or
//! too much input stops the reading at once.

use std::io::{ErrorKind, Read};

use anyhow::Result;

use super::Builder;
use super::check::looks_like_utf16;
use crate::exit;

/// How much is read at a time.
const CHUNK: usize = 1 << 16;

/// Reads every id of `reader` (named `name` in messages) into `ids`.
pub(super) fn read(mut reader: impl Read, name: &str, ids: &mut Builder) -> Result<()> {
    let mut pending: Vec<u8> = Vec::new();
    let mut chunk = vec![0; CHUNK];
    let mut line = 0;
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(exit::usage(format!("cannot read ids from {name}: {e}"))),
        };
        ids.spend(n)?;
        if line == 0 && pending.is_empty() {
            looks_like_utf16(&chunk[..n], name)?;
        }
        pending.extend_from_slice(&chunk[..n]);
        let Some(end) = pending.iter().rposition(|&b| b == b'\n') else {
            continue;
        };
        for text in pending[..end].split(|&b| b == b'\n') {
            line += 1;
            one_line(text, line, name, ids)?;
        }
        pending.drain(..=end);
    }
    if !pending.is_empty() {
        one_line(&pending, line + 1, name, ids)?;
    }
    Ok(())
}

fn one_line(bytes: &[u8], number: usize, name: &str, ids: &mut Builder) -> Result<()> {
    let place = || format!("{name} line {number}");
    let line = std::str::from_utf8(bytes)
        .map_err(|_| exit::usage(format!("{}: the input is not UTF-8 text", place())))?;
    let line = if number == 1 {
        line.trim_start_matches('\u{feff}')
    } else {
        line
    };
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.trim_start().starts_with('#') {
        return Ok(());
    }
    for separator in [',', ';'] {
        if line.contains(separator) {
            let fields = line.split(separator).count();
            return Err(exit::usage(format!(
                "{} holds {fields} fields separated by '{separator}'; to read ids from a CSV column use --column NAME",
                place()
            )));
        }
    }
    for field in line.split(char::is_whitespace).filter(|f| !f.is_empty()) {
        ids.push(field, &place)?;
    }
    Ok(())
}
