//! The token's daily request quota, from the API's `tokenInformation.php`:
//! `{"code":"200","error":"null","data":{"token_limit":4800,
//! "token_use_today":…,"available_consumition_options":…,
//! "hours_to_restart_count":…}}`. Asking costs one request itself.

use reqwest::Url;
use serde_json::Value;

use super::API_PATH;
use super::answer::{Answer, Verdict, value_text};

pub const QUOTA_PATH: &str = "/server/API/v2/token/tokenInformation.php";

/// What the token may still do today.
#[derive(Debug, Clone)]
pub struct Quota {
    pub limit: u64,
    pub used: u64,
    /// Hours until the count restarts, as the server says it.
    pub restarts_in: Option<String>,
    /// The answer's `data`, scrubbed, as json/jsonl show it.
    pub data: Value,
}

impl Quota {
    pub fn remaining(&self) -> u64 {
        self.limit.saturating_sub(self.used)
    }

    /// "in 7 hours", or "within 24 hours" when the server does not say.
    pub fn restart(&self) -> String {
        match &self.restarts_in {
            Some(h) => format!("in {h} hours"),
            None => "within 24 hours".into(),
        }
    }
}

/// The quota address on the same host (and prefix) as the delete endpoint.
pub fn url(delete: &Url, operation: &str) -> Url {
    let mut url = delete.clone();
    let base = url.path().strip_suffix(API_PATH).unwrap_or("").to_string();
    url.set_path(&format!("{base}{QUOTA_PATH}"));
    url.query_pairs_mut()
        .clear()
        .append_pair("operation", operation);
    url
}

/// The quota in a confirmed answer, or why it cannot be read.
pub fn read(answer: &Answer) -> Result<Quota, String> {
    if answer.verdict != Verdict::Confirmed {
        return Err(answer
            .error
            .clone()
            .unwrap_or_else(|| "no usable answer".into()));
    }
    let data = answer.field("data").cloned().unwrap_or(Value::Null);
    let number = |key: &str| {
        let v = data.get(key)?;
        v.as_u64()
            .or_else(|| value_text(v).trim().parse::<f64>().ok().map(|f| f as u64))
    };
    let (Some(limit), Some(used)) = (number("token_limit"), number("token_use_today")) else {
        return Err("the answer has no readable token_limit and token_use_today".into());
    };
    let restarts_in = data
        .get("hours_to_restart_count")
        .filter(|v| !v.is_null())
        .map(|v| crate::display::excerpt(&value_text(v), 20));
    Ok(Quota {
        limit,
        used,
        restarts_in,
        data,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quota_address_keeps_host_and_prefix() {
        let delete =
            Url::parse("https://h.example:8443/pre/server/API/v2/custom/delete.php").unwrap();
        assert_eq!(
            url(&delete, "acme co").as_str(),
            "https://h.example:8443/pre/server/API/v2/token/tokenInformation.php?operation=acme+co"
        );
    }
}
