//! The whole exit policy: the codes and what each means, and the one place
//! that turns a run's summary, a dry run, an error or a signal into one.
//! The table in `--help` and the README are both made from [`Exit::ALL`].

use std::fmt;
use std::process::ExitCode;

use crate::api::{Answer, Lost, Refusal, Verdict};
use crate::output::Ui;
use crate::run::{Halt, Stop, Summary};
use crate::signals::Signal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success,
    /// Nothing was deleted, or the command itself failed.
    Failure,
    Usage,
    Config,
    Auth,
    Partial,
    Unreachable,
    /// A safety check stopped the run before anything was sent.
    Safety,
    /// Stopped by a signal, re-raised once everything is written.
    Interrupted(Signal),
}

impl Exit {
    /// Every code, in the order of the table.
    pub const ALL: [Exit; 9] = [
        Exit::Success,
        Exit::Failure,
        Exit::Usage,
        Exit::Config,
        Exit::Auth,
        Exit::Partial,
        Exit::Unreachable,
        Exit::Safety,
        Exit::Interrupted(Signal::Interrupt),
    ];

    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Failure => 1,
            Exit::Usage => 2,
            Exit::Config => 3,
            Exit::Auth => 4,
            Exit::Partial => 5,
            Exit::Unreachable => 6,
            Exit::Safety => 7,
            Exit::Interrupted(signal) => 128 + signal.number() as u8,
        }
    }

    /// One line for the table in `--help` and the README.
    pub fn meaning(self) -> &'static str {
        match self {
            Exit::Success => {
                "every id was deleted (or the dry run was valid, or the command did its job)"
            }
            Exit::Failure => {
                "no id was deleted: the server refused the requests or they failed; or the \
                 command itself failed (a file or stdout could not be written)"
            }
            Exit::Usage => "usage error or bad input (bad id, no ids, bad flag); nothing was sent",
            Exit::Config => {
                "configuration missing or invalid (no server, token or operation; bad config \
                 file; token_command failed); nothing was sent"
            }
            Exit::Auth => "the server refused the token or operation (HTTP 401/403); the run stops",
            Exit::Partial => "partial: some ids were deleted, some were not",
            Exit::Unreachable => {
                "the server was unreachable: no HTTP answer at all (DNS, connect, TLS, timeout)"
            }
            Exit::Safety => {
                "stopped by a safety check before anything was sent: the question was declined \
                 or could not be asked (no terminal and no --yes), or more ids than --max-delete"
            }
            Exit::Interrupted(_) => {
                "interrupted by Ctrl-C (143: by SIGTERM); the not-deleted ids are still reported, \
                 then wolkvox ends by that same signal so a calling script stops too"
            }
        }
    }

    /// Ends the process with this status; a signal is re-raised so that the
    /// parent sees the process was killed by it.
    pub fn end(self) -> ExitCode {
        if let Exit::Interrupted(signal) = self {
            signal.end_process();
        }
        ExitCode::from(self.code())
    }
}

/// The exit-code table as `--help` shows it.
pub fn table() -> String {
    const WIDTH: usize = 78;
    const INDENT: usize = 7;
    let mut text = String::from("Exit codes:");
    for exit in Exit::ALL {
        let mut line = format!("\n  {:<4} ", exit.code());
        for word in exit.meaning().split(' ') {
            if line.len() + word.len() > WIDTH {
                text.push_str(line.trim_end());
                line = format!("\n{}", " ".repeat(INDENT));
            }
            line.push_str(word);
            line.push(' ');
        }
        text.push_str(line.trim_end());
    }
    text
}

/// An error that carries its own exit code. Any other error exits 1.
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

/// A safety check refused the run: exit 7.
pub fn safety(message: impl Into<String>) -> anyhow::Error {
    Coded {
        code: Exit::Safety,
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

/// The exit code of an error: its own, or 1 (the command failed).
pub fn of_error(err: &anyhow::Error) -> Exit {
    err.chain()
        .find_map(|e| e.downcast_ref::<Coded>())
        .map_or(Exit::Failure, |c| c.code)
}

/// A command line clap could not parse, or `--help` and `--version`.
pub fn of_clap_error(err: &clap::Error) -> Exit {
    // Printing help to a closed stdout is not worth a second error.
    let _ = err.print();
    if err.use_stderr() {
        Exit::Usage
    } else {
        Exit::Success
    }
}

/// How a delete run ended, as one code. `signal` is the first signal the
/// command received, even after the run; `ui` is the screen after the
/// summary (none if it could not be printed in time).
pub fn of_run(summary: &Summary, signal: Option<Signal>, ui: Option<&Ui>) -> Exit {
    let deleted = summary.deleted();
    let some = |otherwise: Exit| {
        if deleted > 0 {
            Exit::Partial
        } else {
            otherwise
        }
    };
    let exit = match &summary.stop {
        _ if signal.is_some() => return Exit::Interrupted(signal.expect("checked")),
        Stop::Interrupted(signal) | Stop::Aborted(signal) => Exit::Interrupted(*signal),
        Stop::Halted(Halt::Auth | Halt::Quota | Halt::Busy) => Exit::Auth,
        Stop::Halted(Halt::NoAnswer { .. } | Halt::Tls(_)) => some(Exit::Unreachable),
        Stop::Halted(Halt::RunWide(_) | Halt::WrongPath(_) | Halt::AuditFailed) => {
            some(Exit::Failure)
        }
        Stop::Finished if summary.not_deleted() == 0 => Exit::Success,
        Stop::Finished if deleted > 0 => Exit::Partial,
        Stop::Finished if summary.answered == 0 => Exit::Unreachable,
        Stop::Finished => Exit::Failure,
    };
    // Results that could not be written are a failure of their own.
    let unprinted = ui.is_none_or(Ui::stdout_failed);
    if exit == Exit::Success && unprinted {
        Exit::Failure
    } else {
        exit
    }
}

/// A single request that did not succeed (the quota), as one code.
pub fn of_answer(answer: &Answer) -> Exit {
    match answer.verdict {
        Verdict::Confirmed => Exit::Failure,
        Verdict::Refused(Refusal::Auth | Refusal::Quota | Refusal::Simultaneous) => Exit::Auth,
        Verdict::Refused(_) | Verdict::Unconfirmed(Lost::TooLarge | Lost::ShortCount) => {
            Exit::Failure
        }
        Verdict::NotSent(_) | Verdict::Unconfirmed(_) => Exit::Unreachable,
    }
}

/// A dry run is valid when its requests could be printed.
pub fn of_dry_run(ui: &Ui) -> Exit {
    if ui.stdout_failed() {
        Exit::Failure
    } else {
        Exit::Success
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_table_is_the_one_in_the_code() {
        let readme = include_str!("../README.md");
        let rows: Vec<&str> = readme
            .lines()
            .skip_while(|l| *l != "## Exit codes")
            .skip(1)
            .skip_while(|l| !l.starts_with("|---"))
            .skip(1)
            .take_while(|l| l.starts_with('|'))
            .collect();
        let expected: Vec<String> = Exit::ALL
            .iter()
            .map(|e| format!("| {} | {} |", e.code(), e.meaning()))
            .collect();
        assert_eq!(
            rows, expected,
            "README's exit-code table differs from exit.rs"
        );
    }

    #[test]
    fn the_help_table_lists_every_code_once_within_78_columns() {
        let table = table();
        for exit in Exit::ALL {
            let start = format!("\n  {:<4} ", exit.code());
            assert_eq!(table.matches(&start).count(), 1, "{table}");
        }
        assert!(table.lines().all(|l| l.len() <= 78), "{table}");
    }
}
