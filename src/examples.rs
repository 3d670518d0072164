//! The EXAMPLES of `--help` and the manual page: real invocations, each
//! run as written by the README test against a local server.

pub const DELETE: &str = "\
Examples:
  Delete one record (on a terminal, wolkvox shows the plan and asks first):
    wolkvox delete -m contacts 6074a1b2c3

  Delete ids piped from another command, one per line:
    jq -r '.[].id' records.json | wolkvox delete -m contacts

  Delete the ids in the \"id\" column of a CRM export (CSV, ',' or ';'):
    wolkvox delete -m contacts --column id < export.csv

  Show the requests a run would send, and send nothing:
    wolkvox delete -m contacts --dry-run --file ids.txt

  Nightly from cron: no terminal, so --yes; a cap; what failed and a record of what was done:
    wolkvox -q delete -m contacts --yes --max-delete 5000 --failed-file failed.txt \\
      --audit-log audit.jsonl --file stale.txt

  Feed back what was not deleted:
    wolkvox delete -m contacts --file failed.txt";

pub const QUOTA: &str = "\
Examples:
  How many requests the token has left today:
    wolkvox quota

  Refuse a run that would need more requests than remain:
    wolkvox delete -m contacts --check-quota --file ids.txt";

pub const CONFIG: &str = "\
Examples:
  Write a starter config file (mode 0600), then edit it:
    wolkvox config init

  Where each setting comes from (flag, variable, profile, file, default):
    wolkvox config show
    wolkvox -p staging config show

  The file read, and the profiles it holds:
    wolkvox config path
    wolkvox config profiles";

pub const COMPLETIONS: &str = "\
Examples:
  bash:
    mkdir -p ~/.local/share/bash-completion/completions
    wolkvox completions bash > ~/.local/share/bash-completion/completions/wolkvox

  zsh (with ~/.zfunc in fpath, before compinit):
    mkdir -p ~/.zfunc && wolkvox completions zsh > ~/.zfunc/_wolkvox

  fish:
    mkdir -p ~/.config/fish/completions
    wolkvox completions fish > ~/.config/fish/completions/wolkvox.fish";

pub const MAN: &str = "\
Examples:
  Read it:
    wolkvox man | man -l -

  Install it:
    mkdir -p ~/.local/share/man/man1 && wolkvox man > ~/.local/share/man/man1/wolkvox.1";

/// Every example, for the top-level `--help`.
pub const ALL: &str = "\
Examples:
  Delete one record (on a terminal, wolkvox shows the plan and asks first):
    wolkvox delete -m contacts 6074a1b2c3

  Delete ids piped from another command, or the \"id\" column of a CSV export:
    jq -r '.[].id' records.json | wolkvox delete -m contacts
    wolkvox delete -m contacts --column id < export.csv

  Show the requests a run would send, and send nothing:
    wolkvox delete -m contacts --dry-run --file ids.txt

  Nightly from cron (--yes, a cap, the failed ids and an audit record):
    wolkvox -q delete -m contacts --yes --max-delete 5000 --failed-file failed.txt \\
      --audit-log audit.jsonl --file stale.txt

  The token's quota, a starter config file, completions, the manual:
    wolkvox quota
    wolkvox config init
    mkdir -p ~/.local/share/bash-completion/completions
    wolkvox completions bash > ~/.local/share/bash-completion/completions/wolkvox
    wolkvox man | man -l -";
