//! The config file: found, read, parsed and checked key by key against the
//! settings table. Its errors name the file, the key, the line and the
//! column, and never quote the file's text: a line may hold the token.

use std::collections::BTreeMap;
use std::fs::Metadata;
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};

use anyhow::Result;
use toml::de::{DeTable, DeValue};

use super::spec::{self, Raw};
use crate::exit;

/// The largest config file read.
const MAX_FILE: u64 = 1 << 20;

/// Which file to read, and why.
#[derive(Debug, Clone)]
pub enum Choice {
    /// Named by `--config` or `WOLKVOX_CONFIG`: it must exist.
    Named(PathBuf),
    /// The default place: it may be missing.
    Default(PathBuf),
    /// No config directory is known (no HOME).
    Nowhere,
}

impl Choice {
    pub fn path(&self) -> Option<&Path> {
        match self {
            Choice::Named(p) | Choice::Default(p) => Some(p),
            Choice::Nowhere => None,
        }
    }
}

/// The file read when neither `--config` nor `WOLKVOX_CONFIG` names one.
pub fn default_path() -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join("wolkvox").join("config.toml"))
}

/// One value of the file, with where it stands.
#[derive(Debug, Clone)]
pub struct Entry {
    pub raw: Raw,
    pub line: usize,
    pub column: usize,
}

/// The keys of one level: the top of the file, or one profile.
pub type Level = BTreeMap<String, Entry>;

/// What the file holds (empty when there is none).
#[derive(Debug, Default)]
pub struct FileConfig {
    pub top: Level,
    pub default_profile: Option<String>,
    pub profiles: BTreeMap<String, Level>,
    /// Whether a file was read at all.
    pub found: bool,
}

/// Reads and checks the chosen file. A missing default file is no error.
pub fn load(choice: &Choice, warnings: &mut Vec<String>) -> Result<FileConfig> {
    let Some(path) = choice.path() else {
        return Ok(FileConfig::default());
    };
    let bad = |why: String| exit::config(format!("config file {}: {why}", path.display()));
    let meta = match std::fs::metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound && matches!(choice, Choice::Default(_)) => {
            return Ok(FileConfig::default());
        }
        Err(e) => return Err(bad(format!("cannot read it: {e}"))),
        Ok(meta) => meta,
    };
    check_file(path, &meta).map_err(bad)?;
    let text = read_bounded(path).map_err(bad)?;
    let config = parse(&text).map_err(bad)?;
    let holds_token = config.top.contains_key("token")
        || config.profiles.values().any(|p| p.contains_key("token"));
    if holds_token && let Some(warning) = readable_warning(path, &meta) {
        warnings.push(warning);
    }
    Ok(config)
}

/// The config file must be a regular file (a FIFO would hang the read) that
/// only its owner can change: whoever can write it can set `token_command`
/// or point `server` at their own host.
fn check_file(path: &Path, meta: &Metadata) -> Result<(), String> {
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o022 != 0 {
            return Err(format!(
                "other users can change it (mode {mode:o}), and whoever can write it can run \
                 commands as you through token_command or send your token to their server; \
                 fix it with: chmod go-w {}",
                path.display()
            ));
        }
    }
    Ok(())
}

/// The file's text, refusing anything larger than a config file can be.
fn read_bounded(path: &Path) -> Result<String, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read it: {e}"))?;
    let mut text = String::new();
    file.take(MAX_FILE + 1)
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read it as UTF-8 text: {e}"))?;
    if text.len() as u64 > MAX_FILE {
        return Err("larger than 1 MiB; is it really the config file?".into());
    }
    Ok(text)
}

/// The file's text, checked against the settings table.
fn parse(text: &str) -> Result<FileConfig, String> {
    let table = DeTable::parse(text).map_err(|e| syntax_error(text, &e))?;
    let mut config = FileConfig {
        found: true,
        ..FileConfig::default()
    };
    for (key, value) in table.get_ref().iter() {
        let (line, column) = position(text, key.span().start);
        let name: &str = key.get_ref();
        match name {
            "default_profile" => {
                config.default_profile = Some(text_value(value.get_ref(), name, (line, column))?);
            }
            "profiles" => config.profiles = profiles(text, value.get_ref(), line, column)?,
            _ => {
                let entry = entry(name, value.get_ref(), (line, column), None)?;
                config.top.insert(name.to_string(), entry);
            }
        }
    }
    Ok(config)
}

/// A value that must be text, such as `default_profile`.
fn text_value(
    value: &DeValue,
    key: &str,
    (line, column): (usize, usize),
) -> Result<String, String> {
    match value {
        DeValue::String(s) => Ok(s.to_string()),
        _ => Err(format!(
            "line {line}, column {column}: `{key}` must be text in quotes"
        )),
    }
}

