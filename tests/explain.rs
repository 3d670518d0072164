//! A tool that explains itself: help with examples, the manual page, the
//! token's quota, quiet cron runs, colour only where it helps, and audit
//! records that answer a compliance question.

use predicates::prelude::*;
use serde_json::{Value, json};

use crate::common::{self, Env, FaultServer, Reply, TOKEN};

const QUOTA: &str = r#"{"code":"200","error":"null","msg":"ok","data":{"token_limit":4800,"token_use_today":4790,"available_consumition_options":10,"hours_to_restart_count":7}}"#;
const QUOTA_PATH: &str = "/server/API/v2/token/tokenInformation.php";

/// A server with the quota endpoint and the delete endpoint.
fn quota_server(quota: &'static str) -> FaultServer {
    FaultServer::start(move |req| {
        if req.head.starts_with("GET ") {
            Reply::json(200, quota)
        } else {
            Reply::ok(req.ids().len())
        }
    })
}

#[test]
fn the_committed_manual_page_is_current_and_complete() {
    let env = Env::new();
    let out = env.cmd().arg("man").assert().code(0);
    let page = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let path = format!("{}/doc/wolkvox.1", env!("CARGO_MANIFEST_DIR"));
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        page == committed,
        "{path} is stale: regenerate with `cargo run -- man > doc/wolkvox.1`"
    );
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH \"WOLKVOX DELETE\"",
        ".SH \"WOLKVOX DELETE OPTIONS\"",
        ".SH \"WOLKVOX QUOTA\"",
        ".SH \"WOLKVOX CONFIG SHOW\"",
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH EXAMPLES",
    ] {
        assert!(page.contains(section), "no {section}");
    }
    for var in [
        "WOLKVOX_SERVER",
        "WOLKVOX_TOKEN",
        "WOLKVOX_OPERATION",
        "WOLKVOX_CONFIG",
        "WOLKVOX_PROFILE",
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
        "NO_COLOR",
    ] {
        assert!(page.contains(var), "ENVIRONMENT lacks {var}");
    }
    assert!(page.contains("wolkvox/config.toml"));
    assert!(
        !page.contains("backoff") && !page.contains("api\\-time"),
        "test-only options leaked"
    );
}

#[test]
fn long_help_ends_with_examples_and_delete_help_lists_the_exit_codes() {
    let env = Env::new();
    for args in [
        &["--help"][..],
        &["delete", "--help"],
        &["quota", "--help"],
        &["config", "--help"],
        &["config", "init", "--help"],
        &["completions", "--help"],
        &["man", "--help"],
    ] {
        let out = env.cmd().args(args).assert().code(0);
        let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(text.contains("Examples:"), "{args:?}: {text}");
    }
    let out = env.cmd().args(["delete", "--help"]).assert().code(0);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    for needle in [
        "wolkvox delete -m contacts 6074a1b2c3",
        "| wolkvox delete -m contacts",
        "--column id < export.csv",
        "--dry-run",
        "--yes --max-delete 5000 --failed-file failed.txt",
        "--audit-log",
        "Exit codes:",
        "  7    stopped by a safety check",
    ] {
        assert!(text.contains(needle), "delete --help lacks {needle:?}");
    }
    let out = env.cmd().args(["delete", "-h"]).assert().code(0);
    assert!(!String::from_utf8_lossy(&out.get_output().stdout).contains("Examples:"));
}

