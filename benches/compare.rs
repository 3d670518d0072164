//! What wolkvox adds on top of the server, measured against curl and the
//! floor (requests × latency ÷ concurrency). Run with `cargo bench`.
//!
//! It starts its own loopback server that answers like the delete API after
//! a set latency, runs the release binary as a whole process, and prints one
//! table; the same figures go to `target/bench/compare.json`. Set
//! `BENCH_LATENCY_MS` (default 20) or `BENCH_RUNS` (a multiplier, default 1)
//! to change the run. Absolute times depend on the machine; the ratios,
//! measured in the same run, are what to compare.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

// The integration tests' own servers: a benchmark of the same wire.
#[allow(dead_code)]
#[path = "../tests/common/server.rs"]
mod server;
#[allow(dead_code)]
#[path = "../tests/common/tls.rs"]
mod tls;

use server::{API_PATH, FaultServer, Reply};

const BIN: &str = env!("CARGO_BIN_EXE_wolkvox");
const TOKEN: &str = "62656e63682d3230323630313031303030303030";

/// A delete-API look-alike answering every request after `latency` ms.
fn start(latency: &Arc<AtomicU64>, tls: Option<&tls::TestCa>) -> FaultServer {
    let latency = latency.clone();
    let answer = move |_: &server::Request| {
        let ms = latency.load(Ordering::SeqCst);
        Reply::json(200, r#"{"code":200,"error":null,"msg":"records deleted"}"#)
            .delayed(Duration::from_millis(ms))
    };
    let server = match tls {
        Some(ca) => FaultServer::start_tls(ca.server.clone(), answer),
        None => FaultServer::start(answer),
    };
    server.forget_requests();
    server
}

/// Wall time and peak memory of one process run to its end.
struct Sample {
    wall: Duration,
    max_rss_kb: i64,
}

/// Runs `cmd` with `input` on stdin (fed from another thread), waiting with
/// wait4 so the child's own peak RSS is known.
#[allow(clippy::zombie_processes)] // reaped by wait4, which clippy cannot see
fn measure(mut cmd: Command, input: Option<Arc<Vec<u8>>>) -> Sample {
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    cmd.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let start = Instant::now();
    let mut child = cmd.spawn().expect("spawn");
    let feeder = input.map(|bytes| {
        let mut stdin = child.stdin.take().unwrap();
        thread::spawn(move || {
            let _ = stdin.write_all(&bytes);
        })
    });
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, not yet waited for; status and usage are valid out-pointers.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    assert_eq!(waited, pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} failed with status {status}"
    );
    if let Some(f) = feeder {
        f.join().unwrap();
    }
    Sample {
        wall,
        max_rss_kb: usage.ru_maxrss,
    }
}

/// Median, min and max of some durations, in milliseconds.
#[derive(Clone, Copy)]
struct Stats {
    median: f64,
    min: f64,
    max: f64,
}

fn stats(mut ms: Vec<f64>) -> Stats {
    ms.sort_by(f64::total_cmp);
    Stats {
        median: ms[ms.len() / 2],
        min: ms[0],
        max: ms[ms.len() - 1],
    }
}

fn times(samples: &[Sample]) -> Stats {
    stats(
        samples
            .iter()
            .map(|s| s.wall.as_secs_f64() * 1000.0)
            .collect(),
    )
}

fn runs(n: usize) -> usize {
    let scale: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    (n * scale.max(1)) | 1
}

/// wolkvox deleting from `server` with an empty environment; `env` adds
/// variables (SSL_CERT_FILE for https).
fn wolkvox(server: &FaultServer, env: &[(&str, &Path)], extra: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    let home = std::env::temp_dir();
    cmd.env_clear()
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("wolkvox-bench-no-config"))
        .envs(env.iter().copied())
        .args(["--server", &server.url(), "--token", TOKEN])
        .args([
            "--operation",
            "bench",
            "-q",
            "delete",
            "--yes",
            "-m",
            "contacts",
        ])
        .args(extra);
    cmd
}

