//! What one attempt's answer means. Everything here came from the server
//! and is untrusted: the client scrubs the token out of it before judging.

use std::time::{Duration, SystemTime};

use serde_json::Value;

/// How much of an answer that is not JSON is shown.
const EXCERPT: usize = 200;

/// What an attempt's answer means for its ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The server confirmed the request.
    Deleted,
    /// The server answered and said no.
    Refused,
    /// 401/403 (or that code in the body): every later request would be refused too.
    AuthRefused,
    /// The server asked to be tried later: 429, 500, 502, 503, 504.
    Unavailable,
    /// An answer that cannot be used: 3xx, another 5xx, a 2xx that is not JSON.
    Unusable,
    /// No HTTP answer at all.
    NoAnswer,
}

/// One attempt's answer, with the token scrubbed from everything the server sent.
#[derive(Debug, Clone)]
pub struct Answer {
    pub verdict: Verdict,
    pub status: Option<u16>,
    pub response: Option<Value>,
    /// Why it did not succeed, for people.
    pub error: Option<String>,
    pub retry_after: Option<Duration>,
    pub headers: Vec<(String, String)>,
    /// The body as text (scrubbed), for `-vv`.
    pub text: String,
    pub elapsed: Duration,
}

impl Answer {
    pub fn field(&self, key: &str) -> Option<&Value> {
        self.response.as_ref()?.get(key).filter(|v| !v.is_null())
    }

    /// The server's `msg`, as text.
    pub fn msg(&self) -> Option<String> {
        self.field("msg").map(value_text)
    }
}

/// A JSON value as a person reads it: strings without quotes.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// An HTTP answer as received (scrubbed), before it is judged.
pub struct Received {
    pub status: u16,
    pub text: String,
    pub location: Option<String>,
    pub retry_after: Option<Duration>,
    pub headers: Vec<(String, String)>,
    pub elapsed: Duration,
}

impl Received {
    /// Success is a 2xx status, a JSON body, and no error in that body.
    pub fn judge(self) -> Answer {
        let response: Option<Value> = serde_json::from_str(&self.text).ok();
        let (verdict, error) = judge(self.status, &response, &self.text, self.location.as_deref());
        Answer {
            verdict,
            status: Some(self.status),
            response,
            error,
            retry_after: self.retry_after,
            headers: self.headers,
            text: self.text,
            elapsed: self.elapsed,
        }
    }
}

fn judge(
    status: u16,
    response: &Option<Value>,
    text: &str,
    location: Option<&str>,
) -> (Verdict, Option<String>) {
    let detail = || detail(response, text);
    match (status, response) {
        (200..=299, None) => (
            Verdict::Unusable,
            Some(format!(
                "HTTP {status}, but the answer is not JSON: {}",
                excerpt(text)
            )),
        ),
        (200..=299, Some(body)) => match body_error(body) {
            None => (Verdict::Deleted, None),
            Some((Some(401 | 403), message)) => (Verdict::AuthRefused, Some(message)),
            Some((_, message)) => (Verdict::Refused, Some(message)),
        },
        (300..=399, _) => (
            Verdict::Unusable,
            Some(format!(
                "HTTP {status} redirect to {} was not followed (it would carry the token); check --server",
                location.unwrap_or("(no Location)")
            )),
        ),
        (401 | 403, _) => (
            Verdict::AuthRefused,
            Some(format!(
                "HTTP {status}: the server refused the token or operation (or is in maintenance){}",
                detail()
            )),
        ),
        (429 | 500 | 502 | 503 | 504, _) => (
            Verdict::Unavailable,
            Some(format!("HTTP {status}{}", detail())),
        ),
        (400..=499, _) => (Verdict::Refused, Some(format!("HTTP {status}{}", detail()))),
        _ => (
            Verdict::Unusable,
            Some(format!("HTTP {status}{}", detail())),
        ),
    }
}

/// The server's words for an error status: its JSON fields, or the start of its page.
fn detail(response: &Option<Value>, text: &str) -> String {
    match response {
        Some(body) => {
            let parts = describe(body);
            if parts.is_empty() {
                String::new()
            } else {
                format!(" ({parts})")
            }
        }
        None if text.trim().is_empty() => String::new(),
        None => format!(": {}", excerpt(text)),
    }
}

/// `code`, `error` and `msg` of a body, as one line.
fn describe(body: &Value) -> String {
    ["code", "error", "msg"]
        .iter()
        .filter_map(|k| {
            body.get(*k)
                .filter(|v| !is_empty(v))
                .map(|v| format!("{k}: {}", value_text(v)))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// A `code` outside 200–299 or a non-empty `error` means the server said no.
fn body_error(body: &Value) -> Option<(Option<i64>, String)> {
    let code = body.get("code").and_then(|c| match c {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    });
    let bad_code = code.is_some_and(|c| !(200.0..300.0).contains(&c));
    let has_error = body.get("error").is_some_and(|e| !is_empty(e));
    (bad_code || has_error).then(|| {
        (
            code.map(|c| c as i64),
            format!("the server refused it ({})", describe(body)),
        )
    })
}

fn excerpt(text: &str) -> String {
    let flat: String = text
        .chars()
        .take(EXCERPT)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let more = if text.chars().count() > EXCERPT {
        "…"
    } else {
        ""
    };
    format!("{:?}{more}", flat.trim())
}

/// `Retry-After` as seconds or an HTTP date.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(status: u16, text: &str) -> Verdict {
        Received {
            status,
            text: text.to_string(),
            location: None,
            retry_after: None,
            headers: Vec::new(),
            elapsed: Duration::ZERO,
        }
        .judge()
        .verdict
    }

    #[test]
    fn judging() {
        for (status, text, expected) in [
            (
                200,
                r#"{"code":200,"error":null,"msg":"1 records deleted"}"#,
                Verdict::Deleted,
            ),
            (200, r#"{"code":"200"}"#, Verdict::Deleted),
            (200, r#"{"code":"400","msg":"x"}"#, Verdict::Refused),
            (200, r#"{"code":200,"error":"nope"}"#, Verdict::Refused),
            (200, r#"{"code":401}"#, Verdict::AuthRefused),
            (200, "<html>", Verdict::Unusable),
            (403, "", Verdict::AuthRefused),
            (503, "", Verdict::Unavailable),
            (404, "", Verdict::Refused),
            (501, "", Verdict::Unusable),
            (302, "", Verdict::Unusable),
        ] {
            assert_eq!(verdict(status, text), expected, "{status} {text}");
        }
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }
}
