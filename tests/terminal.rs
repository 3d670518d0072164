//! Behaviour that depends on a terminal, run under a pseudo-terminal made
//! by util-linux `script` (in Debian's essential bsdutils package).

mod common;

use common::{Env, FaultServer, Reply, TOKEN};
use std::process::Command;
use std::time::Duration;

/// Runs `command` in a shell under a pseudo-terminal; returns its exit code
/// and everything the terminal showed.
fn in_terminal(env: &Env, command: &str) -> (Option<i32>, String) {
    let mut cmd = Command::new("script");
    cmd.args(["-qec", command, "/dev/null"]);
    let inner = env.std_cmd();
    for (k, v) in inner.get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    let out = cmd
        .current_dir(env.dir.path())
        .output()
        .expect("script runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_wolkvox")
}

#[test]
fn no_ids_and_a_terminal_on_stdin_is_a_usage_error_not_a_wait() {
    let env = Env::new();
    let command = format!(
        "{} -s crm0001.wolkvox.com -t {TOKEN} --operation a delete -m contacts",
        bin()
    );
    let (code, shown) = in_terminal(&env, &format!("timeout 20 {command}"));
    assert_eq!(code, Some(2), "{shown}");
    assert!(shown.contains("no ids given"), "{shown}");
}

#[test]
fn a_progress_bar_on_a_terminal_never_on_stdout() {
    let server =
        FaultServer::start(|req| Reply::ok(req.ids().len()).delayed(Duration::from_millis(20)));
    let env = Env::new();
    let ids = env.write("ids.txt", &common::ids(400).join("\n"));
    let base = format!(
        "{} -s {} -t {TOKEN} --operation a delete -m contacts --batch-size 10 < {}",
        bin(),
        server.url(),
        ids.display()
    );
    let (code, shown) = in_terminal(&env, &format!("{base} > out.txt"));
    assert_eq!(code, Some(0), "{shown}");
    assert!(
        shown.contains("/400 ids") && shown.contains("ids/s"),
        "no progress bar: {shown}"
    );
    let stdout = std::fs::read_to_string(env.path("out.txt")).unwrap();
    assert!(
        !stdout.contains("ids/s"),
        "progress bar on stdout: {stdout}"
    );
    assert!(
        stdout.ends_with("400 of 400 ids deleted from contacts (40 requests)\n"),
        "{stdout}"
    );

    let (code, shown) = in_terminal(&env, &format!("{base} -q > out.txt"));
    assert_eq!(code, Some(0));
    assert!(!shown.contains("ids/s"), "-q still drew a bar: {shown}");
}
