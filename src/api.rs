//! One request to the Wolkvox delete API: where it goes, what it carries,
//! and what the answer means. See `shared/wolkvox-api.md` for the facts.

use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context, Result};
use reqwest::Url;
use reqwest::blocking::Client as Http;
use reqwest::header::{CONTENT_TYPE, HeaderValue, LOCATION, RETRY_AFTER};
use serde::Serialize;
use serde_json::Value;

use crate::exit;
use crate::secret::{REDACTED, Secret};

pub const API_PATH: &str = "/server/API/v2/custom/delete.php";
pub const USER_AGENT: &str = concat!("wolkvox/", env!("CARGO_PKG_VERSION"));
/// Written exactly so: PHP's `getallheaders()` keys are case-sensitive.
pub const TOKEN_HEADER: &str = "Wolkvox-Token";
/// How much of an answer that is not JSON is shown.
const EXCERPT: usize = 200;

/// The delete endpoint for what the user typed: a bare host, or a base URL.
pub fn endpoint(server: &str) -> Result<Url> {
    let server = server.trim();
    if server.is_empty() {
        return Err(exit::config("the server is empty"));
    }
    let with_scheme = if server.contains("://") {
        server.to_string()
    } else {
        format!("https://{server}")
    };
    let bad = |why: &str| exit::config(format!("server '{server}': {why}"));
    let mut url =
        Url::parse(&with_scheme).map_err(|e| bad(&format!("not a host name or URL ({e})")))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(bad(
                "plain http:// would send the token unencrypted; use https:// (http is allowed only for localhost)",
            ));
        }
        other => {
            return Err(bad(&format!(
                "scheme '{other}' is not supported; use https://"
            )));
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("no host name"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad(
            "user names or passwords in the URL are not supported; use the token",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad(
            "has a query or #fragment; give just the host, e.g. crm0001.wolkvox.com",
        ));
    }
    let base = url.path().trim_end_matches('/').to_string();
    if !base.ends_with(API_PATH) {
        url.set_path(&format!("{base}{API_PATH}"));
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[derive(Serialize)]
struct Body<'a> {
    operation: &'a str,
    module: &'a str,
    multiple: bool,
    #[serde(rename = "wolkvox-id")]
    ids: IdField<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum IdField<'a> {
    One(&'a str),
    Many(&'a [&'a str]),
}

/// The JSON body: one id as a string with `multiple: false`, several as an
/// array with `multiple: true`.
pub fn body(operation: &str, module: &str, ids: &[&str]) -> Vec<u8> {
    let (multiple, ids) = match ids {
        [one] => (false, IdField::One(one)),
        many => (true, IdField::Many(many)),
    };
    serde_json::to_vec(&Body {
        operation,
        module,
        multiple,
        ids,
    })
    .expect("a body of strings always serialises")
}

/// The headers as shown in dry runs and `-vv` logs.
pub fn shown_headers() -> [(&'static str, &'static str); 3] {
    [
        (TOKEN_HEADER, REDACTED),
        ("Content-Type", "application/json"),
        ("User-Agent", USER_AGENT),
    ]
}

/// What became of one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgement {
    Deleted,
    /// The server answered and said no; trying again will not help.
    Refused,
    /// 401/403 (or that code in the body): every later request would be refused too.
    AuthRefused,
    /// Worth another attempt: no answer, 429, 500, 502, 503, 504.
    Retry,
    /// An answer that cannot be used: 3xx, another 5xx, a 2xx that is not JSON.
    Failed,
}

