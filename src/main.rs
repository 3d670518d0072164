//! wolkvox: delete records in the Wolkvox CRM through its HTTP delete API.
//!
//! Data flows one way: cli → config → input → run (→ api) → output → exit.

mod api;
mod cli;
mod commands;
mod completions;
mod config;
mod display;
mod examples;
mod exit;
mod input;
mod manual;
mod output;
mod retry;
mod run;
mod safety;
mod secret;
mod signals;

use std::io::Write;
use std::process::ExitCode;

use exit::Exit;

fn main() -> ExitCode {
    secret::forbid_core_dumps();
    signals::install();
    let exit = match cli::parse() {
        Ok(invocation) => outcome(commands::dispatch(&invocation)),
        Err(err) => exit::of_clap_error(&err),
    };
    exit.end()
}

/// Prints the error of a command that failed, and picks its exit code.
fn outcome(result: anyhow::Result<Exit>) -> Exit {
    match result {
        Ok(exit) => exit,
        // The reader of stdout has gone (`| head`): nothing more to say.
        Err(err) if is_broken_pipe(&err) => Exit::Success,
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "error: {err:#}");
            exit::of_error(&err)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
