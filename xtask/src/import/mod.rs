//! `cargo xtask import`: Tencent's machine-readable API 3.0 description (`api.json`, as tccli
//! ships it) → our YAML spec files (`api-specs/as-v3/`).
//!
//! Structure comes from the description, error codes from the SDK's `errorcodes.py` and, when
//! given, the per-action lists of the Go SDK's `client.go`; when the official examples
//! (`examples.json`) are given, members they lack are not required. Docs come from our overlay
//! (`api-specs/overlays/as-v3.yaml`) or are made from the names; so do the actions' `waiters:`
//! (the overlay's `actions.<Action>.waiters`, copied as they are). The description's prose is
//! never copied. The output is deterministic: the same inputs give the same bytes, and files
//! that would not change are not written.

mod convert;
mod docs;
mod model;
mod render;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The first words of every file the importer writes; a `.yaml` file of the output folder that
/// starts with them and is no longer produced is removed.
const HEADER_START: &str = "Imported by `cargo xtask import`";

const USAGE: &str = "usage: cargo xtask import --api-json <api.json> --error-codes <errorcodes.py>
         [--client <client.go>] [--examples <examples.json>] --overlay <overlay.yaml>
         --out <folder> [--api-json-from <label>] [--error-codes-from <label>]
         [--client-from <label>] [--examples-from <label>]

  --client   the Go SDK's client.go, for per-action error lists; without it, every business
             code of errorcodes.py becomes a common error
  --examples the official examples (tccli's examples.json): a member required on output that
             an example answer omits or gives as null is not required
  --overlay  the docs (a missing file means docs made from the names)
  --…-from   the package and version of an input, for the files' headers; found from a
             wheel's *.dist-info or a Go module path (module@version) when not given";

/// One problem with an input, naming the file and where in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: PathBuf,
    /// The action, object and member, or a line.
    pub at: Option<String>,
    pub message: String,
}

