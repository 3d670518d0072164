//! Reading ids from the arguments or stdin.

use std::io::{self, IsTerminal, Read};

use anyhow::Result;

use super::check::{problem, shown};
use super::{Parsed, dedup};
use crate::exit;

/// Ids from the arguments, or from stdin when there are none or just `-`.
pub fn read(args: &[String]) -> Result<Parsed> {
    match args {
        [] if io::stdin().is_terminal() => Err(exit::usage(
            "no ids given: pass ids as arguments, or pipe them on stdin (e.g. `cut -d, -f1 export.csv | wolkvox delete -m contacts`)",
        )),
        [] => from_reader(io::stdin().lock()),
        [dash] if dash == "-" => from_reader(io::stdin().lock()),
        many if many.iter().any(|a| a == "-") => Err(exit::usage(
            "'-' (read ids from stdin) cannot be mixed with ids given as arguments",
        )),
        many => from_args(many),
    }
}

/// Ids given as arguments: each argument is one id.
fn from_args(args: &[String]) -> Result<Parsed> {
    let mut text = String::with_capacity(args.iter().map(String::len).sum());
    let mut spans = Vec::with_capacity(args.len());
    for (n, arg) in args.iter().enumerate() {
        if let Some(why) = problem(arg) {
            let hint = if arg.contains(',') {
                " (separate ids with spaces)"
            } else {
                ""
            };
            return Err(exit::usage(format!(
                "bad id {} (argument {}): it {why}{hint}",
                shown(arg),
                n + 1
            )));
        }
        let start = offset(text.len())?;
        text.push_str(arg);
        spans.push((start, offset(text.len())?));
    }
    Ok(dedup(text, spans))
}

/// Ids read from stdin: separated by newlines, commas or whitespace; a byte
/// order mark, CR line ends, blank lines and `#` lines are ignored.
fn from_reader(mut reader: impl Read) -> Result<Parsed> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| exit::usage(format!("cannot read ids from stdin: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        exit::usage(format!("stdin line {line}: the input is not UTF-8 text"))
    })?;
    offset(text.len())?;
    let spans = scan(&text)?;
    Ok(dedup(text, spans))
}

fn scan(text: &str) -> Result<Vec<(u32, u32)>> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut spans = Vec::new();
    let mut line_start = text.len() - body.len();
    for (number, line) in body.split('\n').enumerate() {
        let start = line_start;
        line_start += line.len() + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim_start().starts_with('#') {
            continue;
        }
        for field in line.split(|c: char| c == ',' || c.is_whitespace()) {
            if field.is_empty() {
                continue;
            }
            if let Some(why) = problem(field) {
                return Err(exit::usage(format!(
                    "bad id {} on stdin line {}: it {why}",
                    shown(field),
                    number + 1
                )));
            }
            let from = start + (field.as_ptr() as usize - line.as_ptr() as usize);
            spans.push((from as u32, (from + field.len()) as u32));
        }
    }
    Ok(spans)
}

fn offset(n: usize) -> Result<u32> {
    u32::try_from(n).map_err(|_| exit::usage("more than 4 GiB of ids"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str) -> Result<Vec<String>> {
        let parsed = from_reader(input.as_bytes())?;
        Ok((0..parsed.ids.len())
            .map(|i| parsed.ids.get(i).to_string())
            .collect())
    }

    #[test]
    fn separators_bom_crlf_comments() {
        let got = read("\u{feff}# header\r\na,b  c\r\n\r\n\td\n  # note\ne,\n").unwrap();
        assert_eq!(got, ["a", "b", "c", "d", "e"]);
    }

    #[test]
    fn bad_id_names_line() {
        let err = read("ok\nfine\nbad\"id\n").unwrap_err().to_string();
        assert!(err.contains("line 3"), "{err}");
        assert!(err.contains("quote"), "{err}");
        let long = "x".repeat(129);
        assert!(
            read(&long)
                .unwrap_err()
                .to_string()
                .contains("longer than 128")
        );
        assert!(read(&"x".repeat(128)).is_ok());
    }
}
