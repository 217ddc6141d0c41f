//! `--only emulator`: requests per second the emulator binary answers for a describe call,
//! API 2.0 (`DescribeScalingGroup`, a signed POST form) and API 3.0
//! (`DescribeAutoScalingGroups`, a TC3-signed POST), one client and 64 at once, each request on
//! a fresh connection or on kept-alive ones; for one binary or several side by side (`--emulator
//! LABEL=PATH`, repeatable: a build of an earlier commit against this one).
//!
//! Each binary runs as its own process on the demo state with a frozen clock. Every request is
//! signed as it is sent (with a fresh nonce), by the SDK's own signing code; an answer that is
//! not a success counts as an error, shown in the table. The binaries take turns in the order
//! A B B A (each turn half the time), so the machine's drift over the run falls on both alike.

use crate::Figure;
use qcloud_as::operation::describe_scaling_group::DescribeScalingGroupRequest;
use qcloud_as::protocol::v3::sign;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The demo state's credential, which the binaries start with.
const SECRET_ID: &str = qcloud_as_emulator::DEMO_SECRET_ID;
const SECRET_KEY: &str = qcloud_as_emulator::DEMO_SECRET_KEY;

/// A running emulator binary; killed when dropped.
struct Running {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    endpoint: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `path` on a free loopback port and reads the address it prints.
fn start(path: &str) -> Result<Running, String> {
    use std::io::BufRead;
    let mut child = Command::new(path)
        .args(["--listen", "127.0.0.1:0", "--clock", "frozen"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {path}: {e}"))?;
    let Some(stdout) = child.stdout.take() else {
        let _ = child.kill();
        return Err(format!("{path}: no stdout"));
    };
    let mut line = String::new();
    let read = std::io::BufReader::new(stdout).read_line(&mut line);
    let endpoint = line.trim().strip_prefix("listening on ").map(str::to_owned);
    match (read, endpoint) {
        (Ok(_), Some(endpoint)) => Ok(Running { child, endpoint }),
        (read, _) => {
            let _ = child.kill();
            let _ = child.wait();
            Err(format!(
                "{path} did not say where it listens ({read:?}: {line:?})"
            ))
        }
    }
}

/// Which protocol a cell measures.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Version {
    V2,
    V3,
}

/// One measurement's settings.
#[derive(Clone, Copy)]
struct Cell {
    version: Version,
    clients: usize,
    keep_alive: bool,
}

impl Cell {
    fn name(&self) -> String {
        format!(
            "{} {:>2} client{} {}",
            match self.version {
                Version::V2 => "API 2.0",
                Version::V3 => "API 3.0",
            },
            self.clients,
            if self.clients == 1 { " " } else { "s" },
            if self.keep_alive {
                "keep-alive"
            } else {
                "fresh conn"
            }
        )
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Sends one describe call; whether it was answered with a success.
async fn call(
    http: &reqwest::Client,
    signer: &qcloud_as::Client,
    endpoint: &str,
    cell: Cell,
    nonce: u64,
) -> bool {
    let now = unix_now();
    let mut request = match cell.version {
        Version::V2 => {
            let Ok(params) = signer.signed_params(&DescribeScalingGroupRequest::new(), now, nonce)
            else {
                return false;
            };
            let body = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(params.iter())
                .finish();
            http.post(format!("{endpoint}/v2/index.php"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
        }
        Version::V3 => {
            let body = b"{}";
            let host = endpoint.trim_start_matches("http://");
            let headers = [("content-type", "application/json"), ("host", host)];
            let canonical =
                sign::canonical_request("POST", "", &headers, &sign::hashed_payload(body));
            let date = sign::utc_date(now);
            let scope = sign::credential_scope(&date, "as");
            let to_sign = sign::string_to_sign(now, &scope, &canonical);
            let signature = sign::signature(&sign::signing_key(SECRET_KEY, &date, "as"), &to_sign);
            let authorization = sign::authorization(
                SECRET_ID,
                &scope,
                &sign::signed_headers(&headers),
                &signature,
            );
            http.post(format!("{endpoint}/"))
                .header("content-type", "application/json")
                .header("authorization", authorization)
                .header("x-tc-action", "DescribeAutoScalingGroups")
                .header("x-tc-version", "2018-04-19")
                .header("x-tc-region", "ap-guangzhou")
                .header("x-tc-timestamp", now.to_string())
                .body(&body[..])
        }
    };
    if !cell.keep_alive {
        request = request.header("connection", "close");
    }
    let Ok(response) = request.send().await else {
        return false;
    };
    let ok = response.status().is_success();
    let Ok(bytes) = response.bytes().await else {
        return false;
    };
    // A success has no error: API 2.0 `"code":0`, API 3.0 no `"Error"`.
    ok && match cell.version {
        Version::V2 => bytes.starts_with(b"{\"code\":0"),
        Version::V3 => !bytes.windows(8).any(|w| w == b"\"Error\":"),
    }
}

/// Calls and errors of `cell` against `endpoint` for `time`.
async fn measure(endpoint: &str, cell: Cell, time: Duration) -> Result<(u64, u64), String> {
    let mut builder = crate::raw_http()?;
    if !cell.keep_alive {
        builder = builder.pool_max_idle_per_host(0);
    }
    let http = builder.build().map_err(|e| e.to_string())?;
    let signer = crate::client(
        qcloud_as::Config::builder()
            .region("gz")
            .endpoint(endpoint)
            .credentials(qcloud_as::Credentials::new(SECRET_ID, SECRET_KEY))
            .http_method(qcloud_as::HttpMethod::Post),
    )?;
    let done = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    static NONCE: AtomicU64 = AtomicU64::new(1);
    let until = Instant::now() + time;
    let mut tasks = Vec::new();
    for _ in 0..cell.clients {
        let (http, signer, endpoint) = (http.clone(), signer.clone(), endpoint.to_owned());
        let (done, errors) = (done.clone(), errors.clone());
        tasks.push(tokio::spawn(async move {
            while Instant::now() < until {
                let nonce = NONCE.fetch_add(1, Ordering::Relaxed);
                if call(&http, &signer, &endpoint, cell, nonce).await {
                    done.fetch_add(1, Ordering::Relaxed);
                } else {
                    errors.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    for task in tasks {
        task.await.map_err(|e| e.to_string())?;
    }
    Ok((done.load(Ordering::Relaxed), errors.load(Ordering::Relaxed)))
}

/// Parses `LABEL=PATH`.
fn labelled(text: &str) -> (String, String) {
    match text.split_once('=') {
        Some((label, path)) => (label.to_owned(), path.to_owned()),
        None => (text.to_owned(), text.to_owned()),
    }
}

pub(crate) async fn emulator(binaries: &[String], quick: bool) -> Result<Vec<Figure>, String> {
    if binaries.is_empty() {
        return Err(
            "--only emulator needs at least one --emulator LABEL=PATH (cargo xtask bench --only \
             emulator builds this workspace's and passes it)"
                .to_owned(),
        );
    }
    let binaries: Vec<(String, String)> = binaries.iter().map(|b| labelled(b)).collect();
    let running: Vec<Running> = binaries
        .iter()
        .map(|(_, path)| start(path))
        .collect::<Result<_, _>>()?;
    let turn = Duration::from_millis(if quick { 500 } else { 2_000 });
    let mut cells = Vec::new();
    for version in [Version::V2, Version::V3] {
        for clients in [1, 64] {
            for keep_alive in [false, true] {
                cells.push(Cell {
                    version,
                    clients,
                    keep_alive,
                });
            }
        }
    }
    // Warm each up.
    for binary in &running {
        for cell in &cells {
            measure(&binary.endpoint, *cell, Duration::from_millis(100)).await?;
        }
    }
    let mut figures = Vec::new();
    println!(
        "requests per second, {} s per binary and cell (in turns A B B A):",
        2.0 * turn.as_secs_f64()
    );
    print!("{:<32}", "cell");
    for (label, _) in &binaries {
        print!(" {label:>12} {:>7}", "errors");
    }
    println!();
    for cell in &cells {
        let mut totals = vec![(0u64, 0u64); running.len()];
        let order: Vec<usize> = (0..running.len()).chain((0..running.len()).rev()).collect();
        for i in order {
            let (done, errors) = measure(&running[i].endpoint, *cell, turn).await?;
            totals[i].0 += done;
            totals[i].1 += errors;
        }
        print!("{:<32}", cell.name());
        for (i, (done, errors)) in totals.iter().enumerate() {
            let rate = *done as f64 / (2.0 * turn.as_secs_f64());
            print!(" {rate:>12.0} {errors:>7}");
            figures.push(Figure {
                name: "emulator_rps",
                value: rate,
                target: None,
                detail: format!("{} {}: {errors} errors", binaries[i].0, cell.name()),
            });
        }
        println!();
    }
    Ok(figures)
}
