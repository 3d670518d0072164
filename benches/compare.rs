//! What wolkvox adds on top of the server, measured against curl and the
//! floor (requests × latency ÷ concurrency). Run with `cargo bench`.
//!
//! It starts its own loopback server that answers like the delete API after
//! a set latency, runs the release binary as a whole process, and prints one
//! table; the same figures go to `target/bench/compare.json`. Set
//! `BENCH_LATENCY_MS` (default 20) or `BENCH_RUNS` (a multiplier, default 1)
//! to change the run. Absolute times depend on the machine; the ratios,
//! measured in the same run, are what to compare.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_wolkvox");
const PATH: &str = "/server/API/v2/custom/delete.php";
const TOKEN: &str = "62656e63682d3230323630313031303030303030";

/// A delete-API look-alike: keep-alive, one write per answer, TCP_NODELAY.
struct Server {
    port: u16,
    requests: Arc<AtomicUsize>,
    latency_ms: Arc<AtomicU64>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(AtomicUsize::new(0));
        let latency_ms = Arc::new(AtomicU64::new(0));
        let (r, l) = (requests.clone(), latency_ms.clone());
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (r, l) = (r.clone(), l.clone());
                thread::spawn(move || serve(stream, &r, &l));
            }
        });
        Server {
            port,
            requests,
            latency_ms,
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn set_latency(&self, ms: u64) {
        self.latency_ms.store(ms, Ordering::SeqCst);
    }

    fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

fn serve(stream: TcpStream, requests: &AtomicUsize, latency_ms: &AtomicU64) {
    stream.set_nodelay(true).ok();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut stream = stream;
    let mut line = String::new();
    loop {
        let mut length = 0;
        loop {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            if line == "\r\n" {
                break;
            }
            if let Some((k, v)) = line.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                length = v.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        requests.fetch_add(1, Ordering::SeqCst);
        let ms = latency_ms.load(Ordering::SeqCst);
        if ms > 0 {
            thread::sleep(Duration::from_millis(ms));
        }
        let answer = r#"{"code":200,"error":null,"msg":"records deleted"}"#;
        let text = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{answer}",
            answer.len()
        );
        if stream.write_all(text.as_bytes()).is_err() {
            return;
        }
    }
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

fn wolkvox(server: &Server, extra: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_clear()
        .env("HOME", std::env::temp_dir())
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("wolkvox-bench-no-config"),
        )
        .args([
            "--server",
            &server.url(),
            "--token",
            TOKEN,
            "--operation",
            "bench",
            "-q",
        ])
        .args(["delete", "-m", "contacts"])
        .args(extra);
    cmd
}

fn curl(base: &str, id: &str) -> Command {
    let mut cmd = Command::new("curl");
    cmd.args(["-s", "-o", "/dev/null", "-X", "POST"])
        .args(["-H", &format!("Wolkvox-Token: {TOKEN}"), "-H", "Content-Type: application/json"])
        .args(["-d", &format!(r#"{{"operation":"bench","module":"contacts","multiple":false,"wolkvox-id":"{id}"}}"#)])
        .arg(format!("{base}{PATH}"));
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

fn row(table: &mut Vec<[String; 4]>, what: &str, value: String, goal: &str, ok: Option<bool>) {
    let verdict = match ok {
        Some(true) => format!("{goal} ✓"),
        Some(false) => format!("{goal} ✗"),
        None => goal.to_string(),
    };
    table.push([what.to_string(), value, verdict, String::new()]);
}

fn fmt(s: Stats) -> String {
    format!("{:.1} ms (min {:.1}, max {:.1})", s.median, s.min, s.max)
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
    let curl_ok = have_curl();
    let server = Server::start();
    let mut table: Vec<[String; 4]> = Vec::new();
    let mut figures = serde_json::Map::new();
    figures.insert("latency_ms".into(), json!(latency));
    figures.insert(
        "cores".into(),
        json!(
            thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(0)
        ),
    );

    // 1. One id against one curl POST.
    server.set_latency(latency);
    let n = runs(21);
    let tool: Vec<Sample> = (0..n)
        .map(|_| measure(wolkvox(&server, &["6074a1"]), None))
        .collect();
    let one = times(&tool);
    figures.insert(
        "one_id_ms".into(),
        json!({"median": one.median, "min": one.min, "max": one.max}),
    );
    row(&mut table, "1. one id: wolkvox", fmt(one), "", None);
    if curl_ok {
        let c: Vec<Sample> = (0..n)
            .map(|_| measure(curl(&server.url(), "6074a1"), None))
            .collect();
        let c = times(&c);
        let ratio = one.median / c.median;
        figures.insert(
            "one_id_curl_ms".into(),
            json!({"median": c.median, "min": c.min, "max": c.max}),
        );
        figures.insert("one_id_ratio".into(), json!(ratio));
        row(&mut table, "   one id: curl", fmt(c), "", None);
        row(
            &mut table,
            "   ratio wolkvox / curl",
            format!("{ratio:.2}"),
            "≤ 1.0",
            Some(ratio <= 1.0),
        );
    } else {
        row(
            &mut table,
            "   one id: curl",
            "skipped: curl not found".into(),
            "",
            None,
        );
    }

    // 2. 20,000 ids on stdin, batch 100, concurrency 2.
    let ids = 20_000;
    let input = id_input(ids);
    let before = server.requests();
    let n2 = runs(5);
    let bulk: Vec<Sample> = (0..n2)
        .map(|_| {
            measure(
                wolkvox(&server, &["--batch-size", "100", "--concurrency", "2"]),
                Some(input.clone()),
            )
        })
        .collect();
    let requests = (server.requests() - before) / n2;
    let bulk_t = times(&bulk);
    let floor = requests as f64 * latency as f64 / 2.0;
    let ratio = bulk_t.median / floor;
    figures.insert(
        "bulk_20000".into(),
        json!({"median_ms": bulk_t.median, "min_ms": bulk_t.min, "max_ms": bulk_t.max,
               "requests": requests, "floor_ms": floor, "ratio_to_floor": ratio}),
    );
    row(
        &mut table,
        "2. 20,000 ids, batch 100, conc. 2",
        fmt(bulk_t),
        "",
        None,
    );
    row(
        &mut table,
        "   requests sent",
        requests.to_string(),
        "200",
        Some(requests == 200),
    );
    row(
        &mut table,
        "   floor (requests × latency ÷ 2)",
        format!("{floor:.1} ms"),
        "",
        None,
    );
    row(
        &mut table,
        "   ratio to floor",
        format!("{ratio:.3}"),
        "≤ 1.05",
        Some(ratio <= 1.05),
    );

    // 3. The vendor's way: one curl per id, two at a time, on 500 ids.
    let per_id_tool = bulk_t.median / ids as f64;
    if curl_ok {
        let sample = 500;
        let n3 = runs(3);
        let walls: Vec<f64> = (0..n3)
            .map(|_| {
                let start = Instant::now();
                // Two workers each running curl after curl: `xargs -P2` without the shell quoting.
                let workers: Vec<_> = (0..2)
                    .map(|w| {
                        let url = server.url();
                        thread::spawn(move || {
                            for i in (w..sample).step_by(2) {
                                let mut cmd = curl(&url, &format!("6074{i:020x}"));
                                let status = cmd.stdout(Stdio::null()).status().unwrap();
                                assert!(status.success());
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
        figures.insert(
            "curl_per_id".into(),
            json!({"ids": sample, "median_ms": c.median, "min_ms": c.min, "max_ms": c.max,
                   "per_id_ms": per_id_curl, "wolkvox_per_id_ms": per_id_tool, "speedup": speedup}),
        );
        row(
            &mut table,
            "3. curl per id, 2 at a time (500)",
            fmt(c),
            "",
            None,
        );
        row(
            &mut table,
            "   per id: curl / wolkvox",
            format!("{per_id_curl:.3} ms / {per_id_tool:.4} ms"),
            "",
            None,
        );
        row(
            &mut table,
            "   wolkvox faster per id",
            format!("{speedup:.0}×"),
            "> 100×",
            Some(speedup > 100.0),
        );
    } else {
        row(
            &mut table,
            "3. curl per id",
            "skipped: curl not found".into(),
            "",
            None,
        );
    }

    // 4. Peak memory: one id, and 1,000,000 ids of 24 characters, batch 10000, fast server.
    let rss_one = tool.iter().map(|s| s.max_rss_kb).max().unwrap_or(0) as f64 / 1024.0;
    server.set_latency(0);
    let million = id_input(1_000_000);
    let n4 = runs(3);
    let big: Vec<Sample> = (0..n4)
        .map(|_| {
            measure(
                wolkvox(&server, &["--batch-size", "10000"]),
                Some(million.clone()),
            )
        })
        .collect();
    let rss_big = big.iter().map(|s| s.max_rss_kb).max().unwrap_or(0) as f64 / 1024.0;
    let big_t = times(&big);
    figures.insert(
        "max_rss_mb".into(),
        json!({"one_id": rss_one, "million_ids": rss_big, "million_ids_wall_ms": big_t.median}),
    );
    row(
        &mut table,
        "4. peak memory, one id",
        format!("{rss_one:.1} MB"),
        "≤ 6 MB",
        Some(rss_one <= 6.0),
    );
    row(
        &mut table,
        "   peak memory, 1,000,000 ids",
        format!("{rss_big:.1} MB (in {:.0} ms)", big_t.median),
        "≤ 60 MB",
        Some(rss_big <= 60.0),
    );

    // 5. Start-up: --version against curl --version.
    let n5 = runs(31);
    let version = |program: &str| {
        let samples: Vec<Sample> = (0..n5)
            .map(|_| {
                let mut cmd = Command::new(program);
                cmd.arg("--version");
                measure(cmd, None)
            })
            .collect();
        times(&samples)
    };
    let v_tool = version(BIN);
    figures.insert(
        "version_ms".into(),
        json!({"median": v_tool.median, "min": v_tool.min, "max": v_tool.max}),
    );
    row(
        &mut table,
        "5. start-up: wolkvox --version",
        fmt(v_tool),
        "",
        None,
    );
    if curl_ok {
        let v_curl = version("curl");
        let ratio = v_tool.median / v_curl.median;
        figures.insert(
            "version_curl_ms".into(),
            json!({"median": v_curl.median, "min": v_curl.min, "max": v_curl.max}),
        );
        figures.insert("version_ratio".into(), json!(ratio));
        row(
            &mut table,
            "   start-up: curl --version",
            fmt(v_curl),
            "",
            None,
        );
        row(
            &mut table,
            "   ratio wolkvox / curl",
            format!("{ratio:.2}"),
            "≤ 0.5",
            Some(ratio <= 0.5),
        );
    }

    print_table(&table, latency);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("compare.json");
    std::fs::write(
        &path,
        serde_json::to_string_pretty(&Value::Object(figures)).unwrap(),
    )
    .unwrap();
    println!("\nfigures written to {}", path.display());
}

fn print_table(table: &[[String; 4]], latency: u64) {
    println!("\nwolkvox against curl and the floor; server latency {latency} ms, loopback\n");
    let w0 = table
        .iter()
        .map(|r| r[0].chars().count())
        .max()
        .unwrap_or(0);
    let w1 = table
        .iter()
        .map(|r| r[1].chars().count())
        .max()
        .unwrap_or(0);
    println!("| {:w0$} | {:w1$} | goal |", "measure", "result");
    println!("|{}|{}|------|", "-".repeat(w0 + 2), "-".repeat(w1 + 2));
    for r in table {
        println!("| {:w0$} | {:w1$} | {} |", r[0], r[1], r[2]);
    }
}
