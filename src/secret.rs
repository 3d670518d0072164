//! The API token, held so that it cannot be printed by accident.
//!
//! Anyone holding a Wolkvox token can delete the customer's records, so the
//! token never goes through `{}` or `{:?}`: both print `(redacted)`. The only
//! way to the real text is [`Secret::expose`], used where the header is built.

use std::borrow::Cow;
use std::fmt;

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

    /// Replaces every occurrence of the token in text that came from
    /// elsewhere (a server's error message may echo the token it refused).
    pub fn scrub<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if self.0.is_empty() || !text.contains(self.0.as_str()) {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(text.replace(self.0.as_str(), REDACTED))
        }
    }
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
    fn scrub_removes_echoed_token() {
        let s = Secret::new("abc123".into());
        assert_eq!(s.scrub("bad token abc123!"), "bad token (redacted)!");
        assert_eq!(s.scrub("nothing here"), "nothing here");
    }
}
