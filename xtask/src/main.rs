//! Project tasks: `cargo xtask codegen` writes the generated code of `qcloud-as` from
//! `api-specs/`; `cargo xtask codegen --check` fails when it is stale or orphaned.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask codegen [--check]

  codegen          regenerate qcloud-as/src/generated/ from api-specs/
  codegen --check  exit non-zero when the generated files differ from what the specs give";

fn workspace_root() -> PathBuf {
    // xtask/ sits in the workspace root.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["codegen"] => codegen(false),
        ["codegen", "--check"] => codegen(true),
        ["help" | "--help" | "-h"] | [] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("unknown arguments {args:?}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn codegen(check: bool) -> ExitCode {
    let root = workspace_root();
    let specs = root.join(qcloud_as_codegen::paths::SPEC_DIR);
    let out = root.join(qcloud_as_codegen::paths::GENERATED_DIR);
    let files = match qcloud_as_codegen::generate(&specs) {
        Ok(files) => files,
        Err(errors) => {
            eprintln!("error: the specs are invalid:\n{errors}");
            return ExitCode::FAILURE;
        }
    };
    if check {
        match qcloud_as_codegen::check_drift(&files, &out) {
            Ok(drift) if drift.is_empty() => {
                println!("generated code is up to date ({} files)", files.len());
                ExitCode::SUCCESS
            }
            Ok(drift) => {
                eprint!("{drift}");
                eprintln!("error: generated code is out of date: run `cargo xtask codegen`");
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", out.display());
                ExitCode::FAILURE
            }
        }
    } else {
        match qcloud_as_codegen::write(&files, &out) {
            Ok(touched) if touched.is_empty() => {
                println!("generated code is up to date ({} files)", files.len());
                ExitCode::SUCCESS
            }
            Ok(touched) => {
                for path in touched {
                    println!("wrote {}/{path}", qcloud_as_codegen::paths::GENERATED_DIR);
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", out.display());
                ExitCode::FAILURE
            }
        }
    }
}
