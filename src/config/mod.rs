//! Settings from flags, environment variables, the config file and its
//! profiles, resolved into one [`Settings`] where each value remembers its
//! source.
//!
//! Precedence, highest first: flag, environment variable, selected profile,
//! top level of the file, built-in default. Every setting is declared once
//! in [`spec`]; one walk ([`Resolver::get`]) applies the precedence to each.

mod file;
pub mod init;
pub mod spec;
mod token;

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;

use crate::cli::Invocation;
use crate::exit;
use crate::output::{ConfigReport, ConfigRow};
use crate::retry;
use crate::secret::Secret;
pub use file::{Choice, default_path};
use file::{FileConfig, Level};
use spec::{Spec, Value};
pub use token::{TokenSpec, stop_command};

/// Where a setting's value came from, as `config show` and `-v` print it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A flag, named as clap knows it (`--server`).
    Flag(String),
    /// An environment variable, named as clap knows it.
    Env(String),
    Profile(String),
    File,
    Default,
    TokenInferred,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "flag {flag}"),
            Source::Env(var) => write!(f, "env {var}"),
            Source::Profile(name) => write!(f, "profile {name}"),
            Source::File => f.write_str("file"),
            Source::Default => f.write_str("default"),
            Source::TokenInferred => f.write_str("token-inferred"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Setting<T> {
    pub value: T,
    pub source: Source,
}

impl<T> Setting<T> {
    pub fn new(value: T, source: Source) -> Self {
        Setting { value, source }
    }
}

/// Every setting, each with its source; `None` where nothing set it.
#[derive(Debug)]
pub struct Settings {
    pub file: Choice,
    pub file_found: bool,
    pub profile: Option<Setting<String>>,
    pub server: Option<Setting<String>>,
    pub token: Option<Setting<TokenSpec>>,
    pub operation: Option<Setting<String>>,
    pub timeout: Setting<Duration>,
    pub connect_timeout: Setting<Duration>,
    pub batch_size: Setting<u32>,
    pub retries: Setting<u32>,
    pub concurrency: Setting<usize>,
    pub audit_log: Option<Setting<PathBuf>>,
    pub max_delete: Option<Setting<usize>>,
    /// Only tests change it (hidden `--backoff-base`).
    pub backoff_base: Duration,
    /// The API's own time limit; only tests change it (hidden `--api-time-limit`).
    pub api_time_limit: Duration,
    /// Things the user should hear about (e.g. a token file others can read).
    pub warnings: Vec<String>,
}

/// What a delete needs, all present and checked, with their sources.
#[derive(Debug)]
pub struct Resolved {
    pub server: Setting<String>,
    pub token: Setting<Secret>,
    pub operation: Setting<String>,
}

/// The names of the config file's profiles.
pub fn profile_names(inv: &Invocation) -> Result<Vec<String>> {
    let file = file::load(&choice(inv), &mut Vec::new())?;
    Ok(file.profiles.keys().cloned().collect())
}

/// The config file named by `--config`/`WOLKVOX_CONFIG`, or the default one.
pub fn choice(inv: &Invocation) -> Choice {
    match inv.value::<PathBuf>("config") {
        Some(path) => Choice::Named(path),
        None => default_path().map_or(Choice::Nowhere, Choice::Default),
    }
}

impl Settings {
    pub fn resolve(inv: &Invocation) -> Result<Settings> {
        let choice = choice(inv);
        let mut warnings = Vec::new();
        let file = file::load(&choice, &mut warnings)?;
        let profile = inv.setting::<String>("profile").or_else(|| {
            let name = file.default_profile.clone()?;
            Some(Setting::new(name, Source::File))
        });
        let r = Resolver {
            inv,
            levels: levels(&file, profile.as_ref(), &choice)?,
        };
        Ok(Settings {
            server: r.get(&spec::SERVER)?,
            token: r.token()?,
            operation: r.get(&spec::OPERATION)?,
            timeout: r.or_default(&spec::TIMEOUT)?,
            connect_timeout: r.or_default(&spec::CONNECT_TIMEOUT)?,
            batch_size: r.or_default(&spec::BATCH_SIZE)?,
            retries: r.or_default(&spec::RETRIES)?,
            concurrency: r.or_default(&spec::CONCURRENCY)?,
            audit_log: r.get(&spec::AUDIT_LOG)?,
            max_delete: r.get(&spec::MAX_DELETE)?,
            backoff_base: inv
                .value("backoff_base")
                .unwrap_or(retry::DEFAULT_BACKOFF_BASE),
            api_time_limit: inv
                .value("api_time_limit")
                .unwrap_or(crate::api::TIME_LIMIT),
            file: choice,
            file_found: file.found,
            profile,
            warnings,
        })
    }

    /// The token itself, running `token_command` if that is its source.
    pub fn fetch_token(&self) -> Result<Option<Setting<Secret>>> {
        let Some(spec) = &self.token else {
            return Ok(None);
        };
        let secret = spec.value.fetch(&spec.source)?;
        Ok(Some(Setting::new(secret, spec.source.clone())))
    }

    /// The operation, falling back to the one a token encodes.
    pub fn operation(&self, token: Option<&Secret>) -> Option<Setting<String>> {
        self.operation.clone().or_else(|| {
            let op = token::operation_from_token(token?.expose())?;
            Some(Setting::new(op, Source::TokenInferred))
        })
    }

    /// A configuration error naming every place that could set a missing value.
    fn missing(&self, what: &str, flag: &str, var: &str, keys: &str) -> anyhow::Error {
        let in_file = match self.file.path() {
            Some(p) => format!("in the config file ({})", p.display()),
            None => "in the config file".to_string(),
        };
        exit::config(format!(
            "no {what} given: pass {flag}, set {var}, or set {keys} {in_file}"
        ))
    }

    /// Server and token are set (without running `token_command`).
    pub fn check_present(&self) -> Result<()> {
        if self.server.is_none() {
            return Err(self.missing("server", "--server HOST", "WOLKVOX_SERVER", "`server`"));
        }
        if self.token.is_none() {
            let keys = "`token` or `token_command`";
            return Err(self.missing("token", "--token", "WOLKVOX_TOKEN", keys));
        }
        Ok(())
    }

    /// Server, token and operation, or a configuration error naming every
    /// place that could set the one missing.
    pub fn require(&self) -> Result<Resolved> {
        self.check_present()?;
        let server = self.server.as_ref().expect("checked");
        let token = self.fetch_token()?.expect("checked");
        let operation = self.operation(Some(&token.value)).ok_or_else(|| {
            self.missing(
                "operation",
                "--operation NAME",
                "WOLKVOX_OPERATION",
                "`operation`",
            )
        })?;
        let op = &operation.value;
        if op.trim().is_empty() || op.chars().any(char::is_control) {
            return Err(exit::config(format!(
                "the operation ({}) is empty or has control characters",
                operation.source
            )));
        }
        Ok(Resolved {
            server: server.clone(),
            token,
            operation,
        })
    }
}

/// The levels of the file to look in, highest first: the selected profile,
/// then the top level.
fn levels<'a>(
    file: &'a FileConfig,
    profile: Option<&Setting<String>>,
    choice: &Choice,
) -> Result<Vec<(&'a Level, Source)>> {
    let mut levels = Vec::with_capacity(2);
    if let Some(profile) = profile {
        let name = &profile.value;
        let level = file
            .profiles
            .get(name)
            .ok_or_else(|| unknown_profile(name, file, choice))?;
        levels.push((level, Source::Profile(name.clone())));
    }
    levels.push((&file.top, Source::File));
    Ok(levels)
}

