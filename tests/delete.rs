//! Real delete runs against a local mock of the Wolkvox API: what goes over
//! the wire, how answers are judged, the outputs and the exit codes.

use crate::common;
use std::time::Duration;

use crate::common::{API_PATH, Env, FaultServer, Reply, TOKEN, ok_body};
use httpmock::prelude::*;
use predicates::prelude::*;
use serde_json::json;

/// Answers every delete request on `server` with `status` and `body`.
fn answer<'a>(server: &'a MockServer, status: u16, body: &str) -> httpmock::Mock<'a> {
    server.mock(|when, then| {
        when.method(POST).path(API_PATH);
        then.status(status)
            .header("content-type", "application/json")
            .body(body);
    })
}

#[test]
fn one_id_request_matches_the_api() {
    let server = MockServer::start();
    let mock = server.mock(|when, then| {
        when.method(POST)
            .path(API_PATH)
            .header("wolkvox-token", TOKEN)
            .header("content-type", "application/json")
            .header("user-agent", format!("wolkvox/{}", env!("CARGO_PKG_VERSION")))
            .json_body(json!({"operation": "acme", "module": "contacts", "multiple": false, "wolkvox-id": "6074abc"}));
        then.status(200).body(ok_body(1));
    });
    let env = Env::new();
    env.delete(&server.base_url())
        .arg("6074abc")
        .assert()
        .code(0)
        .stdout("deleted 1 id (6074abc) from contacts: 1 records deleted\n");
    mock.assert_calls(1);
}

#[test]
fn many_ids_go_in_batches_of_arrays_in_input_order() {
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    let env = Env::new();
    let ids = common::ids(250);
    env.delete(&server.url())
        .args(["--batch-size", "100"])
        .write_stdin(ids.join("\n"))
        .assert()
        .code(0)
        .stdout(format!(
            "deleted 100 ids from contacts: 100 records deleted\n\
             deleted 100 ids from contacts: 100 records deleted\n\
             deleted 50 ids from contacts: 50 records deleted\n\
             250 of 250 ids deleted from contacts in operation acme at 127.0.0.1:{} (3 requests)\n",
            server.port
        ));
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for r in &requests {
        assert_eq!(r.json["multiple"], true);
        assert_eq!(r.json["operation"], "acme");
        assert_eq!(r.json["module"], "contacts");
    }
    let sent: Vec<String> = requests.iter().flat_map(|r| r.ids()).collect();
    assert_eq!(sent, ids);
}

#[test]
fn default_batch_is_100_and_repeats_are_sent_once() {
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    let env = Env::new();
    let mut input = common::ids(101);
    input.extend(common::ids(10));
    env.delete(&server.url())
        .write_stdin(input.join("\n"))
        .assert()
        .code(0)
        .stderr(predicate::str::contains("10 repeated ids dropped"));
    let sizes: Vec<usize> = server.requests().iter().map(|r| r.ids().len()).collect();
    assert_eq!(sizes, [100, 1]);
}

#[test]
fn header_names_go_over_the_wire_in_title_case() {
    let server = FaultServer::start(|_| Reply::ok(1));
    let env = Env::new();
    env.delete(&server.url()).arg("a1").assert().code(0);
    let head = &server.requests()[0].head;
    assert!(
        head.starts_with(&format!("POST {API_PATH} HTTP/1.1\r\n")),
        "{head}"
    );
    assert!(
        head.contains(&format!("\r\nWolkvox-Token: {TOKEN}\r\n")),
        "{head}"
    );
    assert!(
        head.contains("\r\nContent-Type: application/json\r\n"),
        "{head}"
    );
    assert!(
        head.contains(&format!(
            "\r\nUser-Agent: wolkvox/{}\r\n",
            env!("CARGO_PKG_VERSION")
        )),
        "{head}"
    );
    assert!(!head.to_ascii_lowercase().contains("referer"), "{head}");
}

#[test]
fn one_connection_serves_the_whole_run() {
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    let env = Env::new();
    env.delete(&server.url())
        .args(["--batch-size", "1"])
        .args(common::ids(20))
        .assert()
        .code(0);
    assert_eq!(server.requests().len(), 20);
    assert_eq!(
        server.connections(),
        1,
        "keep-alive: one TCP connection for all requests"
    );
}

