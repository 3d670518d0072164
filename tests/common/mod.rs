//! What every integration test shares: the isolated command, the credential
//! arguments, helpers for reading what the command left behind, and the
//! test servers.

pub mod server;
pub mod tls;

use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};

use serde_json::Value;
use tempfile::TempDir;

pub use server::{API_PATH, FaultServer, Reply, ok_body};

pub const TOKEN: &str = "s3cr3t-t0ken-value";
/// A server that dry runs name but nothing contacts.
pub const SERVER: &str = "crm0001.wolkvox.com";
pub const URL: &str = "https://crm0001.wolkvox.com/server/API/v2/custom/delete.php";

/// Server, token and operation flags: the one spelling of the credentials.
pub fn creds(server: &str) -> [&str; 6] {
    ["--server", server, "--token", TOKEN, "--operation", "acme"]
}

/// A temporary HOME for one test; the command never sees the real one.
pub struct Env {
    pub dir: TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("xdg")
    }

    /// Where `wolkvox` looks for its config by default in this environment.
    pub fn default_config(&self) -> PathBuf {
        self.config_dir().join("wolkvox").join("config.toml")
    }

    /// Writes a file (mode 0600) and returns its path.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(&path, text).unwrap();
        set_mode(&path, 0o600);
        path
    }

    /// A config file whose profile `name` holds the server, the token and
    /// the operation `acme`.
    pub fn profile(&self, name: &str, server: &str) -> PathBuf {
        self.write(
            "profiles.toml",
            &format!(
                "[profiles.{name}]\nserver = \"{server}\"\ntoken = \"{TOKEN}\"\noperation = \"acme\"\n"
            ),
        )
    }

    /// `wolkvox -c CONFIG config show`.
    pub fn config_show(&self, config: &Path) -> assert_cmd::Command {
        let mut cmd = self.cmd();
        cmd.arg("-c").arg(config).args(["config", "show"]);
        cmd
    }

    /// `wolkvox` with no WOLKVOX_* or proxy variables, HOME and
    /// XDG_CONFIG_HOME in the temp dir, short retry backoffs, and no
    /// controlling terminal (a session of its own), as cron runs it.
    pub fn cmd(&self) -> assert_cmd::Command {
        assert_cmd::Command::from_std(self.std_cmd())
    }

    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = self.cmd_with_terminal();
        // SAFETY: setsid is async-signal-safe and touches no memory of ours.
        unsafe {
            cmd.pre_exec(|| {
                libc::setsid();
                Ok(())
            });
        }
        cmd
    }

    /// Like [`Env::std_cmd`], but keeping the caller's terminal, for tests
    /// that run it under a pseudo-terminal.
    pub fn cmd_with_terminal(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(bin());
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy().to_string();
            if key.starts_with("WOLKVOX_") || key.to_ascii_lowercase().ends_with("_proxy") {
                cmd.env_remove(&key);
            }
        }
        cmd.env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.config_dir())
            .env("WOLKVOX_BACKOFF_BASE", "0.01")
            .current_dir(self.dir.path());
        cmd
    }

    /// `sh -c command` in the same isolated environment, for pipelines.
    pub fn shell(&self, command: &str) -> std::process::Command {
        let inner = self.std_cmd();
        let mut cmd = std::process::Command::new("sh");
        cmd.args(["-c", command]).current_dir(self.dir.path());
        for (k, v) in inner.get_envs() {
            match v {
                Some(v) => cmd.env(k, v),
                None => cmd.env_remove(k),
            };
        }
        cmd
    }

    /// The credentials, then `delete --yes -m contacts` against `url`.
    pub fn delete(&self, url: &str) -> assert_cmd::Command {
        let mut cmd = self.cmd();
        cmd.args(creds(url)).args(DELETE);
        cmd
    }

    /// The credentials, then `delete --dry-run -m contacts`; ids follow.
    pub fn dry(&self) -> assert_cmd::Command {
        let mut cmd = self.cmd();
        cmd.args(dry_args());
        cmd
    }

    /// Starts a delete run against `url` as a child process with stdout and
    /// stderr piped, for tests that signal it or close its output.
    pub fn spawn_delete(&self, url: &str, args: &[&str]) -> std::process::Child {
        self.std_cmd()
            .args(creds(url))
            .args(DELETE)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("wolkvox starts")
    }
}

/// A real delete from contacts, confirmed on the command line (tests have
/// no terminal to answer on).
pub const DELETE: [&str; 4] = ["delete", "--yes", "-m", "contacts"];

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_wolkvox")
}

/// The credentials for [`SERVER`], then `delete --dry-run -m contacts`.
pub fn dry_args() -> Vec<&'static str> {
    let mut args = creds(SERVER).to_vec();
    args.extend(["delete", "--dry-run", "-m", "contacts"]);
    args
}

pub fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Whether the process ended by signal `number` (what a shell shows as 128 + number).
pub fn killed_by(status: ExitStatus, number: i32) -> bool {
    status.signal() == Some(number)
}

/// stdout as one JSON document.
pub fn stdout_json(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON document")
}

/// stdout as JSON lines.
pub fn stdout_jsonl(output: &std::process::Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

pub fn read_lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

pub fn ids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("id{i:05}")).collect()
}

pub fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

/// A pipe whose reading end is already closed: every write to it fails.
pub fn closed_pipe() -> std::io::PipeWriter {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    writer
}

/// Sends signal `name` (INT, TERM, KILL) to a process.
pub fn signal(pid: u32, name: &str) {
    let status = std::process::Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}
