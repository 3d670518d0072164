//! The API token, held so that it cannot be printed by accident, and the
//! scrubbing of every text that came from elsewhere.
//!
//! Anyone holding a Wolkvox token can delete the customer's records, so the
//! token never goes through `{}` or `{:?}`: both print `(redacted)`. The only
//! way to the real text is [`Secret::expose`], used where the header is built.
//! A hostile or careless server may echo the token back in any form, so
//! [`Secret::scrub`] finds it as is, in another letter case, percent-encoded
//! or JSON-escaped (`\u0074`, `\/`), one character at a time.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde_json::Value;

pub const REDACTED: &str = "(redacted)";

#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Self {
        Secret(value)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `text` with every occurrence of the token, in any form, replaced by
    /// `(redacted)`.
    pub fn scrub<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let token = self.0.as_bytes();
        if token.is_empty() {
            return Cow::Borrowed(text);
        }
        let bytes = text.as_bytes();
        let mut out = String::new();
        let (mut copied, mut at) = (0, 0);
        while at < bytes.len() {
            match occurrence(token, bytes, at) {
                Some(found) => {
                    out.push_str(&text[copied..found.start]);
                    out.push_str(REDACTED);
                    (copied, at) = (found.end, found.end);
                }
                None => at += 1,
            }
        }
        if copied == 0 {
            return Cow::Borrowed(text);
        }
        out.push_str(&text[copied..]);
        Cow::Owned(out)
    }

    /// Scrubs every string of a JSON value, keys included.
    pub fn scrub_json(&self, value: Value) -> Value {
        match value {
            Value::String(s) => Value::String(self.scrub(&s).into_owned()),
            Value::Array(items) => items.into_iter().map(|v| self.scrub_json(v)).collect(),
            Value::Object(map) => map
                .into_iter()
                .map(|(k, v)| (self.scrub(&k).into_owned(), self.scrub_json(v)))
                .collect(),
            other => other,
        }
    }
}

/// The token written from `at` on in `text`, each of its characters either
/// as itself in any case, `%XX`, `\uXXXX`, or `\/` for a slash.
fn occurrence(token: &[u8], text: &[u8], at: usize) -> Option<Range<usize>> {
    let mut pos = at;
    for &want in token {
        pos += one_char(want, text.get(pos..)?)?;
    }
    Some(at..pos)
}

/// How many bytes of `text` spell `want`, if its start does.
fn one_char(want: u8, text: &[u8]) -> Option<usize> {
    let same = |b: u8| b.eq_ignore_ascii_case(&want);
    match text {
        [b, ..] if same(*b) => Some(1),
        [b'%', h, l, ..] => same(hex_pair(*h, *l)?).then_some(3),
        [b'\\', b'u', a, b, c, d, ..] => {
            let high = hex_pair(*a, *b)?;
            (high == 0 && same(hex_pair(*c, *d)?)).then_some(6)
        }
        [b'\\', b'/', ..] if want == b'/' => Some(2),
        _ => None,
    }
}

fn hex_pair(high: u8, low: u8) -> Option<u8> {
    let digit = |b: u8| (b as char).to_digit(16);
    Some((digit(high)? * 16 + digit(low)?) as u8)
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// Makes a crash unable to write the token into a core file, and keeps
/// other users' debuggers out (Linux `PR_SET_DUMPABLE`).
pub fn forbid_core_dumps() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_DUMPABLE takes plain integers and touches
    // no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_hide_the_value() {
        let s = Secret::new("abc123".into());
        assert_eq!(format!("{s} {s:?}"), "(redacted) (redacted)");
        assert_eq!(s.expose(), "abc123");
    }

    #[test]
    fn scrub_finds_the_token_in_every_form() {
        let s = Secret::new("Ab/c1".into());
        for (text, expected) in [
            ("bad token Ab/c1!", "bad token (redacted)!"),
            ("AB/C1 and ab/c1", "(redacted) and (redacted)"),
            ("q=Ab%2Fc1&x", "q=(redacted)&x"),
            ("q=%41%62%2f%63%31", "q=(redacted)"),
            (r"x\u0041b\/c\u0031", r"x(redacted)"),
            ("nothing here", "nothing here"),
            ("Ab/c", "Ab/c"),
        ] {
            assert_eq!(s.scrub(text), expected, "{text}");
        }
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn the_process_cannot_dump_core() {
        forbid_core_dumps();
        // SAFETY: PR_GET_DUMPABLE only reads the process's flag.
        assert_eq!(unsafe { libc::prctl(libc::PR_GET_DUMPABLE, 0, 0, 0, 0) }, 0);
    }

    #[test]
    fn scrub_json_reaches_keys_and_nested_strings() {
        let s = Secret::new("tok123".into());
        let v = serde_json::json!({"tok123": ["x TOK123", {"a": "tok%31%323"}], "n": 1});
        let out = s.scrub_json(v).to_string();
        assert!(!out.to_lowercase().contains("tok123"), "{out}");
        assert!(!out.contains("%31"), "{out}");
    }
}
