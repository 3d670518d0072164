//! `config show`, `config path`, `config init`.

use anyhow::Result;

use crate::cli::Invocation;
use crate::config::{self, Settings, init};
use crate::exit::{self, Exit};
use crate::output::{self, Ui};

pub fn show(inv: &Invocation) -> Result<Exit> {
    let global = &inv.cli.global;
    let mut ui = Ui::new(global);
    let settings = Settings::resolve(inv)?;
    settings.warnings.iter().for_each(|w| ui.warn(w));
    let report = settings.report()?;
    output::printer(global.format()).config(&mut ui, &report);
    Ok(Exit::Success)
}

pub fn path(inv: &Invocation) -> Result<Exit> {
    let path = file_path(inv)?;
    Ui::new(&inv.cli.global).line(&path.display().to_string());
    Ok(Exit::Success)
}

pub fn init(inv: &Invocation) -> Result<Exit> {
    let path = file_path(inv)?;
    init::write_starter(&path)?;
    let global = &inv.cli.global;
    let mut ui = Ui::new(global);
    ui.note(&format!(
        "wrote {}; edit it to set server, token and operation",
        path.display()
    ));
    ui.line(&path.display().to_string());
    Ok(Exit::Success)
}

fn file_path(inv: &Invocation) -> Result<std::path::PathBuf> {
    let choice = config::choice(inv);
    let path = choice.path().ok_or_else(|| {
        exit::config("no config directory is known here (set HOME or XDG_CONFIG_HOME)")
    })?;
    Ok(path.to_path_buf())
}
