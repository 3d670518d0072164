//! The token: given, or printed by `token_command`; checked without ever
//! being shown; and the operation some tokens encode.

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

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

/// The most `token_command` may print.
const MAX_OUTPUT: u64 = 64 << 10;

/// Runs `token_command` with `sh -c`; the first line of its output is the
/// token. Its stdin is closed so that it cannot eat ids piped to us, and its
/// stderr is the user's, so a password prompt or error reaches them. Its
/// output is read up to 64 KiB: more is no token but a mistake.
fn run_command(command: &str, source: &Source) -> Result<Secret> {
    let fail = |why: String| exit::config(format!("token_command ({source}) {why}"));
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| fail(format!("could not be started: {e}")))?;
    let _running = Running::track(child.id());
    let mut stdout = Vec::new();
    let read = child
        .stdout
        .take()
        .map(|out| out.take(MAX_OUTPUT + 1).read_to_end(&mut stdout));
    if stdout.len() as u64 > MAX_OUTPUT {
        let _ = child.kill();
        let _ = child.wait();
        return Err(fail(
            "printed more than 64 KiB; a token is one short line".into(),
        ));
    }
    let status = child
        .wait()
        .map_err(|e| fail(format!("could not be waited for: {e}")))?;
    if let Some(Err(e)) = read {
        return Err(fail(format!("output could not be read: {e}")));
    }
    if !status.success() {
        return Err(fail(format!("failed: {status}")));
    }
    let stdout =
        String::from_utf8(stdout).map_err(|_| fail("printed text that is not UTF-8".into()))?;
    let first = stdout.lines().next().unwrap_or("").trim();
    if first.is_empty() {
        return Err(fail("printed no token".into()));
    }
    Ok(Secret::new(first.to_string()))
}

/// The process id of a running `token_command`, for [`stop_command`].
static RUNNING: AtomicU32 = AtomicU32::new(0);

struct Running;

impl Running {
    fn track(pid: u32) -> Running {
        RUNNING.store(pid, Ordering::SeqCst);
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        RUNNING.store(0, Ordering::SeqCst);
    }
}

/// Ends a `token_command` still running (the run was interrupted while
/// waiting for it), so it does not outlive wolkvox.
pub fn stop_command() {
    let pid = RUNNING.swap(0, Ordering::SeqCst);
    if let Ok(pid) = i32::try_from(pid)
        && pid > 0
    {
        // SAFETY: kill takes plain integers; the pid is our own child's.
        unsafe { libc::kill(pid, libc::SIGTERM) };
    }
}

/// A token must fit in an HTTP header; its text is never shown.
fn check(token: &Secret, source: &Source) -> Result<()> {
    let t = token.expose();
    if t.trim().is_empty() {
        return Err(exit::config(format!("the token ({source}) is empty")));
    }
    let quoted = |q: char| t.len() >= 2 && t.starts_with(q) && t.ends_with(q);
    if ['"', '\''].into_iter().any(quoted) {
        return Err(exit::config(format!(
            "the token ({source}) is wrapped in quotes; remove them (the quotes are not part of it)"
        )));
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
