//! What one attempt's answer means, judged fail-closed: a request confirms
//! its ids only when the status is 2xx, the body is a JSON object whose
//! `code` is 2xx, it holds no `error`, and a count of deleted records in
//! its `msg`, if any, is not lower than the ids sent. Everything here came
//! from the server and is untrusted: the client has bounded it and scrubbed
//! the token out of it (after decoding) before it is judged, and every text
//! meant for people is escaped.

use std::time::{Duration, SystemTime};

use serde_json::{Map, Value};

use crate::display::{escape, excerpt};

/// How much of an answer that is not JSON is shown.
const EXCERPT: usize = 200;

/// What an attempt's answer means for its ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The server confirmed the request.
    Confirmed,
    /// The server answered and did not confirm.
    Refused(Refusal),
    /// The request may have acted, but nothing confirmed or refused it.
    Unconfirmed(Lost),
    /// The request never reached the server.
    NotSent(Unsent),
}

/// Why the server did not confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// An error in the body, or a 4xx with a JSON body: it may depend on the ids.
    Ids,
    /// 401/403, or that code in the body: the token or operation.
    Auth,
    /// `TOKEN LIMIT EXCEEDED`: the token's daily quota is spent.
    Quota,
    /// `SIMULTANEOUS`: another client is using the same token right now.
    Simultaneous,
    /// 429.
    Throttled,
    /// HTTP 500, 502, 503 or 504.
    ServerError,
    /// The same code in a 2xx body (e.g. `code: 500`, database unavailable).
    BodyServerError,
    /// A 404 or 405 that is a web server's page: the path is wrong.
    WrongPath,
    /// Anything else that is not a success (a redirect, a 2xx that is not a
    /// JSON object or has no 2xx `code`, another status).
    Other,
}

/// Why the request may have acted without a word about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lost {
    /// The connection broke before the answer arrived.
    NoAnswer,
    /// The client gave up waiting (`--timeout`); the server may still be at it.
    TimedOut,
    /// The answer was larger than the tool reads.
    TooLarge,
    /// `msg` counted fewer deletions than ids sent, without saying which.
    ShortCount,
}

/// Why the request never reached the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsent {
    /// DNS, refused connection, connect timeout.
    Connect,
    /// The TLS handshake failed (e.g. an untrusted certificate).
    Tls,
}

/// One attempt's answer.
#[derive(Debug, Clone)]
pub struct Answer {
    pub verdict: Verdict,
    pub status: Option<u16>,
    /// The body decoded as JSON, token scrubbed from every string.
    pub response: Option<Value>,
    /// Why it did not succeed, for people (escaped).
    pub error: Option<String>,
    pub retry_after: Option<Duration>,
    /// Headers, names and values scrubbed (not escaped).
    pub headers: Vec<(String, String)>,
    /// The body as text, scrubbed (not escaped), for `-vv`.
    pub text: String,
    pub elapsed: Duration,
}

impl Answer {
    /// An attempt that got no HTTP answer.
    pub fn none(verdict: Verdict, error: String, elapsed: Duration) -> Answer {
        Answer {
            verdict,
            status: None,
            response: None,
            error: Some(error),
            retry_after: None,
            headers: Vec::new(),
            text: String::new(),
            elapsed,
        }
    }

    pub fn field(&self, key: &str) -> Option<&Value> {
        self.response.as_ref()?.get(key).filter(|v| !v.is_null())
    }

    /// The server's `msg`, as text for people (escaped).
    pub fn msg(&self) -> Option<String> {
        self.field("msg")
            .map(|v| escape(&value_text(v)).into_owned())
    }

    /// Whether the request may have acted without it being confirmed.
    pub fn may_have_acted(&self) -> bool {
        matches!(self.verdict, Verdict::Unconfirmed(_))
    }
}

/// A JSON value as a person reads it: strings without quotes.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// An HTTP answer as received (bounded and scrubbed), before it is judged.
pub struct Received {
    pub status: u16,
    pub text: String,
    pub response: Option<Value>,
    pub location: Option<String>,
    pub retry_after: Option<Duration>,
    pub headers: Vec<(String, String)>,
    pub elapsed: Duration,
    /// How many ids the request carried.
    pub ids: usize,
}

impl Received {
    pub fn judge(self) -> Answer {
        let (verdict, error) = judge(&self);
        Answer {
            verdict,
            status: Some(self.status),
            response: self.response,
            error,
            retry_after: self.retry_after,
            headers: self.headers,
            text: self.text,
            elapsed: self.elapsed,
        }
    }
}

