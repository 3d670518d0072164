//! The manual page, made with clap_mangen from the same command definition
//! as `--help`, plus the sections a manual needs and help does not hold:
//! each subcommand's options, EXIT STATUS, ENVIRONMENT, FILES, EXAMPLES.
//! `doc/wolkvox.1` is this page, committed; a test keeps it current.

use std::io::{self, Write};

use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

use crate::cli;
use crate::examples;
use crate::exit::Exit;

/// Environment variables the tool reads, and what for.
const ENVIRONMENT: [(&str, &str); 9] = [
    ("WOLKVOX_SERVER", "The CRM host or base URL, as --server."),
    ("WOLKVOX_TOKEN", "The API token, as --token (never shown)."),
    ("WOLKVOX_OPERATION", "The CRM operation, as --operation."),
    ("WOLKVOX_CONFIG", "The config file to read, as --config."),
    (
        "WOLKVOX_PROFILE",
        "The profile of the config file to use, as --profile.",
    ),
    (
        "SSL_CERT_FILE",
        "A bundle of CA certificates to trust instead of the system's (a private or inspecting CA).",
    ),
    (
        "SSL_CERT_DIR",
        "A directory of CA certificates to trust instead of the system's.",
    ),
    (
        "HTTPS_PROXY, NO_PROXY",
        "A proxy for https, and hosts to reach without it. Plain http (loopback only) never uses a proxy.",
    ),
    (
        "NO_COLOR",
        "When set and not empty, no colour, whatever --color says for auto.",
    ),
];

/// Writes the page.
pub fn render(out: &mut dyn Write) -> io::Result<()> {
    let command = cli::documented();
    let man = Man::new(command.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    subcommand_list(out, &command)?;
    for sub in command.get_subcommands() {
        subcommand(out, sub, &format!("wolkvox {}", sub.get_name()))?;
    }
    sections(out)?;
    man.render_version_section(out)
}

/// SUBCOMMANDS: each with its summary; its own section follows.
fn subcommand_list(out: &mut dyn Write, command: &clap::Command) -> io::Result<()> {
    let mut roff = Roff::new();
    roff.control("SH", ["SUBCOMMANDS"]);
    for sub in command.get_subcommands() {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        roff.control("TP", [])
            .text([bold(format!("wolkvox {}", sub.get_name()))]);
        roff.text([roman(about)]);
    }
    roff.to_writer(out)
}

/// A subcommand's own section: what it does and its options (nested
/// subcommands, such as `config show`, in turn).
fn subcommand(out: &mut dyn Write, sub: &clap::Command, name: &str) -> io::Result<()> {
    let mut roff = Roff::new();
    roff.control("SH", [name.to_uppercase().as_str()]);
    let about = sub
        .get_long_about()
        .or(sub.get_about())
        .map(|a| a.to_string());
    roff.text([roman(about.unwrap_or_default())]);
    roff.to_writer(out)?;
    // clap takes a heading as &'static str (short of its `string` feature);
    // `wolkvox man` runs once, so these few bytes are leaked on purpose.
    let heading: &'static str = format!("{} OPTIONS", name.to_uppercase()).leak();
    let own = sub
        .clone()
        .mut_args(|arg| arg.help_heading(heading))
        .disable_help_flag(true);
    if own.get_arguments().any(|a| !a.is_hide_set()) {
        Man::new(own).render_options_section(out)?;
    }
    for nested in sub.get_subcommands() {
        subcommand(out, nested, &format!("{name} {}", nested.get_name()))?;
    }
    Ok(())
}

/// EXIT STATUS, ENVIRONMENT, FILES and EXAMPLES.
fn sections(out: &mut dyn Write) -> io::Result<()> {
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for exit in Exit::ALL {
        roff.control("TP", []).text([bold(exit.code().to_string())]);
        roff.text([roman(exit.meaning())]);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, meaning) in ENVIRONMENT {
        roff.control("TP", []).text([bold(name)]);
        roff.text([roman(meaning)]);
    }
    roff.control("SH", ["FILES"]);
    roff.control("TP", [])
        .text([bold("$XDG_CONFIG_HOME/wolkvox/config.toml")]);
    roff.text([roman(
        "The config file (by default ~/.config/wolkvox/config.toml; `wolkvox config path` prints \
         the one read; --config or WOLKVOX_CONFIG name another). It must be a regular file only \
         its owner can change; `wolkvox config init` writes a commented starter one.",
    )]);
    roff.control("SH", ["EXAMPLES"]);
    // One paragraph per example: what it does, then its command lines
    // (a line ending in a backslash is joined to the next).
    let text = examples::ALL.replace("\\\n", "");
    for block in text
        .lines()
        .skip(1)
        .collect::<Vec<_>>()
        .split(|l| l.trim().is_empty())
    {
        let Some((what, commands)) = block.split_first() else {
            continue;
        };
        roff.control("PP", []).text([roman(what.trim())]);
        for command in commands {
            roff.control("br", []).text([bold(
                command.split_whitespace().collect::<Vec<_>>().join(" "),
            )]);
        }
    }
    roff.to_writer(out)
}
