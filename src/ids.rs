//! Reading, checking and de-duplicating ids.
//!
//! A nightly run may read a million ids, so they are not kept as a million
//! `String`s: all the text stays in one buffer and each id is a span into it.
//! Duplicates are found with a table of span positions rather than a set of
//! strings that would copy every id again.

use std::hash::BuildHasher;
use std::io::Read;
use std::ops::Range;

use anyhow::Result;
use hashbrown::HashTable;

use crate::exit;

pub const MAX_ID_LEN: usize = 128;

/// Unique ids in input order.
#[derive(Debug, Default)]
pub struct Ids {
    text: String,
    spans: Vec<(u32, u32)>,
}

/// The ids read, and how many repeats were dropped.
#[derive(Debug)]
pub struct Parsed {
    pub ids: Ids,
    pub duplicates: usize,
}

impl Ids {
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    pub fn get(&self, i: usize) -> &str {
        let (start, end) = self.spans[i];
        &self.text[start as usize..end as usize]
    }

    pub fn slice(&self, range: Range<usize>) -> impl ExactSizeIterator<Item = &str> + Clone + '_ {
        range.map(move |i| self.get(i))
    }

    /// Index ranges of at most `size` ids, in input order.
    pub fn batches(&self, size: usize) -> impl Iterator<Item = Range<usize>> + '_ {
        let n = self.len();
        (0..n)
            .step_by(size.max(1))
            .map(move |start| start..(start + size).min(n))
    }
}

/// Why an id is refused, or `None` when it is fine.
pub fn problem(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        return Some("is empty");
    }
    if id.len() > MAX_ID_LEN && id.chars().count() > MAX_ID_LEN {
        return Some("is longer than 128 characters");
    }
    id.chars().find_map(|c| {
        if c.is_whitespace() {
            Some("contains whitespace")
        } else if c.is_control() {
            Some("contains a control character")
        } else if matches!(c, '"' | '\'' | '`') {
            Some("contains a quote")
        } else if c == ',' {
            Some("contains a comma")
        } else if matches!(c, '[' | ']' | '{' | '}' | '(' | ')' | '<' | '>') {
            Some("contains a bracket")
        } else if c == '\\' {
            Some("contains a backslash")
        } else {
            None
        }
    })
}

/// Shows an id in an error message without letting it mangle the terminal.
fn shown(id: &str) -> String {
    let cut: String = id.chars().take(60).collect();
    let more = if cut.len() < id.len() { "…" } else { "" };
    format!("{:?}{more}", cut)
}

/// Ids given as arguments: each argument is one id.
pub fn from_args(args: &[String]) -> Result<Parsed> {
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
    Ok(dedup(Ids { text, spans }))
}

/// Ids read from stdin: separated by newlines, commas or whitespace; a byte
/// order mark, CR line ends, blank lines and `#` lines are ignored.
pub fn from_reader(mut reader: impl Read) -> Result<Parsed> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| exit::usage(format!("cannot read ids from stdin: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        exit::usage(format!("stdin line {line}: the input is not UTF-8 text"))
    })?;
    if text.len() > u32::MAX as usize {
        return Err(exit::usage("more than 4 GiB of ids on stdin"));
    }
    let spans = scan(&text)?;
    Ok(dedup(Ids { text, spans }))
}

fn scan(text: &str) -> Result<Vec<(u32, u32)>> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let base = text.len() - body.len();
    let mut spans = Vec::new();
    let mut line_start = base;
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

/// Keeps the first occurrence of each id, in input order, in linear time.
/// The table holds positions in the kept prefix of `spans`, which never
/// move once written, so no id is copied.
fn dedup(ids: Ids) -> Parsed {
    let Ids { text, mut spans } = ids;
    let hasher = hashbrown::DefaultHashBuilder::default();
    let mut seen: HashTable<u32> = HashTable::with_capacity(spans.len());
    let at = |spans: &[(u32, u32)], i: u32| {
        let (start, end) = spans[i as usize];
        &text[start as usize..end as usize]
    };
    let mut kept = 0;
    for read in 0..spans.len() {
        let (start, end) = spans[read];
        let id = &text[start as usize..end as usize];
        let hash = hasher.hash_one(id);
        if seen.find(hash, |&j| at(&spans, j) == id).is_some() {
            continue;
        }
        spans[kept] = spans[read];
        seen.insert_unique(hash, kept as u32, |&j| hasher.hash_one(at(&spans, j)));
        kept += 1;
    }
    let duplicates = spans.len() - kept;
    spans.truncate(kept);
    Parsed {
        ids: Ids { text, spans },
        duplicates,
    }
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
    fn duplicates_dropped_keeping_first_order() {
        let parsed = from_reader("b\na\nb\nc\na\n".as_bytes()).unwrap();
        let got: Vec<&str> = parsed.ids.slice(0..parsed.ids.len()).collect();
        assert_eq!(got, ["b", "a", "c"]);
        assert_eq!(parsed.duplicates, 2);
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

    #[test]
    fn each_forbidden_character() {
        for bad in [
            "a b", "a\u{7}b", "a\"b", "a'b", "a,b", "a[b", "a]b", "a\\b", "",
        ] {
            assert!(problem(bad).is_some(), "{bad:?} should be refused");
        }
        assert_eq!(problem("6074abc-7d3_X.y"), None);
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert_eq!(problem(&"é".repeat(128)), None);
        assert!(problem(&"é".repeat(129)).is_some());
    }

    #[test]
    fn many_repeats_keep_first_positions() {
        let input: String = (0..10_000).map(|i| format!("{}\n", i % 1000)).collect();
        let parsed = from_reader(input.as_bytes()).unwrap();
        assert_eq!(parsed.duplicates, 9000);
        let got: Vec<&str> = parsed.ids.slice(0..parsed.ids.len()).collect();
        let want: Vec<String> = (0..1000).map(|i| i.to_string()).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn batches_cover_all_in_order() {
        let parsed = from_args(&(0..7).map(|i| i.to_string()).collect::<Vec<_>>()).unwrap();
        let b: Vec<_> = parsed.ids.batches(3).collect();
        assert_eq!(b, [0..3, 3..6, 6..7]);
    }
}
