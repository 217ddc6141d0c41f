//! The qcloud-as generator: YAML specs → checked model → Rust source.
//!
//! Three stages, kept apart:
//! 1. [`spec`]: the spec files read with serde, exactly as written;
//! 2. [`model`]: names resolved and every rule checked, with the rules of the service's
//!    [`protocol`]; a bad spec gives [`SpecError`]s naming the file, the action and the field;
//! 3. [`emit`]: one emitter per artifact (shapes, client, errors, server for the SDK; the
//!    command-line tool's declarations for the CLI), tokens built with `quote`, parsed with
//!    `syn` and printed with `prettyplease`.
//!
//! [`targets::TARGETS`] lists what `cargo xtask codegen` generates: each spec folder, its
//! protocol, the [`Artifact`] it is rendered into and its output folder. The output is
//! deterministic: the same specs give the same bytes.
//!
//! ```no_run
//! let files = qcloud_as_codegen::generate(std::path::Path::new("api-specs/as"))?;
//! for (path, text) in &files {
//!     println!("{path}: {} bytes", text.len());
//! }
//! # Ok::<(), qcloud_as_codegen::SpecErrors>(())
//! ```

pub mod emit;
pub mod model;
pub mod protocol;
pub mod spec;
pub mod targets;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The file that holds the service-wide definitions, in the spec folder.
pub const SERVICE_FILE: &str = "service.yaml";

pub use emit::{render, COMMAND};
pub use targets::Artifact;

/// One problem with a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// The spec file.
    pub file: PathBuf,
    /// The action, when the file defines one and it could be read.
    pub action: Option<String>,
    /// Where in the file: a dotted path such as `parameters.keepInstance.default`, or a YAML
    /// position.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(action) = &self.action {
            write!(f, ": action {action}")?;
        }
        write!(f, ": {}: {}", self.field, self.message)
    }
}

/// Every problem found in a spec folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecErrors(pub Vec<SpecError>);

impl fmt::Display for SpecErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SpecErrors {}

fn yaml_error(file: &Path, action: Option<String>, err: &serde_yaml::Error) -> SpecError {
    let field = match err.location() {
        Some(loc) => format!("line {} column {}", loc.line(), loc.column()),
        None => "(document)".to_owned(),
    };
    SpecError {
        file: file.to_path_buf(),
        action,
        field,
        message: err.to_string(),
    }
}

/// Reads and checks specs given as text: the service file and the action files, each with the
/// path it is reported under. This is [`load`] without the file system.
pub fn load_sources(
    service: (&Path, &str),
    actions: &[(&Path, &str)],
) -> Result<model::Service, SpecErrors> {
    let mut errors = Vec::new();
    let raw_service: Option<spec::RawService> = match serde_yaml::from_str(service.1) {
        Ok(s) => Some(s),
        Err(e) => {
            errors.push(yaml_error(service.0, None, &e));
            None
        }
    };
    let mut raw_actions = Vec::new();
    for (path, text) in actions {
        match serde_yaml::from_str::<spec::RawAction>(text) {
            Ok(a) => raw_actions.push((path.to_path_buf(), a)),
            Err(e) => {
                // Name the action when the file gets that far.
                let action = serde_yaml::from_str::<serde_yaml::Value>(text)
                    .ok()
                    .and_then(|v| v.get("action").and_then(|a| a.as_str()).map(str::to_owned));
                errors.push(yaml_error(path, action, &e));
            }
        }
    }
    let Some(raw_service) = raw_service else {
        return Err(SpecErrors(errors));
    };
    let model = model::check(service.0, &raw_service, &raw_actions, &mut errors);
    if errors.is_empty() {
        Ok(model)
    } else {
        Err(SpecErrors(errors))
    }
}

/// Reads and checks a spec folder: `service.yaml` and every other `*.yaml` file in it, one
/// action each.
pub fn load(dir: &Path) -> Result<model::Service, SpecErrors> {
    let io_error = |file: &Path, e: std::io::Error| {
        SpecErrors(vec![SpecError {
            file: file.to_path_buf(),
            action: None,
            field: "(file)".to_owned(),
            message: format!("cannot be read: {e}"),
        }])
    };
    let entries = std::fs::read_dir(dir).map_err(|e| io_error(dir, e))?;
    let mut action_files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| io_error(dir, e))?.path();
        let is_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        if is_yaml && path.file_name().is_some_and(|n| n != SERVICE_FILE) {
            action_files.push(path);
        }
    }
    action_files.sort();
    let service_path = dir.join(SERVICE_FILE);
    let service_text =
        std::fs::read_to_string(&service_path).map_err(|e| io_error(&service_path, e))?;
    let mut texts = Vec::new();
    for path in &action_files {
        texts.push(std::fs::read_to_string(path).map_err(|e| io_error(path, e))?);
    }
    let actions: Vec<(&Path, &str)> = action_files
        .iter()
        .map(PathBuf::as_path)
        .zip(texts.iter().map(String::as_str))
        .collect();
    load_sources((&service_path, &service_text), &actions)
}

