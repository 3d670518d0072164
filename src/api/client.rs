//! The HTTP client for a whole run: one connection, kept alive; the token
//! in exactly one header; no redirects, no referer, no plain-http proxy.
//! Every answer is bounded (1 MiB) and scrubbed before it is judged.

use std::io::Read;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use reqwest::Url;
use reqwest::blocking::{Client as Http, Response};
use reqwest::header::{CONTENT_TYPE, HeaderValue, LOCATION, RETRY_AFTER};
use serde_json::Value;

use super::MAX_CONCURRENCY;
use super::answer::{self, Answer, Lost, Received, Unsent, Verdict};
use super::request::{TOKEN_HEADER, USER_AGENT};
use crate::display::escape;
use crate::exit;
use crate::secret::Secret;

/// The most of an answer's body that is read; a larger answer confirms nothing.
pub const MAX_ANSWER: u64 = 1 << 20;

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
        // The process's one TLS provider; an error only means it is set already.
        let _ = rustls::crypto::ring::default_provider().install_default();
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
            .pool_max_idle_per_host(MAX_CONCURRENCY)
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

    /// Sends one request carrying `ids` ids and judges the answer; never
    /// returns an error, because "no answer" is itself an outcome the run
    /// must account for.
    pub fn send(&self, body: &[u8], ids: usize) -> Answer {
        let started = Instant::now();
        let sent = self
            .http
            .post(self.url.clone())
            .header(TOKEN_HEADER, self.token.clone())
            .header(CONTENT_TYPE, "application/json")
            .body(body.to_vec())
            .send();
        match sent {
            Ok(response) => self.receive(response, ids, started),
            Err(e) => self.no_answer(&e, started),
        }
    }

    /// Asks for `url` (the quota) with the token, judged like a delete of no ids.
    pub fn get(&self, url: Url) -> Answer {
        let started = Instant::now();
        let sent = self
            .http
            .get(url)
            .header(TOKEN_HEADER, self.token.clone())
            .send();
        match sent {
            Ok(response) => self.receive(response, 0, started),
            Err(e) => self.no_answer(&e, started),
        }
    }

    fn receive(&self, mut response: Response, ids: usize, started: Instant) -> Answer {
        let status = response.status().as_u16();
        let header = |name| {
            let value = response.headers().get(name)?;
            Some(self.scrubbed(value.as_bytes()))
        };
        let retry_after = header(RETRY_AFTER).and_then(|v| answer::parse_retry_after(&v));
        let location = header(LOCATION);
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    self.scrubbed(k.as_str().as_bytes()),
                    self.scrubbed(v.as_bytes()),
                )
            })
            .collect();
        let bytes = match read_bounded(&mut response) {
            Ok(bytes) => bytes,
            Err((lost, why)) => {
                let why = format!("HTTP {status}, but {why}");
                return Answer {
                    status: Some(status),
                    headers,
                    ..Answer::none(Verdict::Unconfirmed(lost), why, started.elapsed())
                };
            }
        };
        let text = String::from_utf8_lossy(&bytes);
        let json = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let response = serde_json::from_str::<Value>(json)
            .ok()
            .map(|v| self.secret.scrub_json(v));
        Received {
            status,
            text: self.secret.scrub(&text).into_owned(),
            response,
            location,
            retry_after,
            headers,
            elapsed: started.elapsed(),
            ids,
        }
        .judge()
    }

    fn scrubbed(&self, bytes: &[u8]) -> String {
        self.secret
            .scrub(&String::from_utf8_lossy(bytes))
            .into_owned()
    }

    /// No HTTP answer: was anything sent, and why not.
    fn no_answer(&self, e: &reqwest::Error, started: Instant) -> Answer {
        let root = escape(&root_cause(e)).into_owned();
        let host = self.url.host_str().unwrap_or("the server");
        let (verdict, error) = if is_tls(e) {
            let hint =
                "if a private or inspecting CA signs it, point SSL_CERT_FILE or SSL_CERT_DIR at it";
            (
                Verdict::NotSent(Unsent::Tls),
                format!("TLS with {host} failed: {root} ({hint})"),
            )
        } else if e.is_connect() {
            (
                Verdict::NotSent(Unsent::Connect),
                format!("cannot connect to {host}: {root}"),
            )
        } else if e.is_timeout() {
            let secs = self.timeout.as_secs_f64();
            (
                Verdict::Unconfirmed(Lost::TimedOut),
                format!("no answer within {secs} s (--timeout)"),
            )
        } else {
            let error = format!("the connection failed before a full answer arrived: {root}");
            (Verdict::Unconfirmed(Lost::NoAnswer), error)
        };
        Answer::none(
            verdict,
            self.secret.scrub(&error).into_owned(),
            started.elapsed(),
        )
    }
}

/// The body, if it is whole and at most [`MAX_ANSWER`] long.
fn read_bounded(response: &mut Response) -> Result<Vec<u8>, (Lost, String)> {
    let mut bytes = Vec::new();
    if let Err(e) = response.take(MAX_ANSWER + 1).read_to_end(&mut bytes) {
        let why = format!("the answer broke off: {}", escape(&root_cause(&e)));
        return Err((Lost::NoAnswer, why));
    }
    if bytes.len() as u64 > MAX_ANSWER {
        return Err((
            Lost::TooLarge,
            "the answer is larger than 1 MiB; it was not read".into(),
        ));
    }
    Ok(bytes)
}

/// Whether the failure was the TLS handshake (a certificate, most often).
/// The rustls error sits inside `io::Error`s inside hyper's error, and an
/// `io::Error`'s `source()` skips the error it wraps: look inside each.
fn is_tls(e: &(dyn std::error::Error + 'static)) -> bool {
    if e.downcast_ref::<rustls::Error>().is_some() {
        return true;
    }
    let inner = e
        .downcast_ref::<std::io::Error>()
        .and_then(|io| io.get_ref());
    if inner.is_some_and(|inner| is_tls(inner)) {
        return true;
    }
    e.source().is_some_and(is_tls)
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}