fn unknown_profile(name: &str, file: &FileConfig, choice: &Choice) -> anyhow::Error {
    let path = choice
        .path()
        .map_or("(none)".to_string(), |p| p.display().to_string());
    if !file.found {
        return exit::config(format!(
            "profile '{name}' not found: there is no config file at {path}"
        ));
    }
    let known: Vec<&str> = file.profiles.keys().map(String::as_str).collect();
    let known = if known.is_empty() {
        "none".to_string()
    } else {
        known.join(", ")
    };
    exit::config(format!(
        "profile '{name}' not found in {path}; known profiles: {known}"
    ))
}

/// Walks flag → environment → profile → file → default for one setting.
struct Resolver<'a> {
    inv: &'a Invocation,
    levels: Vec<(&'a Level, Source)>,
}

impl Resolver<'_> {
    fn get<T: Value>(&self, spec: &'static Spec<T>) -> Result<Option<Setting<T>>> {
        if let Some(setting) = self.inv.setting::<T>(spec.key) {
            return Ok(Some(setting));
        }
        for (level, source) in &self.levels {
            if let Some(entry) = level.get(spec.key) {
                let value = spec.parse_raw(&entry.raw).map_err(|e| {
                    let (key, line, column) = (spec.key, entry.line, entry.column);
                    exit::config(format!(
                        "{key} ({source}, line {line}, column {column}): {e}"
                    ))
                })?;
                return Ok(Some(Setting::new(value, source.clone())));
            }
        }
        Ok(spec
            .default
            .clone()
            .map(|value| Setting::new(value, Source::Default)))
    }

    fn or_default<T: Value>(&self, spec: &'static Spec<T>) -> Result<Setting<T>> {
        Ok(self.get(spec)?.expect("a setting with a default"))
    }

    /// `token` and `token_command` compete at the same level: setting both
    /// is ambiguous, so it is an error rather than a silent choice.
    fn token(&self) -> Result<Option<Setting<TokenSpec>>> {
        if let Some(given) = self.inv.setting::<String>(spec::TOKEN.key) {
            let secret = Secret::new(given.value.trim().to_string());
            return Ok(Some(Setting::new(TokenSpec::Value(secret), given.source)));
        }
        for (level, source) in &self.levels {
            let text = |spec: &Spec<String>| {
                let entry = level.get(spec.key)?;
                spec.parse_raw(&entry.raw).ok()
            };
            let spec = match (text(&spec::TOKEN), text(&spec::TOKEN_COMMAND)) {
                (Some(_), Some(_)) => {
                    return Err(exit::config(format!(
                        "both `token` and `token_command` are set ({source}): keep one"
                    )));
                }
                (Some(t), None) => TokenSpec::Value(Secret::new(t.trim().to_string())),
                (None, Some(command)) => TokenSpec::Command(command),
                (None, None) => continue,
            };
            return Ok(Some(Setting::new(spec, source.clone())));
        }
        Ok(None)
    }
}