/// Loads, checks and renders a spec folder.
pub fn generate(dir: &Path) -> Result<BTreeMap<String, String>, SpecErrors> {
    load(dir).map(|service| render(&service))
}

/// Renders a checked service as `artifact`: [`render`] for the SDK, the command-line tool's
/// declarations for the CLI. `dir` is the spec folder, named in errors (the CLI artifact
/// refuses a parameter whose flag is taken).
pub fn render_artifact(
    service: &model::Service,
    artifact: Artifact,
    dir: &Path,
) -> Result<BTreeMap<String, String>, SpecErrors> {
    match artifact {
        Artifact::Sdk => Ok(render(service)),
        Artifact::Cli => emit::render_cli(service, dir),
    }
}

/// Loads, checks and renders a spec folder as `artifact`.
pub fn generate_artifact(
    dir: &Path,
    artifact: Artifact,
) -> Result<BTreeMap<String, String>, SpecErrors> {
    render_artifact(&load(dir)?, artifact, dir)
}

/// Loads, checks and renders one target of [`targets::TARGETS`]; `root` is the workspace
/// root. The service must name the target's protocol.
pub fn generate_target(
    root: &Path,
    target: &targets::Target,
) -> Result<BTreeMap<String, String>, SpecErrors> {
    let dir = root.join(target.specs);
    let service = load(&dir)?;
    if service.protocol != target.protocol {
        return Err(SpecErrors(vec![SpecError {
            file: dir.join(SERVICE_FILE),
            action: None,
            field: "protocol".to_owned(),
            message: format!(
                "the target list generates `{}` as `{}`; the spec says `{}`",
                target.specs,
                target.protocol.name(),
                service.protocol.name()
            ),
        }]));
    }
    render_artifact(&service, target.artifact, &dir)
}

/// How generated files on disk differ from what the specs give.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drift {
    /// Files the specs give that are missing on disk.
    pub missing: Vec<String>,
    /// Files whose contents differ.
    pub changed: Vec<String>,
    /// Files on disk that no spec produces.
    pub orphaned: Vec<String>,
}

impl Drift {
    /// Whether disk and specs agree.
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.changed.is_empty() && self.orphaned.is_empty()
    }
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (what, list) in [
            ("missing (a spec produces it)", &self.missing),
            ("stale (differs from what its spec gives)", &self.changed),
            ("orphaned (no spec produces it)", &self.orphaned),
        ] {
            for path in list {
                writeln!(f, "{what}: {path}")?;
            }
        }
        Ok(())
    }
}

/// Lists every `.rs` file under `dir`, relative to it, with `/` separators.
fn rust_files(dir: &Path, base: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            rust_files(&path, base, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            if let Ok(rel) = path.strip_prefix(base) {
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    Ok(())
}

/// Compares `files` (from [`generate`]) with the folder `out_dir`.
pub fn check_drift(files: &BTreeMap<String, String>, out_dir: &Path) -> std::io::Result<Drift> {
    let mut drift = Drift::default();
    for (rel, text) in files {
        match std::fs::read_to_string(out_dir.join(rel)) {
            Ok(on_disk) if on_disk == *text => {}
            Ok(_) => drift.changed.push(rel.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => drift.missing.push(rel.clone()),
            Err(e) => return Err(e),
        }
    }
    let mut existing = Vec::new();
    rust_files(out_dir, out_dir, &mut existing)?;
    existing.sort();
    drift.orphaned = existing
        .into_iter()
        .filter(|p| !files.contains_key(p))
        .collect();
    Ok(drift)
}

/// Writes `files` into `out_dir`, rewriting only files that differ, and removes generated
/// `.rs` files that no spec produces. Returns the paths written or removed.
pub fn write(files: &BTreeMap<String, String>, out_dir: &Path) -> std::io::Result<Vec<String>> {
    let drift = check_drift(files, out_dir)?;
    let mut touched = Vec::new();
    for rel in drift.missing.iter().chain(&drift.changed) {
        let path = out_dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &files[rel])?;
        touched.push(rel.clone());
    }
    for rel in &drift.orphaned {
        std::fs::remove_file(out_dir.join(rel))?;
        touched.push(format!("{rel} (removed)"));
    }
    Ok(touched)
}
