//! The benchmarks of `cargo xtask bench`. Each figure is a ratio against a baseline measured in
//! the same run, so it says how the SDK compares with doing the same by hand, not how fast
//! this machine is:
//!
//! - `sign_vs_raw_hmac`: the string to sign, the HMAC and base64 for DetachInstance with two
//!   ids (by a `Signer`, which keeps its buffer from one request to the next), against the raw
//!   HMAC-SHA1 of the same string; the detail also gives `string_to_sign` + `sign`;
//! - `request_build_vs_raw_hmac`: the whole request as sent (common parameters, flattening,
//!   signing, URL encoding), against the same raw HMAC;
//! - `e2e_vs_raw_reqwest` (sequential, and with 64 calls in flight): DetachInstance through the
//!   SDK against the embedded emulator, against a raw reqwest client sending requests signed
//!   beforehand to the same server. The two take turns call by call (one at a time) or wave
//!   by wave (64 in flight), and the figure is the ratio of the medians: timing 2,000 calls of
//!   one and then 2,000 of the other let the machine's drift on a small VM fall on one side
//!   (those batch ratios moved between 1.03 and 1.20 from run to run);
//! - `codegen_doubling`: generating twice the specs against generating them once (with the
//!   time of one generation in `codegen_ms`).
//!
//! Signing times are medians of batches. Usage: `qcloud-as-bench [--json PATH] [--quick] [--only PART]`,
//! where `PART` is `signing`, `e2e` or `codegen` (all three without `--only`).

use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use qcloud_as::operation::detach_instance::DetachInstanceRequest;
use qcloud_as::signing::{sign, string_to_sign, SignatureMethod, Signer};
use qcloud_as::{Client, Config, Credentials, RetryConfig};
use qcloud_as_emulator::{Emulator, State};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

const SECRET_ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA";
const SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA";

/// One figure of the summary.
struct Figure {
    name: &'static str,
    value: f64,
    target: Option<f64>,
    detail: String,
}

/// The median time of one run of `f`, from `batches` batches of `per_batch` runs.
fn median_time(batches: usize, per_batch: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..batches)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per_batch {
                f();
            }
            start.elapsed() / u32::try_from(per_batch).unwrap_or(u32::MAX)
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn ns(d: Duration) -> f64 {
    d.as_secs_f64() * 1e9
}

fn client(config: qcloud_as::ConfigBuilder) -> Result<Client, String> {
    config
        .build()
        .map_err(|e| e.to_string())
        .and_then(|c| Client::new(c).map_err(|e| e.to_string()))
}

/// The baseline: HMAC-SHA1 of a message, as one would call it by hand. Kept out of line, as the
/// SDK's own call is, so that neither gains from being inlined into the loop that times it.
#[inline(never)]
fn raw_hmac_sha1(key: &[u8], message: &[u8]) -> Option<[u8; 20]> {
    let mut mac = <Hmac<sha1::Sha1> as KeyInit>::new_from_slice(key).ok()?;
    mac.update(message);
    Some(mac.finalize().into_bytes().into())
}

