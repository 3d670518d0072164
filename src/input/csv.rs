//! CSV input (`--column`): the ids of one column of a CSV export, read with
//! the csv crate (quoted fields, embedded separators and newlines, CRLF).
//! The delimiter is found in the header line among `,`, `;` and tab
//! (Spanish-locale Excel writes `;`) unless `--delimiter` says; a UTF-8 byte
//! order mark is dropped; empty cells are skipped.

use std::io::{ErrorKind, Read};

use anyhow::Result;
use csv::{ReaderBuilder, StringRecord, Trim};

use super::Builder;
use super::check::looks_like_utf16;
use crate::exit;

/// Which column holds the ids, and how the CSV is written.
#[derive(Debug, Clone)]
pub struct Column {
    pub which: Which,
    /// `None`: found in the header line.
    pub delimiter: Option<u8>,
    /// Whether the first row is a header.
    pub header: bool,
}

/// A column by its header cell, or by its 1-based number.
#[derive(Debug, Clone)]
pub enum Which {
    Name(String),
    Number(usize),
}

impl Which {
    /// `--column` as given: a number is a position, anything else a name.
    pub fn parse(text: &str) -> Result<Which, String> {
        match text.trim().parse::<usize>() {
            Ok(0) => Err("column numbers start at 1".into()),
            Ok(n) => Ok(Which::Number(n)),
            Err(_) if text.trim().is_empty() => Err("the column name is empty".into()),
            Err(_) => Ok(Which::Name(text.trim().to_string())),
        }
    }
}

/// Reads the ids of `column` from `reader` (named `name` in messages).
pub(super) fn read(
    reader: impl Read,
    name: &str,
    column: &Column,
    ids: &mut Builder,
) -> Result<()> {
    let bytes = read_bounded(reader, name, ids)?;
    looks_like_utf16(&bytes, name)?;
    let data = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let delimiter = column.delimiter.unwrap_or_else(|| detect(data));
    let mut rows = ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .trim(Trim::All)
        .from_reader(data)
        .into_records();
    let bad = |row: usize, e: csv::Error| {
        exit::usage(format!("{name} row {row}: not readable as CSV: {e}"))
    };
    let mut header = None;
    if column.header {
        header = rows.next().transpose().map_err(|e| bad(1, e))?;
    }
    let index = position(&column.which, header.as_ref(), name)?;
    let first = usize::from(column.header) + 1;
    for (row, record) in rows.enumerate().map(|(i, r)| (i + first, r)) {
        let record = record.map_err(|e| bad(row, e))?;
        let Some(cell) = record.get(index).filter(|c| !c.is_empty()) else {
            continue;
        };
        ids.push(cell, &|| format!("{name} row {row}, column {}", index + 1))?;
    }
    Ok(())
}

/// The whole input (CSV fields may span lines), within the input limit.
fn read_bounded(mut reader: impl Read, name: &str, ids: &mut Builder) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut chunk = vec![0; 1 << 16];
    loop {
        match reader.read(&mut chunk) {
            Ok(0) => return Ok(bytes),
            Ok(n) => {
                ids.spend(n)?;
                bytes.extend_from_slice(&chunk[..n]);
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(exit::usage(format!("cannot read ids from {name}: {e}"))),
        }
    }
}

/// The delimiter the header line uses most among `,`, `;` and tab
/// (outside quotes); a comma when it uses none.
fn detect(data: &[u8]) -> u8 {
    let line = data.split(|&b| b == b'\n').next().unwrap_or(data);
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        [b',', b';', b'\t'][best]
    }
}

/// The 0-based index of the column.
fn position(which: &Which, header: Option<&StringRecord>, name: &str) -> Result<usize> {
    match (which, header) {
        (Which::Number(n), _) => Ok(n - 1),
        (Which::Name(_), None) => Err(exit::usage(
            "--column NAME needs a header row; with --no-header give the column's number",
        )),
        (Which::Name(wanted), Some(header)) => header
            .iter()
            .position(|cell| cell.trim().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| {
                let cells: Vec<String> = header
                    .iter()
                    .map(|c| crate::display::excerpt(c, 40))
                    .collect();
                exit::usage(format!(
                    "{name} has no column {}; its header holds: {}",
                    crate::input::check::shown(wanted),
                    cells.join(", ")
                ))
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_the_one_the_header_uses() {
        assert_eq!(detect(b"id,name,email\n1;2"), b',');
        assert_eq!(detect(b"id;nombre;correo\n"), b';');
        assert_eq!(detect(b"id\tname\n"), b'\t');
        assert_eq!(detect(b"\"a;b\",c\n"), b',');
        assert_eq!(detect(b"id\n"), b',');
    }

    #[test]
    fn columns_by_name_or_number() {
        assert!(matches!(Which::parse("2"), Ok(Which::Number(2))));
        assert!(matches!(Which::parse(" Id "), Ok(Which::Name(n)) if n == "Id"));
        assert!(Which::parse("0").is_err());
    }
}
