//! Nothing is deleted that the user did not mean: no terminal and no
//! `--yes` sends nothing, a cap guards unattended runs, the target is always
//! named, and the input means what it says (CSV columns, files, hints for
//! the usual mistakes). The question itself is tested under a pseudo-
//! terminal in `terminal.rs`.

use predicates::prelude::*;
use serde_json::json;

use crate::common::{self, Env, FaultServer, Reply, TOKEN};

fn ok_server() -> FaultServer {
    FaultServer::start(|req| Reply::ok(req.ids().len()))
}

/// The credentials and `delete -m contacts`, without `--yes`.
fn unconfirmed(env: &Env, url: &str) -> assert_cmd::Command {
    let mut cmd = env.cmd();
    cmd.args(common::creds(url))
        .args(["delete", "-m", "contacts"]);
    cmd
}

#[test]
fn without_a_terminal_nothing_is_sent_unless_yes_is_given() {
    let server = ok_server();
    let env = Env::new();
    let failed = env.path("failed.txt");
    // The test command runs in a session of its own, as cron does.
    unconfirmed(&env, &server.url())
        .args(["--failed-file", failed.to_str().unwrap(), "a1", "a2"])
        .assert()
        .code(7)
        .stderr(predicate::str::contains(format!(
            "not deleting 2 records (1 request) from module contacts in operation acme at 127.0.0.1:{} \
             without confirmation: there is no terminal to ask on",
            server.port
        )).and(predicate::str::contains("pass --yes")));
    assert_eq!(server.request_count(), 0);
    assert_eq!(
        common::read_lines(&failed),
        ["a1", "a2"],
        "a declined run lists every id"
    );
    unconfirmed(&env, &server.url())
        .args(["--yes", "a1", "a2"])
        .assert()
        .code(0);
    assert_eq!(server.request_count(), 1);
}

#[test]
fn cron_runs_it_with_no_terminal_at_all() {
    let server = ok_server();
    let env = Env::new();
    let ids = env.write("ids.txt", "a1\na2\n");
    let command = format!(
        "setsid -w {} {} delete -m contacts -q --yes < {} > out.txt 2> err.txt",
        common::bin(),
        common::creds(&server.url()).join(" "),
        ids.display()
    );
    let status = env.shell(&command).status().unwrap();
    assert_eq!(status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(env.path("err.txt")).unwrap(), "");
    assert_eq!(server.request_count(), 1);
}

#[test]
fn no_variable_or_config_key_can_skip_the_question() {
    let server = ok_server();
    let env = Env::new();
    let config = env.write("c.toml", "yes = true\n");
    unconfirmed(&env, &server.url())
        .args(["-c", config.to_str().unwrap(), "a1"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("unknown key `yes`"));
    unconfirmed(&env, &server.url())
        .env("WOLKVOX_YES", "1")
        .env("YES", "1")
        .arg("a1")
        .assert()
        .code(7);
    assert_eq!(server.request_count(), 0);
}

#[test]
fn more_ids_than_max_delete_sends_nothing() {
    let server = ok_server();
    let env = Env::new();
    let ids = common::ids(101);
    env.delete(&server.url())
        .args(["--max-delete", "100"])
        .args(&ids)
        .assert()
        .code(7)
        .stderr(predicate::str::contains(
            "101 ids is more than --max-delete 100 (flag --max-delete): nothing was sent",
        ));
    let config = env.write(
        "c.toml",
        "max_delete = 1000\n[profiles.night]\nmax_delete = 50\n",
    );
    let with_config = |profile: &[&str]| {
        let mut cmd = env.delete(&server.url());
        cmd.args(["-c", config.to_str().unwrap()])
            .args(profile)
            .args(&ids);
        cmd
    };
    with_config(&["-p", "night"])
        .assert()
        .code(7)
        .stderr(predicate::str::contains(
            "more than --max-delete 50 (profile night)",
        ));
    assert_eq!(server.request_count(), 0);
    with_config(&[]).assert().code(0);
    assert_eq!(server.request_count(), 2);
    // Repeats count once: the cap is on unique ids.
    let mut repeated = common::ids(100);
    repeated.extend(common::ids(100));
    env.delete(&server.url())
        .args(["--max-delete", "100"])
        .args(&repeated)
        .assert()
        .code(0);
}

#[test]
fn the_summary_names_the_target_and_json_adds_host_and_profile() {
    let server = ok_server();
    let env = Env::new();
    let config = env.profile("prod", &server.url());
    let out = env
        .cmd()
        .args([
            "-c",
            config.to_str().unwrap(),
            "-p",
            "prod",
            "delete",
            "--yes",
            "-m",
            "leads",
        ])
        .args(["--batch-size", "2", "a", "b", "c"])
        .assert()
        .code(0);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.ends_with(&format!(
            "3 of 3 ids deleted from leads in operation acme at 127.0.0.1:{} (2 requests)\n",
            server.port
        )),
        "{stdout}"
    );
    for format in ["json", "jsonl"] {
        let out = env
            .cmd()
            .args(["-c", config.to_str().unwrap(), "-p", "prod", "-o", format])
            .args(["delete", "--yes", "-m", "leads", "a"])
            .assert()
            .code(0);
        let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        let doc: serde_json::Value =
            match format {
                "json" => serde_json::from_str(&text).unwrap(),
                _ => serde_json::from_str::<serde_json::Value>(text.lines().last().unwrap())
                    .unwrap()["summary"]
                    .clone(),
            };
        assert_eq!(
            doc["host"],
            format!("127.0.0.1:{}", server.port),
            "{format}"
        );
        assert_eq!(doc["profile"], "prod", "{format}");
        assert_eq!(doc["operation"], "acme", "{format}");
    }
}

