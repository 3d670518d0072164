//! `quota`: settings → one GET → output → exit.

use anyhow::Result;

use crate::api::{self, Client, quota};
use crate::cli::Invocation;
use crate::config::Settings;
use crate::exit::{self, Coded, Exit};
use crate::output::{self, Ui};

pub fn quota(inv: &Invocation) -> Result<Exit> {
    let global = &inv.cli.global;
    let mut ui = Ui::new(global);
    let settings = Settings::resolve(inv)?;
    settings.warnings.iter().for_each(|w| ui.warn(w));
    let target = settings.require()?;
    let url = api::endpoint(&target.server.value)?;
    let client = Client::new(
        url.clone(),
        &target.token.value,
        settings.timeout.value,
        settings.connect_timeout.value,
    )?;
    let answer = client.get(quota::url(&url, &target.operation.value));
    match quota::read(&answer) {
        Ok(quota) => {
            output::printer(global.format()).quota(&mut ui, &quota);
            Ok(exit::of_dry_run(&ui))
        }
        Err(why) => Err(Coded {
            code: exit::of_answer(&answer),
            message: format!("cannot read the token's quota: {why}"),
        }
        .into()),
    }
}
