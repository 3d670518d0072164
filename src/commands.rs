//! Each subcommand wired from its parts: cli → config → ids → run → output.

use std::io::{self, IsTerminal, Write};
use std::sync::Arc;

use anyhow::Result;
use clap::{ArgMatches, CommandFactory};
use serde_json::{Value, json};

use crate::api::{self, Client};
use crate::cli::{Cli, Command, ConfigCommand, DeleteArgs, Format, GlobalOpts};
use crate::config::{self, Setting, Settings};
use crate::exit::{self, Exit};
use crate::ids::{self, Parsed};
use crate::output::{self, AuditLog, Context, FailedFile, Messages, Reporter, Stdout};
use crate::run::{self, Job};

pub fn run(cli: &Cli, matches: &ArgMatches) -> Result<Exit> {
    match &cli.command {
        Command::Delete(args) => delete(&cli.global, matches, args),
        Command::Config(ConfigCommand::Show) => config_show(&cli.global, matches),
        Command::Config(ConfigCommand::Path) => config_path(&cli.global),
        Command::Config(ConfigCommand::Init) => config_init(&cli.global),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "wolkvox", &mut script);
            io::stdout().lock().write_all(&script)?;
            Ok(Exit::Success)
        }
    }
}

fn delete(global: &GlobalOpts, matches: &ArgMatches, args: &DeleteArgs) -> Result<Exit> {
    let format = global.format();
    let msgs = Messages::new(global.quiet, global.verbose);
    let settings = Settings::resolve(global, matches, Some(args))?;
    settings.warnings.iter().for_each(|w| msgs.warn(w));
    let resolved = settings.require()?;
    let url = api::endpoint(&resolved.server)?;
    check_module(&args.module)?;

    let Parsed { ids, duplicates } = read_ids(&args.ids)?;
    if ids.is_empty() {
        return Err(exit::usage(
            "no ids given: pass ids as arguments or pipe them on stdin",
        ));
    }
    if duplicates > 0 {
        msgs.note(&format!(
            "{} dropped: each id is sent once",
            output::count(duplicates, "repeated id")
        ));
    }
    if let Some(path) = settings.file.as_ref().filter(|_| settings.file_found) {
        msgs.verbose(1, &format!("config file: {}", path.display()));
    }
    if resolved.operation_inferred {
        msgs.verbose(
            1,
            &format!(
                "operation '{}' inferred from the token (--operation overrides it)",
                resolved.operation
            ),
        );
    }
    let ctx = Context {
        url,
        operation: resolved.operation.clone(),
        module: args.module.clone(),
    };
    let batch_size = resolved.batch_size as usize;
    if args.dry_run {
        let printed = output::dry_run(format, &ctx, &ids, batch_size, &msgs);
        return Ok(if printed {
            Exit::Success
        } else {
            Exit::NoneDeleted
        });
    }

    // Everything that can refuse the run does so before the first request.
    let failed_file = args
        .failed_file
        .as_deref()
        .map(FailedFile::create)
        .transpose()?;
    let audit = resolved
        .audit_log
        .as_deref()
        .map(AuditLog::open)
        .transpose()?;
    let client = Client::new(
        ctx.url.clone(),
        &resolved.token,
        resolved.timeout,
        resolved.connect_timeout,
    )?;

    let ids = Arc::new(ids);
    let job = Job {
        ids: ids.clone(),
        operation: resolved.operation,
        module: args.module.clone(),
        batch_size,
        concurrency: resolved.concurrency,
        retries: resolved.retries,
        backoff_base: resolved.backoff_base,
        verbose: global.verbose,
    };
    let mut reporter = Reporter::new(format, msgs, ctx, ids.clone(), audit, job.batch_count());
    let summary = run::execute(job, client, |event| reporter.event(event));

    let not_deleted = || {
        (0..ids.len())
            .filter(|&i| !summary.deleted[i])
            .map(|i| ids.get(i))
    };
    let saved = match failed_file {
        Some(file) => {
            let path = file.path().to_path_buf();
            match file.commit(not_deleted()) {
                Ok(()) => Some(path),
                Err(e) => {
                    // The file is lost, the ids must not be: list them here instead.
                    let list: Vec<&str> = not_deleted().collect();
                    reporter.messages().error(&format!(
                        "cannot write the failed-ids file {}: {e}; ids not deleted: {}",
                        path.display(),
                        list.join(" ")
                    ));
                    None
                }
            }
        }
        None => None,
    };
    reporter.finish(&summary, saved.as_deref());
    Ok(summary.exit())
}

fn check_module(module: &str) -> Result<()> {
    if module.trim().is_empty() {
        return Err(exit::usage(
            "the module is empty: pass --module contacts (or leads, cases, …)",
        ));
    }
    if module.chars().any(char::is_control) {
        return Err(exit::usage(format!(
            "the module {module:?} has control characters"
        )));
    }
    Ok(())
}

