//! The benchmarks of `cargo xtask bench`. Each figure is a ratio against a baseline measured in
//! the same run, so it says how the SDK compares with doing the same by hand, not how fast
//! this machine is. By part (`--only PART`):
//!
//! - `signing`: `sign_vs_raw_hmac`, the API 2.0 string to sign, the HMAC and base64 for
//!   DetachInstance with two ids (by a `Signer`, which keeps its buffer from one request to the
//!   next), against the raw HMAC-SHA1 of the same string; the detail also gives
//!   `string_to_sign` + `sign`. And `request_build_vs_raw_hmac`: the whole request as sent
//!   (common parameters, flattening, signing, URL encoding), against the same raw HMAC;
//! - `signing-v3`: `tc3_sign_vs_raw_hmac`, the TC3-HMAC-SHA256 `Authorization` of an API 3.0
//!   DetachInstances request with two ids, against the two SHA-256 hashes and the four
//!   HMAC-SHA256 of TC3 done by hand on the same inputs with the SDK's crypto, `ring` (checked
//!   first to give the same signature); the detail also gives the whole signed request (JSON
//!   body and headers), see [`signing_v3`]. `tc3_raw_ring_vs_rustcrypto` (no target): that
//!   hand-made chain with `ring` against RustCrypto's `hmac` + `sha2`;
//! - `e2e`: `e2e_vs_raw_reqwest` (sequential, and `_64` with 64 calls in flight): API 2.0
//!   DetachInstance through the SDK against the embedded emulator, against a raw reqwest client
//!   sending requests signed beforehand to the same server. The two take turns call by call
//!   (one at a time) or wave by wave (64 in flight), and the figure is the ratio of the
//!   medians: timing 2,000 calls of one and then 2,000 of the other let the machine's drift on
//!   a small VM fall on one side (those batch ratios moved between 1.03 and 1.20 from run to
//!   run);
//! - `e2e-v3`: `e2e_v3_vs_raw_reqwest` and `e2e_v3_vs_raw_reqwest_64`, the same for API 3.0:
//!   DetachInstances through the `v3` client against the emulator's API 3.0 endpoint, against
//!   raw reqwest sending TC3-signed requests (see [`e2e_v3`]);
//! - `codegen`: `codegen_doubling`, generating twice the specs against generating them once
//!   (with the time of one generation in `codegen_ms`).
//!
//! - `emulator` (only with `--only emulator`): `emulator_rps`, requests per second the emulator
//!   binary answers for a describe call of each API version, one client and 64, fresh
//!   connections and kept-alive ones; for each binary given with `--emulator LABEL=PATH`
//!   (repeatable), side by side (see [`emulator`]).
//!
//! Signing times are medians of batches. Usage: `qcloud-as-bench [--json PATH] [--quick] [--only
//! PART[,PART…]] [--emulator LABEL=PATH]…`; without `--only`, every part but `emulator`.
mod codegen;
mod e2e;
mod e2e_v3;
mod emulator;
mod signing;
mod signing_v3;

use qcloud_as::Client;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The parts a run without `--only` measures, in order.
const PARTS: [&str; 5] = ["signing", "signing-v3", "e2e", "e2e-v3", "codegen"];

pub(crate) const SECRET_ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA";
pub(crate) const SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA";

/// One figure of the summary.
pub(crate) struct Figure {
    name: &'static str,
    value: f64,
    target: Option<f64>,
    detail: String,
}

/// The median time of one run of `f`, from `batches` batches of `per_batch` runs.
pub(crate) fn median_time(batches: usize, per_batch: usize, mut f: impl FnMut()) -> Duration {
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

pub(crate) fn ns(d: Duration) -> f64 {
    d.as_secs_f64() * 1e9
}

pub(crate) fn client(config: qcloud_as::ConfigBuilder) -> Result<Client, String> {
    config
        .build()
        .map_err(|e| e.to_string())
        .and_then(|c| Client::new(c).map_err(|e| e.to_string()))
}

/// A reqwest builder for the raw baselines, with the SDK's TLS (rustls with ring): the
/// workspace builds reqwest without a crypto provider of its own.
pub(crate) fn raw_http() -> Result<reqwest::ClientBuilder, String> {
    qcloud_as::tls::http_client_builder(&[]).map_err(|e| e.to_string())
}

fn workspace_root() -> PathBuf {
    // The package's folder sits in the workspace root. `cargo run` says where it is now; the
    // path compiled in is that of the checkout the binary was built in, which is another one
    // when a target directory was copied from it and the binary not rebuilt.
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest_dir
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
    let only: Option<Vec<&str>> = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .map(|parts| parts.split(',').map(str::trim).collect());
    if let Some(part) = only
        .iter()
        .flatten()
        .find(|p| !PARTS.contains(p) && **p != "emulator")
    {
        eprintln!(
            "error: --only takes {}, or emulator (or several, separated by commas), not {part:?}",
            PARTS.join(", ")
        );
        return ExitCode::FAILURE;
    }
    let binaries: Vec<String> = args
        .iter()
        .zip(args.iter().skip(1))
        .filter(|(flag, _)| *flag == "--emulator")
        .map(|(_, value)| value.clone())
        .collect();
    let wanted = |part: &str| only.as_ref().is_none_or(|o| o.contains(&part));
    let root = workspace_root();
    let mut figures = Vec::new();
    let mut parts = Vec::new();
    if wanted("signing") {
        parts.push(signing::signing(quick));
    }
    if wanted("signing-v3") {
        parts.push(signing_v3::signing_v3(quick));
    }
    if wanted("e2e") {
        parts.push(e2e::e2e(quick).await);
    }
    if wanted("e2e-v3") {
        parts.push(e2e_v3::e2e_v3(quick).await);
    }
    if wanted("codegen") {
        parts.push(codegen::codegen(&root, quick));
    }
    // Only when asked for: it runs emulator binaries, built beforehand.
    if only.as_ref().is_some_and(|o| o.contains(&"emulator")) {
        parts.push(emulator::emulator(&binaries, quick).await);
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
