//! Settings from flags, environment, the config file and its profiles,
//! resolved into one [`Settings`] where each value remembers its source.
//!
//! Precedence, highest first: flag, environment variable, selected profile,
//! top level of the file, built-in default.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::Result;
use clap::ArgMatches;
use clap::parser::ValueSource;
use serde::Deserialize;

use crate::cli::{self, DeleteArgs, GlobalOpts};
use crate::exit;
use crate::secret::Secret;

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_BATCH: u32 = 100;
pub const DEFAULT_RETRIES: u32 = 3;
pub const DEFAULT_CONCURRENCY: usize = 1;
pub const DEFAULT_BACKOFF_BASE: Duration = Duration::from_millis(500);

/// Where a setting's value came from, as `config show` prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Flag(&'static str),
    Env(&'static str),
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
    fn new(value: T, source: Source) -> Self {
        Setting { value, source }
    }
}

/// The keys a config file (and each of its profiles) may hold.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Values {
    server: Option<String>,
    token: Option<String>,
    token_command: Option<String>,
    operation: Option<String>,
    timeout: Option<f64>,
    connect_timeout: Option<f64>,
    batch_size: Option<u32>,
    retries: Option<u32>,
    concurrency: Option<usize>,
    audit_log: Option<PathBuf>,
}

struct FileConfig {
    top: Values,
    default_profile: Option<String>,
    profiles: BTreeMap<String, Values>,
}

/// How the token is to be had: given, or printed by a command.
#[derive(Debug, Clone)]
pub enum TokenSpec {
    Value(Secret),
    Command(String),
}

/// Every setting, each with its source; `None` where nothing set it.
#[derive(Debug)]
pub struct Settings {
    pub file: Option<PathBuf>,
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
    pub backoff_base: Duration,
    /// Things the user should hear about (e.g. a token file others can read).
    pub warnings: Vec<String>,
}

/// What a delete needs, all present and checked.
#[derive(Debug)]
pub struct Resolved {
    pub server: String,
    pub token: Secret,
    pub operation: String,
    pub operation_inferred: bool,
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub batch_size: u32,
    pub retries: u32,
    pub concurrency: usize,
    pub audit_log: Option<PathBuf>,
    pub backoff_base: Duration,
}

/// The file read when neither `--config` nor `WOLKVOX_CONFIG` names one.
pub fn default_path() -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join("wolkvox").join("config.toml"))
}

/// The config file to read, and whether the user named it.
pub fn file_path(global: &GlobalOpts) -> (Option<PathBuf>, bool) {
    match &global.config {
        Some(path) => (Some(path.clone()), true),
        None => (default_path(), false),
    }
}

/// Whether a global flag's value came from the command line or the
/// environment. Globals given after the subcommand live in its matches.
fn source_of(matches: &ArgMatches, id: &str, flag: &'static str, env: &'static str) -> Source {
    let mut current = Some(matches);
    while let Some(m) = current {
        match m.value_source(id) {
            Some(ValueSource::CommandLine) => return Source::Flag(flag),
            Some(ValueSource::EnvVariable) => return Source::Env(env),
            _ => {}
        }
        current = m.subcommand().map(|(_, sub)| sub);
    }
    Source::Flag(flag)
}

