//! The command line. Doc comments here are the `--help` text; the names are
//! a contract that scripts rely on. Settings that the config file can also
//! hold use the config key as their argument id and the check from
//! [`config::spec`], so a flag and a file entry are judged alike.

use std::path::PathBuf;
use std::time::Duration;

use clap::parser::ValueSource;
use clap::{
    ArgAction, ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum,
};
use clap_complete::Shell;

use crate::config::{Source, spec};
use crate::examples;
use crate::exit;
use crate::input::{Column, Which};

/// Delete records in the Wolkvox CRM through its HTTP delete API.
///
/// Ids are given as arguments, read from files or stdin (separated by
/// newlines or spaces), or from a CSV column (--column). Every id is checked
/// before anything is sent, and a real run asks first (or takes --yes).
#[derive(Debug, Parser)]
#[command(
    name = "wolkvox",
    version,
    after_help = exit::table(),
    after_long_help = format!("{}\n\n{}", examples::ALL, exit::table()),
    max_term_width = 100
)]
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
        hide_env_values = true,
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
    #[arg(
        long,
        env = "WOLKVOX_OPERATION",
        hide_env_values = true,
        global = true,
        value_name = "NAME"
    )]
    pub operation: Option<String>,

    /// Config file [default: <config dir>/wolkvox/config.toml]
    #[arg(
        short,
        long,
        env = "WOLKVOX_CONFIG",
        hide_env_values = true,
        global = true,
        value_name = "PATH"
    )]
    pub config: Option<PathBuf>,

    /// Use the settings of [profiles.NAME] in the config file
    #[arg(
        short,
        long,
        env = "WOLKVOX_PROFILE",
        hide_env_values = true,
        global = true,
        value_name = "PROFILE"
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

    /// Print nothing but errors: a text run that deleted every id prints
    /// nothing at all (cron mails nothing)
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Colour on a terminal: auto, always or never (NO_COLOR also turns it off)
    #[arg(long, value_enum, global = true, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Seconds one request may take [default: 60, the API's own limit]
    #[arg(long, global = true, value_name = "SECONDS", value_parser = spec::arg(&spec::TIMEOUT))]
    pub timeout: Option<Duration>,

    /// Seconds to wait for a connection [default: 10]
    #[arg(long, global = true, value_name = "SECONDS", value_parser = spec::arg(&spec::CONNECT_TIMEOUT))]
    pub connect_timeout: Option<Duration>,

    /// Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]
    #[arg(long, global = true, value_name = "N", value_parser = spec::arg(&spec::RETRIES))]
    pub retries: Option<u32>,

    /// Requests in flight at once: 1 or 2 [default: 1]
    #[arg(long, global = true, value_name = "N", value_parser = spec::arg(&spec::CONCURRENCY))]
    pub concurrency: Option<usize>,
}