fn signing(quick: bool) -> Result<Vec<Figure>, String> {
    let (batches, per) = if quick { (11, 2_000) } else { (41, 5_000) };
    let client = client(
        Config::builder()
            .region("gz")
            .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
            .signature_method(SignatureMethod::HmacSha1),
    )?;
    let request = DetachInstanceRequest::new("asg-d4hmoms6", ["ins-5u97n5re", "ins-09dx96dg"]);
    let signed = client
        .signed_params(&request, 1_465_185_768, 11_886)
        .map_err(|e| e.to_string())?;
    let unsigned: Vec<(String, String)> = signed
        .iter()
        .filter(|(n, _)| n != "Signature")
        .cloned()
        .collect();
    let host = "scaling.api.qcloud.com";
    let path = "/v2/index.php";
    let sts = string_to_sign("POST", host, path, &unsigned);

    // The three are measured in turns, batch by batch, so that a change in the machine's load
    // falls on the subjects and the baseline alike.
    let mut raw_times = Vec::with_capacity(batches);
    let mut signing_times = Vec::with_capacity(batches);
    let mut convenience_times = Vec::with_capacity(batches);
    let mut building_times = Vec::with_capacity(batches);
    let mut signer = Signer::new();
    for _ in 0..batches {
        raw_times.push(median_time(1, per, || {
            black_box(raw_hmac_sha1(
                SECRET_KEY.as_bytes(),
                black_box(sts.as_bytes()),
            ));
        }));
        // The signer keeps its buffer from one request to the next, as a client or server does.
        signing_times.push(median_time(1, per, || {
            let target = ("POST", host, path);
            let signature = signer.sign(
                target,
                black_box(&unsigned),
                SECRET_KEY,
                SignatureMethod::HmacSha1,
            );
            black_box(signature);
        }));
        // The same with the two functions that return strings (two allocations more).
        convenience_times.push(median_time(1, per, || {
            let sts = string_to_sign("POST", host, path, black_box(&unsigned));
            black_box(sign(SECRET_KEY, &sts, SignatureMethod::HmacSha1));
        }));
        // What the client sends: encoded_request is what each attempt builds.
        building_times.push(median_time(1, per, || {
            black_box(client.encoded_request(black_box(&request), 1_465_185_768, 11_886)).ok();
        }));
    }
    let median = |mut times: Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let (raw, signing, convenience, building) = (
        median(raw_times),
        median(signing_times),
        median(convenience_times),
        median(building_times),
    );
    Ok(vec![
        Figure {
            name: "sign_vs_raw_hmac",
            value: ns(signing) / ns(raw),
            target: Some(1.5),
            detail: format!(
                "{:.0} ns / {:.0} ns (string_to_sign + sign: {:.0} ns, {:.2})",
                ns(signing),
                ns(raw),
                ns(convenience),
                ns(convenience) / ns(raw)
            ),
        },
        Figure {
            name: "request_build_vs_raw_hmac",
            value: ns(building) / ns(raw),
            target: Some(3.0),
            detail: format!("{:.0} ns / {:.0} ns", ns(building), ns(raw)),
        },
    ])
}

/// A state where every DetachInstance of `ins-none` fails the same way after authentication
/// and dispatch (the instance is not in the group), so every call does the same work.
fn e2e_state() -> State {
    State::demo()
}

async fn e2e(quick: bool) -> Result<Vec<Figure>, String> {
    let emulator = Emulator::start(e2e_state()).map_err(|e| e.to_string())?;
    // The system clock, as the raw client's requests were signed with: the emulator's own
    // clock (its `client_config`) takes the emulator's lock on every call.
    let sdk = client(
        emulator
            .client_config()
            .time_source(qcloud_as::TimeSource::system())
            .retry(RetryConfig::disabled())
            .http_method(qcloud_as::HttpMethod::Post),
    )?;
    let raw = reqwest::Client::new();
    let url = emulator.api_url();
    let calls = if quick { 200 } else { 2_000 };
    // Requests signed beforehand, each with its own nonce, for the raw client.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let request = DetachInstanceRequest::new("asg-demo0001", ["ins-none"]);
    // The warm-up's 64, one a call, and 64 a wave.
    let needed = 64 + calls + calls / 16 * 64;
    let mut bodies = Vec::with_capacity(needed);
    for n in 0..needed as u64 {
        let params = sdk
            .signed_params(&request, now, 1_000_000 + n)
            .map_err(|e| e.to_string())?;
        bodies.push(
            form_urlencoded::Serializer::new(String::new())
                .extend_pairs(params.iter())
                .finish(),
        );
    }
    let mut bodies = bodies.into_iter();
    // Warm both up (connections, allocator, caches) before anything is timed.
    for _ in 0..64 {
        sdk_call(&sdk).await?;
        if let Some(body) = bodies.next() {
            raw_call(&raw, &url, body).await?;
        }
    }

    let mut figures = Vec::new();
    // One call at a time, the SDK's and the raw client's in turns (which goes first alternates),
    // each timed alone: both meet the same machine, server state and connection pool, call by
    // call. The figure is the ratio of the median times.
    let (mut sdk_times, mut raw_times) = (Vec::with_capacity(calls), Vec::with_capacity(calls));
    for (i, body) in bodies.by_ref().take(calls).enumerate() {
        let sdk_first = i % 2 == 0;
        if sdk_first {
            sdk_times.push(timed(sdk_call(&sdk)).await?);
        }
        raw_times.push(timed(raw_call(&raw, &url, body)).await?);
        if !sdk_first {
            sdk_times.push(timed(sdk_call(&sdk)).await?);
        }
    }
    figures.push(compare(
        "e2e_vs_raw_reqwest",
        sdk_times,
        raw_times,
        "calls one at a time",
    ));

    // 64 calls in flight: waves of 64 concurrent calls, an SDK wave and a raw wave in turns.
    let waves = calls / 16;
    let (mut sdk_times, mut raw_times) = (Vec::with_capacity(waves), Vec::with_capacity(waves));
    for i in 0..waves {
        let batch: Vec<String> = bodies.by_ref().take(64).collect();
        let sdk_first = i % 2 == 0;
        if sdk_first {
            sdk_times.push(timed(sdk_wave(&sdk, 64)).await?);
        }
        raw_times.push(timed(raw_wave(&raw, &url, batch)).await?);
        if !sdk_first {
            sdk_times.push(timed(sdk_wave(&sdk, 64)).await?);
        }
    }
    figures.push(compare(
        "e2e_vs_raw_reqwest_64",
        sdk_times,
        raw_times,
        "waves of 64 calls in flight",
    ));
    emulator.shutdown().await;
    Ok(figures)
}