impl Settings {
    pub fn resolve(
        global: &GlobalOpts,
        matches: &ArgMatches,
        delete: Option<&DeleteArgs>,
    ) -> Result<Settings> {
        let (path, explicit) = file_path(global);
        let mut warnings = Vec::new();
        let file = match &path {
            Some(p) => load_file(p, explicit, &mut warnings)?,
            None => None,
        };
        let file_found = file.is_some();
        let file = file.unwrap_or(FileConfig {
            top: Values::default(),
            default_profile: None,
            profiles: BTreeMap::new(),
        });

        let profile = match &global.profile {
            Some(name) => Some(Setting::new(
                name.clone(),
                source_of(matches, "profile", "--profile", "WOLKVOX_PROFILE"),
            )),
            None => file
                .default_profile
                .clone()
                .map(|n| Setting::new(n, Source::File)),
        };
        let selected = match &profile {
            Some(p) => match file.profiles.get(&p.value) {
                Some(values) => Some((p.value.clone(), values.clone())),
                None => {
                    return Err(unknown_profile(
                        &p.value,
                        &file,
                        path.as_deref(),
                        file_found,
                    ));
                }
            },
            None => None,
        };
        let layered = Layers {
            profile: selected.as_ref(),
            top: &file.top,
        };

        let flag =
            |id: &str, flag: &'static str, env: &'static str| source_of(matches, id, flag, env);
        let server = match &global.server {
            Some(s) => Some(Setting::new(
                s.clone(),
                flag("server", "--server", "WOLKVOX_SERVER"),
            )),
            None => layered.get(|v| v.server.clone()),
        };
        let token = match &global.token {
            Some(t) => Some(Setting::new(
                TokenSpec::Value(Secret::new(t.trim().to_string())),
                flag("token", "--token", "WOLKVOX_TOKEN"),
            )),
            None => layered.token()?,
        };
        let operation = match &global.operation {
            Some(o) => Some(Setting::new(
                o.clone(),
                flag("operation", "--operation", "WOLKVOX_OPERATION"),
            )),
            None => layered.get(|v| v.operation.clone()),
        };

        let timeout = seconds_setting(
            global.timeout,
            "--timeout",
            &layered,
            |v| v.timeout,
            DEFAULT_TIMEOUT,
        )?;
        let connect_timeout = seconds_setting(
            global.connect_timeout,
            "--connect-timeout",
            &layered,
            |v| v.connect_timeout,
            DEFAULT_CONNECT_TIMEOUT,
        )?;
        let batch_size = match delete.and_then(|d| d.batch_size) {
            Some(n) => Setting::new(n, Source::Flag("--batch-size")),
            None => {
                let s = layered
                    .get(|v| v.batch_size)
                    .unwrap_or(Setting::new(DEFAULT_BATCH, Source::Default));
                if !(1..=cli::MAX_BATCH).contains(&s.value) {
                    return Err(exit::config(format!(
                        "batch_size {} ({}) must be between 1 and {}",
                        s.value,
                        s.source,
                        cli::MAX_BATCH
                    )));
                }
                s
            }
        };
        let retries = match global.retries {
            Some(n) => Setting::new(n, Source::Flag("--retries")),
            None => {
                let s = layered
                    .get(|v| v.retries)
                    .unwrap_or(Setting::new(DEFAULT_RETRIES, Source::Default));
                if s.value > 100 {
                    return Err(exit::config(format!(
                        "retries {} ({}) must be at most 100",
                        s.value, s.source
                    )));
                }
                s
            }
        };
        let concurrency = match global.concurrency {
            Some(n) => Setting::new(n, Source::Flag("--concurrency")),
            None => {
                let s = layered
                    .get(|v| v.concurrency)
                    .unwrap_or(Setting::new(DEFAULT_CONCURRENCY, Source::Default));
                cli::check_concurrency(s.value)
                    .map_err(|e| exit::config(format!("{e} ({})", s.source)))?;
                s
            }
        };
        let audit_log = match delete.and_then(|d| d.audit_log.clone()) {
            Some(p) => Some(Setting::new(p, Source::Flag("--audit-log"))),
            None => layered.get(|v| v.audit_log.clone()),
        };

        Ok(Settings {
            file: path,
            file_found,
            profile,
            server,
            token,
            operation,
            timeout,
            connect_timeout,
            batch_size,
            retries,
            concurrency,
            audit_log,
            backoff_base: global.backoff_base.unwrap_or(DEFAULT_BACKOFF_BASE),
            warnings,
        })
    }

    /// The token itself, running `token_command` if that is its source.
    pub fn token(&self) -> Result<Option<Setting<Secret>>> {
        let Some(spec) = &self.token else {
            return Ok(None);
        };
        let secret = match &spec.value {
            TokenSpec::Value(secret) => secret.clone(),
            TokenSpec::Command(command) => run_token_command(command, &spec.source)?,
        };
        check_token(&secret, &spec.source)?;
        Ok(Some(Setting::new(secret, spec.source.clone())))
    }

    /// The operation, falling back to the one a token encodes.
    pub fn operation(&self, token: Option<&Secret>) -> Option<Setting<String>> {
        self.operation.clone().or_else(|| {
            token
                .and_then(|t| operation_from_token(t.expose()))
                .map(|op| Setting::new(op, Source::TokenInferred))
        })
    }

