//! Shared by the integration tests: the isolated command, and a small HTTP
//! server that can misbehave on purpose.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

pub const TOKEN: &str = "s3cr3t-t0ken-value";

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

    /// `wolkvox` with no WOLKVOX_* or proxy variables, HOME and
    /// XDG_CONFIG_HOME in the temp dir, and short retry backoffs.
    pub fn cmd(&self) -> assert_cmd::Command {
        assert_cmd::Command::from_std(self.std_cmd())
    }

    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_wolkvox"));
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

    /// A command ready to delete against `url`, with token and operation.
    pub fn delete(&self, url: &str) -> assert_cmd::Command {
        let mut cmd = self.cmd();
        cmd.args(delete_args(url));
        cmd
    }

    /// Starts a delete run against `url` as a child process with stdout and
    /// stderr piped, for tests that signal it or close its output.
    pub fn spawn_delete(&self, url: &str, args: &[&str]) -> std::process::Child {
        self.std_cmd()
            .args(delete_args(url))
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("wolkvox starts")
    }
}

/// Server, token and operation flags, then `delete -m contacts`.
fn delete_args(url: &str) -> [&str; 9] {
    [
        "--server",
        url,
        "--token",
        TOKEN,
        "--operation",
        "acme",
        "delete",
        "-m",
        "contacts",
    ]
}

pub fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
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

/// The path every delete request goes to.
pub const API_PATH: &str = "/server/API/v2/custom/delete.php";

pub fn ok_body(n: usize) -> String {
    format!(r#"{{"code":200,"error":null,"msg":"{n} records deleted"}}"#)
}

/// One request as the fault server received it.
#[derive(Debug, Clone)]
pub struct Request {
    /// The request line and headers exactly as they came over the wire.
    pub head: String,
    pub body: Vec<u8>,
    pub json: Value,
    pub call: usize,
    pub at: Instant,
}

impl Request {
    /// The ids the request carries, whether one string or an array.
    pub fn ids(&self) -> Vec<String> {
        match &self.json["wolkvox-id"] {
            Value::String(s) => vec![s.clone()],
            Value::Array(a) => a.iter().map(|v| v.as_str().unwrap().to_string()).collect(),
            other => panic!("wolkvox-id is {other}"),
        }
    }
}

/// What the fault server does with one request.
#[derive(Debug, Clone)]
pub enum Reply {
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
        delay: Duration,
    },
    /// Close the connection without a word.
    Drop,
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Reply {
        Reply::Respond {
            status,
            headers: Vec::new(),
            body: body.to_string(),
            delay: Duration::ZERO,
        }
    }

    pub fn ok(n: usize) -> Reply {
        Reply::json(200, &ok_body(n))
    }

    pub fn delayed(self, by: Duration) -> Reply {
        match self {
            Reply::Respond {
                status,
                headers,
                body,
                ..
            } => Reply::Respond {
                status,
                headers,
                body,
                delay: by,
            },
            Reply::Drop => Reply::Drop,
        }
    }

    pub fn header(self, name: &str, value: &str) -> Reply {
        match self {
            Reply::Respond {
                status,
                mut headers,
                body,
                delay,
            } => {
                headers.push((name.into(), value.into()));
                Reply::Respond {
                    status,
                    headers,
                    body,
                    delay,
                }
            }
            Reply::Drop => Reply::Drop,
        }
    }
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

/// A loopback HTTP/1.1 server with keep-alive whose every answer is chosen
/// by a closure, and which records what it received and how many requests
/// were in flight at once.
pub struct FaultServer {
    pub port: u16,
    log: Arc<Mutex<Vec<Request>>>,
    answered: Arc<Mutex<Vec<(Request, u16)>>>,
    max_in_flight: Arc<AtomicUsize>,
    connections: Arc<AtomicUsize>,
}

struct Shared {
    handler: Box<Handler>,
    log: Arc<Mutex<Vec<Request>>>,
    answered: Arc<Mutex<Vec<(Request, u16)>>>,
    calls: AtomicUsize,
    in_flight: AtomicUsize,
    max_in_flight: Arc<AtomicUsize>,
}

impl FaultServer {
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> FaultServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let answered = Arc::new(Mutex::new(Vec::new()));
        let max_in_flight = Arc::new(AtomicUsize::new(0));
        let connections = Arc::new(AtomicUsize::new(0));
        let accepted = connections.clone();
        let shared = Arc::new(Shared {
            handler: Box::new(handler),
            log: log.clone(),
            answered: answered.clone(),
            calls: AtomicUsize::new(0),
            in_flight: AtomicUsize::new(0),
            max_in_flight: max_in_flight.clone(),
        });
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                accepted.fetch_add(1, Ordering::SeqCst);
                let shared = shared.clone();
                thread::spawn(move || serve(stream, &shared));
            }
        });
        FaultServer {
            port,
            log,
            answered,
            max_in_flight,
            connections,
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.log.lock().unwrap().clone()
    }

    /// Requests whose answer was written out, with its status.
    pub fn answered(&self) -> Vec<(Request, u16)> {
        self.answered.lock().unwrap().clone()
    }

    /// TCP connections accepted so far.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    pub fn max_in_flight(&self) -> usize {
        self.max_in_flight.load(Ordering::SeqCst)
    }

    /// Waits until at least `n` requests have arrived.
    pub fn wait_for(&self, n: usize, limit: Duration) {
        let end = Instant::now() + limit;
        while self.log.lock().unwrap().len() < n {
            assert!(
                Instant::now() < end,
                "the server did not see {n} requests in {limit:?}"
            );
            thread::sleep(Duration::from_millis(10));
        }
    }
}

fn serve(stream: TcpStream, shared: &Shared) {
    stream.set_nodelay(true).ok();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut stream = stream;
    loop {
        let mut head = String::new();
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            head.push_str(&line);
            if line == "\r\n" {
                break;
            }
        }
        let length = head
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse::<usize>().ok())?
            })
            .unwrap_or(0);
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let json = serde_json::from_slice(&body).unwrap_or(Value::Null);
        let call = shared.calls.fetch_add(1, Ordering::SeqCst);
        let request = Request {
            head,
            body,
            json,
            call,
            at: Instant::now(),
        };
        shared.log.lock().unwrap().push(request.clone());
        let now = shared.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        shared.max_in_flight.fetch_max(now, Ordering::SeqCst);
        let reply = (shared.handler)(&request);
        // Counted out before the answer is written: the client cannot send
        // its next request before that, so no overlap is counted falsely.
        let result = match reply {
            Reply::Drop => {
                shared.in_flight.fetch_sub(1, Ordering::SeqCst);
                None
            }
            Reply::Respond {
                status,
                headers,
                body,
                delay,
            } => {
                thread::sleep(delay);
                shared.in_flight.fetch_sub(1, Ordering::SeqCst);
                let mut text = format!(
                    "HTTP/1.1 {status} Status\r\nContent-Length: {}\r\n",
                    body.len()
                );
                if !headers
                    .iter()
                    .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
                {
                    text.push_str("Content-Type: application/json\r\n");
                }
                for (k, v) in &headers {
                    text.push_str(&format!("{k}: {v}\r\n"));
                }
                text.push_str("\r\n");
                text.push_str(&body);
                // One write: no delayed-ACK stalls between head and body.
                stream.write_all(text.as_bytes()).ok().map(|()| status)
            }
        };
        match result {
            Some(status) => shared.answered.lock().unwrap().push((request, status)),
            None => {
                let _ = stream.shutdown(std::net::Shutdown::Both);
                return;
            }
        }
    }
}