#[test]
fn redirects_are_not_followed_and_the_token_stays_home() {
    let elsewhere = MockServer::start();
    let trap = elsewhere.mock(|when, then| {
        when.any_request();
        then.status(200).body(ok_body(1));
    });
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(POST).path(API_PATH);
        then.status(302).header("Location", elsewhere.url(API_PATH));
    });
    let env = Env::new();
    env.delete(&server.base_url())
        .arg("a1")
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("302").and(predicate::str::contains(elsewhere.url(API_PATH))),
        );
    trap.assert_calls(0);
}

#[test]
fn a_body_error_with_status_200_is_a_refusal() {
    let server = MockServer::start();
    let mock = answer(
        &server,
        200,
        r#"{"code":"400","error":"Invalid module","msg":"nothing deleted"}"#,
    );
    let env = Env::new();
    env.delete(&server.base_url())
        .args(["a1", "a2"])
        .assert()
        .code(1)
        .stdout(format!(
            "0 of 2 ids deleted from contacts in operation acme at {} (3 requests); 2 refused; \
             2 not deleted (add --failed-file FILE to save them for another run)\n",
            server.address()
        ))
        .stderr(
            predicate::str::contains("a1 was not deleted from contacts: the server refused it (code: 400, error: Invalid module, msg: nothing deleted)")
                .and(predicate::str::contains("a2 was not deleted from contacts"))
                .and(predicate::str::contains("stopped: every request was refused the same way (Invalid module)")),
        );
    // Not retried; split once, then every request was refused alike.
    mock.assert_calls(3);
}

#[test]
fn an_error_field_alone_is_a_refusal() {
    let server = MockServer::start();
    answer(&server, 200, r#"{"code":200,"error":"record locked"}"#);
    Env::new()
        .delete(&server.base_url())
        .arg("a1")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("record locked"));
}

#[test]
fn an_html_page_is_a_failure_showing_status_and_start_of_body() {
    let page = format!("<html><body>Maintenance {}</body></html>", "x".repeat(400));
    let server =
        FaultServer::start(move |_| Reply::json(200, &page).header("Content-Type", "text/html"));
    let out = Env::new().delete(&server.url()).arg("a1").assert().code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("HTTP 200")
            && stderr.contains("not a JSON object")
            && stderr.contains("<html><body>Maintenance"),
        "{stderr}"
    );
    assert!(
        !stderr.contains(&"x".repeat(250)),
        "more than 200 characters shown: {stderr}"
    );
}