#[test]
fn config_profiles_lists_the_names_completions_offer() {
    let env = Env::new();
    let config = env.write("c.toml", "[profiles.prod]\n[profiles.staging]\n");
    env.cmd()
        .args(["-c", config.to_str().unwrap(), "config", "profiles"])
        .assert()
        .code(0)
        .stdout("prod\nstaging\n");
    env.cmd()
        .args(["config", "profiles"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn quota_prints_limit_use_remaining_and_restart() {
    let server = quota_server(QUOTA);
    let env = Env::new();
    env.cmd()
        .args(common::creds(&server.url()))
        .arg("quota")
        .assert()
        .code(0)
        .stdout(
            "limit            4800 requests a day\n\
             used today       4790\n\
             remaining        10\n\
             count restarts   in 7 hours\n",
        );
    let request = &server.requests()[0];
    assert!(
        request
            .head
            .starts_with(&format!("GET {QUOTA_PATH}?operation=acme HTTP/1.1\r\n")),
        "{}",
        request.head
    );
    assert!(
        request
            .head
            .contains(&format!("\r\nWolkvox-Token: {TOKEN}\r\n"))
    );
    let out = env
        .cmd()
        .args(common::creds(&server.url()))
        .args(["quota", "--json"])
        .assert()
        .code(0);
    let doc = common::stdout_json(out.get_output());
    assert_eq!(doc["token_limit"], 4800);
    assert_eq!(doc["remaining"], 10);
    let out = env
        .cmd()
        .args(common::creds(&server.url()))
        .args(["quota", "-o", "jsonl"])
        .assert()
        .code(0);
    assert_eq!(
        common::stdout_jsonl(out.get_output())[0]["hours_to_restart_count"],
        7
    );
}

#[test]
fn quota_exit_codes_are_those_of_delete() {
    let env = Env::new();
    let refused =
        FaultServer::start(|_| Reply::json(401, r#"{"error":"PLEASE ENTER THE WOLKVOX-TOKEN"}"#));
    env.cmd()
        .args(common::creds(&refused.url()))
        .arg("quota")
        .assert()
        .code(4);
    let garbage = FaultServer::start(|_| Reply::json(200, r#"{"code":200,"data":{}}"#));
    env.cmd()
        .args(common::creds(&garbage.url()))
        .arg("quota")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read the token's quota"));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    env.cmd()
        .args(common::creds(&format!("http://127.0.0.1:{port}")))
        .arg("quota")
        .assert()
        .code(6);
    env.cmd()
        .args(["--server", common::SERVER, "quota"])
        .assert()
        .code(3);
}

#[test]
fn check_quota_refuses_a_run_that_needs_more_than_remains() {
    let server = quota_server(QUOTA);
    let env = Env::new();
    let failed = env.path("failed.txt");
    env.delete(&server.url())
        .args(["--check-quota", "--batch-size", "1", "--failed-file", failed.to_str().unwrap()])
        .args(common::ids(11))
        .assert()
        .code(7)
        .stderr(predicate::str::contains(
            "this run needs 11 requests but the token has 10 left today (limit 4800); the count restarts in 7 hours; nothing was sent",
        ));
    assert_eq!(server.request_count(), 1, "only the quota was asked");
    assert_eq!(common::read_lines(&failed).len(), 11);
    env.delete(&server.url())
        .args(["--check-quota", "--batch-size", "1"])
        .args(common::ids(10))
        .assert()
        .code(0);
    // An answer that cannot be read is a warning, not a stop.
    let unreadable = quota_server("<html>busy</html>");
    env.delete(&unreadable.url())
        .args(["--check-quota", "a1"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "warning: cannot read the token's quota",
        ));
}

#[test]
fn colour_only_on_a_terminal_and_never_when_asked_not_to() {
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    let env = Env::new();
    let esc = |out: &std::process::Output| String::from_utf8_lossy(&out.stdout).contains('\u{1b}');
    let piped = env.delete(&server.url()).arg("a1").output().unwrap();
    assert!(!esc(&piped), "no colour into a pipe");
    let forced = env
        .delete(&server.url())
        .args(["--color", "always", "a1"])
        .output()
        .unwrap();
    assert!(esc(&forced), "--color always colours even a pipe");
    let command = |extra: &str| {
        format!(
            "{extra} {} {} delete --yes -m contacts a1",
            common::bin(),
            common::creds(&server.url()).join(" ")
        )
    };
    for (prefix, coloured) in [("", true), ("NO_COLOR=1", false), ("env", false)] {
        let cmd = if prefix == "env" {
            command("").replace(" delete ", " --color never delete ")
        } else {
            command(prefix)
        };
        let mut script = std::process::Command::new("script");
        script
            .args(["-qec", &cmd, "/dev/null"])
            .current_dir(env.dir.path());
        for (k, v) in env.cmd_with_terminal().get_envs() {
            match v {
                Some(v) => script.env(k, v),
                None => script.env_remove(k),
            };
        }
        let out = script.output().unwrap();
        let shown = String::from_utf8_lossy(&out.stdout);
        assert!(shown.contains("1 id (a1) from contacts"), "{shown}");
        assert_eq!(shown.contains("\u{1b}[32m"), coloured, "{cmd}: {shown:?}");
    }
}

#[test]
fn audit_lines_answer_who_deleted_what_when_from_where() {
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    let env = Env::new();
    let config = env.profile("night", &server.url());
    let audit = env.path("audit.jsonl");
    let out = env
        .cmd()
        .args([
            "-c",
            config.to_str().unwrap(),
            "-p",
            "night",
            "-v",
            "--json",
        ])
        .args(["delete", "--yes", "-m", "contacts", "--batch-size", "2"])
        .args([
            "--audit-log",
            audit.to_str().unwrap(),
            "6074a",
            "6074b",
            "6074c",
        ])
        .assert()
        .code(0);
    let doc = common::stdout_json(out.get_output());
    let run_id = doc["run_id"].as_str().unwrap().to_string();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains(&format!("run id: {run_id}")), "{stderr}");
    let lines: Vec<Value> = common::read_lines(&audit)
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    for line in &lines {
        assert_eq!(line["run_id"], run_id);
        assert_eq!(line["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(line["profile"], "night");
        assert!(!line["user"].as_str().unwrap().is_empty());
        assert!(!line["host"].as_str().unwrap().is_empty());
        assert!(line["started"].as_str().unwrap().ends_with('Z'));
        assert!(line["elapsed_ms"].is_u64());
        assert_eq!(line["outcome"], "deleted");
    }
    // The README's question, answered with its jq line.
    let jq = std::process::Command::new("jq")
        .args([
            "-c",
            "select(.outcome == \"deleted\" and (.ids | index(\"6074c\"))) | {time, user, host, run_id}",
        ])
        .arg(&audit)
        .output();
    if let Ok(jq) = jq {
        let answer: Value = serde_json::from_slice(&jq.stdout).unwrap();
        assert_eq!(answer["run_id"], json!(run_id));
    }
}

#[test]
fn an_audit_log_in_a_missing_directory_from_the_config_file_is_a_configuration_error() {
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    let env = Env::new();
    let config = env.write("c.toml", "audit_log = \"/nonexistent-dir/audit.jsonl\"\n");
    env.delete(&server.url())
        .args(["-c", config.to_str().unwrap(), "a1"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "cannot open the audit log /nonexistent-dir/audit.jsonl (file)",
        ));
    assert_eq!(server.request_count(), 0);
}

#[test]
fn an_unknown_key_lists_every_key_the_file_may_hold() {
    let env = Env::new();
    let config = env.write("c.toml", "sever = \"x\"\n");
    env.config_show(&config).assert().code(3).stderr(
        predicate::str::contains("unknown key `sever`").and(predicate::str::contains(
            "max_delete, default_profile, profiles",
        )),
    );
}

#[test]
fn no_ids_not_sent_is_not_said() {
    let server = FaultServer::start(|_| Reply::json(401, r#"{"error":"bad token"}"#));
    let out = Env::new().delete(&server.url()).arg("a1").assert().code(4);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(!stderr.contains("0 ids not sent"), "{stderr}");
}

#[test]
fn a_sigterm_says_how_to_stop_at_once_with_the_same_signal() {
    let server = FaultServer::start(|req| {
        Reply::ok(req.ids().len()).delayed(std::time::Duration::from_millis(300))
    });
    let env = Env::new();
    let ids = common::ids(20);
    let mut args = vec!["--batch-size", "1"];
    args.extend(ids.iter().map(String::as_str));
    let child = env.spawn_delete(&server.url(), &args);
    server.wait_for(1, std::time::Duration::from_secs(20));
    common::signal(child.id(), "TERM");
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("interrupted by SIGTERM") && stderr.contains("send SIGTERM again"),
        "{stderr}"
    );
    assert!(!stderr.contains("Ctrl-C again"), "{stderr}");
}
