//! Every command the README shows, and every example of `--help`, run as
//! written: in a fresh home with the files the examples name, at a terminal
//! (a pseudo-terminal answering "y" to the question), against a local
//! server that the environment names (`WOLKVOX_SERVER`), since the examples
//! leave the server to the config or the environment as users do.
//!
//! Left out, and why: `git clone` (no network here), `cargo ...` (the
//! install is checked by `.ci/run`, the tests are this), and the loop that
//! regenerates the completions with `cargo run`.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::{self, Env, FaultServer, Reply, TOKEN};

const QUOTA: &str = r#"{"code":"200","error":"null","data":{"token_limit":4800,"token_use_today":10,"hours_to_restart_count":7}}"#;

/// The README's `sh` blocks, each as the command lines a user would type
/// in turn (comments and the ones left out dropped; a `cargo install ...
/// &&` prefix leaves the command it runs).
fn readme_blocks() -> Vec<Vec<String>> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut blocks = Vec::new();
    let mut block: Option<Vec<String>> = None;
    let mut skipping_loop = false;
    for line in readme.lines() {
        let text = line.split(" # ").next().unwrap().trim();
        match (text, block.as_mut()) {
            ("```sh", None) => block = Some(Vec::new()),
            ("```", Some(_)) => blocks.extend(block.take().filter(|b| !b.is_empty())),
            (_, Some(lines)) => {
                skipping_loop |= text.starts_with("for ");
                let left_out = text.is_empty()
                    || text.starts_with('#')
                    || text.starts_with("git clone")
                    || (text.starts_with("cargo ") && !text.contains("&&"));
                if !skipping_loop && !left_out {
                    let text = text
                        .strip_prefix("cargo install --locked --path . && ")
                        .unwrap_or(text);
                    lines.push(text.to_string());
                }
                skipping_loop &= text != "done";
            }
            _ => {}
        }
    }
    blocks
}

/// The examples of every `--help`: the command lines of each example.
fn help_blocks(env: &Env) -> Vec<Vec<String>> {
    let mut blocks = Vec::new();
    for args in [
        &["--help"][..],
        &["delete", "--help"],
        &["quota", "--help"],
        &["config", "--help"],
        &["completions", "--help"],
        &["man", "--help"],
    ] {
        let out = env.cmd().args(args).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap().replace("\\\n", "");
        let examples = text.split("Examples:").nth(1).unwrap_or_default();
        let examples = examples.split("Exit codes:").next().unwrap();
        for paragraph in examples.split("\n\n") {
            let lines: Vec<String> = paragraph
                .lines()
                .filter(|l| l.starts_with("    "))
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            if !lines.is_empty() {
                blocks.push(lines);
            }
        }
    }
    blocks
}

/// A fresh home with the files the examples name, and a config file (with
/// a `staging` profile) unless the command writes its own.
fn home_for(command: &str, server: &FaultServer) -> Env {
    let env = Env::new();
    let ids = common::ids(3).join("\n");
    for (name, text) in [
        ("ids.txt", ids.as_str()),
        ("more-ids.txt", "6074b1\n6074b2\n"),
        ("stale.txt", "6074c1\n6074c2\n"),
        ("failed.txt", "6074d1\n"),
        ("export.csv", "id,name\n6074a1,Ana\n6074a2,Luis\n"),
        ("ids-column.csv", "6074e1\n6074e2\n"),
        ("records.json", r#"[{"id":"6074f1"},{"id":"6074f2"}]"#),
        ("corp-ca.pem", &common::tls::TestCa::new().ca_pem),
        (
            "audit.jsonl",
            "{\"outcome\":\"deleted\",\"ids\":[\"6074a1\"],\"time\":\"t\",\"user\":\"u\",\"host\":\"h\",\"run_id\":\"r\"}\n",
        ),
    ] {
        env.write(name, text);
    }
    if !command.contains("config init") {
        let config = format!("[profiles.staging]\nserver = \"{}\"\n", server.url());
        let path = env.default_config();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, config).unwrap();
        common::set_mode(&path, 0o600);
    }
    env
}

/// How many questions `command` will ask: real deletes without `--yes`.
fn questions(command: &str) -> usize {
    command
        .lines()
        .filter(|l| l.contains(" delete ") && !l.contains("--dry-run") && !l.contains("--yes"))
        .count()
}

/// Runs `command` with `sh` under a pseudo-terminal, "y" typed for each
/// question; wolkvox is the binary under test, first on PATH.
fn run(command: &str, env: &Env, server: &FaultServer, bin_dir: &Path) -> (Option<i32>, String) {
    use std::io::Write;
    let command = format!("set -e\n{command}");
    let mut script = Command::new("script");
    script
        .args(["-qec", &command, "/dev/null"])
        .current_dir(env.dir.path());
    for (k, v) in env.cmd_with_terminal().get_envs() {
        match v {
            Some(v) => script.env(k, v),
            None => script.env_remove(k),
        };
    }
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    script
        .env("PATH", path)
        .env("WOLKVOX_SERVER", server.url())
        .env("WOLKVOX_TOKEN", TOKEN)
        .env("WOLKVOX_OPERATION", "acme")
        .env("PAGER", "cat")
        .env("MANPAGER", "cat")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
    let mut child = script.spawn().unwrap();
    // Exactly one answer per question: typed input nobody reads keeps
    // `script` waiting.
    let answers = b"y\n".repeat(questions(&command));
    child.stdin.take().unwrap().write_all(&answers).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn every_readme_command_and_help_example_runs_as_written() {
    let server = FaultServer::start(|req| {
        if req.head.starts_with("GET ") {
            Reply::json(200, QUOTA)
        } else {
            Reply::ok(req.ids().len())
        }
    });
    let bin_dir = Env::new();
    std::os::unix::fs::symlink(common::bin(), bin_dir.path("wolkvox")).unwrap();
    let mut blocks = readme_blocks();
    blocks.extend(help_blocks(&bin_dir));
    let lines: usize = blocks.iter().map(Vec::len).sum();
    assert!(lines > 30, "{blocks:#?}");
    let mut ran = 0;
    for block in &blocks {
        let command = block.join("\n");
        let missing = ["jq", "man"]
            .into_iter()
            .find(|p| command.contains(&format!("{p} ")) && !have(p));
        if let Some(program) = missing {
            eprintln!("skipped, {program} is not installed: {command}");
            continue;
        }
        let env = home_for(&command, &server);
        let (code, shown) = run(&command, &env, &server, bin_dir.dir.path());
        assert_eq!(code, Some(0), "{command}\n{shown}");
        assert!(!shown.contains("error:"), "{command}\n{shown}");
        ran += block.len();
    }
    assert!(ran > 30, "{ran} commands ran");
    assert!(
        server.request_count() > 10,
        "the examples reached the server"
    );
}
