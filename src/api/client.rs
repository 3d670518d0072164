//! The HTTP client for a whole run: one connection, kept alive; the token
//! in exactly one header; no redirects, no referer, no plain-http proxy.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use reqwest::Url;
use reqwest::blocking::{Client as Http, Response};
use reqwest::header::{CONTENT_TYPE, HeaderValue, LOCATION, RETRY_AFTER};

use super::MAX_CONCURRENCY;
use super::answer::{self, Answer, Received, Verdict};
use super::request::{TOKEN_HEADER, USER_AGENT};
use crate::exit;
use crate::secret::Secret;

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
        match sent {
            Ok(response) => self.receive(response, started),
            Err(e) => self.no_answer(&e, None, Vec::new(), started),
        }
    }

    fn receive(&self, response: Response, started: Instant) -> Answer {
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
            .map(|(k, v)| (k.as_str().to_string(), self.scrubbed(v.as_bytes())))
            .collect();
        let bytes = match response.bytes() {
            Ok(b) => b,
            Err(e) => return self.no_answer(&e, Some(status), headers, started),
        };
        Received {
            status,
            text: self.scrubbed(&bytes),
            location,
            retry_after,
            headers,
            elapsed: started.elapsed(),
        }
        .judge()
    }

    fn scrubbed(&self, bytes: &[u8]) -> String {
        self.secret
            .scrub(&String::from_utf8_lossy(bytes))
            .into_owned()
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
            let host = self.url.host_str().unwrap_or("the server");
            format!("cannot connect to {host}: {root}")
        } else {
            format!("the connection failed before a full answer arrived: {root}")
        };
        Answer {
            verdict: Verdict::NoAnswer,
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