impl ImportError {
    pub fn new(file: &Path, at: Option<String>, message: impl Into<String>) -> ImportError {
        ImportError {
            file: file.to_path_buf(),
            at,
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(at) = &self.at {
            write!(f, ": {at}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportErrors(pub Vec<ImportError>);

impl fmt::Display for ImportErrors {
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

impl From<ImportError> for ImportErrors {
    fn from(e: ImportError) -> Self {
        ImportErrors(vec![e])
    }
}

/// What to import from where.
#[derive(Debug, Clone)]
pub struct Options {
    pub api_json: PathBuf,
    pub error_codes: PathBuf,
    pub client: Option<PathBuf>,
    /// The official examples (`examples.json`).
    pub examples: Option<PathBuf>,
    pub overlay: PathBuf,
    pub out: PathBuf,
    /// The package and version of each input, for the headers; found when `None`.
    pub api_json_from: Option<String>,
    pub error_codes_from: Option<String>,
    pub client_from: Option<String>,
    pub examples_from: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The files of the folder, by name.
    pub files: BTreeMap<String, String>,
    /// The files written or removed (names), sorted.
    pub touched: Vec<String>,
    pub notes: Vec<String>,
    pub counts: Counts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub actions: usize,
    pub types: usize,
    /// Parameters, outputs and struct members.
    pub fields: usize,
    pub common_errors: usize,
    /// Distinct business error codes over all actions.
    pub errors: usize,
    /// Business errors summed over the actions.
    pub action_errors: usize,
}

/// The files of an import, before they are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    /// The files of the folder, by name.
    pub files: BTreeMap<String, String>,
    pub notes: Vec<String>,
    pub counts: Counts,
}

/// Reads the inputs, converts them and renders the files (nothing is written).
pub fn build(options: &Options) -> Result<Built, ImportErrors> {
    let api = model::read_api_json(&options.api_json)?;
    let error_codes = model::read_error_codes(&options.error_codes)?;
    let client = match &options.client {
        Some(path) => Some((model::read_client(path)?, path.as_path())),
        None => None,
    };
    let examples = match &options.examples {
        Some(path) => Some((model::read_examples(path)?, path.as_path())),
        None => None,
    };
    let overlay = model::read_overlay(&options.overlay)?;
    let mut notes = Vec::new();
    if overlay.is_none() {
        notes.push(format!(
            "{} does not exist: every doc is made from its name",
            options.overlay.display()
        ));
    }
    let overlay = overlay.unwrap_or_default();

    let api_from = label(&options.api_json, options.api_json_from.as_deref())?;
    let codes_from = label(&options.error_codes, options.error_codes_from.as_deref())?;
    let client_from = match &options.client {
        Some(path) => Some(label(path, options.client_from.as_deref())?),
        None => None,
    };
    let examples_from = match &options.examples {
        Some(path) => Some(label(path, options.examples_from.as_deref())?),
        None => None,
    };

    let spec = convert::convert(&convert::Inputs {
        api: &api,
        api_path: &options.api_json,
        error_codes: &error_codes,
        error_codes_path: &options.error_codes,
        client: client.as_ref().map(|(lists, path)| (lists, *path)),
        overlay: &overlay,
        overlay_path: &options.overlay,
        examples: examples.as_ref().map(|(examples, path)| (examples, *path)),
    })?;
    notes.extend(spec.notes.iter().cloned());

    let name = |path: &Path| {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let mut sources = vec![format!("{api_from} ({})", name(&options.api_json))];
    if let (Some(from), Some(path)) = (&examples_from, &options.examples) {
        sources.push(format!(
            "{from} ({}: members its answers lack are not required)",
            name(path)
        ));
    }
    if let (Some(from), Some(path)) = (&client_from, &options.client) {
        sources.push(format!("{from} ({}: per-action errors)", name(path)));
    }
    let last = format!("{codes_from} ({})", name(&options.error_codes));
    let sources = format!("{} and {last}", sources.join(", "));
    let header = format!(
        "{HEADER_START} from {sources}. Do not edit: change the importer or {} and re-import.",
        options.overlay.display().to_string().replace('\\', "/"),
    );
    let files = render::render(&spec, &header);

    let mut codes = std::collections::BTreeSet::new();
    let mut counts = Counts {
        actions: spec.actions.len(),
        types: spec.service.types.len(),
        common_errors: spec.service.common_errors.len(),
        ..Counts::default()
    };
    for t in &spec.service.types {
        counts.fields += t.fields.len();
    }
    for a in &spec.actions {
        counts.fields += a.parameters.len() + a.output.len();
        counts.action_errors += a.errors.len();
        codes.extend(a.errors.iter().map(|e| e.code.clone()));
    }
    counts.errors = codes.len();
    Ok(Built {
        files,
        notes,
        counts,
    })
}

/// Builds the files and writes those that differ into `options.out`, removing `.yaml` files
/// of an earlier import that are no longer produced.
pub fn import(options: &Options) -> Result<Outcome, ImportErrors> {
    let Built {
        files,
        notes,
        counts,
    } = build(options)?;
    let touched = write(&files, &options.out)
        .map_err(|e| ImportError::new(&options.out, None, format!("cannot write: {e}")))?;
    Ok(Outcome {
        files,
        touched,
        notes,
        counts,
    })
}

fn write(files: &BTreeMap<String, String>, out: &Path) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(out)?;
    let mut touched = Vec::new();
    for (name, text) in files {
        let path = out.join(name);
        if std::fs::read(&path).ok().as_deref() != Some(text.as_bytes()) {
            std::fs::write(&path, text)?;
            touched.push(name.clone());
        }
    }
    for entry in std::fs::read_dir(out)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".yaml") || files.contains_key(&name) {
            continue;
        }
        let ours = std::fs::read_to_string(entry.path())
            .is_ok_and(|text| text.starts_with(&format!("# {HEADER_START}")));
        if ours {
            std::fs::remove_file(entry.path())?;
            touched.push(name);
        }
    }
    touched.sort();
    Ok(touched)
}

/// The package and version an input comes from: `given`, else the `*.dist-info` of the wheel
/// it was unpacked from (a folder above it whose `RECORD` lists it), else a Go module path
/// (`…/module@version/…`).
fn label(path: &Path, given: Option<&str>) -> Result<String, ImportError> {
    if let Some(given) = given {
        return Ok(given.to_owned());
    }
    if let Some(found) = wheel_label(path).or_else(|| go_module_label(path)) {
        return Ok(found);
    }
    Err(ImportError::new(
        path,
        None,
        "cannot tell which package and version this file comes from (no *.dist-info above it, \
         no module@version in its path): give it with --api-json-from, --error-codes-from, \
         --client-from or --examples-from",
    ))
}

fn wheel_label(path: &Path) -> Option<String> {
    let path = std::fs::canonicalize(path).ok()?;
    for dir in path.ancestors().skip(1) {
        let relative = path
            .strip_prefix(dir)
            .ok()?
            .to_string_lossy()
            .replace('\\', "/");
        let mut infos: Vec<PathBuf> = std::fs::read_dir(dir)
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "dist-info"))
            .collect();
        infos.sort();
        for info in infos {
            let lists_it = std::fs::read_to_string(info.join("RECORD")).is_ok_and(|record| {
                record
                    .lines()
                    .any(|l| l.split(',').next() == Some(&relative))
            });
            if !lists_it {
                continue;
            }
            let metadata = std::fs::read_to_string(info.join("METADATA")).ok()?;
            let field = |key: &str| {
                metadata
                    .lines()
                    .take_while(|l| !l.is_empty())
                    .find_map(|l| l.strip_prefix(key))
                    .map(|v| v.trim().to_owned())
            };
            return Some(format!("{} {}", field("Name:")?, field("Version:")?));
        }
    }
    None
}

fn go_module_label(path: &Path) -> Option<String> {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let at = parts.iter().rposition(|p| p.contains('@'))?;
    let start = parts[..at]
        .iter()
        .rposition(|p| p == "github.com")
        .unwrap_or(at);
    let (last, version) = parts[at].split_once('@')?;
    let mut module: Vec<&str> = parts[start..at].iter().map(String::as_str).collect();
    module.push(last);
    Some(format!("{} {version}", module.join("/")))
}

/// `cargo xtask import …`.
pub fn main(args: &[&str]) -> ExitCode {
    let options = match parse_args(args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match import(&options) {
        Ok(outcome) => {
            for note in &outcome.notes {
                println!("note: {note}");
            }
            for name in &outcome.touched {
                println!("wrote {}", options.out.join(name).display());
            }
            let c = outcome.counts;
            println!(
                "{}: {} actions, {} types, {} fields, {} common errors, {} business errors \
                 ({} over all actions); {} files, {} changed",
                options.out.display(),
                c.actions,
                c.types,
                c.fields,
                c.common_errors,
                c.errors,
                c.action_errors,
                outcome.files.len(),
                outcome.touched.len()
            );
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprintln!("error: the import failed:\n{errors}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args(args: &[&str]) -> Result<Options, String> {
    let mut values: BTreeMap<&str, &str> = BTreeMap::new();
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let known = [
            "--api-json",
            "--error-codes",
            "--client",
            "--overlay",
            "--out",
            "--api-json-from",
            "--error-codes-from",
            "--client-from",
            "--examples",
            "--examples-from",
        ];
        if !known.contains(flag) {
            return Err(format!("unknown argument {flag:?}"));
        }
        let Some(value) = rest.next() else {
            return Err(format!("{flag} needs a value"));
        };
        if values.insert(flag, value).is_some() {
            return Err(format!("{flag} is given twice"));
        }
    }
    let required = |flag: &str| {
        values
            .get(flag)
            .map(PathBuf::from)
            .ok_or_else(|| format!("{flag} is required"))
    };
    Ok(Options {
        api_json: required("--api-json")?,
        error_codes: required("--error-codes")?,
        client: values.get("--client").map(PathBuf::from),
        examples: values.get("--examples").map(PathBuf::from),
        overlay: required("--overlay")?,
        out: required("--out")?,
        api_json_from: values.get("--api-json-from").map(|s| (*s).to_owned()),
        error_codes_from: values.get("--error-codes-from").map(|s| (*s).to_owned()),
        client_from: values.get("--client-from").map(|s| (*s).to_owned()),
        examples_from: values.get("--examples-from").map(|s| (*s).to_owned()),
    })
}
