//! What stands between a checked plan and its first request: a delete
//! cannot be undone, so it happens only when the user clearly asked for it.
//! A cap (`--max-delete`) guards unattended runs; on a terminal the plan is
//! shown and must be confirmed, unless `--yes` says so on the command line
//! (no config key or variable can). With no terminal and no `--yes`,
//! nothing is sent.

use std::fs::OpenOptions;
use std::io::{BufRead, BufReader, Write};

use anyhow::Result;

use crate::api::{Client, quota};
use crate::config::Setting;
use crate::display::thousands;
use crate::exit;
use crate::output::{Context, Ui};

/// What a run is about to do, as the question and the refusals name it.
pub struct Plan<'a> {
    pub ids: usize,
    pub requests: usize,
    pub module: &'a str,
    pub operation: &'a str,
    pub host: &'a str,
    pub profile: Option<&'a str>,
}

impl Plan<'_> {
    /// "5,000 records (50 requests) from module contacts in operation acme
    /// at crm0001.wolkvox.com (profile prod)".
    pub fn describe(&self) -> String {
        let records = match self.ids {
            1 => "1 record".to_string(),
            n => format!("{} records", thousands(n)),
        };
        let requests = match self.requests {
            1 => "1 request".to_string(),
            n => format!("{} requests", thousands(n)),
        };
        let profile = self
            .profile
            .map_or(String::new(), |p| format!(" (profile {p})"));
        format!(
            "{records} ({requests}) from module {} in operation {} at {}{profile}",
            self.module, self.operation, self.host
        )
    }
}

/// More ids than `--max-delete` allows: nothing is sent.
pub fn check_cap(plan: &Plan, cap: Option<&Setting<usize>>) -> Result<()> {
    match cap {
        Some(cap) if plan.ids > cap.value => Err(exit::safety(format!(
            "{} ids is more than --max-delete {} ({}): nothing was sent; \
             check the input, or raise the limit if this is meant",
            thousands(plan.ids),
            thousands(cap.value),
            cap.source
        ))),
        _ => Ok(()),
    }
}

/// Asks on the terminal (`/dev/tty`, which works when ids are piped in
/// too); only `y` or `yes` goes on. `--yes` skips the question.
pub fn confirm(plan: &Plan, yes: bool) -> Result<()> {
    if yes {
        return Ok(());
    }
    let Ok(tty) = OpenOptions::new().read(true).write(true).open("/dev/tty") else {
        return Err(exit::safety(format!(
            "not deleting {} without confirmation: there is no terminal to ask on \
             (cron, CI, a service); pass --yes to delete without asking",
            plan.describe()
        )));
    };
    let mut answer = String::new();
    let asked = (&tty)
        .write_all(format!("Delete {}? [y/N] ", plan.describe()).as_bytes())
        .and_then(|()| BufReader::new(&tty).read_line(&mut answer));
    match asked {
        Ok(_) if matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") => Ok(()),
        Ok(0) => Err(exit::safety(
            "no answer (end of input): nothing was deleted",
        )),
        Ok(_) => Err(exit::safety("not confirmed: nothing was deleted")),
        Err(e) => Err(exit::safety(format!(
            "cannot ask on the terminal ({e}): nothing was deleted; pass --yes to delete without asking"
        ))),
    }
}

/// `--check-quota`: refuse a run that needs more requests than the token
/// has left today. An answer that cannot be read is only a warning.
pub fn check_quota(client: &Client, ctx: &Context, ui: &Ui) -> Result<()> {
    let answer = client.get(quota::url(&ctx.url, &ctx.operation));
    let needed = ctx.batches as u64;
    match quota::read(&answer) {
        Ok(q) if needed > q.remaining() => Err(exit::safety(format!(
            "this run needs {needed} requests but the token has {} left today (limit {}); the \
             count restarts {}; nothing was sent",
            q.remaining(),
            q.limit,
            q.restart()
        ))),
        Ok(q) => {
            let left = q.remaining();
            ui.verbose(
                1,
                &format!("quota: {needed} requests needed, {left} left today"),
            );
            Ok(())
        }
        Err(why) => {
            ui.warn(&format!(
                "cannot read the token's quota ({why}); going on without the check"
            ));
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_names_count_module_operation_host_and_profile() {
        let plan = Plan {
            ids: 5000,
            requests: 50,
            module: "contacts",
            operation: "acme",
            host: "crm0001.wolkvox.com",
            profile: Some("prod"),
        };
        assert_eq!(
            plan.describe(),
            "5,000 records (50 requests) from module contacts in operation acme at crm0001.wolkvox.com (profile prod)"
        );
    }
}