/// Ids from the arguments, or from stdin when there are none or just `-`.
fn read_ids(args: &[String]) -> Result<Parsed> {
    match args {
        [] if io::stdin().is_terminal() => Err(exit::usage(
            "no ids given: pass ids as arguments, or pipe them on stdin (e.g. `cut -d, -f1 export.csv | wolkvox delete -m contacts`)",
        )),
        [] => ids::from_reader(io::stdin().lock()),
        [dash] if dash == "-" => ids::from_reader(io::stdin().lock()),
        many if many.iter().any(|a| a == "-") => Err(exit::usage(
            "'-' (read ids from stdin) cannot be mixed with ids given as arguments",
        )),
        many => ids::from_args(many),
    }
}

fn config_show(global: &GlobalOpts, matches: &ArgMatches) -> Result<Exit> {
    let msgs = Messages::new(global.quiet, global.verbose);
    let settings = Settings::resolve(global, matches, None)?;
    settings.warnings.iter().for_each(|w| msgs.warn(w));
    let token = settings.token()?;
    let operation = settings.operation(token.as_ref().map(|t| &t.value));
    let endpoint = settings
        .server
        .as_ref()
        .map(|s| api::endpoint(&s.value))
        .transpose()?;

    let file = match &settings.file {
        Some(p) if settings.file_found => p.display().to_string(),
        Some(p) => format!("{} (not found)", p.display()),
        None => "(none)".to_string(),
    };
    let token_source = settings.token.as_ref().map(|t| match t.value {
        config::TokenSpec::Command(_) => format!("{} token_command", t.source),
        config::TokenSpec::Value(_) => t.source.to_string(),
    });
    let rows: Vec<(&str, Option<(String, String)>)> = vec![
        ("profile", shown(&settings.profile, |v| v.clone())),
        ("server", shown(&settings.server, |v| v.clone())),
        (
            "endpoint",
            endpoint
                .zip(settings.server.as_ref())
                .map(|(u, s)| (u.to_string(), s.source.to_string())),
        ),
        (
            "token",
            token
                .as_ref()
                .zip(token_source)
                .map(|(t, source)| (t.value.to_string(), source)),
        ),
        ("operation", shown(&operation, |v| v.clone())),
        (
            "timeout",
            shown(&Some(settings.timeout.clone()), |d| output::seconds(*d)),
        ),
        (
            "connect_timeout",
            shown(&Some(settings.connect_timeout.clone()), |d| {
                output::seconds(*d)
            }),
        ),
        (
            "batch_size",
            shown(&Some(settings.batch_size.clone()), u32::to_string),
        ),
        (
            "retries",
            shown(&Some(settings.retries.clone()), u32::to_string),
        ),
        (
            "concurrency",
            shown(&Some(settings.concurrency.clone()), usize::to_string),
        ),
        (
            "audit_log",
            shown(&settings.audit_log, |p| p.display().to_string()),
        ),
    ];

    let mut out = Stdout::default();
    match global.format() {
        Format::Text => {
            out.line(&format!("{:<16} {file}", "config_file"));
            for (key, row) in rows {
                out.line(&match row {
                    Some((value, source)) => format!("{key:<16} {value}  ({source})"),
                    None => format!("{key:<16} (not set)"),
                });
            }
        }
        Format::Json | Format::Jsonl => {
            let mut doc = serde_json::Map::new();
            doc.insert(
                "config_file".into(),
                json!({"path": settings.file.as_ref().map(|p| p.display().to_string()), "found": settings.file_found}),
            );
            for (key, row) in rows {
                let value = row.map_or(
                    Value::Null,
                    |(value, source)| json!({"value": value, "source": source}),
                );
                doc.insert(key.into(), value);
            }
            out.line(&Value::Object(doc).to_string());
        }
    }
    Ok(Exit::Success)
}

fn shown<T>(setting: &Option<Setting<T>>, show: impl Fn(&T) -> String) -> Option<(String, String)> {
    setting
        .as_ref()
        .map(|s| (show(&s.value), s.source.to_string()))
}

fn config_path(global: &GlobalOpts) -> Result<Exit> {
    let (path, _) = config::file_path(global);
    let path = path.ok_or_else(|| {
        exit::config("no config directory is known here (set HOME or XDG_CONFIG_HOME)")
    })?;
    Stdout::default().line(&path.display().to_string());
    Ok(Exit::Success)
}

/// The starter file is the example file, every key commented out.
const STARTER: &str = include_str!("../config.example.toml");

fn config_init(global: &GlobalOpts) -> Result<Exit> {
    let (path, _) = config::file_path(global);
    let path = path.ok_or_else(|| {
        exit::config("no config directory is known here (set HOME or XDG_CONFIG_HOME)")
    })?;
    if path.exists() {
        return Err(exit::config(format!(
            "{} already exists; not overwriting it",
            path.display()
        )));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| exit::config(format!("cannot create {}: {e}", dir.display())))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(&path)
        .map_err(|e| exit::config(format!("cannot create {}: {e}", path.display())))?;
    file.write_all(STARTER.as_bytes())?;
    Messages::new(global.quiet, global.verbose).note(&format!(
        "wrote {}; edit it to set server, token and operation",
        path.display()
    ));
    Stdout::default().line(&path.display().to_string());
    Ok(Exit::Success)
}
