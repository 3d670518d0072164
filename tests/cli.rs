//! Everything that happens before a request is sent: flags, ids, config,
//! dry runs, completions. None of these tests needs a server.

use crate::common;
use crate::common::{Env, SERVER, TOKEN, URL, hex};
use predicates::prelude::*;
use serde_json::Value;

/// `wolkvox` with server, token and operation set by flags.
fn creds(env: &Env) -> assert_cmd::Command {
    let mut cmd = env.cmd();
    cmd.args(common::creds(SERVER));
    cmd
}

fn dry(env: &Env) -> assert_cmd::Command {
    env.dry()
}

#[test]
fn dry_run_prints_the_request_and_hides_the_token() {
    let env = Env::new();
    let out = dry(&env).args(["6074abc", "6074abd"]).assert().code(0);
    let out = out.get_output();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with(&format!("POST {URL} HTTP/1.1\n")),
        "{stdout}"
    );
    assert!(stdout.contains("Wolkvox-Token: (redacted)\n"));
    assert!(stdout.contains("Content-Type: application/json\n"));
    assert!(stdout.contains(&format!(
        "User-Agent: wolkvox/{}\n",
        env!("CARGO_PKG_VERSION")
    )));
    assert!(stdout.contains(r#"{"operation":"acme","module":"contacts","multiple":true,"wolkvox-id":["6074abc","6074abd"]}"#));
    let all = format!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(!all.contains(TOKEN), "token leaked: {all}");
}

#[test]
fn one_id_is_sent_as_a_string_with_multiple_false() {
    let env = Env::new();
    dry(&env)
        .arg("6074abc")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            r#""multiple":false,"wolkvox-id":"6074abc"}"#,
        ));
}

