//! A loopback HTTP/1.1 server that answers like the delete API, or
//! misbehaves on purpose. Shared by the integration tests and the benchmark
//! (`benches/compare.rs` includes this file).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

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
    /// A 200 whose body is this many bytes, or never ends (chunked) when
    /// `None`; written until the client goes away.
    Huge(Option<usize>),
    /// These bytes as the whole answer, head and body.
    Raw(Vec<u8>),
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
            other => other,
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
            other => other,
        }
    }
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

/// A loopback HTTP/1.1 server with keep-alive, over plain TCP or TLS, whose
/// every answer is chosen by a closure, and which records what it received
/// and how many requests were in flight at once.
pub struct FaultServer {
    pub port: u16,
    tls: bool,
    shared: Arc<Shared>,
    log: Arc<Mutex<Vec<Request>>>,
    answered: Arc<Mutex<Vec<(Request, u16)>>>,
    max_in_flight: Arc<AtomicUsize>,
    connections: Arc<AtomicUsize>,
}

struct Shared {
    handler: Box<Handler>,
    /// Whether requests are kept for the test to look at (the benchmark
    /// turns this off: a million ids in memory would skew its figures).
    keep: AtomicBool,
    log: Arc<Mutex<Vec<Request>>>,
    answered: Arc<Mutex<Vec<(Request, u16)>>>,
    calls: AtomicUsize,
    in_flight: AtomicUsize,
    max_in_flight: Arc<AtomicUsize>,
}

impl FaultServer {
    /// Plain http on 127.0.0.1.
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> FaultServer {
        Self::listen(None, Box::new(handler))
    }

    /// https on 127.0.0.1, reached as `https://localhost:PORT`, with the
    /// certificate and key of `tls`.
    pub fn start_tls(
        tls: Arc<rustls::ServerConfig>,
        handler: impl Fn(&Request) -> Reply + Send + Sync + 'static,
    ) -> FaultServer {
        Self::listen(Some(tls), Box::new(handler))
    }

    fn listen(tls: Option<Arc<rustls::ServerConfig>>, handler: Box<Handler>) -> FaultServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Shared {
            handler,
            keep: AtomicBool::new(true),
            log: Arc::default(),
            answered: Arc::default(),
            calls: AtomicUsize::new(0),
            in_flight: AtomicUsize::new(0),
            max_in_flight: Arc::default(),
        });
        let server = FaultServer {
            port,
            tls: tls.is_some(),
            shared: shared.clone(),
            log: shared.log.clone(),
            answered: shared.answered.clone(),
            max_in_flight: shared.max_in_flight.clone(),
            connections: Arc::default(),
        };
        let accepted = server.connections.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                accepted.fetch_add(1, Ordering::SeqCst);
                stream.set_nodelay(true).ok();
                let (shared, tls) = (shared.clone(), tls.clone());
                thread::spawn(move || match tls {
                    None => serve(stream, &shared),
                    Some(config) => {
                        let Ok(session) = rustls::ServerConnection::new(config) else {
                            return;
                        };
                        serve(rustls::StreamOwned::new(session, stream), &shared)
                    }
                });
            }
        });
        server
    }

    pub fn url(&self) -> String {
        if self.tls {
            format!("https://localhost:{}", self.port)
        } else {
            format!("http://127.0.0.1:{}", self.port)
        }
    }

    pub fn requests(&self) -> Vec<Request> {
        self.log.lock().unwrap().clone()
    }

    /// How many requests arrived so far.
    pub fn request_count(&self) -> usize {
        self.shared.calls.load(Ordering::SeqCst)
    }

    /// Stops keeping requests (and their bodies): only counts remain. The
    /// benchmark needs it: a child's peak memory counts the parent's pages
    /// until exec, so a server holding a million ids would inflate it.
    #[allow(dead_code)] // used by benches/compare.rs only
    pub fn forget_requests(&self) {
        self.shared.keep.store(false, Ordering::SeqCst);
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
        while self.request_count() < n {
            assert!(
                Instant::now() < end,
                "the server did not see {n} requests in {limit:?}"
            );
            thread::sleep(Duration::from_millis(10));
        }
    }
}

/// Reads requests off one connection and answers each as the handler says.
fn serve<S: Read + Write>(stream: S, shared: &Shared) {
    let mut reader = BufReader::new(stream);
    while let Some(request) = read_request(&mut reader, shared) {
        let keep = shared.keep.load(Ordering::SeqCst);
        if keep {
            shared.log.lock().unwrap().push(request.clone());
        }
        let now = shared.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        shared.max_in_flight.fetch_max(now, Ordering::SeqCst);
        let reply = (shared.handler)(&request);
        let stream = reader.get_mut();
        let status = match reply {
            Reply::Drop => {
                shared.in_flight.fetch_sub(1, Ordering::SeqCst);
                return;
            }
            Reply::Respond {
                status,
                headers,
                body,
                delay,
            } => {
                thread::sleep(delay);
                // Counted out before the answer is written: the client cannot
                // send its next request before that, so no overlap is
                // counted falsely.
                shared.in_flight.fetch_sub(1, Ordering::SeqCst);
                // One write: no delayed-ACK stalls between head and body.
                let text = response(status, &headers, &body);
                if stream
                    .write_all(text.as_bytes())
                    .and_then(|()| stream.flush())
                    .is_err()
                {
                    return;
                }
                status
            }
            Reply::Huge(size) => {
                shared.in_flight.fetch_sub(1, Ordering::SeqCst);
                flood(stream, size);
                return;
            }
            Reply::Raw(bytes) => {
                shared.in_flight.fetch_sub(1, Ordering::SeqCst);
                let _ = stream.write_all(&bytes).and_then(|()| stream.flush());
                return;
            }
        };
        if keep {
            shared.answered.lock().unwrap().push((request, status));
        }
    }
}

/// A huge or endless answer, written until the client stops reading.
fn flood(stream: &mut impl Write, size: Option<usize>) {
    let chunk = vec![b'7'; 1 << 16];
    let head = match size {
        Some(n) => format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {n}\r\n\r\n"),
        None => "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".into(),
    };
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    let mut left = size.unwrap_or(usize::MAX);
    while left > 0 {
        let n = left.min(chunk.len());
        let written = match size {
            Some(_) => stream.write_all(&chunk[..n]),
            None => write!(stream, "{n:x}\r\n")
                .and_then(|()| stream.write_all(&chunk[..n]))
                .and_then(|()| stream.write_all(b"\r\n")),
        };
        if written.is_err() {
            return;
        }
        left -= n;
    }
}

fn read_request(reader: &mut impl BufRead, shared: &Shared) -> Option<Request> {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
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
    reader.read_exact(&mut body).ok()?;
    let json = if shared.keep.load(Ordering::SeqCst) {
        serde_json::from_slice(&body).unwrap_or(Value::Null)
    } else {
        Value::Null
    };
    Some(Request {
        head,
        body,
        json,
        call: shared.calls.fetch_add(1, Ordering::SeqCst),
        at: Instant::now(),
    })
}

fn response(status: u16, headers: &[(String, String)], body: &str) -> String {
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
    for (k, v) in headers {
        text.push_str(&format!("{k}: {v}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(body);
    text
}