/// `[profiles.NAME]` sections, each a level of its own.
fn profiles(
    text: &str,
    value: &DeValue,
    line: usize,
    column: usize,
) -> Result<BTreeMap<String, Level>, String> {
    let DeValue::Table(table) = value else {
        return Err(format!(
            "line {line}, column {column}: `profiles` must be a table of [profiles.NAME] sections"
        ));
    };
    let mut profiles = BTreeMap::new();
    for (name, section) in table.iter() {
        let (line, column) = position(text, name.span().start);
        let DeValue::Table(section) = section.get_ref() else {
            return Err(format!(
                "line {line}, column {column}: profiles.{} must be a [profiles.NAME] section",
                shown_key(name.get_ref())
            ));
        };
        let mut level = Level::new();
        for (key, value) in section.iter() {
            let at = position(text, key.span().start);
            let entry = entry(key.get_ref(), value.get_ref(), at, Some(name.get_ref()))?;
            level.insert(key.get_ref().to_string(), entry);
        }
        profiles.insert(name.get_ref().to_string(), level);
    }
    Ok(profiles)
}

/// One key of a level, known to the settings table and valid for it.
fn entry(
    key: &str,
    value: &DeValue,
    (line, column): (usize, usize),
    profile: Option<&str>,
) -> Result<Entry, String> {
    let section = profile.map_or(String::new(), |p| {
        format!(" in [profiles.{}]", shown_key(p))
    });
    let place = format!("line {line}, column {column}{section}");
    let Some(spec) = spec::find(key) else {
        let mut known: Vec<&str> = spec::KEYS.iter().map(|k| k.key()).collect();
        if profile.is_none() {
            known.extend(["default_profile", "profiles"]);
        }
        return Err(format!(
            "{place}: unknown key `{}`; known keys: {}",
            shown_key(key),
            known.join(", ")
        ));
    };
    let raw = raw(value);
    spec.validate(&raw)
        .map_err(|e| format!("{place}: `{key}` {e}"))?;
    Ok(Entry { raw, line, column })
}

fn raw(value: &DeValue) -> Raw {
    match value {
        DeValue::String(s) => Raw::Text(s.to_string()),
        DeValue::Integer(n) => i64::from_str_radix(n.as_str(), n.radix())
            .map_or(Raw::Other("a number out of range"), Raw::Integer),
        DeValue::Float(x) => x
            .as_str()
            .replace('_', "")
            .parse()
            .map_or(Raw::Other("a special number"), Raw::Float),
        DeValue::Boolean(_) => Raw::Other("true or false"),
        DeValue::Datetime(_) => Raw::Other("a date"),
        DeValue::Array(_) => Raw::Other("a list"),
        DeValue::Table(_) => Raw::Other("a table"),
    }
}

/// A TOML syntax error, placed but not quoted: toml's own message is a
/// description of the grammar, and any word of the offending line that it
/// might repeat is blanked out all the same.
fn syntax_error(text: &str, e: &toml::de::Error) -> String {
    let Some(span) = e.span() else {
        return format!("not valid TOML: {}", e.message());
    };
    let (line, column) = position(text, span.start);
    let source_line = text.lines().nth(line - 1).unwrap_or("");
    let key = source_line
        .split_once('=')
        .map(|(k, _)| k.trim())
        .filter(|k| {
            !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
        });
    let mut message = e.message().to_string();
    for word in source_line.split(|c: char| c.is_whitespace() || c == '=') {
        if word.len() >= 4 && Some(word) != key {
            message = message.replace(word, "…");
        }
    }
    let key = key.map_or(String::new(), |k| format!(" (key `{k}`)"));
    format!("line {line}, column {column}{key}: not valid TOML: {message}")
}

/// A key as messages show it: keys are short words, anything else is cut.
fn shown_key(key: &str) -> String {
    if key.len() <= 40
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
    {
        key.to_string()
    } else {
        "(a key that is not a setting name)".to_string()
    }
}

/// 1-based line and column of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(unix)]
fn readable_warning(path: &Path, meta: &Metadata) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = meta.permissions().mode();
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
fn readable_warning(_path: &Path, _meta: &Metadata) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(position(text, 0), (1, 1));
        assert_eq!(position(text, 6), (2, 1));
        assert_eq!(position(text, 11), (2, 5));
    }

    #[test]
    fn errors_never_quote_the_value() {
        let secret = "61636d652d3230323230363234313232383035";
        for text in [
            format!("token = {secret}\n"),
            format!("token = \"{secret}\"\ntoken = \"{secret}\"\n"),
            "token = 1234567890\n".to_string(),
            format!("[profiles.p]\ntoken = {secret}x\n"),
        ] {
            let err = parse(&text).unwrap_err();
            assert!(!err.contains(&secret[..8]), "{err}");
            assert!(!err.contains("1234567890"), "{err}");
            assert!(err.contains("line"), "{err}");
        }
    }
}
