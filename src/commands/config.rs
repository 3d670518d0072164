//! `config show`, `config path`, `config init`, `config profiles`.

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
    // What was found is printed; a delete could not run without these.
    settings.check_present()?;
    Ok(exit::of_dry_run(&ui))
}

pub fn path(inv: &Invocation) -> Result<Exit> {
    let path = file_path(inv)?;
    Ui::new(&inv.cli.global).line(&path.display().to_string());
    Ok(Exit::Success)
}

pub fn init(inv: &Invocation) -> Result<Exit> {
    let path = file_path(inv)?;
    let wrote = init::write_starter(&path)?;
    let mut ui = Ui::new(&inv.cli.global);
    let shown = path.display();
    match wrote {
        init::Wrote::New => ui.note(&format!(
            "wrote {shown}; edit it to set server, token and operation"
        )),
        init::Wrote::AlreadyThere => ui.note(&format!(
            "{shown} already holds the starter text; left as it is"
        )),
    }
    ui.line(&shown.to_string());
    Ok(Exit::Success)
}

pub fn profiles(inv: &Invocation) -> Result<Exit> {
    let mut ui = Ui::new(&inv.cli.global);
    for name in config::profile_names(inv)? {
        ui.line(&name);
    }
    Ok(exit::of_dry_run(&ui))
}

fn file_path(inv: &Invocation) -> Result<std::path::PathBuf> {
    let choice = config::choice(inv);
    let path = choice.path().ok_or_else(|| {
        exit::config("no config directory is known here (set HOME or XDG_CONFIG_HOME)")
    })?;
    Ok(path.to_path_buf())
}
