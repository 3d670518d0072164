//! What a delete request carries: its JSON body and its headers.

use serde::Serialize;

use crate::secret::REDACTED;

pub const USER_AGENT: &str = concat!("wolkvox/", env!("CARGO_PKG_VERSION"));
/// Written exactly so: PHP's `getallheaders()` keys are case-sensitive.
pub const TOKEN_HEADER: &str = "Wolkvox-Token";

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
