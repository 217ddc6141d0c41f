//! `cargo xtask msrv`: checks that the `rust-version` each published crate declares is at least
//! the `rust-version` declared by every crate of its locked dependency tree (normal and build
//! dependencies, every feature, every platform), so the claim cannot drift when `Cargo.lock`
//! moves. Only one toolchain is installed where the checks run, so the declared versions of the
//! dependencies are the evidence; `.cargo/config.toml` sets the resolver to prefer versions
//! compatible with ours (`incompatible-rust-versions = "fallback"`).
//!
//! It prints, for each published crate, its declared version, the highest version its tree
//! declares and the crates that declare it, and fails when a dependency needs more than the
//! crate claims.

use std::collections::{BTreeMap, BTreeSet};
use std::process::{Command, ExitCode};

use serde_json::Value;

/// The crates of this workspace that are published.
const PUBLISHED: &[&str] = &["qcloud-as", "qcloud-as-emulator", "qcloud-as-cli"];

/// A `rust-version`: major, minor, patch (an absent part is 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Version(u64, u64, u64);

impl Version {
    fn parse(text: &str) -> Option<Version> {
        let mut parts = text.trim().split('.');
        let major = parts.next()?.parse().ok()?;
        let minor = parts.next().map_or(Some(0), |p| p.parse().ok())?;
        let patch = parts.next().map_or(Some(0), |p| p.parse().ok())?;
        if parts.next().is_some() {
            return None;
        }
        Some(Version(major, minor, patch))
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}

/// One package of the metadata: name, version and declared `rust-version`.
struct Package {
    name: String,
    version: String,
    rust_version: Option<Version>,
}

pub fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<bool, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(crate::workspace_root())
        .args([
            "metadata",
            "--format-version",
            "1",
            "--all-features",
            "--locked",
        ])
        .output()
        .map_err(|e| format!("running cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let metadata: Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("cargo metadata's output: {e}"))?;
    let packages = packages(&metadata)?;
    let graph = graph(&metadata)?;
    let mut ok = true;
    for name in PUBLISHED {
        let Some((id, package)) = packages.iter().find(|(_, p)| p.name == *name) else {
            return Err(format!("no package {name} in the workspace"));
        };
        let Some(ours) = package.rust_version else {
            println!("{name}: declares no rust-version");
            ok = false;
            continue;
        };
        let tree = reachable(&graph, id);
        let mut highest: BTreeMap<Version, BTreeSet<String>> = BTreeMap::new();
        let mut too_new = Vec::new();
        for dep in tree.iter().filter(|dep| *dep != id) {
            let Some(p) = packages.get(dep) else { continue };
            let Some(theirs) = p.rust_version else {
                continue;
            };
            highest
                .entry(theirs)
                .or_default()
                .insert(format!("{} {}", p.name, p.version));
            if theirs > ours {
                too_new.push(format!("{} {} needs {theirs}", p.name, p.version));
            }
        }
        let floor = highest.iter().next_back();
        match floor {
            Some((version, names)) => println!(
                "{name}: rust-version {ours}; its tree ({} crates) needs {version} at most ({})",
                tree.len() - 1,
                names.iter().cloned().collect::<Vec<_>>().join(", ")
            ),
            None => println!("{name}: rust-version {ours}; no dependency declares one"),
        }
        if !too_new.is_empty() {
            ok = false;
            println!("  declared too low; these need more:");
            for line in too_new {
                println!("    {line}");
            }
        }
    }
    if !ok {
        println!(
            "raise `rust-version` in the workspace Cargo.toml, or pin the dependencies back \
             (`cargo update -p NAME --precise VERSION`)"
        );
    }
    Ok(ok)
}

/// The packages by id.
fn packages(metadata: &Value) -> Result<BTreeMap<String, Package>, String> {
    let list = metadata["packages"]
        .as_array()
        .ok_or("cargo metadata has no `packages`")?;
    let mut out = BTreeMap::new();
    for p in list {
        let id = p["id"].as_str().ok_or("a package without an id")?;
        let rust_version = match p["rust_version"].as_str() {
            Some(text) => Some(
                Version::parse(text)
                    .ok_or_else(|| format!("{id}: rust-version {text:?} is not a version"))?,
            ),
            None => None,
        };
        out.insert(
            id.to_owned(),
            Package {
                name: p["name"].as_str().unwrap_or_default().to_owned(),
                version: p["version"].as_str().unwrap_or_default().to_owned(),
                rust_version,
            },
        );
    }
    Ok(out)
}

/// Each package's normal and build dependencies (dev-dependencies are not a user's concern).
fn graph(metadata: &Value) -> Result<BTreeMap<String, Vec<String>>, String> {
    let nodes = metadata["resolve"]["nodes"]
        .as_array()
        .ok_or("cargo metadata has no `resolve.nodes`")?;
    let mut out = BTreeMap::new();
    for node in nodes {
        let id = node["id"].as_str().ok_or("a node without an id")?;
        let mut deps = Vec::new();
        for dep in node["deps"].as_array().into_iter().flatten() {
            let used = dep["dep_kinds"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|kind| kind["kind"].as_str() != Some("dev"));
            if let (true, Some(pkg)) = (used, dep["pkg"].as_str()) {
                deps.push(pkg.to_owned());
            }
        }
        out.insert(id.to_owned(), deps);
    }
    Ok(out)
}

/// Every package reachable from `root`, `root` included.
fn reachable(graph: &BTreeMap<String, Vec<String>>, root: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![root.to_owned()];
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        for dep in graph.get(&id).into_iter().flatten() {
            if !seen.contains(dep) {
                stack.push(dep.clone());
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_and_order() {
        assert_eq!(Version::parse("1.85"), Some(Version(1, 85, 0)));
        assert_eq!(Version::parse("1.85.1"), Some(Version(1, 85, 1)));
        assert_eq!(Version::parse("1.x"), None);
        assert_eq!(Version::parse("1.2.3.4"), None);
        assert!(Version(1, 88, 0) > Version(1, 85, 9));
    }

    #[test]
    fn reachable_follows_edges_once() {
        let graph: BTreeMap<String, Vec<String>> = [
            ("a", vec!["b", "c"]),
            ("b", vec!["c"]),
            ("c", vec!["a"]),
            ("d", vec![]),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.into_iter().map(str::to_owned).collect()))
        .collect();
        let names: Vec<String> = reachable(&graph, "b").into_iter().collect();
        assert_eq!(names, ["a", "b", "c"]);
    }
}