/// One curl POST of one id, as the vendor's example does it; `cacert`
/// trusts the test CA for https.
fn curl(url: &str, id: &str, cacert: Option<&Path>) -> Command {
    let mut cmd = Command::new("curl");
    cmd.args(["-s", "-o", "/dev/null", "-X", "POST"])
        .args(["-H", &format!("Wolkvox-Token: {TOKEN}"), "-H", "Content-Type: application/json"])
        .args(["-d", &format!(r#"{{"operation":"bench","module":"contacts","multiple":false,"wolkvox-id":"{id}"}}"#)])
        .arg(format!("{url}{API_PATH}"));
    if let Some(path) = cacert {
        cmd.arg("--cacert").arg(path);
    }
    cmd
}

/// Ids of 24 characters, like the CRM's own, one per line.
fn id_input(n: usize) -> Arc<Vec<u8>> {
    let mut text = Vec::with_capacity(n * 25);
    for i in 0..n {
        writeln!(text, "6074{i:020x}").unwrap();
    }
    Arc::new(text)
}

fn have_curl() -> bool {
    Command::new("curl")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn fmt(s: Stats) -> String {
    format!("{:.1} ms (min {:.1}, max {:.1})", s.median, s.min, s.max)
}

fn peak_mb(samples: &[Sample]) -> f64 {
    samples.iter().map(|s| s.max_rss_kb).max().unwrap_or(0) as f64 / 1024.0
}

/// The table and the figures as they are gathered.
struct Report {
    table: Vec<[String; 3]>,
    figures: serde_json::Map<String, Value>,
}

impl Report {
    fn row(&mut self, what: &str, value: String, goal: &str, ok: Option<bool>) {
        let verdict = match ok {
            Some(true) => format!("{goal} ✓"),
            Some(false) => format!("{goal} ✗"),
            None => goal.to_string(),
        };
        self.table.push([what.to_string(), value, verdict]);
    }

    fn figure(&mut self, key: &str, value: Value) {
        self.figures.insert(key.into(), value);
    }

    fn times(&mut self, key: &str, s: Stats) {
        self.figure(key, json!({"median": s.median, "min": s.min, "max": s.max}));
    }

    fn skipped(&mut self, what: &str) {
        self.row(what, "skipped: curl not found".into(), "", None);
    }
}

/// The servers every row uses: plain http and https with a private CA.
struct Setup {
    latency: Arc<AtomicU64>,
    http: FaultServer,
    https: FaultServer,
    bundle: std::path::PathBuf,
    curl: bool,
}

/// Row 1: One id against one curl POST, over http and over https.
fn one_id(r: &mut Report, s: &Setup) -> (Vec<Sample>, Vec<Sample>) {
    let n = runs(21);
    let env = [("SSL_CERT_FILE", s.bundle.as_path())];
    let mut samples = Vec::new();
    for (label, server, env, cacert) in [
        ("http", &s.http, &env[..0], None),
        ("https", &s.https, &env[..], Some(s.bundle.as_path())),
    ] {
        let tool: Vec<Sample> = (0..n)
            .map(|_| measure(wolkvox(server, env, &["6074a1"]), None))
            .collect();
        let one = times(&tool);
        r.times(&format!("one_id_{label}_ms"), one);
        r.row(&format!("1. one id, {label}: wolkvox"), fmt(one), "", None);
        samples.push(tool);
        if !s.curl {
            r.skipped(&format!("   one id, {label}: curl"));
            continue;
        }
        let c: Vec<Sample> = (0..n)
            .map(|_| measure(curl(&server.url(), "6074a1", cacert), None))
            .collect();
        let c = times(&c);
        let ratio = one.median / c.median;
        r.times(&format!("one_id_{label}_curl_ms"), c);
        r.figure(&format!("one_id_{label}_ratio"), json!(ratio));
        r.row(&format!("   one id, {label}: curl"), fmt(c), "", None);
        r.row(
            "   ratio wolkvox / curl",
            format!("{ratio:.2}"),
            "≤ 1.0",
            Some(ratio <= 1.0),
        );
    }
    let https = samples.pop().unwrap();
    (samples.pop().unwrap(), https)
}

/// Row 2: 20,000 ids on stdin, batch 100, concurrency 2, against the floor.
fn bulk(r: &mut Report, s: &Setup, latency: u64) -> f64 {
    let ids = 20_000;
    let input = id_input(ids);
    let before = s.http.request_count();
    let n = runs(5);
    let samples: Vec<Sample> = (0..n)
        .map(|_| {
            let args = ["--batch-size", "100", "--concurrency", "2"];
            measure(wolkvox(&s.http, &[], &args), Some(input.clone()))
        })
        .collect();
    let requests = (s.http.request_count() - before) / n;
    let t = times(&samples);
    let floor = requests as f64 * latency as f64 / 2.0;
    let ratio = t.median / floor;
    r.figure(
        "bulk_20000",
        json!({"median_ms": t.median, "min_ms": t.min, "max_ms": t.max,
               "requests": requests, "floor_ms": floor, "ratio_to_floor": ratio}),
    );
    r.row("2. 20,000 ids, batch 100, conc. 2", fmt(t), "", None);
    r.row(
        "   requests sent",
        requests.to_string(),
        "200",
        Some(requests == 200),
    );
    r.row(
        "   floor (requests × latency ÷ 2)",
        format!("{floor:.1} ms"),
        "",
        None,
    );
    r.row(
        "   ratio to floor",
        format!("{ratio:.3}"),
        "≤ 1.05",
        Some(ratio <= 1.05),
    );
    t.median / ids as f64
}

/// Row 3: The vendor's way: one curl per id, two at a time, on 500 ids.
fn curl_per_id(r: &mut Report, s: &Setup, per_id_tool: f64) {
    if !s.curl {
        return r.skipped("3. curl per id");
    }
    let sample = 500;
    let walls: Vec<f64> = (0..runs(3))
        .map(|_| {
            let start = Instant::now();
            // Two workers each running curl after curl: `xargs -P2` without the shell quoting.
            let workers: Vec<_> = (0..2)
                .map(|w| {
                    let url = s.http.url();
                    thread::spawn(move || {
                        for i in (w..sample).step_by(2) {
                            let mut cmd = curl(&url, &format!("6074{i:020x}"), None);
                            assert!(cmd.stdout(Stdio::null()).status().unwrap().success());
                        }
                    })
                })
                .collect();
            workers.into_iter().for_each(|w| w.join().unwrap());
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    let c = stats(walls);
    let per_id_curl = c.median / sample as f64;
    let speedup = per_id_curl / per_id_tool;
    r.figure(
        "curl_per_id",
        json!({"ids": sample, "median_ms": c.median, "min_ms": c.min, "max_ms": c.max,
               "per_id_ms": per_id_curl, "wolkvox_per_id_ms": per_id_tool, "speedup": speedup}),
    );
    r.row("3. curl per id, 2 at a time (500)", fmt(c), "", None);
    let per_id = format!("{per_id_curl:.3} ms / {per_id_tool:.4} ms");
    r.row("   per id: curl / wolkvox", per_id, "", None);
    r.row(
        "   wolkvox faster per id",
        format!("{speedup:.0}×"),
        "> 100×",
        Some(speedup > 100.0),
    );
}

/// Row 4, peak memory: one id (http, https), and 1,000,000 ids of 24
/// characters at batch 10000 against a server with no latency.
fn memory(r: &mut Report, s: &Setup, one_http: &[Sample], one_https: &[Sample]) {
    let (http, https) = (peak_mb(one_http), peak_mb(one_https));
    s.latency.store(0, Ordering::SeqCst);
    let million = id_input(1_000_000);
    let big: Vec<Sample> = (0..runs(3))
        .map(|_| {
            measure(
                wolkvox(&s.http, &[], &["--batch-size", "10000"]),
                Some(million.clone()),
            )
        })
        .collect();
    let (rss_big, big_t) = (peak_mb(&big), times(&big));
    r.figure(
        "max_rss_mb",
        json!({"one_id_http": http, "one_id_https": https, "million_ids": rss_big,
               "million_ids_wall_ms": big_t.median}),
    );
    r.row(
        "4. peak memory, one id, http",
        format!("{http:.1} MB"),
        "≤ 6 MB",
        Some(http <= 6.0),
    );
    r.row(
        "   peak memory, one id, https",
        format!("{https:.1} MB"),
        "≤ 6 MB",
        Some(https <= 6.0),
    );
    let big_text = format!("{rss_big:.1} MB (in {:.0} ms)", big_t.median);
    r.row(
        "   peak memory, 1,000,000 ids",
        big_text,
        "≤ 60 MB",
        Some(rss_big <= 60.0),
    );
}

/// Row 5: Start-up: --version against curl --version.
fn startup(r: &mut Report, curl_ok: bool) {
    let n = runs(31);
    let version = |program: &str| {
        let samples: Vec<Sample> = (0..n)
            .map(|_| {
                let mut cmd = Command::new(program);
                cmd.arg("--version");
                measure(cmd, None)
            })
            .collect();
        times(&samples)
    };
    let tool = version(BIN);
    r.times("version_ms", tool);
    r.row("5. start-up: wolkvox --version", fmt(tool), "", None);
    if !curl_ok {
        return;
    }
    let c = version("curl");
    let ratio = tool.median / c.median;
    r.times("version_curl_ms", c);
    r.figure("version_ratio", json!(ratio));
    r.row("   start-up: curl --version", fmt(c), "", None);
    r.row(
        "   ratio wolkvox / curl",
        format!("{ratio:.2}"),
        "≤ 0.5",
        Some(ratio <= 0.5),
    );
}

fn main() {
    // `cargo bench` passes --bench; a filter argument or `cargo test --benches` passes other things.
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let latency: u64 = std::env::var("BENCH_LATENCY_MS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let shared_latency = Arc::new(AtomicU64::new(latency));
    let ca = tls::TestCa::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench");
    std::fs::create_dir_all(&dir).unwrap();
    let setup = Setup {
        http: start(&shared_latency, None),
        https: start(&shared_latency, Some(&ca)),
        bundle: ca.bundle(&dir),
        latency: shared_latency,
        curl: have_curl(),
    };
    let mut r = Report {
        table: Vec::new(),
        figures: serde_json::Map::new(),
    };
    let cores = thread::available_parallelism().map_or(0, |n| n.get());
    r.figure("latency_ms", json!(latency));
    r.figure("cores", json!(cores));

    let (one_http, one_https) = one_id(&mut r, &setup);
    let per_id = bulk(&mut r, &setup, latency);
    curl_per_id(&mut r, &setup, per_id);
    memory(&mut r, &setup, &one_http, &one_https);
    startup(&mut r, setup.curl);

    print_table(&r.table, latency);
    let path = dir.join("compare.json");
    let text = serde_json::to_string_pretty(&Value::Object(r.figures)).unwrap();
    std::fs::write(&path, text).unwrap();
    println!("\nfigures written to {}", path.display());
}

fn print_table(table: &[[String; 3]], latency: u64) {
    println!("\nwolkvox against curl and the floor; server latency {latency} ms, loopback\n");
    let width = |i: usize| {
        table
            .iter()
            .map(|r| r[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let (w0, w1) = (width(0), width(1));
    println!("| {:w0$} | {:w1$} | goal |", "measure", "result");
    println!("|{}|{}|------|", "-".repeat(w0 + 2), "-".repeat(w1 + 2));
    for r in table {
        println!("| {:w0$} | {:w1$} | {} |", r[0], r[1], r[2]);
    }
}
