//! A nightly run that finishes what it can and stops what it cannot:
//! refused ids are isolated by splitting, run-wide mistakes and dead
//! servers stop early, and Wolkvox's 403s are read for what they mean.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use predicates::prelude::*;

use crate::common::{self, Env, FaultServer, Reply};

const NOT_FOUND: &str = r#"{"code":404,"error":"record not found"}"#;

/// A server that refuses every request holding one of `bad` (also alone),
/// and deletes the rest.
fn refusing(bad: &[&str]) -> FaultServer {
    let bad: HashSet<String> = bad.iter().map(|s| s.to_string()).collect();
    FaultServer::start(move |req| {
        if req.ids().iter().any(|id| bad.contains(id)) {
            Reply::json(200, NOT_FOUND)
        } else {
            Reply::ok(req.ids().len())
        }
    })
}

#[test]
fn refused_ids_are_isolated_within_the_cost_bound_and_the_failed_file_converges() {
    let bad = ["id00137", "id00388", "id00777"];
    let server = refusing(&bad);
    let env = Env::new();
    let failed = env.path("failed.txt");
    let flag = failed.to_str().unwrap();
    let out = env
        .delete(&server.url())
        .args(["--batch-size", "500", "--failed-file", flag, "--json"])
        .write_stdin(common::ids(1000).join("\n"))
        .assert()
        .code(5);
    let doc = common::stdout_json(out.get_output());
    assert_eq!(doc["deleted"], 997);
    assert_eq!(doc["refused"], 3);
    assert_eq!(common::read_lines(&failed), bad);
    // Two refused ids in the first batch of 500, one in the second:
    // at most 2·k·⌈log2 500⌉ + 1 requests for each.
    let bound = (2 * 2 * 9 + 1) + (2 * 9 + 1);
    let sent = server.request_count();
    assert!(sent <= bound, "{sent} requests, bound {bound}");
    // Fed back, the failed file holds the same ids: it converges.
    for _ in 0..2 {
        env.delete(&server.url())
            .args(["--failed-file", flag, "-f", flag])
            .assert()
            .code(1);
        assert_eq!(common::read_lines(&failed), bad);
    }
}

#[test]
fn no_split_fails_the_whole_batch() {
    let server = refusing(&["b"]);
    let env = Env::new();
    let failed = env.path("failed.txt");
    env.delete(&server.url())
        .args([
            "--no-split",
            "--failed-file",
            failed.to_str().unwrap(),
            "a",
            "b",
            "c",
        ])
        .assert()
        .code(1);
    assert_eq!(server.request_count(), 1);
    assert_eq!(common::read_lines(&failed), ["a", "b", "c"]);
}