/// One attempt's answer, with the token scrubbed from everything the server sent.
#[derive(Debug, Clone)]
pub struct Answer {
    pub judgement: Judgement,
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

/// The HTTP client for a whole run: one connection pool, kept alive.
pub struct Client {
    http: Http,
    url: Url,
    token: HeaderValue,
    secret: Secret,
    timeout: Duration,
}

impl Client {
    pub fn new(
        url: Url,
        token: &Secret,
        timeout: Duration,
        connect_timeout: Duration,
    ) -> Result<Client> {
        let mut header = HeaderValue::from_str(token.expose())
            .map_err(|_| exit::config("the token has characters an HTTP header cannot carry"))?;
        header.set_sensitive(true);
        let mut builder = Http::builder();
        if url.scheme() == "http" {
            // Plain http is only allowed to loopback and redirects are never
            // followed, so no TLS will happen: skip loading the system's
            // certificate store (about a megabyte and a millisecond).
            builder = builder.tls_certs_only(std::iter::empty());
            // Nor may an HTTP_PROXY variable carry the token, unencrypted,
            // off this machine. (https goes through proxies in a tunnel.)
            builder = builder.no_proxy();
        }
        let http = builder
            .user_agent(USER_AGENT)
            // Redirects would carry the token and body to another host.
            .redirect(reqwest::redirect::Policy::none())
            .referer(false)
            .http1_only()
            .http1_title_case_headers()
            .timeout(timeout)
            .connect_timeout(connect_timeout)
            .pool_max_idle_per_host(crate::cli::MAX_CONCURRENCY)
            .build()
            .context("cannot set up the HTTP client")?;
        Ok(Client {
            http,
            url,
            token: header,
            secret: token.clone(),
            timeout,
        })
    }

    /// Sends one request and judges the answer; never returns an error,
    /// because "no answer" is itself an outcome the run must account for.
    pub fn send(&self, body: &[u8]) -> Answer {
        let started = Instant::now();
        let sent = self
            .http
            .post(self.url.clone())
            .header(TOKEN_HEADER, self.token.clone())
            .header(CONTENT_TYPE, "application/json")
            .body(body.to_vec())
            .send();
        let response = match sent {
            Ok(r) => r,
            Err(e) => return self.no_answer(&e, None, Vec::new(), started),
        };
        let status = response.status().as_u16();
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    self.secret
                        .scrub(&String::from_utf8_lossy(v.as_bytes()))
                        .into_owned(),
                )
            })
            .collect();
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| parse_retry_after(v.to_str().ok()?));
        let location = response
            .headers()
            .get(LOCATION)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let bytes = match response.bytes() {
            Ok(b) => b,
            Err(e) => return self.no_answer(&e, Some(status), headers, started),
        };
        let text = self
            .secret
            .scrub(&String::from_utf8_lossy(&bytes))
            .into_owned();
        let mut answer = judge(status, &text, location.as_deref());
        answer.retry_after = retry_after;
        answer.headers = headers;
        answer.elapsed = started.elapsed();
        answer
    }

    fn no_answer(
        &self,
        e: &reqwest::Error,
        status: Option<u16>,
        headers: Vec<(String, String)>,
        started: Instant,
    ) -> Answer {
        let root = root_cause(e);
        let error = if e.is_timeout() {
            format!(
                "no answer within {} s (--timeout)",
                self.timeout.as_secs_f64()
            )
        } else if e.is_connect() {
            format!(
                "cannot connect to {}: {root}",
                self.url.host_str().unwrap_or("the server")
            )
        } else {
            format!("the connection failed before a full answer arrived: {root}")
        };
        Answer {
            judgement: Judgement::Retry,
            status,
            response: None,
            error: Some(self.secret.scrub(&error).into_owned()),
            retry_after: None,
            headers,
            text: String::new(),
            elapsed: started.elapsed(),
        }
    }
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