#[test]
fn a_4xx_is_refused_without_retry() {
    for status in [400, 404, 422] {
        let server = MockServer::start();
        let mock = answer(&server, status, r#"{"error":"no"}"#);
        Env::new()
            .delete(&server.base_url())
            .arg("a1")
            .assert()
            .code(1)
            .stderr(predicate::str::contains(format!("HTTP {status}")));
        mock.assert_calls(1);
    }
}

#[test]
fn unauthorized_stops_the_run_with_exit_4() {
    for (status, body) in [
        (401, r#"{"error":"bad token"}"#),
        (200, r#"{"code":403,"error":"forbidden"}"#),
    ] {
        let server = MockServer::start();
        let mock = answer(&server, status, body);
        let env = Env::new();
        let failed = env.path("failed.txt");
        env.delete(&server.base_url())
            .args([
                "--batch-size",
                "2",
                "--failed-file",
                failed.to_str().unwrap(),
            ])
            .args(["a", "b", "c", "d", "e"])
            .assert()
            .code(4)
            .stderr(
                predicate::str::contains("refused the token or operation")
                    .and(predicate::str::contains("3 ids not sent")),
            );
        mock.assert_calls(1); // no request after the refusal
        assert_eq!(common::read_lines(&failed), ["a", "b", "c", "d", "e"]);
    }
}

#[test]
fn partial_success_exits_5() {
    let server = FaultServer::start(|req| {
        if req.call == 1 {
            Reply::json(200, r#"{"code":400,"error":"bad ids"}"#)
        } else {
            Reply::ok(req.ids().len())
        }
    });
    let env = Env::new();
    let failed = env.path("failed.txt");
    env.delete(&server.url())
        .args([
            "--no-split",
            "--batch-size",
            "2",
            "--failed-file",
            failed.to_str().unwrap(),
        ])
        .args(["a", "b", "c", "d", "e"])
        .assert()
        .code(5)
        .stdout(predicate::str::contains(format!(
            "3 of 5 ids deleted from contacts in operation acme at 127.0.0.1:{} (3 requests); \
             2 refused; 2 not deleted, listed in {}",
            server.port,
            failed.display()
        )));
    assert_eq!(common::read_lines(&failed), ["c", "d"]);
}

#[test]
fn no_server_listening_exits_6() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    Env::new()
        .delete(&format!("http://127.0.0.1:{port}"))
        .args(["--retries", "1", "a1"])
        .assert()
        .code(6)
        .stderr(
            predicate::str::contains("cannot connect")
                .and(predicate::str::contains("after 2 attempts")),
        );
}

#[test]
fn json_output_is_one_document() {
    let server = FaultServer::start(|req| {
        if req.ids().contains(&"c".to_string()) {
            Reply::json(404, r#"{"code":404,"error":"not found"}"#)
        } else {
            Reply::ok(req.ids().len())
        }
    });
    let out = Env::new()
        .delete(&server.url())
        .args(["--json", "--batch-size", "2", "a", "b", "c"])
        .assert()
        .code(5);
    let mut doc = common::stdout_json(out.get_output());
    let run_id = doc.as_object_mut().unwrap().remove("run_id").unwrap();
    assert!(run_id.as_str().unwrap().len() == 16, "{run_id}");
    assert_eq!(
        doc,
        json!({
            "server": format!("{}{API_PATH}", server.url()),
            "host": format!("127.0.0.1:{}", server.port),
            "operation": "acme",
            "module": "contacts",
            "profile": null,
            "requested": 3,
            "deleted": 2,
            "failed": 1,
            "refused": 1,
            "unconfirmed": 0,
            "not_sent": 0,
            "failed_ids": ["c"],
            "unconfirmed_ids": [],
            "requests": [
                {"ids": ["a", "b"], "ok": true, "outcome": "deleted", "http_status": 200,
                 "response": {"code": 200, "error": null, "msg": "2 records deleted"}, "error": null, "attempts": 1},
                {"ids": ["c"], "ok": false, "outcome": "refused", "http_status": 404,
                 "response": {"code": 404, "error": "not found"}, "error": "HTTP 404 (code: 404, error: not found)", "attempts": 1},
            ]
        })
    );
}

#[test]
fn jsonl_output_streams_requests_then_a_summary() {
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    let out = Env::new()
        .delete(&server.url())
        .args(["-o", "jsonl", "--batch-size", "2", "a", "b", "c"])
        .assert()
        .code(0);
    let lines = common::stdout_jsonl(out.get_output());
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["ids"], json!(["a", "b"]));
    assert_eq!(lines[0]["ok"], true);
    assert_eq!(lines[1]["ids"], json!(["c"]));
    let mut summary = lines[2].clone();
    let run_id = summary["summary"]
        .as_object_mut()
        .unwrap()
        .remove("run_id")
        .unwrap();
    assert_eq!(run_id.as_str().unwrap().len(), 16);
    assert_eq!(
        summary,
        json!({"summary": {"server": format!("{}{API_PATH}", server.url()),
            "host": format!("127.0.0.1:{}", server.port), "operation": "acme",
            "module": "contacts", "profile": null, "requested": 3, "deleted": 3, "failed": 0,
            "refused": 0, "unconfirmed": 0, "not_sent": 0, "failed_ids": [], "unconfirmed_ids": []}})
    );
}

#[test]
fn quiet_prints_nothing_when_every_id_was_deleted() {
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    let env = Env::new();
    env.delete(&server.url())
        .args(["-q", "--batch-size", "1", "a", "a", "b"])
        .assert()
        .code(0)
        .stderr("")
        .stdout("");
    // Failures still print their lines, and the summary goes to stderr.
    let server = FaultServer::start(|req| {
        if req.ids() == ["b"] {
            Reply::json(400, r#"{"error":"no such record"}"#)
        } else {
            Reply::ok(1)
        }
    });
    env.delete(&server.url())
        .args(["-q", "--batch-size", "1", "a", "b"])
        .assert()
        .code(5)
        .stdout("")
        .stderr(format!(
            "error: b was not deleted from contacts: HTTP 400 (error: no such record)\n\
             1 of 2 ids deleted from contacts in operation acme at 127.0.0.1:{} (2 requests); 1 refused; \
             1 not deleted (add --failed-file FILE to save them for another run)\n",
            server.port
        ));
}

#[test]
fn the_token_never_appears_in_logs_or_errors() {
    // A server that echoes the token back in its error and a header.
    let server = FaultServer::start(|_| {
        Reply::json(
            401,
            &format!(r#"{{"code":401,"error":"token {TOKEN} is not valid"}}"#),
        )
        .header("X-Echo", TOKEN)
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
                "a2",
            ])
            .assert()
            .code(4);
        let out = out.get_output();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            all.contains("Wolkvox-Token: (redacted)"),
            "-vv shows the header, redacted: {all}"
        );
        assert!(all.contains("token (redacted) is not valid"), "{all}");
        assert!(!all.contains(TOKEN), "token leaked in {format}: {all}");
    }
    assert!(!std::fs::read_to_string(&audit).unwrap().contains(TOKEN));
}

#[test]
fn verbose_shows_each_answer() {
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    Env::new()
        .delete(&server.url())
        .args(["-v", "a1"])
        .assert()
        .code(0)
        .stderr(predicate::str::is_match(r"< HTTP 200 in \d+ ms for 1 ids \(attempt 1\)").unwrap());
}

#[test]
fn slower_than_timeout_is_no_answer() {
    let server = FaultServer::start(|_| Reply::ok(1).delayed(Duration::from_secs(3)));
    Env::new()
        .delete(&server.url())
        .args(["--timeout", "0.3", "--retries", "0", "a1"])
        .assert()
        .code(6)
        .stderr(predicate::str::contains("no answer within 0.3 s"));
}

#[test]
fn a_reader_that_goes_away_does_not_stop_the_run() {
    use std::io::Read;
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    let env = Env::new();
    let failed = env.path("failed.txt");
    let ids = common::ids(600);
    let mut args = vec![
        "--batch-size",
        "1",
        "-o",
        "jsonl",
        "--failed-file",
        failed.to_str().unwrap(),
    ];
    args.extend(ids.iter().map(String::as_str));
    let mut child = env.spawn_delete(&server.url(), &args);
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(server.requests().len(), 600, "every id was still sent");
    assert_eq!(std::fs::read_to_string(&failed).unwrap(), "");
}

#[test]
fn a_profile_supplies_server_token_and_operation_for_a_real_run() {
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    let env = Env::new();
    let config = env.write(
        "config.toml",
        &format!(
            "server = \"https://wrong.example.com\"\noperation = \"top\"\n\
             [profiles.local]\nserver = \"{}\"\noperation = \"from-profile\"\ntoken_command = \"echo {TOKEN}\"\n",
            server.url()
        ),
    );
    env.cmd()
        .args([
            "-c",
            config.to_str().unwrap(),
            "-p",
            "local",
            "delete",
            "--yes",
            "-m",
            "leads",
            "L1",
        ])
        .assert()
        .code(0);
    let request = &server.requests()[0];
    assert!(
        request
            .head
            .contains(&format!("\r\nWolkvox-Token: {TOKEN}\r\n"))
    );
    assert_eq!(
        request.json,
        json!({"operation": "from-profile", "module": "leads", "multiple": false, "wolkvox-id": "L1"})
    );
}

#[test]
fn plain_http_to_loopback_never_goes_through_a_proxy() {
    let proxy = FaultServer::start(|_| Reply::ok(1));
    let server = FaultServer::start(|req| Reply::ok(req.ids().len()));
    Env::new()
        .delete(&server.url())
        .env("HTTP_PROXY", proxy.url())
        .env("http_proxy", proxy.url())
        .env("ALL_PROXY", proxy.url())
        .arg("a1")
        .assert()
        .code(0);
    assert!(proxy.requests().is_empty(), "the token went to the proxy");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn https_to_a_private_ca_trusted_through_ssl_cert_file() {
    let ca = common::tls::TestCa::new();
    let server = FaultServer::start_tls(ca.server.clone(), |req| Reply::ok(req.ids().len()));
    let env = Env::new();
    let bundle = ca.bundle(env.dir.path());
    env.delete(&server.url())
        .env("SSL_CERT_FILE", &bundle)
        .args(["a1", "a2"])
        .assert()
        .code(0)
        .stdout("deleted 2 ids from contacts: 2 records deleted\n");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert!(
        requests[0]
            .head
            .contains(&format!("\r\nWolkvox-Token: {TOKEN}\r\n"))
    );
    // Not trusted without it: the handshake fails and nothing is sent.
    env.delete(&server.url())
        .args(["--retries", "0", "a1"])
        .assert()
        .code(6)
        .stderr(predicate::str::contains("certificate"));
    assert_eq!(server.requests().len(), 1);
}
