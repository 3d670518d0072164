//! Bulk runs against a server that fails on purpose: retries, Retry-After,
//! dropped connections, timeouts, the concurrency limit, interruption, and
//! the accounting of every id through all of it.

use crate::common;
use std::collections::{BTreeSet, HashSet};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::common::{Env, FaultServer, Reply};
use predicates::prelude::*;
use serde_json::Value;

/// A server whose first answer is `first`, and then success.
fn fails_once(first: Reply) -> FaultServer {
    FaultServer::start(move |req| {
        if req.call == 0 {
            first.clone()
        } else {
            Reply::ok(req.ids().len())
        }
    })
}

#[test]
fn each_retried_status_is_retried() {
    for status in [429, 500, 502, 503, 504] {
        let server = fails_once(Reply::json(status, r#"{"error":"busy"}"#));
        Env::new()
            .delete(&server.url())
            .args(["a1", "a2"])
            .assert()
            .code(0);
        let requests = server.requests();
        assert_eq!(requests.len(), 2, "HTTP {status} is retried once");
        assert_eq!(
            requests[0].body, requests[1].body,
            "the retry carries the same body"
        );
    }
}

#[test]
fn other_answers_are_not_retried() {
    for status in [301, 400, 404, 409, 501] {
        let server = FaultServer::start(move |_| {
            Reply::json(status, "{}").header("Location", "https://x.invalid/")
        });
        Env::new().delete(&server.url()).arg("a1").assert().code(1);
        assert_eq!(server.requests().len(), 1, "HTTP {status} is not retried");
    }
}

#[test]
fn retries_stop_after_the_limit_and_the_ids_are_not_deleted() {
    let server = FaultServer::start(|_| Reply::json(503, ""));
    let env = Env::new();
    let failed = env.path("failed.txt");
    env.delete(&server.url())
        .args([
            "--retries",
            "2",
            "--failed-file",
            failed.to_str().unwrap(),
            "a1",
            "a2",
        ])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("HTTP 503").and(predicate::str::contains("after 3 attempts")),
        );
    assert_eq!(server.requests().len(), 3);
    assert_eq!(common::read_lines(&failed), ["a1", "a2"]);
}

#[test]
fn retries_zero_turns_retrying_off() {
    let server = FaultServer::start(|_| Reply::json(500, ""));
    Env::new()
        .delete(&server.url())
        .args(["--retries", "0", "a1"])
        .assert()
        .code(1);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn retries_come_from_the_config_file() {
    let server = FaultServer::start(|_| Reply::json(502, ""));
    let env = Env::new();
    let config = env.write("c.toml", "retries = 1\n");
    env.delete(&server.url())
        .args(["-c", config.to_str().unwrap(), "a1"])
        .assert()
        .code(1);
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn retry_after_is_honoured() {
    let server = fails_once(Reply::json(429, "").header("Retry-After", "1"));
    Env::new()
        .delete(&server.url())
        .args(["-v", "a1"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "waiting 1.0 s as the server's Retry-After asks before attempt 2 of 4",
        ));
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let gap = requests[1].at - requests[0].at;
    assert!(gap >= Duration::from_millis(950), "waited only {gap:?}");
}

#[test]
fn retry_after_as_an_http_date_is_honoured() {
    let when = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(2));
    let server = fails_once(Reply::json(503, "").header("Retry-After", &when));
    Env::new().delete(&server.url()).arg("a1").assert().code(0);
    let requests = server.requests();
    let gap = requests[1].at - requests[0].at;
    // The date has one-second resolution: at least one second remains.
    assert!(gap >= Duration::from_millis(900), "waited only {gap:?}");
}

#[test]
fn a_connection_dropped_before_the_answer_is_retried() {
    let server = fails_once(Reply::Drop);
    Env::new()
        .delete(&server.url())
        .args(["a1", "a2"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("deleted 2 ids"));
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_connection_always_dropped_is_unreachable() {
    let server = FaultServer::start(|_| Reply::Drop);
    Env::new()
        .delete(&server.url())
        .args(["--retries", "1", "a1"])
        .assert()
        .code(6)
        .stderr(predicate::str::contains("before a full answer arrived"));
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn deleted_then_dropped_is_never_claimed_as_deleted() {
    // The server deletes, then loses the answer; the retry finds nothing to
    // delete. The tool must not say the ids were deleted: it never saw a
    // confirmation.
    let gone: Mutex<HashSet<String>> = Mutex::new(HashSet::new());
    let server = FaultServer::start(move |req| {
        let mut gone = gone.lock().unwrap();
        if req.ids().iter().any(|id| gone.contains(id)) {
            return Reply::json(200, r#"{"code":404,"error":"records not found"}"#);
        }
        gone.extend(req.ids());
        Reply::Drop
    });
    let env = Env::new();
    let failed = env.path("failed.txt");
    env.delete(&server.url())
        .args(["--failed-file", failed.to_str().unwrap(), "a1", "a2"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("records not found"));
    assert_eq!(server.requests().len(), 2);
    assert_eq!(common::read_lines(&failed), ["a1", "a2"]);
}

#[test]
fn a_timeout_is_retried() {
    let server = FaultServer::start(|req| {
        let reply = Reply::ok(req.ids().len());
        if req.call == 0 {
            reply.delayed(Duration::from_secs(3))
        } else {
            reply
        }
    });
    Env::new()
        .delete(&server.url())
        // The abandoned attempt keeps its place only briefly here.
        .env("WOLKVOX_API_TIME_LIMIT", "0.5")
        .args(["--timeout", "0.5", "a1"])
        .assert()
        .code(0);
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn concurrency_never_exceeds_the_limit() {
    for (concurrency, expected) in [("1", 1), ("2", 2)] {
        let server =
            FaultServer::start(|req| Reply::ok(req.ids().len()).delayed(Duration::from_millis(40)));
        let out = Env::new()
            .delete(&server.url())
            .args([
                "--concurrency",
                concurrency,
                "--batch-size",
                "5",
                "-o",
                "jsonl",
            ])
            .args(common::ids(100))
            .assert()
            .code(0);
        assert_eq!(server.requests().len(), 20);
        assert_eq!(
            server.max_in_flight(),
            expected,
            "concurrency {concurrency}"
        );
        // Lines are whole JSON documents: never interleaved.
        let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert_eq!(
            text.lines()
                .filter(|l| serde_json::from_str::<Value>(l).is_ok())
                .count(),
            21
        );
    }
}

#[test]
fn concurrency_from_config_above_2_is_refused() {
    let env = Env::new();
    let config = env.write("c.toml", "concurrency = 4\n");
    env.delete("http://127.0.0.1:9")
        .args(["-c", config.to_str().unwrap(), "a1"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("simultaneous requests per token"));
}

/// The kind of fault a batch meets, chosen by its first id so that the test
/// knows the answer whatever order two workers send batches in.
fn fault_for(first: &str) -> u32 {
    let n: u32 = first.trim_start_matches("id").parse().unwrap();
    (n / 10) % 10
}

#[test]
fn a_mixed_fault_run_over_1000_ids_accounts_for_every_id() {
    let seen = Mutex::new(HashSet::<String>::new());
    let server = FaultServer::start(move |req| {
        let ids = req.ids();
        let first_time = seen.lock().unwrap().insert(ids[0].clone());
        match fault_for(&ids[0]) {
            0 => Reply::json(503, "down for backup"), // fails every attempt
            1 => Reply::json(200, r#"{"code":"500","error":"internal","msg":"no"}"#), // body error
            2 if first_time => Reply::Drop,           // dropped once
            3 if first_time => Reply::json(429, "").header("Retry-After", "0"), // throttled once
            4 if first_time => Reply::json(502, "<html>bad gateway</html>"), // proxy page once
            5 => Reply::json(404, r#"{"code":404,"error":"not found"}"#), // refused
            _ => Reply::ok(ids.len()),
        }
    });
    let env = Env::new();
    let failed = env.path("failed.txt");
    let audit = env.path("audit.jsonl");
    let input = common::ids(1000);
    let out = env
        .delete(&server.url())
        .args([
            "--batch-size",
            "10",
            "--concurrency",
            "2",
            "--retries",
            "2",
            "--json",
            // One line per batch: refused batches are not split here
            // (splitting has tests of its own).
            "--no-split",
        ])
        .args([
            "--failed-file",
            failed.to_str().unwrap(),
            "--audit-log",
            audit.to_str().unwrap(),
        ])
        .write_stdin(input.join("\n"))
        .assert()
        .code(5);
    let doc = common::stdout_json(out.get_output());

    let expected_failed: Vec<String> = input
        .iter()
        .filter(|id| matches!(fault_for(id), 0 | 1 | 5))
        .cloned()
        .collect();
    let failed_file = common::read_lines(&failed);
    assert_eq!(
        failed_file, expected_failed,
        "failed file: exactly the not-deleted ids, in input order"
    );

    let deleted: BTreeSet<String> = doc["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ok"] == true)
        .flat_map(|r| {
            r["ids"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
        })
        .collect();
    let not_deleted: BTreeSet<String> = failed_file.iter().cloned().collect();
    assert!(deleted.is_disjoint(&not_deleted));
    let all: BTreeSet<String> = deleted.union(&not_deleted).cloned().collect();
    assert_eq!(
        all,
        input.iter().cloned().collect::<BTreeSet<_>>(),
        "deleted ∪ not deleted = input"
    );
    assert_eq!(doc["requested"], 1000);
    assert_eq!(doc["deleted"], deleted.len());
    assert_eq!(doc["failed"], 300);
    assert_eq!(doc["failed_ids"].as_array().unwrap().len(), 300);

    // What the tool calls deleted is exactly what the server confirmed.
    let confirmed: BTreeSet<String> = server
        .answered()
        .iter()
        .filter(|(req, status)| *status == 200 && !matches!(fault_for(&req.ids()[0]), 1))
        .flat_map(|(req, _)| req.ids())
        .collect();
    assert_eq!(deleted, confirmed);

    // One audit line per request, outcomes agreeing with the accounting.
    let lines: Vec<Value> = common::read_lines(&audit)
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 100);
    let audited: BTreeSet<String> = lines
        .iter()
        .filter(|l| l["outcome"] == "deleted")
        .flat_map(|l| {
            l["ids"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(audited, deleted);
    let attempts_for = |fault: u32| {
        lines
            .iter()
            .find(|l| fault_for(l["ids"][0].as_str().unwrap()) == fault)
            .unwrap()["attempts"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(attempts_for(0), 3);
    assert_eq!(attempts_for(2), 2);
    assert_eq!(attempts_for(5), 1);
}

#[test]
fn all_deleted_leaves_an_empty_failed_file_and_all_failed_exits_1() {
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    let env = Env::new();
    let failed = env.write("failed.txt", "stale\n");
    env.delete(&server.url())
        .args([
            "--batch-size",
            "7",
            "--failed-file",
            failed.to_str().unwrap(),
        ])
        .write_stdin(common::ids(1000).join("\n"))
        .assert()
        .code(0);
    assert_eq!(std::fs::read_to_string(&failed).unwrap(), "");

    let server = FaultServer::start(|_| Reply::json(400, r#"{"error":"no"}"#));
    env.delete(&server.url())
        .args([
            "--batch-size",
            "7",
            "--failed-file",
            failed.to_str().unwrap(),
        ])
        .write_stdin(common::ids(1000).join("\n"))
        .assert()
        .code(1);
    assert_eq!(common::read_lines(&failed), common::ids(1000));
    let leftovers: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
}

#[test]
fn an_unwritable_failed_file_or_audit_log_stops_the_run_before_it_starts() {
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    let env = Env::new();
    env.delete(&server.url())
        .args(["--failed-file", "/nonexistent-dir/failed.txt", "a1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("failed-ids file"));
    env.delete(&server.url())
        .args(["--audit-log", "/nonexistent-dir/audit.jsonl", "a1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("audit log"));
    assert!(server.requests().is_empty());
}

#[test]
fn the_audit_log_has_one_complete_line_per_request() {
    let server = FaultServer::start(|req| {
        if req.call == 1 {
            Reply::json(200, r#"{"code":"400","error":"bad id","msg":"0 deleted"}"#)
        } else {
            Reply::ok(req.ids().len())
        }
    });
    let env = Env::new();
    let audit = env.write("audit.jsonl", "{\"earlier\":\"run\"}\n");
    env.delete(&server.url())
        .args([
            "--batch-size",
            "2",
            "--audit-log",
            audit.to_str().unwrap(),
            "a",
            "b",
            "c",
        ])
        .assert()
        .code(5);
    let lines: Vec<Value> = common::read_lines(&audit)
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "appended after the earlier line");
    assert_eq!(lines[0]["earlier"], "run");
    let (ok, refused) = (&lines[1], &lines[2]);
    assert_eq!(ok["outcome"], "deleted");
    assert_eq!(ok["ids"], serde_json::json!(["a", "b"]));
    assert_eq!(
        ok["server"],
        format!("{}{}", server.url(), common::API_PATH)
    );
    assert_eq!(ok["operation"], "acme");
    assert_eq!(ok["module"], "contacts");
    assert_eq!(ok["http_status"], 200);
    assert_eq!(ok["code"], 200);
    assert_eq!(ok["msg"], "2 records deleted");
    assert_eq!(ok["error"], Value::Null);
    assert_eq!(ok["attempts"], 1);
    let time = ok["time"].as_str().unwrap();
    assert!(
        time.len() >= 20 && time.ends_with('Z') && time.as_bytes()[10] == b'T',
        "RFC 3339 UTC: {time}"
    );
    assert_eq!(refused["outcome"], "refused");
    assert_eq!(refused["code"], "400");
    assert_eq!(refused["error"], "bad id");
    assert_eq!(refused["msg"], "0 deleted");
}

#[test]
fn the_audit_log_from_config() {
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    let env = Env::new();
    let audit = env.path("from-config.jsonl");
    let config = env.write("c.toml", &format!("audit_log = \"{}\"\n", audit.display()));
    env.delete(&server.url())
        .args(["-c", config.to_str().unwrap(), "a"])
        .assert()
        .code(0);
    assert_eq!(common::read_lines(&audit).len(), 1);
}

#[test]
fn sigint_finishes_the_request_in_flight_and_reports_the_rest() {
    for (sig, number) in [("INT", 2), ("TERM", 15)] {
        let server = FaultServer::start(|req| {
            Reply::ok(req.ids().len()).delayed(Duration::from_millis(300))
        });
        let env = Env::new();
        let failed = env.path("failed.txt");
        let input = common::ids(40);
        let mut args = vec![
            "--batch-size",
            "2",
            "-o",
            "jsonl",
            "--failed-file",
            failed.to_str().unwrap(),
        ];
        args.extend(input.iter().map(String::as_str));
        let child = env.spawn_delete(&server.url(), &args);
        server.wait_for(3, Duration::from_secs(20));
        common::signal(child.id(), sig);
        let out = child.wait_with_output().unwrap();
        assert!(
            common::killed_by(out.status, number),
            "SIG{sig} is re-raised: {:?} {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );

        // The request in flight was allowed to finish: every request the
        // server saw was answered, and counted deleted.
        let answered: Vec<String> = server
            .answered()
            .iter()
            .flat_map(|(r, _)| r.ids())
            .collect();
        assert_eq!(server.requests().len(), server.answered().len());
        assert!(answered.len() >= 6 && answered.len() < 40);
        let expected: Vec<String> = input
            .iter()
            .filter(|id| !answered.contains(id))
            .cloned()
            .collect();
        assert_eq!(common::read_lines(&failed), expected);
        let stdout = String::from_utf8(out.stdout).unwrap();
        let summary: Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
        assert_eq!(summary["summary"]["deleted"], answered.len());
        assert_eq!(summary["summary"]["failed"], 40 - answered.len());
    }
}

#[test]
fn a_second_sigint_stops_at_once_counting_in_flight_ids_as_unconfirmed() {
    let server =
        FaultServer::start(|req| Reply::ok(req.ids().len()).delayed(Duration::from_secs(30)));
    let env = Env::new();
    let failed = env.path("failed.txt");
    let audit = env.path("audit.jsonl");
    let ids = common::ids(6);
    let (failed_arg, audit_arg) = (failed.to_str().unwrap(), audit.to_str().unwrap());
    let mut args = vec![
        "--batch-size",
        "2",
        "--failed-file",
        failed_arg,
        "--audit-log",
        audit_arg,
    ];
    args.extend(ids.iter().map(String::as_str));
    let child = env.spawn_delete(&server.url(), &args);
    server.wait_for(1, Duration::from_secs(20));
    let started = Instant::now();
    common::signal(child.id(), "INT");
    std::thread::sleep(Duration::from_millis(200));
    common::signal(child.id(), "INT");
    let out = child.wait_with_output().unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "did not stop at once"
    );
    assert!(common::killed_by(out.status, 2), "{:?}", out.status);
    assert_eq!(common::read_lines(&failed), common::ids(6));
    let lines = common::read_lines(&audit);
    assert_eq!(lines.len(), 1);
    let line: Value = serde_json::from_str(&lines[0]).unwrap();
    assert_eq!(line["outcome"], "unconfirmed");
    assert_eq!(line["ids"], serde_json::json!(["id00000", "id00001"]));
    assert!(line["error"].as_str().unwrap().contains("may have acted"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("6 ids not deleted"));
}

#[test]
fn an_answer_then_silence_is_not_unreachable() {
    let server = FaultServer::start(|req| {
        if req.call == 0 {
            Reply::json(503, "")
        } else {
            Reply::Drop
        }
    });
    Env::new()
        .delete(&server.url())
        .args(["--retries", "1", "a1"])
        .assert()
        .code(1);
}
