//! The token: given, or printed by `token_command`; checked without ever
//! being shown; and the operation some tokens encode.

use std::process::{Command, Stdio};

use anyhow::Result;

use super::Source;
use crate::exit;
use crate::secret::Secret;

/// How the token is to be had: given, or printed by a command.
#[derive(Debug, Clone)]
pub enum TokenSpec {
    Value(Secret),
    Command(String),
}

impl TokenSpec {
    /// The token itself, running the command if that is where it comes from.
    pub fn fetch(&self, source: &Source) -> Result<Secret> {
        let secret = match self {
            TokenSpec::Value(secret) => secret.clone(),
            TokenSpec::Command(command) => run_command(command, source)?,
        };
        check(&secret, source)?;
        Ok(secret)
    }
}

/// Runs `token_command` with `sh -c`; the first line of its output is the
/// token. Its stdin is closed so that it cannot eat ids piped to us, and its
/// stderr is the user's, so a password prompt or error reaches them.
fn run_command(command: &str, source: &Source) -> Result<Secret> {
    let fail = |why: String| exit::config(format!("token_command ({source}) {why}"));
    let output = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| fail(format!("could not be started: {e}")))?;
    if !output.status.success() {
        return Err(fail(format!("failed: {}", output.status)));
    }
    let stdout = String::from_utf8(output.stdout)
        .map_err(|_| fail("printed text that is not UTF-8".into()))?;
    let first = stdout.lines().next().unwrap_or("").trim();
    if first.is_empty() {
        return Err(fail("printed no token".into()));
    }
    Ok(Secret::new(first.to_string()))
}

/// A token must fit in an HTTP header; its text is never shown.
fn check(token: &Secret, source: &Source) -> Result<()> {
    let t = token.expose();
    if t.trim().is_empty() {
        return Err(exit::config(format!("the token ({source}) is empty")));
    }
    if t.chars().any(|c| !c.is_ascii_graphic()) {
        return Err(exit::config(format!(
            "the token ({source}) has spaces, control or non-ASCII characters; copy it again from Wolkvox"
        )));
    }
    Ok(())
}

/// Public example tokens are the hex of `{operation}-{yyyymmddhhmmss}`.
/// Undocumented, so only a fallback: a token that does not decode this way
/// is still used as it is.
pub fn operation_from_token(token: &str) -> Option<String> {
    if !token.len().is_multiple_of(2) || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let bytes: Vec<u8> = (0..token.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&token[i..i + 2], 16))
        .collect::<Result<_, _>>()
        .ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (name, digits) = text.rsplit_once('-')?;
    let unbrace = |s: &str| {
        s.strip_prefix('{')
            .and_then(|s| s.strip_suffix('}'))
            .unwrap_or(s)
            .to_string()
    };
    let (name, digits) = (unbrace(name), unbrace(digits));
    let name_ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || "_-. ".contains(c));
    let digits_ok = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    (name_ok && digits_ok).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> String {
        s.bytes().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn operation_inferred_from_hex_token() {
        assert_eq!(
            operation_from_token(&hex("techcon-20220624122805")).as_deref(),
            Some("techcon")
        );
        assert_eq!(
            operation_from_token(&hex("{techcon}-{20220624122805}")).as_deref(),
            Some("techcon")
        );
        assert_eq!(
            operation_from_token(&hex("my-op-20220624122805")).as_deref(),
            Some("my-op")
        );
    }

    #[test]
    fn other_tokens_infer_nothing() {
        assert_eq!(operation_from_token("not-hex"), None);
        assert_eq!(operation_from_token(&hex("techcon")), None);
        assert_eq!(operation_from_token(&hex("-2022")), None);
        assert_eq!(operation_from_token(&hex("techcon-2022x")), None);
        assert_eq!(operation_from_token("abc"), None);
    }
}