fn judge(r: &Received) -> (Verdict, Option<String>) {
    let status = r.status;
    let detail = || detail(&r.response, &r.text);
    let refused = |why: Refusal, text: String| (Verdict::Refused(why), Some(text));
    match (status, r.response.as_ref()) {
        (200..=299, Some(Value::Object(body))) => judge_body(status, body, r.ids),
        (200..=299, _) => refused(
            Refusal::Other,
            format!(
                "HTTP {status}, but the answer is not a JSON object: {}",
                shown_body(&r.text)
            ),
        ),
        (300..=399, _) => refused(
            Refusal::Other,
            format!(
                "HTTP {status} redirect to {} was not followed (it would carry the token); check --server",
                r.location
                    .as_deref()
                    .map_or("(no Location)".into(), |l| excerpt(l, EXCERPT))
            ),
        ),
        (401 | 403, _) => refused(
            token_refusal(&r.text),
            format!(
                "HTTP {status}: the server refused the token or operation (or is in maintenance){}",
                detail()
            ),
        ),
        (429, _) => refused(Refusal::Throttled, format!("HTTP 429{}", detail())),
        (404 | 405, None) => refused(
            Refusal::WrongPath,
            format!(
                "HTTP {status}: no API at this address (a web server's page){}",
                detail()
            ),
        ),
        (500 | 502 | 503 | 504, _) => {
            refused(Refusal::ServerError, format!("HTTP {status}{}", detail()))
        }
        (400..=499, Some(_)) => refused(Refusal::Ids, format!("HTTP {status}{}", detail())),
        _ => refused(Refusal::Other, format!("HTTP {status}{}", detail())),
    }
}

/// A 2xx JSON object: success only if every condition holds.
fn judge_body(status: u16, body: &Map<String, Value>, ids: usize) -> (Verdict, Option<String>) {
    let code = body.get("code").and_then(number);
    let error = body.get("error").filter(|e| !no_error(e));
    let said = describe(body);
    let refused = |why: Refusal, text: String| (Verdict::Refused(why), Some(text));
    let words = [body.get("msg"), body.get("error")]
        .into_iter()
        .flatten()
        .map(value_text);
    let words = words.collect::<Vec<_>>().join(" ");
    if !words.is_empty() && token_refusal(&words) != Refusal::Auth {
        return refused(
            token_refusal(&words),
            format!("the server refused it ({said})"),
        );
    }
    match code {
        Some(401 | 403) => refused(
            Refusal::Auth,
            format!("the server refused the token or operation ({said})"),
        ),
        Some(500 | 502 | 503 | 504) => refused(
            Refusal::BodyServerError,
            format!("the server failed ({said})"),
        ),
        Some(c) if !(200..300).contains(&c) => {
            refused(Refusal::Ids, format!("the server refused it ({said})"))
        }
        _ if error.is_some() => refused(Refusal::Ids, format!("the server refused it ({said})")),
        None => refused(
            Refusal::Other,
            format!(
                "HTTP {status}, but the answer has no 2xx `code`: {}",
                shown_body(&Value::Object(body.clone()).to_string())
            ),
        ),
        Some(_) => match deleted_count(body.get("msg")) {
            Some(n) if n < ids as u64 => (
                Verdict::Unconfirmed(Lost::ShortCount),
                Some(format!(
                    "the server counted {n} deleted of {ids} sent ({said}) without saying which; \
                     they may have been deleted"
                )),
            ),
            _ => (Verdict::Confirmed, None),
        },
    }
}

/// Which 403 this is, from the server's words: Wolkvox answers 403 for the
/// simultaneous-request limit, the daily quota, a bad token and maintenance.
fn token_refusal(text: &str) -> Refusal {
    let text = text.to_ascii_uppercase();
    if text.contains("SIMULTANEOUS") {
        Refusal::Simultaneous
    } else if text.contains("TOKEN LIMIT EXCEEDED") {
        Refusal::Quota
    } else {
        Refusal::Auth
    }
}

/// A number, or a string holding one (Wolkvox writes `"code": "200"`).
fn number(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// `error` absent, null, false, "" or the string "null" (Wolkvox writes that).
fn no_error(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => true,
        Value::String(s) => s.trim().is_empty() || s.trim().eq_ignore_ascii_case("null"),
        _ => false,
    }
}

/// The number of records `msg` says were deleted: a number followed, within
/// a few words, by a word containing `delet`, `elimin` or `borr` (Wolkvox
/// answers in English or Spanish).
pub fn deleted_count(msg: Option<&Value>) -> Option<u64> {
    let text = value_text(msg?).to_lowercase();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().find_map(|(i, w)| {
        let n: u64 = w.parse().ok()?;
        let counted = words[i + 1..].iter().take(4).any(|w| {
            ["delet", "elimin", "borr"]
                .iter()
                .any(|stem| w.contains(stem))
        });
        counted.then_some(n)
    })
}