#[test]
fn verbose_says_where_server_token_and_operation_came_from() {
    let server = ok_server();
    let env = Env::new();
    let config = env.write(
        "c.toml",
        &format!(
            "[profiles.p]\nserver = \"{}\"\ntoken_command = \"echo nope\"\noperation = \"acme\"\n",
            server.url()
        ),
    );
    env.cmd()
        .args([
            "-c",
            config.to_str().unwrap(),
            "-p",
            "p",
            "-v",
            "delete",
            "--yes",
            "-m",
            "contacts",
            "a1",
        ])
        .env("WOLKVOX_TOKEN", TOKEN)
        .assert()
        .code(0)
        .stderr(
            predicate::str::contains(format!("server: {} (profile p)", server.url()))
                .and(predicate::str::contains(
                    "token: (redacted) (env WOLKVOX_TOKEN)",
                ))
                .and(predicate::str::contains("operation: acme (profile p)")),
        );
}

#[test]
fn a_line_holding_commas_or_semicolons_is_a_csv_row_not_ids() {
    let env = Env::new();
    env.dry()
        .write_stdin("id,name,email\n6074a,Ana,a@x\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "stdin line 1 holds 3 fields separated by ','; to read ids from a CSV column use --column NAME",
        ));
    env.dry()
        .write_stdin("6074a\n6074b;Ana\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "stdin line 2 holds 2 fields separated by ';'",
        ));
    env.dry()
        .arg("a,b")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("comma"));
}

#[test]
fn the_readme_csv_example_no_longer_deletes_the_header() {
    let env = Env::new();
    let export = env.write("export.csv", "id,name\n6074a,Ana\n6074b,Bob\n");
    let out = env
        .shell(&format!(
            "{} {} delete --dry-run --json -m contacts --column id < {}",
            common::bin(),
            common::creds(common::SERVER).join(" "),
            export.display()
        ))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["requests"][0]["body"]["wolkvox-id"],
        json!(["6074a", "6074b"])
    );
}

#[test]
fn csv_columns_quoted_fields_and_a_semicolon_export_with_a_bom() {
    let env = Env::new();
    let comma = "Id,Name,Note\n6074a,\"Pérez, Ana\",\"two\nlines\"\n,empty,\n6074b,Bob,x\n";
    let semicolon = "\u{feff}\"Código\";\"Nombre\"\r\n\"6074c\";\"Ana; Pérez\"\r\n6074d;Luis\r\n";
    let cases: [(&str, &[&str], serde_json::Value); 5] = [
        (comma, &["--column", "id"], json!(["6074a", "6074b"])),
        (comma, &["--column", "1"], json!(["6074a", "6074b"])),
        (
            semicolon,
            &["--column", "código"],
            json!(["6074c", "6074d"]),
        ),
        (
            "a\tx\nb\ty\n",
            &["--column", "1", "--no-header"],
            json!(["a", "b"]),
        ),
        (
            "k|id\n1|z9\n",
            &["--column", "id", "--delimiter", "|"],
            json!("z9"),
        ),
    ];
    for (input, flags, expected) in cases {
        let out = env
            .dry()
            .arg("--json")
            .args(flags)
            .write_stdin(input)
            .assert()
            .code(0);
        let doc = common::stdout_json(out.get_output());
        assert_eq!(
            doc["requests"][0]["body"]["wolkvox-id"], expected,
            "{flags:?}"
        );
    }
    env.dry()
        .args(["--column", "email"])
        .write_stdin(comma)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "has no column \"email\"; its header holds: Id, Name, Note",
        ));
    env.dry()
        .args(["--column", "id"])
        .write_stdin("id\n6074a\nbad\"id\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("stdin row 3"));
    env.dry().args(["--column", "id", "a1"]).assert().code(2);
}

