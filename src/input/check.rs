//! What makes an id, or a module name, acceptable. Everything is checked
//! before anything is sent.

use anyhow::Result;

use crate::display::{escape, is_format};
use crate::exit;

pub const MAX_ID_LEN: usize = 128;

/// Why an id is refused, or `None` when it is fine.
pub fn problem(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        return Some("is empty");
    }
    if id.len() > MAX_ID_LEN && id.chars().count() > MAX_ID_LEN {
        return Some("is longer than 128 characters");
    }
    let quoted = |q: char| id.len() >= 2 && id.starts_with(q) && id.ends_with(q);
    if ['"', '\''].into_iter().any(quoted) {
        return Some("is wrapped in quotes: remove them (`jq -r` prints strings without quotes)");
    }
    id.chars().find_map(|c| match c {
        c if c.is_whitespace() => Some("contains whitespace"),
        c if c.is_control() => Some("contains a control character"),
        c if is_format(c) => {
            Some("contains an invisible formatting character (zero-width, bidi or BOM)")
        }
        '"' | '\'' | '`' => Some("contains a quote"),
        ',' => Some("contains a comma"),
        '[' | ']' | '{' | '}' | '(' | ')' | '<' | '>' => Some("contains a bracket"),
        '\\' => Some("contains a backslash"),
        _ => None,
    })
}

/// Shows an id in an error message without letting it mangle the terminal.
pub fn shown(id: &str) -> String {
    let cut: String = id.chars().take(60).collect();
    let more = if cut.len() < id.len() { "…" } else { "" };
    format!("\"{}\"{more}", escape(&cut).replace('"', "\\\""))
}

/// The module is sent as given (custom modules have spaces and capitals),
/// but it cannot be empty, have spaces around it, or hold control or
/// invisible characters.
pub fn check_module(module: &str) -> Result<()> {
    if module.trim().is_empty() {
        return Err(exit::usage(
            "the module is empty: pass --module contacts (or leads, cases, …)",
        ));
    }
    if module.trim() != module {
        return Err(exit::usage(format!(
            "the module {} has spaces around it; write --module \"{}\"",
            shown(module),
            module.trim()
        )));
    }
    if module.chars().any(|c| c.is_control() || is_format(c)) {
        return Err(exit::usage(format!(
            "the module {} has control or invisible formatting characters",
            shown(module)
        )));
    }
    Ok(())
}

/// Refuses UTF-16 input ("Unicode text" exports): a UTF-16 byte order mark,
/// or NUL bytes between letters, at the start of `name`.
pub fn looks_like_utf16(start: &[u8], name: &str) -> Result<()> {
    let bom = start.starts_with(&[0xFF, 0xFE]) || start.starts_with(&[0xFE, 0xFF]);
    let nuls = start.iter().take(64).filter(|&&b| b == 0).count();
    if bom || nuls >= 2 {
        return Err(exit::usage(format!(
            "{name} looks like UTF-16 text (\"Unicode text\"); save it as UTF-8 \
             (\"CSV UTF-8\" in Excel) and try again"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_forbidden_character() {
        for bad in [
            "a b",
            "a\u{7}b",
            "a\"b",
            "a'b",
            "a,b",
            "a[b",
            "a]b",
            "a\\b",
            "",
            "a\u{200b}b",
            "a\u{202e}b",
            "a\u{feff}b",
        ] {
            assert!(problem(bad).is_some(), "{bad:?} should be refused");
        }
        assert_eq!(problem("6074abc-7d3_X.y"), None);
        assert!(
            problem("\"6074abc\"")
                .unwrap()
                .contains("wrapped in quotes")
        );
        assert!(problem("'6074abc'").unwrap().contains("jq -r"));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert_eq!(problem(&"é".repeat(128)), None);
        assert!(problem(&"é".repeat(129)).is_some());
        assert!(problem(&"x".repeat(129)).is_some());
    }
}
