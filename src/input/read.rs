//! Reading ids from the arguments or stdin, within bounds: a run takes at
//! most 10,000,000 ids and 1 GiB of input, and stops reading the moment
//! either is passed (`yes | wolkvox delete …` must not eat the memory).

use std::io::{self, IsTerminal, Read};

use anyhow::Result;

use super::check::{problem, shown};
use super::{Parsed, dedup};
use crate::exit;

/// The most ids one run takes.
pub const MAX_IDS: usize = 10_000_000;
/// The most input one run reads.
const MAX_INPUT: usize = 1 << 30;
/// How much stdin is read at a time.
const CHUNK: usize = 1 << 16;

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
        let start = text.len() as u32;
        text.push_str(arg);
        spans.push((start, text.len() as u32));
    }
    Ok(dedup(text, spans))
}

/// Ids read from stdin: separated by newlines, commas or whitespace; a byte
/// order mark, CR line ends, blank lines and `#` lines are ignored. Lines
/// are checked as they arrive, so a bad id or too much input stops the
/// reading at once.
fn from_reader(reader: impl Read) -> Result<Parsed> {
    read_within(
        reader,
        Limits {
            ids: MAX_IDS,
            bytes: MAX_INPUT,
        },
    )
}

/// How much one run reads.
struct Limits {
    ids: usize,
    bytes: usize,
}

fn read_within(mut reader: impl Read, limits: Limits) -> Result<Parsed> {
    let mut scan = Scan {
        limits,
        ..Scan::default()
    };
    let mut chunk = vec![0; CHUNK];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(exit::usage(format!("cannot read ids from stdin: {e}"))),
        };
        let new = scan.bytes.len();
        scan.bytes.extend_from_slice(&chunk[..n]);
        if scan.bytes.len() > scan.limits.bytes {
            return Err(exit::usage(format!(
                "more than {} of input: split the input and run wolkvox on each part",
                size(scan.limits.bytes)
            )));
        }
        if let Some(last) = scan.bytes[new..].iter().rposition(|&b| b == b'\n') {
            scan.lines(new + last + 1)?;
        }
    }
    scan.lines(scan.bytes.len())?;
    let text = String::from_utf8(scan.bytes).expect("every line was checked as UTF-8");
    Ok(dedup(text, scan.spans))
}

fn size(bytes: usize) -> String {
    if bytes >= 1 << 30 {
        format!("{} GiB", bytes >> 30)
    } else {
        format!("{bytes} bytes")
    }
}

/// The input read so far, and the ids found in its complete lines.
struct Scan {
    limits: Limits,
    bytes: Vec<u8>,
    spans: Vec<(u32, u32)>,
    /// Where the first line not yet scanned starts.
    done: usize,
    line: usize,
}

impl Default for Scan {
    fn default() -> Self {
        Scan {
            limits: Limits {
                ids: MAX_IDS,
                bytes: MAX_INPUT,
            },
            bytes: Vec::new(),
            spans: Vec::new(),
            done: 0,
            line: 0,
        }
    }
}

impl Scan {
    /// Scans the lines that end before `end`.
    fn lines(&mut self, end: usize) -> Result<()> {
        while self.done < end {
            let stop = self.bytes[self.done..end]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(end, |i| self.done + i);
            self.line += 1;
            self.one_line(self.done, stop)?;
            self.done = stop + 1;
        }
        Ok(())
    }

    fn one_line(&mut self, start: usize, stop: usize) -> Result<()> {
        let number = self.line;
        let bytes = &self.bytes[start..stop];
        let mut line = std::str::from_utf8(bytes).map_err(|_| {
            exit::usage(format!("stdin line {number}: the input is not UTF-8 text"))
        })?;
        let mut offset = start;
        if number == 1
            && let Some(rest) = line.strip_prefix('\u{feff}')
        {
            (line, offset) = (rest, start + 3);
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim_start().starts_with('#') {
            return Ok(());
        }
        for field in line.split(|c: char| c == ',' || c.is_whitespace()) {
            if field.is_empty() {
                continue;
            }
            if let Some(why) = problem(field) {
                let id = shown(field);
                return Err(exit::usage(format!(
                    "bad id {id} on stdin line {number}: it {why}"
                )));
            }
            if self.spans.len() == self.limits.ids {
                return Err(exit::usage(format!(
                    "more than {} ids: split the input and run wolkvox on each part",
                    thousands(self.limits.ids)
                )));
            }
            let from = offset + (field.as_ptr() as usize - line.as_ptr() as usize);
            self.spans.push((from as u32, (from + field.len()) as u32));
        }
        Ok(())
    }
}

/// 10000000 as "10,000,000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
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
        assert_eq!(read("\u{feff}x\ny").unwrap(), ["x", "y"]);
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
        let err = read("a\nb\u{feff}c\n").unwrap_err().to_string();
        assert!(err.contains("line 2") && err.contains("invisible"), "{err}");
    }

    #[test]
    fn lines_split_across_chunks_are_whole() {
        let input: String = (0..50_000).map(|i| format!("id{i}\n")).collect();
        let got = read(&input).unwrap();
        assert_eq!(got.len(), 50_000);
        assert_eq!(got[49_999], "id49999");
    }

    #[test]
    fn endless_input_stops_at_the_limits() {
        let ids = ReadIter(std::iter::repeat(b"y\n").flatten().copied());
        let err = read_within(
            ids,
            Limits {
                ids: 1000,
                bytes: 1 << 20,
            },
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("more than 1,000 ids: split the input"),
            "{err}"
        );
        let one_line = ReadIter(std::iter::repeat(b'x'));
        let err = read_within(
            one_line,
            Limits {
                ids: 1000,
                bytes: 1 << 20,
            },
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("more than 1048576 bytes of input"),
            "{err}"
        );
        assert_eq!(thousands(10_000_000), "10,000,000");
        assert_eq!(size(1 << 30), "1 GiB");
    }

    struct ReadIter<I>(I);

    impl<I: Iterator<Item = u8>> Read for ReadIter<I> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let mut n = 0;
            for slot in buf.iter_mut() {
                *slot = self.0.next().unwrap_or(b'\n');
                n += 1;
            }
            Ok(n)
        }
    }
}