#[test]
fn dry_run_json_shows_each_batch_in_input_order() {
    let env = Env::new();
    let ids = common::ids(250);
    let out = dry(&env)
        .args(["--batch-size", "100", "--json"])
        .args(&ids)
        .assert()
        .code(0);
    let doc = common::stdout_json(out.get_output());
    assert_eq!(doc["dry_run"], true);
    assert_eq!(doc["requested"], 250);
    let requests = doc["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 3);
    let sent: Vec<String> = requests
        .iter()
        .flat_map(|r| {
            r["body"]["wolkvox-id"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(sent, ids);
    assert_eq!(
        requests[2]["body"]["wolkvox-id"].as_array().unwrap().len(),
        50
    );
    assert_eq!(requests[0]["headers"]["Wolkvox-Token"], "(redacted)");
    assert_eq!(requests[0]["url"], URL);
}

#[test]
fn dry_run_jsonl_is_one_line_per_request_then_a_summary() {
    let env = Env::new();
    let out = dry(&env)
        .args(["-o", "jsonl", "--batch-size", "2", "a", "b", "c"])
        .assert()
        .code(0);
    let lines = common::stdout_jsonl(out.get_output());
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["body"]["wolkvox-id"], "c");
    assert_eq!(lines[2]["summary"]["requests"], 2);
}

#[test]
fn global_options_work_after_the_subcommand() {
    let env = Env::new();
    env.cmd()
        .args([
            "delete",
            "--dry-run",
            "-m",
            "leads",
            "x1",
            "--server",
            "https://h.example:8443/base/",
            "-t",
            TOKEN,
        ])
        .args(["--operation", "acme"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "POST https://h.example:8443/base/server/API/v2/custom/delete.php HTTP/1.1",
        ));
}

#[test]
fn ids_from_stdin_handle_bom_crlf_comments_and_separators() {
    let env = Env::new();
    let input = "\u{feff}# exported ids\r\nid1 id2\r\n\r\nid3 id4\tid5\r\n#id6\r\nid2\r\n";
    let out = dry(&env)
        .args(["--json"])
        .write_stdin(input)
        .assert()
        .code(0);
    let doc = common::stdout_json(out.get_output());
    assert_eq!(
        doc["requests"][0]["body"]["wolkvox-id"],
        serde_json::json!(["id1", "id2", "id3", "id4", "id5"])
    );
    out.stderr(predicate::str::contains("1 repeated id dropped"));
}

#[test]
fn single_dash_reads_stdin() {
    let env = Env::new();
    dry(&env)
        .arg("-")
        .write_stdin("a\nb\n")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(r#"["a","b"]"#));
}

#[test]
fn dash_mixed_with_ids_is_refused() {
    let env = Env::new();
    dry(&env)
        .args(["a", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be mixed"));
}

#[test]
fn bad_ids_are_refused_with_exit_2() {
    let env = Env::new();
    let long = "x".repeat(129);
    for (id, why) in [
        ("a\"b", "quote"),
        ("a'b", "quote"),
        ("a,b", "comma"),
        ("a[b", "bracket"),
        ("a]b", "bracket"),
        ("a\\b", "backslash"),
        ("a b", "whitespace"),
        ("a\u{1}b", "control"),
        (long.as_str(), "longer than 128"),
        ("", "empty"),
    ] {
        dry(&env)
            .args(["ok1", id])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(why));
    }
    dry(&env).arg("x".repeat(128)).assert().code(0);
}

#[test]
fn bad_id_on_stdin_names_its_line() {
    let env = Env::new();
    dry(&env)
        .write_stdin("good1\ngood2\n# comment\nbad\"one\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("stdin line 4").and(predicate::str::contains("bad\\\"one")),
        );
}

#[test]
fn empty_piped_input_is_nothing_to_delete() {
    let env = Env::new();
    dry(&env)
        .write_stdin("\n# nothing\n\n")
        .assert()
        .code(0)
        .stdout("")
        .stderr("note: nothing to delete: the input holds no ids\n");
    dry(&env)
        .arg("-q")
        .write_stdin("")
        .assert()
        .code(0)
        .stderr("");
}

#[test]
fn module_is_required_and_not_empty() {
    let env = Env::new();
    creds(&env)
        .args(["delete", "--dry-run", "a"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--module"));
    creds(&env)
        .args(["delete", "--dry-run", "-m", " ", "a"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("module is empty"));
}

#[test]
fn modules_with_spaces_and_capitals_are_sent_as_given() {
    let env = Env::new();
    creds(&env)
        .args(["delete", "--dry-run", "-m", "Nomina Empleados", "a"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(r#""module":"Nomina Empleados""#));
}

#[test]
fn batch_size_and_concurrency_limits() {
    let env = Env::new();
    for bad in ["0", "10001", "x"] {
        dry(&env).args(["--batch-size", bad, "a"]).assert().code(2);
    }
    dry(&env)
        .args(["--batch-size", "10000", "a"])
        .assert()
        .code(0);
    dry(&env)
        .args(["--concurrency", "3", "a"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "more than 2 simultaneous requests per token",
        ));
    dry(&env).args(["--concurrency", "0", "a"]).assert().code(2);
    dry(&env).args(["--concurrency", "2", "a"]).assert().code(0);
}

#[test]
fn bad_flags_exit_2() {
    let env = Env::new();
    env.cmd()
        .args(["delete", "--no-such-flag"])
        .assert()
        .code(2);
    env.cmd()
        .args(["--timeout", "-1", "config", "show"])
        .assert()
        .code(2);
    env.cmd()
        .args(["--output", "xml", "config", "show"])
        .assert()
        .code(2);
    env.cmd().assert().code(2);
}

#[test]
fn missing_server_token_or_operation_exits_3_naming_every_source() {
    let env = Env::new();
    let cases: [(&[&str], &[&str]); 3] = [
        (
            &["-t", TOKEN, "--operation", "acme"],
            &["--server", "WOLKVOX_SERVER", "`server`"],
        ),
        (
            &["-s", SERVER, "--operation", "acme"],
            &["--token", "WOLKVOX_TOKEN", "token_command"],
        ),
        (
            &["-s", SERVER, "-t", TOKEN],
            &["--operation", "WOLKVOX_OPERATION", "`operation`"],
        ),
    ];
    for (given, named) in cases {
        let out = env
            .cmd()
            .args(given)
            .args(["delete", "--dry-run", "-m", "contacts", "a"])
            .assert()
            .code(3);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        for name in named {
            assert!(stderr.contains(name), "{name} not named in: {stderr}");
        }
    }
}

#[test]
fn plain_http_is_refused_except_on_loopback() {
    let env = Env::new();
    let run = |server: &str| {
        let mut cmd = env.cmd();
        cmd.args([
            "-s",
            server,
            "-t",
            TOKEN,
            "--operation",
            "acme",
            "delete",
            "--dry-run",
            "-m",
            "contacts",
            "a",
        ]);
        cmd.assert()
    };
    run("http://crm0001.wolkvox.com")
        .code(3)
        .stderr(predicate::str::contains("unencrypted"));
    run("http://10.0.0.1").code(3);
    run("http://127.0.0.1:8080").code(0);
    run("http://localhost:8080").code(0);
    run("http://[::1]:8080").code(0);
    run("https://crm0001.wolkvox.com/index.php?x=1")
        .code(3)
        .stderr(predicate::str::contains("query"));
}

#[test]
fn operation_is_inferred_from_a_hex_token() {
    let env = Env::new();
    let token = hex("techcon-20220624122805");
    env.cmd()
        .args([
            "-v",
            "-s",
            SERVER,
            "-t",
            &token,
            "delete",
            "--dry-run",
            "-m",
            "contacts",
            "a",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(r#""operation":"techcon""#))
        .stderr(predicate::str::contains(
            "operation: techcon (token-inferred; --operation overrides it)",
        ));
    // An explicit operation wins over the inferred one.
    env.cmd()
        .args([
            "-s",
            SERVER,
            "-t",
            &token,
            "--operation",
            "other",
            "delete",
            "--dry-run",
            "-m",
            "contacts",
            "a",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(r#""operation":"other""#));
}

#[test]
fn config_file_supplies_settings() {
    let env = Env::new();
    let path = env.default_config();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        format!(
            "server = \"{SERVER}\"\ntoken = \"{TOKEN}\"\noperation = \"acme\"\nbatch_size = 2\n"
        ),
    )
    .unwrap();
    common::set_mode(&path, 0o600);
    let out = env
        .cmd()
        .args([
            "delete",
            "--dry-run",
            "--json",
            "-m",
            "contacts",
            "a",
            "b",
            "c",
        ])
        .assert()
        .code(0);
    let doc = common::stdout_json(out.get_output());
    assert_eq!(doc["requests"].as_array().unwrap().len(), 2);
    assert_eq!(doc["server"], URL);
    out.stderr(predicate::str::contains("warning").not());
}

/// `config show --json`, with each setting's value and source.
/// It exits 0 when a delete could run (server and token set), else 3 after
/// printing what it found.
fn show(cmd: &mut assert_cmd::Command) -> Value {
    let out = cmd.args(["config", "show", "--json"]).assert();
    let doc = common::stdout_json(out.get_output());
    let complete = !doc["server"].is_null() && !doc["token"].is_null();
    out.code(if complete { 0 } else { 3 });
    doc
}

#[test]
fn precedence_is_flag_env_profile_file_default() {
    let env = Env::new();
    let config = env.write(
        "config.toml",
        "server = \"file.example.com\"\ntimeout = 30\nretries = 5\n\
         [profiles.p]\nserver = \"profile.example.com\"\ntimeout = 20\n",
    );
    let config = config.to_str().unwrap();

    let doc = show(env.cmd().args(["-c", config]));
    assert_eq!(doc["server"]["value"], "file.example.com");
    assert_eq!(doc["server"]["source"], "file");
    assert_eq!(doc["timeout"]["value"], "30 s");
    assert_eq!(doc["concurrency"]["source"], "default");

    let doc = show(env.cmd().args(["-c", config, "-p", "p"]));
    assert_eq!(doc["server"]["value"], "profile.example.com");
    assert_eq!(doc["server"]["source"], "profile p");
    assert_eq!(doc["timeout"]["source"], "profile p");
    assert_eq!(doc["retries"]["value"], "5");
    assert_eq!(doc["retries"]["source"], "file");

    let doc = show(
        env.cmd()
            .args(["-c", config, "-p", "p"])
            .env("WOLKVOX_SERVER", "env.example.com"),
    );
    assert_eq!(doc["server"]["value"], "env.example.com");
    assert_eq!(doc["server"]["source"], "env WOLKVOX_SERVER");

    let doc = show(
        env.cmd()
            .args([
                "-c",
                config,
                "-p",
                "p",
                "--server",
                "flag.example.com",
                "--timeout",
                "5",
            ])
            .env("WOLKVOX_SERVER", "env.example.com"),
    );
    assert_eq!(doc["server"]["value"], "flag.example.com");
    assert_eq!(doc["server"]["source"], "flag --server");
    assert_eq!(doc["timeout"]["value"], "5 s");
    assert_eq!(
        doc["endpoint"]["value"],
        "https://flag.example.com/server/API/v2/custom/delete.php"
    );
}

#[test]
fn timeouts_from_flags_and_file() {
    let env = Env::new();
    let config = env.write("config.toml", "timeout = 12\nconnect_timeout = 4\n");
    let config = config.to_str().unwrap();
    let doc = show(env.cmd().args(["-c", config]));
    assert_eq!(doc["timeout"]["value"], "12 s");
    assert_eq!(doc["connect_timeout"]["value"], "4 s");
    assert_eq!(doc["connect_timeout"]["source"], "file");
    let doc = show(env.cmd().args(["-c", config, "--connect-timeout", "2.5"]));
    assert_eq!(doc["connect_timeout"]["value"], "2.5 s");
    assert_eq!(doc["connect_timeout"]["source"], "flag --connect-timeout");
    env.cmd()
        .args(["--connect-timeout", "0", "config", "show"])
        .assert()
        .code(2);
    env.cmd()
        .args(["--connect-timeout", "soon", "config", "show"])
        .assert()
        .code(2);
}

#[test]
fn profile_from_env_and_default_profile() {
    let env = Env::new();
    let config = env.write(
        "config.toml",
        "default_profile = \"a\"\n[profiles.a]\nserver = \"a.example.com\"\n[profiles.b]\nserver = \"b.example.com\"\n",
    );
    let config = config.to_str().unwrap();
    let doc = show(env.cmd().args(["-c", config]));
    assert_eq!(doc["server"]["value"], "a.example.com");
    assert_eq!(doc["profile"]["source"], "file");
    let doc = show(env.cmd().args(["-c", config]).env("WOLKVOX_PROFILE", "b"));
    assert_eq!(doc["server"]["value"], "b.example.com");
    assert_eq!(doc["profile"]["source"], "env WOLKVOX_PROFILE");
}

#[test]
fn config_show_redacts_the_token_and_names_its_source() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["-s", SERVER, "config", "show"])
        .env("WOLKVOX_TOKEN", TOKEN)
        .assert()
        .code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("token            (redacted)  (env WOLKVOX_TOKEN)"),
        "{stdout}"
    );
    assert!(!stdout.contains(TOKEN));
    let token = hex("techcon-20220624122805");
    let doc = show(env.cmd().args(["-t", &token]));
    assert_eq!(doc["operation"]["value"], "techcon");
    assert_eq!(doc["operation"]["source"], "token-inferred");
    assert_eq!(doc["token"]["source"], "flag --token");
}

#[test]
fn unknown_config_key_is_an_error_naming_key_and_file() {
    let env = Env::new();
    let config = env.write(
        "config.toml",
        "server = \"x.example.com\"\ntokn = \"abc\"\n",
    );
    env.config_show(&config).assert().code(3).stderr(
        predicate::str::contains("tokn").and(predicate::str::contains(config.to_str().unwrap())),
    );
    let config = env.write("bad-profile.toml", "[profiles.x]\nserverr = \"x\"\n");
    env.config_show(&config)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("serverr").and(predicate::str::contains("profiles.x")));
    let config = env.write("syntax.toml", "server = \n");
    env.config_show(&config).assert().code(3);
}

#[test]
fn unknown_profile_lists_the_known_ones() {
    let env = Env::new();
    let config = env.write("config.toml", "[profiles.prod]\n[profiles.staging]\n");
    env.cmd()
        .args([
            "-c",
            config.to_str().unwrap(),
            "-p",
            "prd",
            "config",
            "show",
        ])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("prd").and(predicate::str::contains("prod, staging")));
}

#[test]
fn missing_named_config_is_an_error_but_missing_default_is_fine() {
    let env = Env::new();
    env.cmd()
        .args(["-c", "nope.toml", "config", "show"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("nope.toml"));
    env.cmd()
        .env("WOLKVOX_CONFIG", "nope.toml")
        .args(["config", "show"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("nope.toml"));
    // No file at the default place is fine: only the settings are missing.
    env.cmd()
        .args(["config", "show"])
        .assert()
        .code(3)
        .stderr(predicate::str::starts_with("error: no server given"));
    env.cmd()
        .args(["-s", SERVER, "-t", TOKEN, "config", "show"])
        .assert()
        .code(0);
}

#[test]
fn token_command_supplies_the_token() {
    let env = Env::new();
    let config = env.write(
        "config.toml",
        &format!("server = \"{SERVER}\"\noperation = \"acme\"\ntoken_command = \"echo {TOKEN}; echo second-line\"\n"),
    );
    let out = env
        .cmd()
        .args(["-c", config.to_str().unwrap(), "config", "show", "--json"])
        .assert()
        .code(0);
    let doc = common::stdout_json(out.get_output());
    assert_eq!(doc["token"]["value"], "(redacted)");
    assert_eq!(doc["token"]["source"], "file token_command");
    // The command must not eat ids piped to wolkvox.
    let config = env.write(
        "reads-stdin.toml",
        &format!("server = \"{SERVER}\"\noperation = \"acme\"\ntoken_command = \"cat >/dev/null; echo {TOKEN}\"\n"),
    );
    env.cmd()
        .args([
            "-c",
            config.to_str().unwrap(),
            "delete",
            "--dry-run",
            "-m",
            "contacts",
        ])
        .write_stdin("a\nb\n")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(r#"["a","b"]"#));
}

#[test]
fn failing_token_command_exits_3() {
    let env = Env::new();
    let config = env.write(
        "config.toml",
        &format!("server = \"{SERVER}\"\noperation = \"a\"\ntoken_command = \"exit 7\"\n"),
    );
    env.cmd()
        .args([
            "-c",
            config.to_str().unwrap(),
            "delete",
            "--dry-run",
            "-m",
            "contacts",
            "a",
        ])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("token_command"));
    let config = env.write("empty.toml", "token_command = \"true\"\n");
    env.config_show(&config).assert().code(3);
    let config = env.write("both.toml", "token = \"a\"\ntoken_command = \"echo b\"\n");
    env.config_show(&config)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("keep one"));
}

#[test]
fn a_token_file_others_can_read_gets_a_warning() {
    let env = Env::new();
    let config = env.write(
        "config.toml",
        &format!("[profiles.p]\ntoken = \"{TOKEN}\"\n"),
    );
    common::set_mode(&config, 0o644);
    let expected = format!("chmod 600 {}", config.display());
    env.cmd()
        .args([
            "-c",
            config.to_str().unwrap(),
            "-s",
            SERVER,
            "-p",
            "p",
            "config",
            "show",
        ])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(expected));
    common::set_mode(&config, 0o600);
    env.cmd()
        .args([
            "-c",
            config.to_str().unwrap(),
            "-s",
            SERVER,
            "-p",
            "p",
            "config",
            "show",
        ])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("chmod").not());
}

#[test]
fn config_path_prints_the_default_or_named_file() {
    let env = Env::new();
    env.cmd()
        .args(["config", "path"])
        .assert()
        .code(0)
        .stdout(format!("{}\n", env.default_config().display()));
    env.cmd()
        .args(["config", "path", "-c", "/etc/x.toml"])
        .assert()
        .code(0)
        .stdout("/etc/x.toml\n");
}

#[test]
fn config_init_writes_a_private_starter_file_once() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.cmd().args(["config", "init"]).assert().code(0);
    let path = env.default_config();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("# server ="));
    // The starter file parses as it is: only the settings a delete needs
    // are missing.
    env.cmd()
        .args(["config", "show"])
        .assert()
        .code(3)
        .stderr(predicate::str::starts_with("error: no server given"));
    // Again on the untouched starter file: nothing to do.
    env.cmd()
        .args(["config", "init"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("already holds the starter text"));
    // On a file of the user's own: never overwritten, and says what to do.
    std::fs::write(&path, "server = \"x.example\"\n").unwrap();
    env.cmd()
        .args(["config", "init"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "already exists; not overwriting it: edit it",
        ));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "server = \"x.example\"\n"
    );
    let _ = text;
}

#[test]
fn example_config_has_every_key_and_each_one_is_accepted() {
    let env = Env::new();
    let example =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/config.example.toml"))
            .unwrap();
    // Uncomment every `# key = value` and `# [section]` line.
    let active: String = example
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest)
                if rest.starts_with('[')
                    || rest
                        .split_once(" = ")
                        .is_some_and(|(k, _)| !k.contains(' ')) =>
            {
                rest
            }
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect();
    for key in [
        "server",
        "token",
        "token_command",
        "operation",
        "timeout",
        "connect_timeout",
        "batch_size",
        "retries",
        "concurrency",
        "audit_log",
        "max_delete",
        "default_profile",
    ] {
        assert!(
            active.contains(&format!("\n{key} = ")),
            "example lacks {key}"
        );
    }
    // token and token_command together are refused at one level, so drop
    // token; and `pass` is not installed here, so let echo print the token.
    let active = active
        .replace("\ntoken = \"...\"\n", "\n")
        .replace("pass show", "echo");
    let config = env.write("example.toml", &active);
    let doc = show(env.cmd().args(["-c", config.to_str().unwrap()]));
    assert_eq!(doc["profile"]["value"], "production");
    assert_eq!(doc["server"]["source"], "profile production");
}

#[test]
fn config_values_out_of_range_exit_3() {
    let env = Env::new();
    for bad in [
        "concurrency = 3",
        "batch_size = 0",
        "batch_size = 10001",
        "timeout = 0",
        "retries = -1",
    ] {
        let config = env.write("c.toml", &format!("{bad}\n"));
        env.config_show(&config).assert().code(3);
    }
    let config = env.write("c.toml", "concurrency = 3\n");
    env.config_show(&config)
        .assert()
        .stderr(predicate::str::contains("simultaneous requests per token"));
}

#[test]
fn help_lists_the_exit_codes() {
    let env = Env::new();
    env.cmd()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Exit codes:").and(predicate::str::contains("130")));
    env.cmd()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(format!("wolkvox {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn help_never_shows_the_token_from_the_environment() {
    let env = Env::new();
    env.cmd()
        .env("WOLKVOX_TOKEN", TOKEN)
        .args(["delete", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(TOKEN).not());
}

#[test]
fn committed_completions_match_the_binary() {
    let env = Env::new();
    for (shell, file) in [
        ("bash", "wolkvox.bash"),
        ("zsh", "_wolkvox"),
        ("fish", "wolkvox.fish"),
        ("powershell", "_wolkvox.ps1"),
        ("elvish", "wolkvox.elv"),
    ] {
        let out = env.cmd().args(["completions", shell]).assert().code(0);
        let printed = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        let path = format!("{}/completions/{file}", env!("CARGO_MANIFEST_DIR"));
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            printed == committed,
            "{path} is stale: regenerate with `cargo run -- completions {shell} > completions/{file}`"
        );
    }
}

#[test]
fn a_closed_stdout_is_not_a_panic() {
    let env = Env::new();
    // At one id per request the dry run prints about 2.5 MB, far more than
    // a pipe holds; the pipe's reader is gone before the first byte.
    let ids = common::ids(10_000);
    let mut dry_run = common::dry_args();
    dry_run.extend(["--batch-size", "1"]);
    dry_run.extend(ids.iter().map(String::as_str));
    for args in [vec!["completions", "bash"], dry_run] {
        let out = env
            .std_cmd()
            .args(&args)
            .stdout(common::closed_pipe())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(out.status.code(), Some(0), "{stderr}");
    }
}

#[test]
fn a_token_pasted_with_spaces_around_it_is_trimmed_but_inner_spaces_are_refused() {
    let env = Env::new();
    let config = env.write("config.toml", "token = \"  abc123 \\n\"\n");
    let doc = show(env.cmd().args(["-c", config.to_str().unwrap()]));
    assert_eq!(doc["token"]["source"], "file");
    env.cmd()
        .args(["-t", "abc 123", "config", "show"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("spaces").and(predicate::str::contains("abc").not()));
}

#[test]
fn a_dry_run_whose_output_cannot_be_written_fails() {
    let env = Env::new();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = env
        .std_cmd()
        .args(common::dry_args())
        .arg("a")
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write results to stdout"));
}
