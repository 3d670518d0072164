//! Behaviour that depends on a terminal, run under a pseudo-terminal made
//! by util-linux `script` (in Debian's essential bsdutils package).

use crate::common;
use crate::common::{Env, FaultServer, Reply, TOKEN};
use std::process::Command;
use std::time::Duration;

/// Runs `command` in a shell under a pseudo-terminal; returns its exit code
/// and everything the terminal showed.
fn in_terminal(env: &Env, command: &str) -> (Option<i32>, String) {
    answering(env, command, "")
}

/// Like [`in_terminal`], with `typed` typed on the terminal.
fn answering(env: &Env, command: &str, typed: &str) -> (Option<i32>, String) {
    use std::io::Write;
    use std::process::Stdio;
    let mut cmd = Command::new("script");
    cmd.args(["-qec", command, "/dev/null"]);
    let inner = env.cmd_with_terminal();
    for (k, v) in inner.get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    let mut child = cmd
        .current_dir(env.dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("script runs");
    let mut keys = child.stdin.take().unwrap();
    keys.write_all(typed.as_bytes()).unwrap();
    drop(keys);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

use common::bin;

/// The screen a terminal shows after receiving `output`: enough of a VT100
/// for what indicatif and wolkvox send (carriage return, line feed, cursor
/// up/down/column, erase in line and below); other sequences are dropped.
fn screen(output: &str) -> Vec<String> {
    let mut lines: Vec<Vec<char>> = vec![Vec::new()];
    let (mut row, mut col) = (0usize, 0usize);
    let mut chars = output.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => col = 0,
            '\n' => {
                row += 1;
                if row == lines.len() {
                    lines.push(Vec::new());
                }
            }
            '\u{1b}' if chars.peek() == Some(&'[') => {
                chars.next();
                let mut params = String::new();
                while let Some(&p) = chars.peek().filter(|p| !p.is_ascii_alphabetic()) {
                    params.push(p);
                    chars.next();
                }
                let n = params.trim_start_matches('?').parse::<usize>().unwrap_or(0);
                match chars.next() {
                    Some('A') => row = row.saturating_sub(n.max(1)),
                    Some('B') => row = (row + n.max(1)).min(lines.len() - 1),
                    Some('G') => col = n.saturating_sub(1),
                    Some('K') if n == 2 => lines[row].clear(),
                    Some('K') if n == 1 => {
                        lines[row].iter_mut().take(col + 1).for_each(|c| *c = ' ')
                    }
                    Some('K') => lines[row].truncate(col),
                    Some('J') => lines.truncate(row + 1),
                    _ => {}
                }
            }
            '\u{1b}' => {
                chars.next();
            }
            c if c.is_control() => {}
            c => {
                let line = &mut lines[row];
                if line.len() <= col {
                    line.resize(col, ' ');
                    line.push(c);
                } else {
                    line[col] = c;
                }
                col += 1;
            }
        }
    }
    lines
        .into_iter()
        .map(|l| l.into_iter().collect::<String>().trim_end().to_string())
        .collect()
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
        "{} -s {} -t {TOKEN} --operation a delete --yes -m contacts --batch-size 10 < {}",
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
        stdout.ends_with(&format!(
            "400 of 400 ids deleted from contacts in operation a at 127.0.0.1:{} (40 requests)\n",
            server.port
        )),
        "{stdout}"
    );

    let (code, shown) = in_terminal(&env, &format!("{base} -q > out.txt"));
    assert_eq!(code, Some(0));
    assert!(!shown.contains("ids/s"), "-q still drew a bar: {shown}");
}

#[test]
fn result_lines_and_the_progress_bar_never_share_a_line() {
    let server =
        FaultServer::start(|req| Reply::ok(req.ids().len()).delayed(Duration::from_millis(25)));
    let env = Env::new();
    let ids = env.write("ids.txt", &common::ids(400).join("\n"));
    let command = format!(
        "{} {} delete --yes -m contacts --batch-size 10 < {}",
        bin(),
        common::creds(&server.url()).join(" "),
        ids.display()
    );
    let (code, shown) = in_terminal(&env, &command);
    assert_eq!(code, Some(0), "{shown}");
    assert!(
        shown.contains("ids/s"),
        "the bar was never drawn: {shown:?}"
    );
    let screen = screen(&shown);
    let results = screen
        .iter()
        .filter(|l| l.contains("deleted 10 ids from contacts"))
        .count();
    assert_eq!(
        results, 40,
        "every result line is on screen, whole: {screen:#?}"
    );
    for line in &screen {
        assert!(
            !line.contains("ids/s"),
            "a bar was left on screen: {screen:#?}"
        );
        if line.contains("deleted") {
            let clean = line == "deleted 10 ids from contacts: 10 records deleted"
                || line.starts_with("400 of 400 ids deleted from contacts in operation acme at");
            assert!(clean, "a result line shares its line: {line:?}");
        }
    }
}

#[test]
fn a_real_run_on_a_terminal_asks_first_naming_what_it_will_delete() {
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    let env = Env::new();
    let ids = env.write("ids.txt", &common::ids(250).join("\n"));
    let failed = env.path("failed.txt");
    let command = format!(
        "{} {} delete -m contacts --failed-file {} < {}",
        bin(),
        common::creds(&server.url()).join(" "),
        failed.display(),
        ids.display()
    );
    let question = format!(
        "Delete 250 records (3 requests) from module contacts in operation acme at 127.0.0.1:{}? [y/N]",
        server.port
    );
    for typed in ["n\n", "\n", "no\n", "yes please\n", ""] {
        let (code, shown) = answering(&env, &command, typed);
        assert_eq!(code, Some(7), "{typed:?}: {shown}");
        assert!(shown.contains(&question), "{shown}");
        assert_eq!(server.request_count(), 0, "{typed:?} deleted something");
        assert_eq!(common::read_lines(&failed).len(), 250, "every id is listed");
    }
    for typed in ["y\n", "YES\n"] {
        let (code, shown) = answering(&env, &command, typed);
        assert_eq!(code, Some(0), "{typed:?}: {shown}");
    }
    assert_eq!(server.request_count(), 6);
    // With --yes, no question.
    let (code, shown) = answering(&env, &format!("{command} --yes"), "");
    assert_eq!(code, Some(0), "{shown}");
    assert!(!shown.contains("[y/N]"), "{shown}");
    // A dry run never asks.
    let (code, shown) = answering(&env, &command.replace("delete ", "delete --dry-run "), "");
    assert_eq!(code, Some(0), "{shown}");
    assert!(!shown.contains("[y/N]"), "{shown}");
}

#[test]
fn the_question_names_the_profile() {
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    let env = Env::new();
    let config = env.profile("prod", &server.url());
    let command = format!(
        "{} -c {} -p prod delete -m leads L1",
        bin(),
        config.display()
    );
    let (code, shown) = answering(&env, &command, "y\n");
    assert_eq!(code, Some(0), "{shown}");
    assert!(
        shown.contains(&format!(
            "Delete 1 record (1 request) from module leads in operation acme at 127.0.0.1:{} (profile prod)? [y/N]",
            server.port
        )),
        "{shown}"
    );
}