/// The server's words for an error status: its JSON fields, or the start of its page.
fn detail(response: &Option<Value>, text: &str) -> String {
    match response {
        Some(Value::Object(body)) if !describe(body).is_empty() => format!(" ({})", describe(body)),
        Some(Value::Object(_)) => String::new(),
        _ if text.trim().is_empty() => String::new(),
        _ => format!(": {}", shown_body(text)),
    }
}

/// `code`, `error` and `msg` of a body, as one escaped line.
fn describe(body: &Map<String, Value>) -> String {
    ["code", "error", "msg"]
        .iter()
        .filter_map(|k| {
            let v = body.get(*k).filter(|v| !no_error(v))?;
            Some(format!("{k}: {}", excerpt(&value_text(v), EXCERPT)))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn shown_body(text: &str) -> String {
    format!("\"{}\"", excerpt(text, EXCERPT))
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

    fn verdict(status: u16, text: &str, ids: usize) -> Verdict {
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        Received {
            status,
            text: text.to_string(),
            response: serde_json::from_str(body).ok(),
            location: None,
            retry_after: None,
            headers: Vec::new(),
            elapsed: Duration::ZERO,
            ids,
        }
        .judge()
        .verdict
    }

    use Refusal::*;
    use Verdict::*;

    #[test]
    fn only_a_full_success_confirms() {
        for (status, text, expected) in [
            (
                200,
                r#"{"code":200,"error":null,"msg":"1 records deleted"}"#,
                Confirmed,
            ),
            (200, r#"{"code":"200","error":"null"}"#, Confirmed),
            (
                202,
                r#"{"code":202,"error":false,"msg":"1 telephones were deleted"}"#,
                Confirmed,
            ),
            (200, "\u{feff}{\"code\":200,\"error\":\"\"}", Confirmed),
            (200, "false", Refused(Other)),
            (200, "null", Refused(Other)),
            (200, "{}", Refused(Other)),
            (200, r#""Error: record not found""#, Refused(Other)),
            (200, r#"{"success":false}"#, Refused(Other)),
            (200, r#"{"status":"error"}"#, Refused(Other)),
            (200, r#"{"code":"error","msg":"failed"}"#, Refused(Other)),
            (200, r#"{"code":"400","msg":"x"}"#, Refused(Ids)),
            (200, r#"{"code":200,"error":"nope"}"#, Refused(Ids)),
            (200, r#"{"code":401}"#, Refused(Auth)),
            (
                200,
                r#"{"code":503,"error":"database unavailable"}"#,
                Refused(BodyServerError),
            ),
            (200, "<html>", Refused(Other)),
            (403, "", Refused(Auth)),
            (
                403,
                "EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)",
                Refused(Simultaneous),
            ),
            (
                403,
                r#"{"code":403,"error":"TOKEN LIMIT EXCEEDED"}"#,
                Refused(Quota),
            ),
            (429, "", Refused(Throttled)),
            (503, "", Refused(ServerError)),
            (404, "<html>Not Found</html>", Refused(WrongPath)),
            (404, r#"{"error":"not found"}"#, Refused(Ids)),
            (501, "", Refused(Other)),
            (302, "", Refused(Other)),
        ] {
            assert_eq!(verdict(status, text, 1), expected, "{status} {text}");
        }
    }

    #[test]
    fn a_count_below_the_ids_sent_is_unconfirmed() {
        let zero = r#"{"code":200,"msg":"0 records deleted"}"#;
        assert_eq!(verdict(200, zero, 100), Unconfirmed(Lost::ShortCount));
        let all = r#"{"code":200,"msg":"100 registros eliminados"}"#;
        assert_eq!(verdict(200, all, 100), Confirmed);
        let some = r#"{"code":200,"msg":"Se borraron 99 registros borrados"}"#;
        assert_eq!(verdict(200, some, 100), Unconfirmed(Lost::ShortCount));
        let none = r#"{"code":200,"msg":"records deleted"}"#;
        assert_eq!(verdict(200, none, 100), Confirmed);
    }

    #[test]
    fn counts_in_messages() {
        let count = |m: &str| deleted_count(Some(&Value::String(m.into())));
        assert_eq!(count("1 records deleted"), Some(1));
        assert_eq!(count("3 telephones were deleted"), Some(3));
        assert_eq!(count("12 registros eliminados"), Some(12));
        assert_eq!(count("2 Borrados"), Some(2));
        assert_eq!(count("deleted"), None);
        assert_eq!(count("error 500 at line 3"), None);
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