impl Settings {
    /// Every setting with its value and source, as `config show` prints
    /// them; the token redacted, the endpoint worked out from the server.
    pub fn report(&self) -> Result<ConfigReport> {
        let token = self.fetch_token()?;
        let operation = self.operation(token.as_ref().map(|t| &t.value));
        let endpoint = match &self.server {
            Some(s) => Some(Setting::new(
                crate::api::endpoint(&s.value)?,
                s.source.clone(),
            )),
            None => None,
        };
        let token_source = |s: &Setting<TokenSpec>| match s.value {
            TokenSpec::Command(_) => format!("{} token_command", s.source),
            TokenSpec::Value(_) => s.source.to_string(),
        };
        let token_row = token
            .zip(self.token.as_ref())
            .map(|(t, spec)| (t.value.to_string(), token_source(spec)));
        let seconds = |d: &Duration| crate::output::seconds(*d);
        let rows = vec![
            row("profile", shown(self.profile.as_ref(), String::clone)),
            row(
                "server",
                shown(self.server.as_ref(), |s| crate::api::redact_userinfo(s)),
            ),
            row("endpoint", shown(endpoint.as_ref(), |u| u.to_string())),
            row("token", token_row),
            row("operation", shown(operation.as_ref(), String::clone)),
            row("timeout", shown(Some(&self.timeout), seconds)),
            row(
                "connect_timeout",
                shown(Some(&self.connect_timeout), seconds),
            ),
            row("batch_size", shown(Some(&self.batch_size), u32::to_string)),
            row("retries", shown(Some(&self.retries), u32::to_string)),
            row(
                "concurrency",
                shown(Some(&self.concurrency), usize::to_string),
            ),
            row(
                "audit_log",
                shown(self.audit_log.as_ref(), |p| p.display().to_string()),
            ),
        ];
        Ok(ConfigReport {
            path: self.file.path().map(|p| p.display().to_string()),
            found: self.file_found,
            rows,
        })
    }
}

impl Settings {
    /// With `-v`: where the server, token and operation came from, so that
    /// a variable silently overriding a profile is visible.
    pub fn sources(&self, target: &Resolved) -> Vec<String> {
        let mut lines = Vec::new();
        if self.file_found
            && let Some(path) = self.file.path()
        {
            lines.push(format!("config file: {}", path.display()));
        }
        let server = crate::api::redact_userinfo(&target.server.value);
        lines.push(format!("server: {server} ({})", target.server.source));
        let token = match self.token.as_ref().map(|t| &t.value) {
            Some(TokenSpec::Command(_)) => format!("{} token_command", target.token.source),
            _ => target.token.source.to_string(),
        };
        lines.push(format!("token: (redacted) ({token})"));
        let operation = &target.operation;
        let hint = match operation.source {
            Source::TokenInferred => "; --operation overrides it",
            _ => "",
        };
        lines.push(format!(
            "operation: {} ({}{hint})",
            operation.value, operation.source
        ));
        lines
    }
}

fn row(key: &'static str, value: Option<(String, String)>) -> ConfigRow {
    ConfigRow { key, value }
}

fn shown<T>(setting: Option<&Setting<T>>, show: impl Fn(&T) -> String) -> Option<(String, String)> {
    setting.map(|s| (show(&s.value), s.source.to_string()))
}