#[test]
fn files_are_read_with_file_and_never_taken_for_ids() {
    let env = Env::new();
    env.write("ids.txt", "a1\na2\n");
    env.write("more.txt", "a3\na1\n");
    env.write("export.csv", "id,n\nc1,x\n");
    env.dry()
        .arg("ids.txt")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "ids.txt is a file here; to read ids from it use --file ids.txt",
        ));
    let out = env
        .dry()
        .args(["--json", "-f", "ids.txt", "--file", "more.txt"])
        .assert()
        .code(0);
    let doc = common::stdout_json(out.get_output());
    assert_eq!(
        doc["requests"][0]["body"]["wolkvox-id"],
        json!(["a1", "a2", "a3"])
    );
    let out = env
        .dry()
        .args(["--json", "-f", "export.csv", "--column", "id", "-f", "-"])
        .write_stdin("id\nc2\n")
        .assert()
        .code(0);
    let doc = common::stdout_json(out.get_output());
    assert_eq!(
        doc["requests"][0]["body"]["wolkvox-id"],
        json!(["c1", "c2"])
    );
    env.dry()
        .args(["-f", "no-such.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read ids from no-such.txt"));
}

#[test]
fn an_empty_input_is_a_night_with_nothing_to_delete() {
    let server = ok_server();
    let env = Env::new();
    let failed = env.write("failed.txt", "last-night\n");
    let empty = env.write("empty.txt", "# nothing today\n\n");
    env.delete(&server.url())
        .args([
            "--failed-file",
            failed.to_str().unwrap(),
            "-f",
            empty.to_str().unwrap(),
        ])
        .assert()
        .code(0)
        .stdout("")
        .stderr("note: nothing to delete: the input holds no ids\n");
    assert_eq!(std::fs::read_to_string(&failed).unwrap(), "");
    env.delete(&server.url())
        .arg("-q")
        .write_stdin("")
        .assert()
        .code(0)
        .stderr("");
    let out = env
        .delete(&server.url())
        .arg("--json")
        .write_stdin("\n")
        .assert()
        .code(0);
    let doc = common::stdout_json(out.get_output());
    assert_eq!(
        (
            doc["requested"].clone(),
            doc["deleted"].clone(),
            doc["failed"].clone()
        ),
        (json!(0), json!(0), json!(0))
    );
    let out = env
        .delete(&server.url())
        .args(["-o", "jsonl"])
        .write_stdin("")
        .assert()
        .code(0);
    let lines = common::stdout_jsonl(out.get_output());
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["summary"]["requested"], 0);
    assert_eq!(server.request_count(), 0);
}

#[test]
fn hints_for_the_usual_mistakes() {
    let env = Env::new();
    env.dry()
        .write_stdin("\"6074a\"\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "wrapped in quotes: remove them (`jq -r` prints strings without quotes)",
        ));
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("6074a\r\n".bytes().flat_map(|b| [b, 0]))
        .collect();
    let no_bom: Vec<u8> = "6074a\r\n".bytes().flat_map(|b| [b, 0]).collect();
    for input in [utf16, no_bom] {
        env.dry()
            .write_stdin(input)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "save it as UTF-8 (\"CSV UTF-8\" in Excel)",
            ));
    }
    for (how, quoted) in [
        ("flag --token", "\"abc123\""),
        ("env WOLKVOX_TOKEN", "'abc123'"),
    ] {
        let mut cmd = env.cmd();
        cmd.args([
            "-s",
            common::SERVER,
            "--operation",
            "a",
            "delete",
            "--dry-run",
            "-m",
            "contacts",
            "a1",
        ]);
        if how.starts_with("flag") {
            cmd.args(["--token", quoted]);
        } else {
            cmd.env("WOLKVOX_TOKEN", quoted);
        }
        cmd.assert()
            .code(3)
            .stderr(predicate::str::contains(format!(
                "the token ({how}) is wrapped in quotes"
            )));
    }
    let config = env.write("c.toml", "token = \"'abc123'\"\n");
    env.config_show(&config)
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "the token (file) is wrapped in quotes",
        ));
    for module in [" contacts", "contacts "] {
        env.cmd()
            .args(common::creds(common::SERVER))
            .args(["delete", "--dry-run", "-m", module, "a1"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("has spaces around it"));
    }
}

#[test]
fn a_server_given_as_a_page_is_refused_but_the_api_url_is_accepted() {
    let env = Env::new();
    let run = |server: &str| {
        let mut cmd = env.cmd();
        cmd.args(["--server", server, "--token", TOKEN, "--operation", "a"])
            .args(["delete", "--dry-run", "-m", "contacts", "a1"]);
        cmd.assert()
    };
    run("https://crm0001.wolkvox.com/server/API/v2/custom/delete.php")
        .code(0)
        .stdout(predicate::str::contains(
            "POST https://crm0001.wolkvox.com/server/API/v2/custom/delete.php HTTP/1.1",
        ));
    for page in [
        "https://crm0001.wolkvox.com/index.php",
        "https://crm0001.wolkvox.com/?module=contacts",
    ] {
        run(page).code(3).stderr(predicate::str::contains(
            "give the host, e.g. crm0001.wolkvox.com",
        ));
    }
}
