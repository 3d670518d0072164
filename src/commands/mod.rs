//! Each subcommand wired from its parts, one function each, reading as
//! cli → config → input → run → output → exit. No rendering, checking or
//! file writing happens here: each has its own module.

mod config;
mod delete;
mod quota;

use std::io::Write;

use anyhow::Result;

use crate::cli::{Command, ConfigCommand, Invocation};
use crate::exit::Exit;
use crate::{completions, manual};

pub fn dispatch(inv: &Invocation) -> Result<Exit> {
    match &inv.cli.command {
        Command::Delete(args) => delete::delete(inv, args),
        Command::Quota => quota::quota(inv),
        Command::Config(ConfigCommand::Show) => config::show(inv),
        Command::Config(ConfigCommand::Path) => config::path(inv),
        Command::Config(ConfigCommand::Init) => config::init(inv),
        Command::Config(ConfigCommand::Profiles) => config::profiles(inv),
        Command::Completions { shell } => {
            std::io::stdout()
                .lock()
                .write_all(&completions::script(*shell))?;
            Ok(Exit::Success)
        }
        Command::Man => {
            let mut page = Vec::new();
            manual::render(&mut page)?;
            std::io::stdout().lock().write_all(&page)?;
            Ok(Exit::Success)
        }
    }
}
