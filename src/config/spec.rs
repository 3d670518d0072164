//! The table of settings: each one declared once, with its config key
//! (which is also its clap argument id), its default and its check. The same
//! check serves a flag, an environment variable and the config file.

use std::path::PathBuf;
use std::time::Duration;

use crate::api;

/// A value as the config file holds it, before its setting reads it.
#[derive(Debug, Clone)]
pub enum Raw {
    Text(String),
    Integer(i64),
    Float(f64),
    /// Any other TOML type, by name (its text is never kept: it may be a token).
    Other(&'static str),
}

/// A type a setting can hold.
pub trait Value: Clone + Send + Sync + 'static {
    /// From a flag or environment variable.
    fn from_text(text: &str) -> Result<Self, String>;
    /// From the config file. Messages never quote the value: it may be a token.
    fn from_raw(raw: &Raw) -> Result<Self, String>;
}

impl Value for String {
    fn from_text(text: &str) -> Result<Self, String> {
        Ok(text.to_string())
    }

    fn from_raw(raw: &Raw) -> Result<Self, String> {
        match raw {
            Raw::Text(s) => Ok(s.clone()),
            Raw::Integer(_) | Raw::Float(_) => {
                Err("must be text in quotes, not a number (write key = \"...\")".into())
            }
            Raw::Other(kind) => Err(format!("must be text in quotes, not {kind}")),
        }
    }
}

impl Value for PathBuf {
    fn from_text(text: &str) -> Result<Self, String> {
        Ok(PathBuf::from(text))
    }

    fn from_raw(raw: &Raw) -> Result<Self, String> {
        String::from_raw(raw).map(PathBuf::from)
    }
}

impl Value for Duration {
    fn from_text(text: &str) -> Result<Self, String> {
        let secs: f64 = text
            .trim()
            .parse()
            .map_err(|_| format!("'{text}' is not a number of seconds"))?;
        seconds(secs)
    }

    fn from_raw(raw: &Raw) -> Result<Self, String> {
        match raw {
            Raw::Integer(n) => seconds(*n as f64),
            Raw::Float(x) => seconds(*x),
            _ => Err("must be a number of seconds".into()),
        }
    }
}

/// A finite number of seconds, from a millisecond to a day.
fn seconds(secs: f64) -> Result<Duration, String> {
    if secs.is_finite() && (0.001..=86_400.0).contains(&secs) {
        Ok(Duration::from_secs_f64(secs))
    } else {
        Err(format!(
            "{secs} seconds is out of range: give at least 0.001 (a millisecond) and at most 86400 (a day)"
        ))
    }
}

macro_rules! whole_number {
    ($($t:ty),*) => {$(
        impl Value for $t {
            fn from_text(text: &str) -> Result<Self, String> {
                text.trim()
                    .parse()
                    .map_err(|_| format!("'{text}' is not a whole number"))
            }

            fn from_raw(raw: &Raw) -> Result<Self, String> {
                match raw {
                    Raw::Integer(n) => <$t>::try_from(*n)
                        .map_err(|_| format!("{n} is out of range")),
                    _ => Err("must be a whole number".into()),
                }
            }
        }
    )*};
}
whole_number!(u32, usize);

/// One setting: its key in the config file (also the id of its clap
/// argument), its default, and the check every value goes through.
pub struct Spec<T: 'static> {
    pub key: &'static str,
    pub default: Option<T>,
    pub check: fn(T) -> Result<T, String>,
}

impl<T: Value> Spec<T> {
    /// The value of a flag or environment variable, checked.
    pub fn parse_text(&self, text: &str) -> Result<T, String> {
        T::from_text(text).and_then(self.check)
    }

    /// The value of a config file entry, checked.
    pub fn parse_raw(&self, raw: &Raw) -> Result<T, String> {
        T::from_raw(raw).and_then(self.check)
    }
}

/// A clap value parser for a setting: flags get the same check as the file.
pub fn arg<T: Value>(spec: &'static Spec<T>) -> impl Fn(&str) -> Result<T, String> + Clone {
    move |text| spec.parse_text(text)
}

/// What the config file's validation needs of any setting.
pub trait Key: Sync {
    fn key(&self) -> &'static str;
    fn validate(&self, raw: &Raw) -> Result<(), String>;
}

impl<T: Value> Key for Spec<T> {
    fn key(&self) -> &'static str {
        self.key
    }

    fn validate(&self, raw: &Raw) -> Result<(), String> {
        self.parse_raw(raw).map(drop)
    }
}

fn any<T>(v: T) -> Result<T, String> {
    Ok(v)
}

pub static SERVER: Spec<String> = Spec {
    key: "server",
    default: None,
    check: any,
};
pub static TOKEN: Spec<String> = Spec {
    key: "token",
    default: None,
    check: any,
};
pub static TOKEN_COMMAND: Spec<String> = Spec {
    key: "token_command",
    default: None,
    check: any,
};
pub static OPERATION: Spec<String> = Spec {
    key: "operation",
    default: None,
    check: any,
};
pub static TIMEOUT: Spec<Duration> = Spec {
    key: "timeout",
    default: Some(api::TIME_LIMIT),
    check: any,
};
pub static CONNECT_TIMEOUT: Spec<Duration> = Spec {
    key: "connect_timeout",
    default: Some(Duration::from_secs(10)),
    check: any,
};
pub static BATCH_SIZE: Spec<u32> = Spec {
    key: "batch_size",
    default: Some(100),
    check: |n| match n {
        1..=api::MAX_BATCH => Ok(n),
        _ => Err(format!("{n} is not between 1 and {}", api::MAX_BATCH)),
    },
};
pub static RETRIES: Spec<u32> = Spec {
    key: "retries",
    default: Some(3),
    check: |n| match n {
        0..=100 => Ok(n),
        _ => Err(format!("{n} is more than 100")),
    },
};
pub static CONCURRENCY: Spec<usize> = Spec {
    key: "concurrency",
    default: Some(1),
    check: |n| match n {
        1..=api::MAX_CONCURRENCY => Ok(n),
        0 => Err("concurrency must be 1 or 2".into()),
        _ => Err(format!(
            "concurrency {n} is too high: Wolkvox refuses more than {max} simultaneous \
             requests per token, so at most {max} are allowed",
            max = api::MAX_CONCURRENCY
        )),
    },
};
pub static AUDIT_LOG: Spec<PathBuf> = Spec {
    key: "audit_log",
    default: None,
    check: any,
};

pub static MAX_DELETE: Spec<usize> = Spec {
    key: "max_delete",
    default: None,
    check: |n| match n {
        0 => Err("must be at least 1".into()),
        n => Ok(n),
    },
};

/// Every key a config file level (top or profile) may hold.
pub static KEYS: [&dyn Key; 11] = [
    &SERVER,
    &TOKEN,
    &TOKEN_COMMAND,
    &OPERATION,
    &TIMEOUT,
    &CONNECT_TIMEOUT,
    &BATCH_SIZE,
    &RETRIES,
    &CONCURRENCY,
    &AUDIT_LOG,
    &MAX_DELETE,
];

pub fn find(key: &str) -> Option<&'static dyn Key> {
    KEYS.iter().copied().find(|k| k.key() == key)
}
