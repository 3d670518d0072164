//! The exit-code table. `main` is the only place that turns these into a
//! process status; everything else returns an [`Exit`] or a [`Coded`] error.

use std::fmt;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Every id was deleted, or the dry run was valid.
    Success = 0,
    /// No id was deleted: the server refused the requests or they failed.
    NoneDeleted = 1,
    /// Usage error or bad input.
    Usage = 2,
    /// Configuration missing or invalid.
    Config = 3,
    /// The server refused the token or operation (HTTP 401/403).
    Auth = 4,
    /// Some ids were deleted, some were not.
    Partial = 5,
    /// No HTTP answer at all: DNS, connect, TLS, timeout.
    Unreachable = 6,
    /// Stopped by SIGINT or SIGTERM.
    Interrupted = 130,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

/// The table as it appears in `--help` and the README.
pub const TABLE: &str = "\
Exit codes:
  0    every id was deleted (or the dry run was valid)
  1    no id was deleted: the server refused the requests or they failed
  2    usage error or bad input (bad id, no ids, bad flag)
  3    configuration missing or invalid (no server, token or operation; bad
       config file; token_command failed)
  4    the server refused the token or operation (HTTP 401/403); the run stops
  5    partial: some ids were deleted, some were not
  6    the server was unreachable: no HTTP answer at all (DNS, connect, TLS,
       timeout)
  130  interrupted (Ctrl-C or SIGTERM); not-deleted ids are still reported";

/// An error that carries its own exit code. Anything else that reaches
/// `main` exits 1.
#[derive(Debug)]
pub struct Coded {
    pub code: Exit,
    pub message: String,
}

impl fmt::Display for Coded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Coded {}

/// Bad input or a bad flag: exit 2.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    Coded {
        code: Exit::Usage,
        message: message.into(),
    }
    .into()
}

/// Missing or invalid configuration: exit 3.
pub fn config(message: impl Into<String>) -> anyhow::Error {
    Coded {
        code: Exit::Config,
        message: message.into(),
    }
    .into()
}

/// The exit code an error maps to.
pub fn code_of(err: &anyhow::Error) -> Exit {
    err.chain()
        .find_map(|e| e.downcast_ref::<Coded>())
        .map_or(Exit::NoneDeleted, |c| c.code)
}