    /// Everything a delete needs, or a configuration error naming what is missing.
    pub fn require(&self) -> Result<Resolved> {
        let where_file = match &self.file {
            Some(p) => format!("in the config file ({})", p.display()),
            None => "in the config file".to_string(),
        };
        let server = self.server.as_ref().ok_or_else(|| {
            exit::config(format!(
                "no server given: pass --server HOST, set WOLKVOX_SERVER, or set `server` {where_file}"
            ))
        })?;
        let token = self.token()?.ok_or_else(|| {
            exit::config(format!(
                "no token given: pass --token, set WOLKVOX_TOKEN, or set `token` or `token_command` {where_file}"
            ))
        })?;
        let operation = self.operation(Some(&token.value)).ok_or_else(|| {
            exit::config(format!(
                "no operation given: pass --operation NAME, set WOLKVOX_OPERATION, or set `operation` {where_file}"
            ))
        })?;
        if operation.value.trim().is_empty() || operation.value.chars().any(char::is_control) {
            return Err(exit::config(format!(
                "the operation ({}) is empty or has control characters",
                operation.source
            )));
        }
        Ok(Resolved {
            server: server.value.clone(),
            token: token.value,
            operation_inferred: operation.source == Source::TokenInferred,
            operation: operation.value,
            timeout: self.timeout.value,
            connect_timeout: self.connect_timeout.value,
            batch_size: self.batch_size.value,
            retries: self.retries.value,
            concurrency: self.concurrency.value,
            audit_log: self.audit_log.as_ref().map(|s| s.value.clone()),
            backoff_base: self.backoff_base,
        })
    }
}

/// The selected profile over the file's top level.
struct Layers<'a> {
    profile: Option<&'a (String, Values)>,
    top: &'a Values,
}

impl Layers<'_> {
    fn get<T>(&self, key: impl Fn(&Values) -> Option<T>) -> Option<Setting<T>> {
        if let Some((name, values)) = self.profile
            && let Some(v) = key(values)
        {
            return Some(Setting::new(v, Source::Profile(name.clone())));
        }
        key(self.top).map(|v| Setting::new(v, Source::File))
    }

    /// `token` and `token_command` compete at the same level: setting both
    /// is ambiguous, so it is an error rather than a silent choice.
    fn token(&self) -> Result<Option<Setting<TokenSpec>>> {
        let levels = self
            .profile
            .map(|(name, values)| (values, Source::Profile(name.clone())))
            .into_iter()
            .chain([(self.top, Source::File)]);
        for (values, source) in levels {
            match (&values.token, &values.token_command) {
                (Some(_), Some(_)) => {
                    return Err(exit::config(format!(
                        "both `token` and `token_command` are set ({source}): keep one"
                    )));
                }
                (Some(t), None) => {
                    return Ok(Some(Setting::new(
                        TokenSpec::Value(Secret::new(t.trim().to_string())),
                        source,
                    )));
                }
                (None, Some(c)) => {
                    return Ok(Some(Setting::new(TokenSpec::Command(c.clone()), source)));
                }
                (None, None) => {}
            }
        }
        Ok(None)
    }
}

fn seconds_setting(
    flag: Option<Duration>,
    name: &'static str,
    layers: &Layers,
    key: impl Fn(&Values) -> Option<f64>,
    default: Duration,
) -> Result<Setting<Duration>> {
    if let Some(d) = flag {
        return Ok(Setting::new(d, Source::Flag(name)));
    }
    match layers.get(key) {
        Some(s) => {
            let d = cli::seconds(s.value).map_err(|e| {
                exit::config(format!(
                    "{} ({}): {e}",
                    name.trim_start_matches("--").replace('-', "_"),
                    s.source
                ))
            })?;
            Ok(Setting::new(d, s.source))
        }
        None => Ok(Setting::new(default, Source::Default)),
    }
}

fn load_file(
    path: &Path,
    explicit: bool,
    warnings: &mut Vec<String>,
) -> Result<Option<FileConfig>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => return Ok(None),
        Err(e) => {
            return Err(exit::config(format!(
                "cannot read config file {}: {e}",
                path.display()
            )));
        }
    };
    let bad = |what: String| exit::config(format!("config file {}: {what}", path.display()));
    let mut table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| bad(e.to_string()))?;

    let default_profile = match table.remove("default_profile") {
        Some(toml::Value::String(s)) => Some(s),
        Some(_) => return Err(bad("`default_profile` must be a string".into())),
        None => None,
    };
    let mut profiles = BTreeMap::new();
    match table.remove("profiles") {
        Some(toml::Value::Table(t)) => {
            for (name, value) in t {
                let values = Values::deserialize(value)
                    .map_err(|e| bad(format!("in [profiles.{name}]: {}", e.message())))?;
                profiles.insert(name, values);
            }
        }
        Some(_) => {
            return Err(bad(
                "`profiles` must be a table of [profiles.NAME] sections".into(),
            ));
        }
        None => {}
    }
    let top =
        Values::deserialize(toml::Value::Table(table)).map_err(|e| bad(e.message().to_string()))?;

    let holds_token = top.token.is_some() || profiles.values().any(|p| p.token.is_some());
    if holds_token && let Some(warning) = permission_warning(path) {
        warnings.push(warning);
    }
    Ok(Some(FileConfig {
        top,
        default_profile,
        profiles,
    }))
}

