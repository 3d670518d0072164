//! The Wolkvox delete API: where a request goes ([`endpoint`]), what it
//! carries ([`request`]), how it is sent ([`client`]) and what the answer
//! means ([`answer`]). See `shared/wolkvox-api.md` for the facts.

pub mod answer;
pub mod client;
pub mod quota;
pub mod request;

use std::time::Duration;

use anyhow::Result;
use reqwest::Url;

use crate::exit;

pub use answer::{Answer, Lost, Refusal, Unsent, Verdict};
pub use client::Client;

pub const API_PATH: &str = "/server/API/v2/custom/delete.php";
/// The API's own limit for one call.
pub const TIME_LIMIT: Duration = Duration::from_secs(60);
/// Wolkvox refuses more than two simultaneous requests per token.
pub const MAX_CONCURRENCY: usize = 2;
/// The upload limit the vendor states for its other v2 APIs.
pub const MAX_BATCH: u32 = 10_000;

/// The delete endpoint for what the user typed: a bare host, or a base URL.
/// Messages never repeat a user name or password written into the URL.
pub fn endpoint(server: &str) -> Result<Url> {
    let server = server.trim();
    let shown = redact_userinfo(server);
    let bad = |why: &str| exit::config(format!("server '{shown}': {why}"));
    if server.is_empty() {
        return Err(exit::config("the server is empty"));
    }
    let with_scheme = match server.split_once(':') {
        Some((_, rest)) if rest.starts_with("//") => server.to_string(),
        // host:port, e.g. crm0001.wolkvox.com:8443
        Some((_, rest)) if rest.split('/').next().is_some_and(is_port) => {
            format!("https://{server}")
        }
        Some(_) => {
            return Err(bad(
                "not a host name or URL; write the host (crm0001.wolkvox.com) or https://HOST",
            ));
        }
        None => format!("https://{server}"),
    };
    let mut url =
        Url::parse(&with_scheme).map_err(|e| bad(&format!("not a host name or URL ({e})")))?;
    check_scheme(&url).map_err(|why| bad(&why))?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("no host name"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad(
            "user names or passwords in the URL are not supported; use the token",
        ));
    }
    let base = url.path().trim_end_matches('/').to_string();
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad(
            "has a query or #fragment; give the host, e.g. crm0001.wolkvox.com",
        ));
    }
    // A page of the CRM pasted from the browser, not the API: a prefix
    // ending in .php would silently send requests to the wrong place.
    if base.ends_with(".php") && !base.ends_with(API_PATH) {
        return Err(bad(
            "is a page, not the API; give the host, e.g. crm0001.wolkvox.com",
        ));
    }
    if !base.ends_with(API_PATH) {
        url.set_path(&format!("{base}{API_PATH}"));
    }
    Ok(url)
}

/// The host a URL names, with its port when it gives one.
pub fn host(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

fn is_port(text: &str) -> bool {
    !text.is_empty() && text.len() <= 5 && text.bytes().all(|b| b.is_ascii_digit())
}

/// A server as messages show it: `user:password@` written as `(redacted)@`.
pub fn redact_userinfo(server: &str) -> String {
    let (scheme, rest) = match server.split_once("://") {
        Some((scheme, rest)) => (format!("{scheme}://"), rest),
        None => (String::new(), server),
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}{}{}", crate::secret::REDACTED, &rest[at..]),
        None => server.to_string(),
    }
}

/// https anywhere; plain http only to this machine.
fn check_scheme(url: &Url) -> Result<(), String> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(url) => Ok(()),
        "http" => Err(
            "plain http:// would send the token unencrypted; use https:// \
                       (http is allowed only for localhost)"
                .into(),
        ),
        other => Err(format!("scheme '{other}' is not supported; use https://")),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        let ok = |s: &str| endpoint(s).unwrap().to_string();
        let full = "/server/API/v2/custom/delete.php";
        for (given, expected) in [
            ("crm0001.wolkvox.com", "https://crm0001.wolkvox.com"),
            ("crm0001.wolkvox.com/", "https://crm0001.wolkvox.com"),
            ("https://h:8443/pre/", "https://h:8443/pre"),
            ("https://h/server/API/v2/custom/delete.php", "https://h"),
            ("http://127.0.0.1:9/", "http://127.0.0.1:9"),
            ("http://localhost:9", "http://localhost:9"),
            ("http://[::1]:9", "http://[::1]:9"),
        ] {
            assert_eq!(ok(given), format!("{expected}{full}"), "{given}");
        }
        assert_eq!(
            ok("crm0001.wolkvox.com:8443"),
            format!("https://crm0001.wolkvox.com:8443{full}")
        );
        for bad in [
            "http://crm.wolkvox.com",
            "ftp://h",
            "https://u:p@h",
            "https://h/?a=1",
            "",
            "http://127.0.0.1.evil.com",
            "http:/localhost",
            "https:crm0001.wolkvox.com",
            "https:/crm0001.wolkvox.com",
            "https://crm0001.wolkvox.com/index.php",
            "https://crm0001.wolkvox.com/server/API/v2/custom/query.php",
        ] {
            assert!(endpoint(bad).is_err(), "{bad} should be refused");
        }
        let err = endpoint("https://ana:S3cret@h.example/")
            .unwrap_err()
            .to_string();
        assert!(!err.contains("S3cret") && !err.contains("ana"), "{err}");
        assert_eq!(
            redact_userinfo("https://a:b@h/x@y"),
            "https://(redacted)@h/x@y"
        );
        assert_eq!(redact_userinfo("a:b@h"), "(redacted)@h");
        assert_eq!(redact_userinfo("h.example"), "h.example");
    }
}
