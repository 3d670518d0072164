//! Text that came from elsewhere (the server, the input) is shown, never
//! obeyed: control characters and Unicode format characters are escaped
//! visibly, so an answer cannot move the cursor, draw a fake result line,
//! reorder text with bidi overrides or write the clipboard (OSC 52).

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` is a Unicode format character (general category Cf): zero
/// width, bidi controls, byte order marks and the like. The standard
/// library has no table for it, so the ranges are listed here.
pub fn is_format(c: char) -> bool {
    matches!(
        c as u32,
        0xAD | 0x600..=0x605
            | 0x61C
            | 0x6DD
            | 0x70F
            | 0x890..=0x891
            | 0x8E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
    )
}

/// Whether `c` must not reach a terminal as it is: C0 controls but tab,
/// DEL, C1 controls, format characters.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t') || is_format(c)
}

/// `text` with every unsafe character written as `\u{…}`.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// At most `max` characters of `text`, escaped, with `…` when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let cut: String = text.chars().take(max).collect();
    let more = if cut.len() < text.len() { "…" } else { "" };
    format!("{}{more}", escape(cut.trim()))
}

/// 10000000 as "10,000,000".
pub fn thousands(n: usize) -> String {
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

    #[test]
    fn controls_and_format_characters_are_escaped() {
        assert_eq!(escape("ok\ttab"), "ok\ttab");
        assert_eq!(escape("a\u{1b}[2Kb"), "a\\u{1b}[2Kb");
        assert_eq!(escape("x\ny\rz"), "x\\u{a}y\\u{d}z");
        assert_eq!(escape("\u{202e}evil\u{200b}"), "\\u{202e}evil\\u{200b}");
        assert_eq!(escape("\u{9b}\u{7f}"), "\\u{9b}\\u{7f}");
        assert_eq!(escape("ñandú 日本"), "ñandú 日本");
    }

    #[test]
    fn excerpts_are_cut_and_marked() {
        assert_eq!(excerpt("abcdef", 3), "abc…");
        assert_eq!(excerpt("abc", 3), "abc");
        assert_eq!(excerpt("a\u{7}b", 3), "a\\u{7}b");
        assert_eq!(thousands(10_000_000), "10,000,000");
        assert_eq!(thousands(999), "999");
    }
}