#[cfg(unix)]
fn permission_warning(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "{} holds a token and can be read by other users (mode {:o}); fix it with: chmod 600 {}",
            path.display(),
            mode & 0o777,
            path.display()
        )
    })
}

#[cfg(not(unix))]
fn permission_warning(_path: &Path) -> Option<String> {
    None
}

fn unknown_profile(
    name: &str,
    file: &FileConfig,
    path: Option<&Path>,
    found: bool,
) -> anyhow::Error {
    let path = path.map_or("(none)".to_string(), |p| p.display().to_string());
    if !found {
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

/// Runs `token_command` with `sh -c`; the first line of its output is the
/// token. Its stdin is closed so that it cannot eat ids piped to us, and its
/// stderr is the user's, so a password prompt or error reaches them.
fn run_token_command(command: &str, source: &Source) -> Result<Secret> {
    let output = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| {
            exit::config(format!(
                "token_command ({source}) could not be started: {e}"
            ))
        })?;
    if !output.status.success() {
        return Err(exit::config(format!(
            "token_command ({source}) failed: {}",
            output.status
        )));
    }
    let stdout = String::from_utf8(output.stdout).map_err(|_| {
        exit::config(format!(
            "token_command ({source}) printed text that is not UTF-8"
        ))
    })?;
    let first = stdout.lines().next().unwrap_or("").trim();
    if first.is_empty() {
        return Err(exit::config(format!(
            "token_command ({source}) printed no token"
        )));
    }
    Ok(Secret::new(first.to_string()))
}

/// A token must fit in an HTTP header; its text is never shown.
fn check_token(token: &Secret, source: &Source) -> Result<()> {
    let t = token.expose();
    if t.trim().is_empty() {
        return Err(exit::config(format!("the token ({source}) is empty")));
    }
    if t.chars().any(|c| !c.is_ascii_graphic()) {
        return Err(exit::config(format!(
            "the token ({source}) has spaces, control or non-ASCII characters; copy it again from Wolkvox"
        )));
    }
    Ok(())
}

/// Public example tokens are the hex of `{operation}-{yyyymmddhhmmss}`.
/// Undocumented, so only a fallback: a token that does not decode this way
/// is still used as it is.
pub fn operation_from_token(token: &str) -> Option<String> {
    if !token.len().is_multiple_of(2) || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let bytes: Vec<u8> = (0..token.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&token[i..i + 2], 16))
        .collect::<Result<_, _>>()
        .ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (name, digits) = text.rsplit_once('-')?;
    let unbrace = |s: &str| {
        s.strip_prefix('{')
            .and_then(|s| s.strip_suffix('}'))
            .unwrap_or(s)
            .to_string()
    };
    let (name, digits) = (unbrace(name), unbrace(digits));
    let name_ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || "_-. ".contains(c));
    let digits_ok = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    (name_ok && digits_ok).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> String {
        s.bytes().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn operation_inferred_from_hex_token() {
        assert_eq!(
            operation_from_token(&hex("techcon-20220624122805")).as_deref(),
            Some("techcon")
        );
        assert_eq!(
            operation_from_token(&hex("{techcon}-{20220624122805}")).as_deref(),
            Some("techcon")
        );
        assert_eq!(
            operation_from_token(&hex("my-op-20220624122805")).as_deref(),
            Some("my-op")
        );
    }

    #[test]
    fn other_tokens_infer_nothing() {
        assert_eq!(operation_from_token("not-hex"), None);
        assert_eq!(operation_from_token(&hex("techcon")), None);
        assert_eq!(operation_from_token(&hex("-2022")), None);
        assert_eq!(operation_from_token(&hex("techcon-2022x")), None);
        assert_eq!(operation_from_token("abc"), None);
    }
}
