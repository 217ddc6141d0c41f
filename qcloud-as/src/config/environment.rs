//! What a configuration reads from the environment, as users of the official tools expect:
//! the region (`TENCENTCLOUD_REGION`, else tccli's profile), and the endpoint override
//! (`QCLOUD_AS_ENDPOINT`).

use super::ConfigError;
use crate::credentials::{home_dir, non_empty, Lookup};
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// Environment variable holding the region, as tccli, the Terraform provider and the official
/// SDKs' examples read it: `ap-guangzhou` (API 3.0) or `gz` (API 2.0), used as it is.
pub const ENV_REGION: &str = "TENCENTCLOUD_REGION";

/// Environment variable holding another endpoint for the client (a local emulator, say):
/// `http://127.0.0.1:4280`.
pub const ENV_ENDPOINT: &str = "QCLOUD_AS_ENDPOINT";

/// Environment variable naming tccli's profile (default `default`).
pub const ENV_TCCLI_PROFILE: &str = "TCCLI_PROFILE";

/// The largest tccli configuration file read.
const MAX_TCCLI_FILE_BYTES: u64 = 1024 * 1024;

/// How a configuration reads environment variables: the process environment unless a test
/// gives another lookup.
#[derive(Clone)]
pub(crate) struct EnvLookup(pub(crate) Lookup);

impl fmt::Debug for EnvLookup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EnvLookup(..)")
    }
}

impl Default for EnvLookup {
    fn default() -> Self {
        EnvLookup(Arc::new(|name| std::env::var(name).ok()))
    }
}

impl EnvLookup {
    pub(crate) fn get(&self, name: &str) -> Option<String> {
        non_empty(|n| (self.0)(n), name)
    }
}

/// The region from the environment: `TENCENTCLOUD_REGION`, else the `region` of tccli's
/// profile (`~/.tccli/<TCCLI_PROFILE or default>.configure`, a JSON file holding it in
/// `_sys_param`, or at the top level in files older tccli versions wrote). `Ok(None)` when
/// neither has one; a tccli file that exists but cannot be read or is not JSON is an error.
pub(crate) fn region(env: &EnvLookup) -> Result<Option<String>, ConfigError> {
    if let Some(region) = env.get(ENV_REGION) {
        return Ok(Some(region));
    }
    let Some(home) = home_dir(|n| (env.0)(n)) else {
        return Ok(None);
    };
    let profile = env
        .get(ENV_TCCLI_PROFILE)
        .unwrap_or_else(|| "default".to_owned());
    let path = home.join(".tccli").join(format!("{profile}.configure"));
    tccli_region(&path)
}

/// The region of the tccli configuration file at `path`, if it exists and has one.
fn tccli_region(path: &PathBuf) -> Result<Option<String>, ConfigError> {
    let bad = |why: String| ConfigError::InvalidProfileFile {
        path: path.clone(),
        why,
    };
    let bytes = match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(bad(e.to_string())),
        Ok(meta) if meta.len() > MAX_TCCLI_FILE_BYTES => {
            return Err(bad(format!("larger than {MAX_TCCLI_FILE_BYTES} bytes")))
        }
        Ok(_) => std::fs::read(path).map_err(|e| bad(e.to_string()))?,
    };
    let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
        bad(format!(
            "not JSON (line {}, column {})",
            e.line(),
            e.column()
        ))
    })?;
    let region = value
        .get("_sys_param")
        .and_then(|p| p.get("region"))
        .or_else(|| value.get("region"))
        .and_then(serde_json::Value::as_str)
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    Ok(region)
}
