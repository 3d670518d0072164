//! The promises at their edges, tried as an attacker, a hostile or broken
//! server and an unlucky user would: the token never leaks, nothing is
//! claimed deleted without a confirmation, no file is clobbered, the audit
//! log keeps up, and every resource is bounded.

use std::os::unix::fs::FileTypeExt;
use std::process::Stdio;
use std::time::{Duration, Instant};

use predicates::prelude::*;
use serde_json::Value;

use crate::common::{self, Env, FaultServer, Reply, TOKEN};

/// Everything a command wrote on stdout and stderr.
fn everything(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Fails if `text` holds `token` as is, in another case, percent-encoded or
/// JSON-escaped.
fn assert_no_token(text: &str, token: &str) {
    let lower = text.to_lowercase();
    let percent: String = token.bytes().map(|b| format!("%{b:02x}")).collect();
    let escaped: String = token
        .chars()
        .map(|c| format!("\\u{:04x}", c as u32))
        .collect();
    for form in [token.to_lowercase(), percent, escaped] {
        assert!(
            !lower.contains(&form),
            "the token leaked as {form:?} in: {text}"
        );
    }
}

#[test]
fn a_redirect_whose_location_echoes_the_token_is_scrubbed() {
    let server = FaultServer::start(|_| {
        Reply::json(302, "").header(
            "Location",
            &format!(
                "https://evil.example/login?token={TOKEN}&again={}",
                TOKEN.to_uppercase()
            ),
        )
    });
    let env = Env::new();
    let audit = env.path("audit.jsonl");
    for format in ["text", "json", "jsonl"] {
        let out = env
            .delete(&server.url())
            .args([
                "-vv",
                "-o",
                format,
                "--audit-log",
                audit.to_str().unwrap(),
                "a1",
            ])
            .assert()
            .code(1);
        let all = everything(out.get_output());
        assert!(all.contains("evil.example/login?token=(redacted)"), "{all}");
        assert_no_token(&all, TOKEN);
    }
    assert_no_token(&std::fs::read_to_string(&audit).unwrap(), TOKEN);
}

#[test]
fn echoes_written_with_json_escapes_or_percent_encoding_are_scrubbed_after_decoding() {
    let token = "AbC/dEf-123";
    let escaped: String = token
        .chars()
        .map(|c| match c {
            '/' => "\\/".to_string(),
            c => format!("\\u{:04x}", c as u32),
        })
        .collect();
    let percent: String = token.bytes().map(|b| format!("%{b:02X}")).collect();
    let body = format!(
        r#"{{"code":200,"error":null,"msg":"1 records deleted by {escaped}","echo":{{"{escaped}":"{percent}"}}}}"#
    );
    let server = FaultServer::start(move |_| Reply::json(200, &body).header("X-Echo", &percent));
    let env = Env::new();
    let audit = env.path("audit.jsonl");
    for format in ["text", "json", "jsonl"] {
        let out = env
            .cmd()
            .args([
                "--server",
                &server.url(),
                "--token",
                token,
                "--operation",
                "acme",
            ])
            .args(["delete", "--yes", "-m", "contacts", "-vv", "-o", format])
            .args(["--audit-log", audit.to_str().unwrap(), "a1"])
            .assert()
            .code(0);
        let all = everything(out.get_output());
        assert!(all.contains("(redacted)"), "{all}");
        assert_no_token(&all, token);
    }
    assert_no_token(&std::fs::read_to_string(&audit).unwrap(), token);
}

#[test]
fn header_names_are_scrubbed_too() {
    let server = FaultServer::start(|_| Reply::ok(1).header(TOKEN, "1"));
    let out = Env::new()
        .delete(&server.url())
        .args(["-vv", "a1"])
        .assert()
        .code(0);
    let all = everything(out.get_output());
    assert!(all.contains("< (redacted): 1"), "{all}");
    assert_no_token(&all, TOKEN);
}

#[test]
fn config_file_errors_never_quote_the_token() {
    let hex = "61636d652d3230323230363234313232383035";
    let env = Env::new();
    for (text, line) in [
        (format!("server = \"x.example\"\ntoken = {hex}\n"), 2),
        (format!("token = \"{hex}\"\ntoken = \"{hex}\"\n"), 2),
        ("operation = \"a\"\ntoken = 4242424242\n".to_string(), 2),
        (format!("[profiles.p]\ntoken = {hex}x\n"), 2),
    ] {
        let config = env.write("config.toml", &text);
        let out = env.config_show(&config).assert().code(3);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(
            !stderr.contains(&hex[..10]) && !stderr.contains("4242424242"),
            "{stderr}"
        );
        assert!(
            stderr.contains(config.to_str().unwrap()),
            "names the file: {stderr}"
        );
        assert!(stderr.contains(&format!("line {line}, column")), "{stderr}");
        assert!(stderr.contains("token"), "names the key: {stderr}");
    }
}

#[test]
fn a_secret_in_the_server_url_is_never_repeated() {
    let env = Env::new();
    let server = format!("https://ana:{TOKEN}@crm0001.wolkvox.com");
    let out = env
        .cmd()
        .args(["--server", &server, "--token", TOKEN, "--operation", "a"])
        .args(["delete", "--dry-run", "-m", "contacts", "a1"])
        .assert()
        .code(3);
    let all = everything(out.get_output());
    assert!(all.contains("(redacted)@crm0001.wolkvox.com"), "{all}");
    assert_no_token(&all, TOKEN);
    let out = env
        .cmd()
        .env("WOLKVOX_SERVER", &server)
        .args(["config", "show"])
        .assert();
    assert_no_token(&everything(out.get_output()), TOKEN);
    for args in [
        &["--help"][..],
        &["delete", "--help"],
        &["config", "show", "--help"],
    ] {
        let out = env
            .cmd()
            .env("WOLKVOX_SERVER", &server)
            .env("WOLKVOX_OPERATION", "secret-operation")
            .env("WOLKVOX_PROFILE", "secret-profile")
            .args(args)
            .assert()
            .code(0);
        let all = everything(out.get_output());
        assert_no_token(&all, TOKEN);
        assert!(
            !all.contains("secret-operation") && !all.contains("secret-profile"),
            "{all}"
        );
    }
}

#[test]
fn answers_that_are_not_a_full_success_delete_nothing() {
    for body in [
        "false",
        "null",
        "{}",
        r#""Error: record not found""#,
        r#"{"success":false}"#,
        r#"{"status":"error"}"#,
        r#"{"code":"error","msg":"failed"}"#,
        r#"{"code":"200","error":"record locked"}"#,
    ] {
        let server = FaultServer::start(move |_| Reply::json(200, body));
        let env = Env::new();
        let failed = env.path("failed.txt");
        let out = env
            .delete(&server.url())
            .args([
                "--json",
                "--failed-file",
                failed.to_str().unwrap(),
                "a1",
                "a2",
            ])
            .assert()
            .code(1);
        let doc = common::stdout_json(out.get_output());
        assert_eq!(doc["deleted"], 0, "{body}: {doc}");
        assert_eq!(doc["refused"], 2, "{body}: {doc}");
        assert_eq!(common::read_lines(&failed), ["a1", "a2"], "{body}");
    }
}

#[test]
fn a_count_below_the_ids_sent_leaves_them_unconfirmed() {
    let server =
        FaultServer::start(|_| Reply::json(200, r#"{"code":200,"msg":"0 records deleted"}"#));
    let env = Env::new();
    let failed = env.path("failed.txt");
    let ids = common::ids(100);
    let out = env
        .delete(&server.url())
        .args(["--failed-file", failed.to_str().unwrap()])
        .args(&ids)
        .assert()
        .code(1);
    let out = out.get_output();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!(
            "0 of 100 ids deleted from contacts in operation acme at 127.0.0.1:{} (1 request); \
             100 unconfirmed: the server may have deleted them",
            server.port
        )),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("counted 0 deleted of 100 sent"));
    assert_eq!(common::read_lines(&failed), ids);
    let out = env
        .delete(&server.url())
        .args(["--json"])
        .args(&ids)
        .assert()
        .code(1);
    let doc = common::stdout_json(out.get_output());
    assert_eq!(doc["unconfirmed"], 100);
    assert_eq!(doc["unconfirmed_ids"].as_array().unwrap().len(), 100);
    assert_eq!(doc["requests"][0]["outcome"], "unconfirmed");
}

#[test]
fn the_failed_file_must_be_a_regular_file_or_nothing_yet() {
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    let env = Env::new();
    let fifo = env.path("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let to_device = env.path("null-link");
    std::os::unix::fs::symlink("/dev/null", &to_device).unwrap();
    let dir = env.path("a-dir");
    std::fs::create_dir(&dir).unwrap();
    for target in [
        fifo.clone(),
        to_device.clone(),
        dir,
        "/dev/null".into(),
        "/dev/stdout".into(),
    ] {
        env.delete(&server.url())
            .args(["--failed-file", target.to_str().unwrap(), "a1"])
            .timeout(Duration::from_secs(20))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("failed-ids file").and(
                predicate::str::contains("regular file").or(predicate::str::contains("directory")),
            ));
    }
    assert!(server.requests().is_empty(), "nothing was sent");
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert_eq!(
        std::fs::read_link(&to_device).unwrap().to_str(),
        Some("/dev/null")
    );
}

#[test]
fn the_failed_file_cannot_be_the_audit_log() {
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    let env = Env::new();
    let log = env.write("audit.jsonl", "{\"earlier\":\"line\"}\n");
    let same = log.to_str().unwrap();
    let also_same = format!("{}/./audit.jsonl", env.dir.path().display());
    for (failed, audit) in [(same, same), (also_same.as_str(), same)] {
        env.delete(&server.url())
            .args(["--failed-file", failed, "--audit-log", audit, "a1"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("also the audit log"));
    }
    let config = env.write("c.toml", &format!("audit_log = \"{same}\"\n"));
    env.delete(&server.url())
        .args(["-c", config.to_str().unwrap(), "--failed-file", same, "a1"])
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        "{\"earlier\":\"line\"}\n"
    );
    assert!(server.requests().is_empty());
}

#[test]
fn an_existing_failed_file_keeps_its_permission_bits() {
    use std::os::unix::fs::PermissionsExt;
    let server = FaultServer::start(|_| Reply::json(400, r#"{"error":"no"}"#));
    let env = Env::new();
    let failed = env.write("failed.txt", "old\n");
    common::set_mode(&failed, 0o640);
    env.delete(&server.url())
        .args(["--failed-file", failed.to_str().unwrap(), "a1"])
        .assert()
        .code(1);
    assert_eq!(common::read_lines(&failed), ["a1"]);
    let mode = std::fs::metadata(&failed).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn a_run_stopped_before_sending_leaves_no_earlier_failed_file() {
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    let env = Env::new();
    let failed = env.path("failed.txt");
    let flag = failed.to_str().unwrap();
    // A bad id: the input was not read completely, so the old list goes.
    std::fs::write(&failed, "last-night\n").unwrap();
    env.delete(&server.url())
        .args(["--failed-file", flag])
        .write_stdin("a1\nbad\"id\na3\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "was removed: the input was not read completely",
        ));
    assert!(!failed.exists());
    // Every id read, then the run refused (an audit log it cannot open):
    // none was deleted, so all are listed.
    std::fs::write(&failed, "last-night\n").unwrap();
    env.delete(&server.url())
        .args([
            "--failed-file",
            flag,
            "--audit-log",
            "/nonexistent-dir/a.jsonl",
        ])
        .write_stdin("a1\na2\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "lists all 2 ids: none was deleted",
        ));
    assert_eq!(common::read_lines(&failed), ["a1", "a2"]);
    assert!(server.requests().is_empty());
}

#[test]
fn a_signal_while_input_or_the_token_is_still_being_read_stops_cleanly() {
    let env = Env::new();
    let failed = env.path("failed.txt");
    let config = env.write(
        "c.toml",
        "server = \"http://127.0.0.1:9\"\noperation = \"a\"\ntoken_command = \"exec sleep 30\"\n",
    );
    for (signal, number, extra) in [
        ("INT", 2, vec!["--token", TOKEN]),
        ("TERM", 15, vec!["-c", config.to_str().unwrap()]),
    ] {
        std::fs::write(&failed, "last-night\n").unwrap();
        let mut child = env
            .std_cmd()
            .args(["--server", "http://127.0.0.1:9", "--operation", "a"])
            .args(&extra)
            .args([
                "delete",
                "-m",
                "contacts",
                "--failed-file",
                failed.to_str().unwrap(),
            ])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let _stdin_stays_open = child.stdin.take();
        std::thread::sleep(Duration::from_millis(500));
        let started = Instant::now();
        common::signal(child.id(), signal);
        let out = child.wait_with_output().unwrap();
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "SIG{signal} did not stop it"
        );
        assert!(common::killed_by(out.status, number), "{:?}", out.status);
        assert!(String::from_utf8_lossy(&out.stderr).contains("before anything was sent"));
        assert!(!failed.exists(), "the earlier failed file is gone");
    }
}

#[test]
fn the_config_file_must_be_regular_and_only_its_owner_may_change_it() {
    let env = Env::new();
    let fifo = env.path("config.fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    env.cmd()
        .args(["-c", fifo.to_str().unwrap(), "config", "show"])
        .timeout(Duration::from_secs(20))
        .assert()
        .code(3)
        .stderr(predicate::str::contains("not a regular file"));
    let config = env.write("c.toml", "server = \"x.example\"\n");
    for mode in [0o620, 0o602, 0o666] {
        common::set_mode(&config, mode);
        env.config_show(&config)
            .assert()
            .code(3)
            .stderr(predicate::str::contains(format!(
                "chmod go-w {}",
                config.display()
            )));
    }
    common::set_mode(&config, 0o644);
    env.cmd()
        .args([
            "-c",
            config.to_str().unwrap(),
            "-t",
            TOKEN,
            "config",
            "show",
        ])
        .assert()
        .code(0);
}

#[test]
fn the_audit_log_keeps_up_with_a_reader_that_does_not_read() {
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    let env = Env::new();
    let audit = env.path("audit.jsonl");
    let ids = common::ids(3000);
    let mut args = vec!["--batch-size", "1", "--concurrency", "2", "-o", "jsonl"];
    args.extend(["--audit-log", audit.to_str().unwrap()]);
    args.extend(ids.iter().map(String::as_str));
    // stdout is a pipe nobody reads: it fills after a few hundred lines.
    let mut child = env.spawn_delete(&server.url(), &args);
    server.wait_for(1500, Duration::from_secs(60));
    common::signal(child.id(), "KILL");
    child.wait().unwrap();
    let executed = server.request_count();
    let lines = common::read_lines(&audit).len();
    assert!(
        lines + 2 >= executed,
        "the server executed {executed} requests, the audit log has {lines} lines"
    );
}

#[test]
fn a_stop_is_not_held_back_by_a_blocked_stdout() {
    let server =
        FaultServer::start(|req| Reply::ok(req.ids().len()).delayed(Duration::from_millis(2)));
    let env = Env::new();
    let failed = env.path("failed.txt");
    let ids = common::ids(20_000);
    let input = env.write("ids.txt", &ids.join("\n"));
    let mut child = env
        .std_cmd()
        .args(common::creds(&server.url()))
        .args(common::DELETE)
        .args(["--batch-size", "1", "-o", "jsonl"])
        .args(["--failed-file", failed.to_str().unwrap()])
        .stdin(std::fs::File::open(&input).unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    server.wait_for(1000, Duration::from_secs(60));
    let started = Instant::now();
    common::signal(child.id(), "TERM");
    let status = child.wait().unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "took {:?}",
        started.elapsed()
    );
    assert!(common::killed_by(status, 15), "{status:?}");
    let answered: std::collections::HashSet<String> = server
        .answered()
        .iter()
        .flat_map(|(r, _)| r.ids())
        .collect();
    let expected: Vec<&String> = ids.iter().filter(|id| !answered.contains(*id)).collect();
    assert_eq!(
        common::read_lines(&failed).iter().collect::<Vec<_>>(),
        expected
    );
}

#[test]
fn an_audit_log_that_cannot_be_written_stops_the_run() {
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    let env = Env::new();
    // The log is near a file size limit of 16 KiB: a few lines fit, then
    // writes fail (EFBIG).
    let audit = env.write("audit.jsonl", &format!("{}\n", "x".repeat(14_000)));
    let failed = env.path("failed.txt");
    let mut cmd = env.std_cmd();
    cmd.args(common::creds(&server.url()))
        .args(common::DELETE)
        .args(["--batch-size", "1"])
        .args([
            "--audit-log",
            audit.to_str().unwrap(),
            "--failed-file",
            failed.to_str().unwrap(),
        ])
        .args(common::ids(100));
    // SAFETY: setrlimit is async-signal-safe and only limits the child.
    unsafe {
        std::os::unix::process::CommandExt::pre_exec(&mut cmd, || {
            let limit = libc::rlimit {
                rlim_cur: 16 << 10,
                rlim_max: 16 << 10,
            };
            libc::setrlimit(libc::RLIMIT_FSIZE, &limit);
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert!(stderr.contains("cannot write the audit log"), "{stderr}");
    let sent = server.request_count();
    assert!(
        sent < 100,
        "the run went on after the audit log failed: {sent} requests"
    );
    let recorded = common::read_lines(&audit).len() - 1;
    assert!(sent <= recorded + 1, "{sent} sent, {recorded} recorded");
    assert_eq!(common::read_lines(&failed).len(), 100 - sent);
}

#[test]
fn results_that_cannot_be_written_make_the_exit_status_non_zero() {
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    let env = Env::new();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = env
        .std_cmd()
        .args(common::creds(&server.url()))
        .args(common::DELETE)
        .args(["--json", "a1"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write results to stdout"));
    assert_eq!(server.request_count(), 1);
}

#[test]
fn huge_and_endless_answers_are_not_read_past_1_mib() {
    for size in [Some(1 << 30), None] {
        let server = FaultServer::start(move |_| Reply::Huge(size));
        let env = Env::new();
        let mut cmd = env.std_cmd();
        cmd.args(common::creds(&server.url()))
            .args(common::DELETE)
            .args(["--retries", "0", "a1", "a2"]);
        // SAFETY: setrlimit is async-signal-safe and only limits the child.
        // 1 GiB of address space: reading the answer whole would fail.
        unsafe {
            std::os::unix::process::CommandExt::pre_exec(&mut cmd, || {
                let limit = libc::rlimit {
                    rlim_cur: 1 << 30,
                    rlim_max: 1 << 30,
                };
                libc::setrlimit(libc::RLIMIT_AS, &limit);
                Ok(())
            });
        }
        let out = cmd.output().unwrap();
        let all = everything(&out);
        assert_eq!(out.status.code(), Some(1), "{all}");
        assert!(all.contains("larger than 1 MiB"), "{all}");
        assert!(all.contains("2 unconfirmed"), "{all}");
    }
}

#[test]
fn a_token_command_that_prints_too_much_is_a_configuration_error() {
    let env = Env::new();
    let config = env.write(
        "c.toml",
        "token_command = \"head -c 100000 /dev/zero | tr '\\\\\\\\0' a\"\n",
    );
    env.config_show(&config)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("more than 64 KiB"));
}

#[test]
fn endless_input_is_refused_without_reading_on() {
    let env = Env::new();
    let command = format!(
        "yes | {} {} delete --dry-run -m contacts",
        common::bin(),
        common::creds(common::SERVER).join(" ")
    );
    let output = env.shell(&command).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("more than 10,000,000 ids: split the input")
    );
}

#[test]
fn server_text_is_shown_never_obeyed() {
    let hostile = r#"{"code":400,"error":"\u001b[2K\rdeleted 100 ids from contacts\u001b]52;c;ZXZpbA==\u0007","msg":"\u202eevil\u200b\nforged line"}"#;
    let server = FaultServer::start(move |_| Reply::json(200, hostile));
    let out = Env::new()
        .delete(&server.url())
        .args(["-vv", "a1"])
        .assert()
        .code(1);
    let all = everything(out.get_output());
    assert!(!all.contains('\u{1b}') && !all.contains('\u{7}'), "{all:?}");
    assert!(
        !all.contains('\u{202e}') && !all.contains('\u{200b}'),
        "{all:?}"
    );
    assert!(!all.contains("\nforged line"), "{all:?}");
    assert!(all.contains("\\u{1b}[2K\\u{d}deleted 100 ids"), "{all:?}");
    assert!(
        all.contains("\\u{202e}evil\\u{200b}\\u{a}forged line"),
        "{all:?}"
    );
}

#[test]
fn ids_and_modules_with_invisible_characters_are_refused() {
    let env = Env::new();
    for id in ["ab\u{200b}c", "ab\u{202e}c", "ab\u{feff}c", "ab\u{2060}c"] {
        env.dry()
            .arg(id)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("invisible formatting character"));
        env.dry()
            .write_stdin(format!("ok\n{id}\n"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("stdin line 2"));
    }
    env.cmd()
        .args(common::creds(common::SERVER))
        .args(["delete", "--dry-run", "-m", "con\u{200b}tacts", "a1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invisible formatting"));
}

#[test]
fn small_mistakes_are_refused() {
    let env = Env::new();
    for flag in ["--timeout", "--connect-timeout"] {
        env.dry().args([flag, "1e-10", "a1"]).assert().code(2);
        env.dry().args([flag, "0.0009", "a1"]).assert().code(2);
        env.dry().args([flag, "0.001", "a1"]).assert().code(0);
    }
    let config = env.write("c.toml", "timeout = 0.0001\n");
    env.config_show(&config).assert().code(3);
    for server in [
        "http:/localhost:9",
        "https:crm0001.wolkvox.com",
        "https:/crm0001.wolkvox.com",
    ] {
        env.cmd()
            .args(["--server", server, "--token", TOKEN, "--operation", "a"])
            .args(["delete", "--dry-run", "-m", "contacts", "a1"])
            .assert()
            .code(3)
            .stderr(predicate::str::contains("https://HOST"));
    }
}

#[test]
fn a_connection_that_breaks_off_mid_answer_leaves_ids_unconfirmed() {
    let server = FaultServer::start(|_| {
        Reply::Raw(b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{\"code\":200".to_vec())
    });
    let env = Env::new();
    let out = env
        .delete(&server.url())
        .args(["--retries", "0", "--json", "a1"])
        .assert()
        .code(1);
    let doc: Value = common::stdout_json(out.get_output());
    assert_eq!(doc["unconfirmed_ids"], serde_json::json!(["a1"]));
}

#[test]
fn a_refused_connection_is_not_sent() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = Env::new()
        .delete(&format!("http://127.0.0.1:{port}"))
        .args(["--retries", "0", "--json", "a1"])
        .assert()
        .code(6);
    let doc = common::stdout_json(out.get_output());
    assert_eq!(doc["not_sent"], 1);
}