#[test]
fn a_request_that_may_have_acted_is_never_split() {
    let server =
        FaultServer::start(|_| Reply::json(200, r#"{"code":200,"msg":"3 records deleted"}"#));
    Env::new()
        .delete(&server.url())
        .args(common::ids(10))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("10 unconfirmed"));
    assert_eq!(server.request_count(), 1, "a short count is not split");
}

#[test]
fn a_wrong_module_stops_within_nine_requests() {
    let server = FaultServer::start(|req| {
        if req.json["module"] == "contacts" {
            Reply::ok(req.ids().len())
        } else {
            Reply::json(200, r#"{"code":400,"error":"module not found"}"#)
        }
    });
    let env = Env::new();
    let failed = env.path("failed.txt");
    env.cmd()
        .args(common::creds(&server.url()))
        .args([
            "delete",
            "--yes",
            "-m",
            "contact",
            "--failed-file",
            failed.to_str().unwrap(),
        ])
        .write_stdin(common::ids(10_000).join("\n"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "stopped: every request was refused the same way (module not found) and nothing was \
             deleted; check --module, --operation and --server",
        ));
    let sent = server.request_count();
    assert!(sent <= 9, "{sent} requests for a wrong module");
    assert_eq!(common::read_lines(&failed).len(), 10_000);
}

#[test]
fn a_web_page_where_the_api_should_be_stops_at_once() {
    for status in [404, 405] {
        let server = FaultServer::start(move |_| {
            Reply::json(status, "<html><body>Not Found</body></html>")
                .header("Content-Type", "text/html")
        });
        Env::new()
            .delete(&server.url())
            .args(["--batch-size", "100"])
            .args(common::ids(2000))
            .assert()
            .code(1)
            .stderr(predicate::str::contains(format!(
                "there is no API at this address (HTTP {status}"
            )));
        assert_eq!(server.request_count(), 1);
    }
}

#[test]
fn no_answer_to_the_first_request_stops_after_its_retries() {
    let server = FaultServer::start(|_| Reply::Drop);
    let out = Env::new()
        .delete(&server.url())
        .args(["--retries", "2", "--batch-size", "100", "--json"])
        .args(common::ids(1000))
        .assert()
        .code(6)
        .stderr(predicate::str::contains("no answer to the first request"));
    assert_eq!(server.request_count(), 3, "one request's attempts");
    let doc = common::stdout_json(out.get_output());
    assert_eq!(doc["unconfirmed"], 100);
    assert_eq!(doc["not_sent"], 900);
    // Nothing listening at all: the same, quickly.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let started = Instant::now();
    Env::new()
        .delete(&format!("http://127.0.0.1:{port}"))
        .args(["--batch-size", "10"])
        .args(common::ids(1000))
        .assert()
        .code(6)
        .stderr(predicate::str::contains("1000 ids not sent"));
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn an_untrusted_certificate_is_tried_once_and_stops_the_run() {
    let ca = common::tls::TestCa::new();
    let server = FaultServer::start_tls(ca.server.clone(), |req| Reply::ok(req.ids().len()));
    Env::new()
        .delete(&server.url())
        .args(["--retries", "3", "--batch-size", "10"])
        .args(common::ids(100))
        .assert()
        .code(6)
        .stderr(
            predicate::str::contains("certificate")
                .and(predicate::str::contains("SSL_CERT_FILE or SSL_CERT_DIR")),
        );
    assert_eq!(server.connections(), 1, "one handshake, no retries");
    assert_eq!(server.request_count(), 0);
}

#[test]
fn a_server_that_hangs_mid_run_stops_after_two_requests_in_a_row() {
    let server = FaultServer::start(|req| {
        let reply = Reply::ok(req.ids().len());
        if req.call < 5 {
            reply
        } else {
            reply.delayed(Duration::from_secs(5))
        }
    });
    let out = Env::new()
        .delete(&server.url())
        .env("WOLKVOX_API_TIME_LIMIT", "0.5")
        .args([
            "--timeout",
            "0.3",
            "--retries",
            "0",
            "--batch-size",
            "1",
            "--json",
        ])
        .args(common::ids(100))
        .assert()
        .code(5)
        .stderr(predicate::str::contains(
            "no answer to two requests in a row",
        ));
    assert_eq!(server.request_count(), 7);
    let doc = common::stdout_json(out.get_output());
    assert_eq!(doc["deleted"], 5);
    assert_eq!(doc["unconfirmed"], 2);
    assert_eq!(doc["not_sent"], 93);
}

#[test]
fn a_flaky_request_in_an_answered_run_does_not_stop_it() {
    // Every tenth batch loses its connection on every attempt; the others
    // are answered, so the run goes on to the end.
    let server = FaultServer::start(|req| {
        let first: usize = req.ids()[0].trim_start_matches("id").parse().unwrap();
        if (first / 10) % 10 == 3 {
            Reply::Drop
        } else {
            Reply::ok(req.ids().len())
        }
    });
    let out = Env::new()
        .delete(&server.url())
        .args(["--retries", "1", "--batch-size", "10", "--json"])
        .args(common::ids(1000))
        .assert()
        .code(5);
    let doc = common::stdout_json(out.get_output());
    assert_eq!(doc["deleted"], 900);
    assert_eq!(doc["unconfirmed"], 100);
    assert_eq!(doc["not_sent"], 0);
}

#[test]
fn the_simultaneous_request_limit_is_waited_out() {
    let server = FaultServer::start(|req| {
        if req.call < 2 {
            Reply::json(
                403,
                r#"{"code":403,"error":"EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)"}"#,
            )
        } else {
            Reply::ok(req.ids().len())
        }
    });
    let out = Env::new()
        .delete(&server.url())
        .args(["a1", "a2"])
        .assert()
        .code(0);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(
        stderr
            .matches("another program is using the same token")
            .count(),
        1,
        "said once: {stderr}"
    );
    assert_eq!(server.request_count(), 3);
}

#[test]
fn a_spent_daily_quota_stops_the_run() {
    let server = FaultServer::start(|req| {
        if req.call == 0 {
            Reply::ok(req.ids().len())
        } else {
            Reply::json(403, r#"{"code":"403","error":"TOKEN LIMIT EXCEEDED"}"#)
        }
    });
    Env::new()
        .delete(&server.url())
        .args(["--batch-size", "10"])
        .args(common::ids(50))
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "stopped: the token's daily request limit is spent (licences × 1,000 requests a day); \
             it resets within 24 hours; 30 ids not sent",
        ));
    assert_eq!(server.request_count(), 2);
}

#[test]
fn other_401_and_403_answers_still_stop_with_exit_4() {
    let server = FaultServer::start(|_| Reply::json(403, r#"{"error":"PLEASE VALIDATE TOKEN"}"#));
    Env::new()
        .delete(&server.url())
        .args(["--batch-size", "1", "a1", "a2"])
        .assert()
        .code(4)
        .stderr(
            predicate::str::contains("maintenance").and(predicate::str::contains("1 id not sent")),
        );
    assert_eq!(server.request_count(), 1);
}

#[test]
fn a_2xx_whose_body_code_is_503_is_retried() {
    let server = FaultServer::start(|req| {
        if req.call == 0 {
            Reply::json(200, r#"{"code":503,"error":"database unavailable"}"#)
        } else {
            Reply::ok(req.ids().len())
        }
    });
    Env::new()
        .delete(&server.url())
        .args(["a1"])
        .assert()
        .code(0);
    assert_eq!(server.request_count(), 2);
}

#[test]
fn a_request_given_up_on_keeps_its_place_until_the_api_time_limit() {
    for concurrency in ["1", "2"] {
        let server = FaultServer::start(|req| {
            let reply = Reply::ok(req.ids().len());
            if req.call < 2 {
                reply.delayed(Duration::from_secs(3))
            } else {
                reply
            }
        });
        Env::new()
            .delete(&server.url())
            .env("WOLKVOX_API_TIME_LIMIT", "3.5")
            .args([
                "--timeout",
                "1",
                "--concurrency",
                concurrency,
                "--batch-size",
                "1",
            ])
            .args(common::ids(4))
            .assert()
            .code(0);
        let expected: usize = concurrency.parse().unwrap();
        assert_eq!(
            server.max_in_flight(),
            expected,
            "--concurrency {concurrency}"
        );
    }
}

#[test]
fn splitting_never_exceeds_the_concurrency_limit() {
    let server = refusing(&["id00003"]);
    Env::new()
        .delete(&server.url())
        .args(["--concurrency", "2", "--batch-size", "8"])
        .args(common::ids(64))
        .assert()
        .code(5);
    assert!(server.max_in_flight() <= 2);
}