/// Success is a 2xx status, a JSON body, and no error in that body.
pub fn judge(status: u16, text: &str, location: Option<&str>) -> Answer {
    let response: Option<Value> = serde_json::from_str(text).ok();
    let mut answer = Answer {
        judgement: Judgement::Deleted,
        status: Some(status),
        response,
        error: None,
        retry_after: None,
        headers: Vec::new(),
        text: text.to_string(),
        elapsed: Duration::ZERO,
    };
    let (judgement, error) = match status {
        200..=299 => match &answer.response {
            None => (
                Judgement::Failed,
                Some(format!(
                    "HTTP {status}, but the answer is not JSON: {}",
                    excerpt(text)
                )),
            ),
            Some(body) => match body_error(body) {
                None => (Judgement::Deleted, None),
                Some((Some(401 | 403), message)) => (Judgement::AuthRefused, Some(message)),
                Some((_, message)) => (Judgement::Refused, Some(message)),
            },
        },
        300..=399 => (
            Judgement::Failed,
            Some(format!(
                "HTTP {status} redirect to {} was not followed (it would carry the token); check --server",
                location.unwrap_or("(no Location)")
            )),
        ),
        401 | 403 => (
            Judgement::AuthRefused,
            Some(format!(
                "HTTP {status}: the server refused the token or operation (or is in maintenance){}",
                detail(&answer.response, text)
            )),
        ),
        429 | 500 | 502 | 503 | 504 => (
            Judgement::Retry,
            Some(format!("HTTP {status}{}", detail(&answer.response, text))),
        ),
        400..=499 => (
            Judgement::Refused,
            Some(format!("HTTP {status}{}", detail(&answer.response, text))),
        ),
        _ => (
            Judgement::Failed,
            Some(format!("HTTP {status}{}", detail(&answer.response, text))),
        ),
    };
    answer.judgement = judgement;
    answer.error = error;
    answer
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

    #[test]
    fn endpoints() {
        let ok = |s: &str| endpoint(s).unwrap().to_string();
        assert_eq!(
            ok("crm0001.wolkvox.com"),
            "https://crm0001.wolkvox.com/server/API/v2/custom/delete.php"
        );
        assert_eq!(
            ok("crm0001.wolkvox.com/"),
            "https://crm0001.wolkvox.com/server/API/v2/custom/delete.php"
        );
        assert_eq!(
            ok("https://h:8443/pre/"),
            "https://h:8443/pre/server/API/v2/custom/delete.php"
        );
        assert_eq!(
            ok("https://h/server/API/v2/custom/delete.php"),
            "https://h/server/API/v2/custom/delete.php"
        );
        assert_eq!(
            ok("http://127.0.0.1:9/"),
            "http://127.0.0.1:9/server/API/v2/custom/delete.php"
        );
        assert_eq!(
            ok("http://localhost:9"),
            "http://localhost:9/server/API/v2/custom/delete.php"
        );
        assert_eq!(
            ok("http://[::1]:9"),
            "http://[::1]:9/server/API/v2/custom/delete.php"
        );
        for bad in [
            "http://crm.wolkvox.com",
            "ftp://h",
            "https://u:p@h",
            "https://h/?a=1",
            "",
            "http://127.0.0.1.evil.com",
        ] {
            assert!(endpoint(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn bodies() {
        assert_eq!(
            String::from_utf8(body("op", "contacts", &["a"])).unwrap(),
            r#"{"operation":"op","module":"contacts","multiple":false,"wolkvox-id":"a"}"#
        );
        assert_eq!(
            String::from_utf8(body("op", "My Mod", &["a", "b"])).unwrap(),
            r#"{"operation":"op","module":"My Mod","multiple":true,"wolkvox-id":["a","b"]}"#
        );
    }

    #[test]
    fn judging() {
        assert_eq!(
            judge(
                200,
                r#"{"code":200,"error":null,"msg":"1 records deleted"}"#,
                None
            )
            .judgement,
            Judgement::Deleted
        );
        assert_eq!(
            judge(200, r#"{"code":"200"}"#, None).judgement,
            Judgement::Deleted
        );
        assert_eq!(
            judge(200, r#"{"code":"400","msg":"x"}"#, None).judgement,
            Judgement::Refused
        );
        assert_eq!(
            judge(200, r#"{"code":200,"error":"nope"}"#, None).judgement,
            Judgement::Refused
        );
        assert_eq!(
            judge(200, r#"{"code":401}"#, None).judgement,
            Judgement::AuthRefused
        );
        assert_eq!(judge(200, "<html>", None).judgement, Judgement::Failed);
        assert_eq!(judge(403, "", None).judgement, Judgement::AuthRefused);
        assert_eq!(judge(503, "", None).judgement, Judgement::Retry);
        assert_eq!(judge(404, "", None).judgement, Judgement::Refused);
        assert_eq!(judge(501, "", None).judgement, Judgement::Failed);
        assert_eq!(
            judge(302, "", Some("https://x")).judgement,
            Judgement::Failed
        );
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
