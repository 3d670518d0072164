//! The command line. Doc comments here are the `--help` text; the names are
//! a contract that scripts rely on.

use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

use crate::exit;

/// Wolkvox refuses more than two simultaneous requests per token.
pub const MAX_CONCURRENCY: usize = 2;
pub const MAX_BATCH: u32 = 10_000;

/// Delete records in the Wolkvox CRM through its HTTP delete API.
///
/// Ids are given as arguments or piped on stdin (one per line, or separated
/// by commas or spaces). Every id is checked before anything is sent.
#[derive(Debug, Parser)]
#[command(name = "wolkvox", version, after_help = exit::TABLE, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalOpts,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalOpts {
    /// CRM host as in the browser's address bar (crm0001.wolkvox.com), or a
    /// base URL (https://host[:port][/prefix]) to which the API path is added
    #[arg(
        short,
        long,
        env = "WOLKVOX_SERVER",
        global = true,
        value_name = "HOST|URL"
    )]
    pub server: Option<String>,

    /// API token (Manager → Configuration → Integrations → Tokens). Prefer
    /// the variable or the config file: flags are visible to other users in `ps`
    #[arg(
        short,
        long,
        env = "WOLKVOX_TOKEN",
        global = true,
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub token: Option<String>,

    /// The CRM operation (account) name; inferred from the token when it
    /// encodes one
    #[arg(long, env = "WOLKVOX_OPERATION", global = true, value_name = "NAME")]
    pub operation: Option<String>,

    /// Config file [default: <config dir>/wolkvox/config.toml]
    #[arg(
        short,
        long,
        env = "WOLKVOX_CONFIG",
        global = true,
        value_name = "PATH"
    )]
    pub config: Option<PathBuf>,

    /// Use the settings of [profiles.NAME] in the config file
    #[arg(
        short,
        long,
        env = "WOLKVOX_PROFILE",
        global = true,
        value_name = "NAME"
    )]
    pub profile: Option<String>,

    /// Output format on stdout
    #[arg(short, long, value_enum, global = true, value_name = "FORMAT", default_value_t = Format::Text)]
    pub output: Format,

    /// Short for --output json
    #[arg(long, global = true)]
    pub json: bool,

    /// Show requests and answers on stderr (-vv: headers and bodies, token redacted)
    #[arg(short, long, action = ArgAction::Count, global = true, conflicts_with = "quiet")]
    pub verbose: u8,

    /// Print nothing on stderr but errors
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Seconds one request may take [default: 60, the API's own limit]
    #[arg(long, global = true, value_name = "SECONDS", value_parser = parse_seconds)]
    pub timeout: Option<Duration>,

    /// Seconds to wait for a connection [default: 10]
    #[arg(long, global = true, value_name = "SECONDS", value_parser = parse_seconds)]
    pub connect_timeout: Option<Duration>,

    /// Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=100))]
    pub retries: Option<u32>,

    /// Requests in flight at once: 1 or 2 [default: 1]
    #[arg(long, global = true, value_name = "N", value_parser = parse_concurrency)]
    pub concurrency: Option<usize>,

    /// First backoff step between retries (tests set it short)
    #[arg(
        long,
        global = true,
        hide = true,
        env = "WOLKVOX_BACKOFF_BASE",
        value_name = "SECONDS",
        value_parser = parse_seconds
    )]
    pub backoff_base: Option<Duration>,
}

impl GlobalOpts {
    pub fn format(&self) -> Format {
        if self.json { Format::Json } else { self.output }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Jsonl,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Delete records by id
    Delete(DeleteArgs),
    /// Show where settings come from, or create a config file
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// CRM module holding the records: contacts, leads, cases or a custom one
    #[arg(short, long, value_name = "MODULE")]
    pub module: String,

    /// Ids to delete; none, or a single '-', reads them from stdin
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,

    /// Ids per request, 1 to 10000 [default: 100]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=MAX_BATCH as i64))]
    pub batch_size: Option<u32>,

    /// Check everything and print the requests, but send nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Write the ids that were not deleted here, one per line (empty when all were)
    #[arg(long, value_name = "PATH")]
    pub failed_file: Option<PathBuf>,

    /// Append one JSON line per request to this file
    #[arg(long, value_name = "PATH")]
    pub audit_log: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print every resolved setting and where it came from (token redacted)
    Show,
    /// Print the config file that would be read
    Path,
    /// Write a commented starter config file (mode 0600); never overwrites
    Init,
}

fn parse_seconds(s: &str) -> Result<Duration, String> {
    let secs: f64 = s
        .parse()
        .map_err(|_| format!("'{s}' is not a number of seconds"))?;
    seconds(secs)
}

/// A positive, finite number of seconds.
pub fn seconds(secs: f64) -> Result<Duration, String> {
    if secs.is_finite() && secs > 0.0 && secs <= 86_400.0 {
        Ok(Duration::from_secs_f64(secs))
    } else {
        Err(format!(
            "{secs} is not a number of seconds between 0 and 86400"
        ))
    }
}

fn parse_concurrency(s: &str) -> Result<usize, String> {
    let n: usize = s
        .parse()
        .map_err(|_| format!("'{s}' is not a whole number"))?;
    check_concurrency(n)
}

pub fn check_concurrency(n: usize) -> Result<usize, String> {
    match n {
        1..=MAX_CONCURRENCY => Ok(n),
        0 => Err("concurrency must be 1 or 2".into()),
        _ => Err(format!(
            "concurrency {n} is too high: Wolkvox refuses more than {MAX_CONCURRENCY} \
             simultaneous requests per token, so at most {MAX_CONCURRENCY} are allowed"
        )),
    }
}