impl GlobalOpts {
    pub fn format(&self) -> Format {
        if self.json { Format::Json } else { self.output }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
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
    #[command(after_long_help = format!("{}\n\n{}", examples::DELETE, exit::table()))]
    Delete(DeleteArgs),
    /// Show the token's daily request quota: limit, used, remaining
    /// (costs one request itself)
    #[command(after_long_help = examples::QUOTA)]
    Quota,
    /// Show where settings come from, or create a config file
    #[command(subcommand, after_long_help = examples::CONFIG)]
    Config(ConfigCommand),
    /// Print a shell completion script
    #[command(after_long_help = examples::COMPLETIONS)]
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page (roff), e.g. `wolkvox man | man -l -`
    #[command(after_long_help = examples::MAN)]
    Man,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// CRM module holding the records: contacts, leads, cases or a custom one
    #[arg(short, long, value_name = "MODULE")]
    pub module: String,

    /// Ids to delete; none reads them from stdin (one per line, or separated
    /// by spaces)
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,

    /// Read ids from this file (repeatable; '-' is stdin)
    #[arg(short, long = "file", value_name = "PATH")]
    pub files: Vec<PathBuf>,

    /// Read ids from one column of CSV input, by header name or 1-based number
    #[arg(long, value_name = "NAME|N", value_parser = Which::parse)]
    pub column: Option<Which>,

    /// The CSV delimiter [default: found in the header line among , ; and tab]
    #[arg(long, value_name = "CHAR", requires = "column", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,

    /// The CSV input has no header row (then --column takes a number)
    #[arg(long, requires = "column")]
    pub no_header: bool,

    /// Ids per request, 1 to 10000 [default: 100]
    #[arg(long, value_name = "N", value_parser = spec::arg(&spec::BATCH_SIZE))]
    pub batch_size: Option<u32>,

    /// Check everything and print the requests, but send nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Do not split a refused batch to find the refused ids (then one
    /// refused id fails its whole batch)
    #[arg(long)]
    pub no_split: bool,

    /// Delete without asking (scripts and cron); without it wolkvox asks on
    /// the terminal, and sends nothing when there is none
    #[arg(short, long)]
    pub yes: bool,

    /// Send nothing when there are more than N unique ids (a guard for
    /// unattended runs)
    #[arg(long, value_name = "N", value_parser = spec::arg(&spec::MAX_DELETE))]
    pub max_delete: Option<usize>,

    /// Ask the token's quota first; send nothing if the run needs more
    /// requests than remain today (the check costs one request)
    #[arg(long)]
    pub check_quota: bool,

    /// Write the ids that were not deleted here, one per line (empty when all were)
    #[arg(long, value_name = "PATH")]
    pub failed_file: Option<PathBuf>,

    /// Append one JSON line per request to this file
    #[arg(long, value_name = "PATH")]
    pub audit_log: Option<PathBuf>,
}

impl DeleteArgs {
    /// The CSV column to read, if any.
    pub fn column(&self) -> Option<Column> {
        Some(Column {
            which: self.column.clone()?,
            delimiter: self.delimiter,
            header: !self.no_header,
        })
    }
}

fn parse_delimiter(text: &str) -> Result<u8, String> {
    match text {
        "," | ";" | "|" => Ok(text.as_bytes()[0]),
        "\t" | "tab" | "\\t" => Ok(b'\t'),
        _ => Err(format!(
            "'{text}' is not a delimiter wolkvox reads: give , ; | or tab"
        )),
    }
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print every resolved setting and where it came from (token redacted)
    #[command(after_long_help = examples::CONFIG)]
    Show,
    /// Print the config file that would be read
    #[command(after_long_help = examples::CONFIG)]
    Path,
    /// Write a commented starter config file (mode 0600); never overwrites
    #[command(after_long_help = examples::CONFIG)]
    Init,
    /// Print the names of the config file's profiles, one per line
    #[command(after_long_help = examples::CONFIG)]
    Profiles,
}

/// A parsed command line, with what clap knows of where each value came from.
pub struct Invocation {
    pub cli: Cli,
    matches: ArgMatches,
    command: clap::Command,
}

/// The documented command line: help, completions and the man page.
pub fn documented() -> clap::Command {
    Cli::command()
}

/// Knobs only tests turn, hidden and absent from completions and the manual.
fn test_knobs() -> [clap::Arg; 2] {
    let seconds = |id: &'static str, long: &'static str, env: &'static str| {
        clap::Arg::new(id)
            .long(long)
            .env(env)
            .global(true)
            .hide(true)
            .hide_env_values(true)
            .value_name("SECONDS")
            .value_parser(spec::arg(&spec::TIMEOUT))
    };
    [
        // The first backoff step between retries.
        seconds("backoff_base", "backoff-base", "WOLKVOX_BACKOFF_BASE"),
        // The API's own time limit per request.
        seconds("api_time_limit", "api-time-limit", "WOLKVOX_API_TIME_LIMIT"),
    ]
}

/// Parses the process's arguments; `--help`, `--version` and mistakes come
/// back as clap's error, for the exit policy to handle.
pub fn parse() -> Result<Invocation, clap::Error> {
    let mut command = documented().args(test_knobs());
    let matches = command.try_get_matches_from_mut(std::env::args_os())?;
    let cli = Cli::from_arg_matches(&matches)?;
    Ok(Invocation {
        cli,
        matches,
        command,
    })
}

impl Invocation {
    /// The matches of the deepest subcommand that knows argument `id`, with
    /// that subcommand's definition.
    fn find(&self, id: &str) -> Option<(&ArgMatches, &clap::Arg)> {
        let (mut matches, mut command) = (&self.matches, &self.command);
        let mut found = None;
        loop {
            if let Some(arg) = command.get_arguments().find(|a| a.get_id() == id) {
                found = Some((matches, arg));
            }
            let Some((name, sub)) = matches.subcommand() else {
                return found;
            };
            matches = sub;
            command = command.find_subcommand(name)?;
        }
    }

    /// A value the user gave as a flag or environment variable.
    pub fn value<T: Clone + Send + Sync + 'static>(&self, id: &str) -> Option<T> {
        self.setting(id).map(|s| s.value)
    }

    /// A value the user gave, with its source named as clap names it.
    pub fn setting<T: Clone + Send + Sync + 'static>(
        &self,
        id: &str,
    ) -> Option<crate::config::Setting<T>> {
        let (matches, arg) = self.find(id)?;
        let source = match matches.value_source(id)? {
            ValueSource::CommandLine => Source::Flag(match arg.get_long() {
                Some(long) => format!("--{long}"),
                None => format!("-{}", arg.get_short()?),
            }),
            ValueSource::EnvVariable => Source::Env(arg.get_env()?.to_string_lossy().into_owned()),
            _ => return None,
        };
        let value = matches.get_one::<T>(id)?.clone();
        Some(crate::config::Setting::new(value, source))
    }
}