/// How long `work` takes.
async fn timed(
    work: impl std::future::Future<Output = Result<(), String>>,
) -> Result<Duration, String> {
    let start = Instant::now();
    work.await?;
    Ok(start.elapsed())
}

/// The figure comparing the median of `sdk` times with the median of `raw` times.
fn compare(
    name: &'static str,
    mut sdk: Vec<Duration>,
    mut raw: Vec<Duration>,
    what: &str,
) -> Figure {
    sdk.sort();
    raw.sort();
    let median = |times: &[Duration]| times.get(times.len() / 2).copied().unwrap_or_default();
    let mean = |times: &[Duration]| {
        times.iter().sum::<Duration>().as_secs_f64() * 1e6 / times.len().max(1) as f64
    };
    let (sdk_median, raw_median) = (median(&sdk), median(&raw));
    Figure {
        name,
        value: sdk_median.as_secs_f64() / raw_median.as_secs_f64(),
        target: Some(1.15),
        detail: format!(
            "{} {what}: median {:.1} µs / {:.1} µs, mean {:.1} / {:.1}",
            sdk.len(),
            sdk_median.as_secs_f64() * 1e6,
            raw_median.as_secs_f64() * 1e6,
            mean(&sdk),
            mean(&raw)
        ),
    }
}

/// One call by hand: the pre-signed body posted, the answer read and parsed.
async fn raw_call(raw: &reqwest::Client, url: &str, body: String) -> Result<(), String> {
    let response = raw
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let bytes = response.bytes().await.map_err(|e| e.to_string())?;
    // The same decoding work the SDK does on the answer.
    serde_json::from_slice::<serde_json::Value>(&bytes)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// One call through the SDK; the business error is the expected answer (the call went end to
/// end).
async fn sdk_call(sdk: &Client) -> Result<(), String> {
    match sdk.detach_instance("asg-demo0001", ["ins-none"]).await {
        Ok(_) | Err(qcloud_as::Error::Service(_)) => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}

/// `bodies.len()` raw calls in flight at once.
async fn raw_wave(raw: &reqwest::Client, url: &str, bodies: Vec<String>) -> Result<(), String> {
    let mut tasks = tokio::task::JoinSet::new();
    for body in bodies {
        let (raw, url) = (raw.clone(), url.to_owned());
        tasks.spawn(async move { raw_call(&raw, &url, body).await });
    }
    while let Some(done) = tasks.join_next().await {
        done.map_err(|e| e.to_string())??;
    }
    Ok(())
}

/// `calls` SDK calls in flight at once.
async fn sdk_wave(sdk: &Client, calls: usize) -> Result<(), String> {
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..calls {
        let sdk = sdk.clone();
        tasks.spawn(async move { sdk_call(&sdk).await });
    }
    while let Some(done) = tasks.join_next().await {
        done.map_err(|e: tokio::task::JoinError| e.to_string())??;
    }
    Ok(())
}

/// Copies every spec of `from` into `to` twice: as it is, and with each action renamed.
fn doubled_specs(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(from).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
        std::fs::write(to.join(name), &text).map_err(|e| e.to_string())?;
        if let Some(stem) = name.strip_suffix(".yaml").filter(|s| *s != "service") {
            // The copy's action, Rust name and waiters (named service-wide) get new names.
            let mut in_waiters = false;
            let copy = text
                .lines()
                .map(|line| {
                    if !line.starts_with(' ') {
                        in_waiters = line == "waiters:";
                    }
                    if let Some(action) = line.strip_prefix("action: ") {
                        format!("action: {action}Copy")
                    } else if let Some(rust) = line.strip_prefix("rustName: ") {
                        format!("rustName: {rust}Copy")
                    } else if in_waiters
                        && line.starts_with("  ")
                        && !line.starts_with("   ")
                        && line.ends_with(':')
                    {
                        format!("{}Copy:", line.trim_end_matches(':'))
                    } else {
                        line.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            std::fs::write(to.join(format!("{stem}Copy.yaml")), copy).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

fn codegen(root: &Path, quick: bool) -> Result<Vec<Figure>, String> {
    // The whole tree: every spec folder, generated one after the other.
    let folders = ["api-specs/as", "api-specs/as-v3"];
    let specs: Vec<PathBuf> = folders.iter().map(|f| root.join(f)).collect();
    let doubled: Vec<PathBuf> = folders
        .iter()
        .map(|f| root.join("target/bench/doubled-specs").join(f))
        .collect();
    for (from, to) in specs.iter().zip(&doubled) {
        let _ = std::fs::remove_dir_all(to);
        doubled_specs(from, to)?;
    }
    let runs = if quick { 3 } else { 9 };
    let generate = |dirs: &[PathBuf]| -> Result<usize, String> {
        let mut files = 0;
        for dir in dirs {
            files += qcloud_as_codegen::generate(dir)
                .map(|files| files.len())
                .map_err(|e| e.to_string())?;
        }
        Ok(files)
    };
    let files = generate(&specs)?;
    let doubled_files = generate(&doubled)?;
    let once = median_time(runs, 1, || {
        black_box(generate(&specs).ok());
    });
    let twice = median_time(runs, 1, || {
        black_box(generate(&doubled).ok());
    });
    let _ = std::fs::remove_dir_all(root.join("target/bench/doubled-specs"));
    Ok(vec![
        Figure {
            name: "codegen_ms",
            value: once.as_secs_f64() * 1e3,
            target: None,
            detail: format!("{files} files from {}", folders.join(" and ")),
        },
        Figure {
            name: "codegen_doubling",
            value: twice.as_secs_f64() / once.as_secs_f64(),
            target: Some(2.0),
            detail: format!(
                "{doubled_files} files: {:.1} ms / {:.1} ms",
                twice.as_secs_f64() * 1e3,
                once.as_secs_f64() * 1e3
            ),
        },
    ])
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn json(figures: &[Figure]) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for f in figures {
        map.insert(
            f.name.to_owned(),
            serde_json::json!({"value": f.value, "target": f.target, "detail": f.detail}),
        );
    }
    serde_json::Value::Object(map)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    let json_path = args
        .iter()
        .position(|a| a == "--json")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .map(String::as_str);
    if let Some(part) = only.filter(|p| !["signing", "e2e", "codegen"].contains(p)) {
        eprintln!("error: --only takes signing, e2e or codegen, not {part:?}");
        return ExitCode::FAILURE;
    }
    let wanted = |part: &str| only.is_none_or(|o| o == part);
    let root = workspace_root();
    let mut figures = Vec::new();
    let mut parts = Vec::new();
    if wanted("signing") {
        parts.push(signing(quick));
    }
    if wanted("e2e") {
        parts.push(e2e(quick).await);
    }
    if wanted("codegen") {
        parts.push(codegen(&root, quick));
    }
    for part in parts {
        match part {
            Ok(mut part) => figures.append(&mut part),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!("{:<28} {:>9} {:>8}  detail", "figure", "value", "target");
    for f in &figures {
        let target = f
            .target
            .map_or_else(|| "-".to_owned(), |t| format!("≤ {t}"));
        println!(
            "{:<28} {:>9.2} {:>8}  {}",
            f.name, f.value, target, f.detail
        );
    }
    if let Some(path) = json_path {
        let text = match serde_json::to_string_pretty(&json(&figures)) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("wrote {}", path.display());
    }
    ExitCode::SUCCESS
}
