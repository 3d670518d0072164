//! Each subcommand wired from its parts, one function each, reading as
//! cli → config → input → run → output → exit. No rendering, checking or
//! file writing happens here: each has its own module.

mod config;
mod delete;

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::{Cli, Command, ConfigCommand, Invocation};
use crate::exit::Exit;

pub fn dispatch(inv: &Invocation) -> Result<Exit> {
    match &inv.cli.command {
        Command::Delete(args) => delete::delete(inv, args),
        Command::Config(ConfigCommand::Show) => config::show(inv),
        Command::Config(ConfigCommand::Path) => config::path(inv),
        Command::Config(ConfigCommand::Init) => config::init(inv),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "wolkvox", &mut script);
            std::io::stdout().lock().write_all(&script)?;
            Ok(Exit::Success)
        }
    }
}
