//! Project tasks: `cargo xtask codegen` writes the generated code of every target of
//! `qcloud_as_codegen::targets::TARGETS` (spec folder, protocol, artifact, output folder): the
//! SDK and the command-line tool; `cargo xtask codegen --check` fails when any of it is stale,
//! missing or orphaned. `cargo xtask bench` runs the benchmarks (the `bench/` crate, in release
//! mode) and writes their figures to `target/bench/summary.json`. `cargo xtask msrv` checks the
//! declared `rust-version` against the locked dependency tree. `cargo xtask import` turns
//! Tencent's machine-readable API 3.0 description into spec files (see `import/`).

mod import;
mod msrv;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask codegen [--check] | cargo xtask bench [--quick] [--only PART] [--baseline PATH] | cargo xtask msrv | cargo xtask import <flags>

  codegen          regenerate every target (api-specs/as -> qcloud-as/src/generated and
                   api-specs/as-v3 -> qcloud-as/src/v3/generated as the SDK, api-specs/as ->
                   cli/src/generated and api-specs/as-v3 -> cli/src/v3/generated as the
                   command-line tool)
  codegen --check  exit non-zero when the generated files differ from what the specs give
  bench            run the benchmarks; print a table and write target/bench/summary.json
  bench --quick    the same with fewer runs (noisier)
  bench --only PART[,PART...]
                   some parts: signing (API 2.0), signing-v3 (TC3), e2e (API 2.0), e2e-v3,
                   codegen, or emulator (requests per second of the emulator binary, built in
                   release mode first; not run without --only)
  bench --only emulator --baseline PATH
                   the same beside another emulator binary (a build of an earlier commit)
  msrv             check that each published crate's rust-version covers the rust-version of
                   every crate in its locked dependency tree
  import --api-json <api.json> --error-codes <errorcodes.py> [--client <client.go>]
         [--examples <examples.json>] --overlay <overlay.yaml> --out <folder>
         [--api-json-from <label>] [--error-codes-from <label>] [--client-from <label>]
         [--examples-from <label>]
                   import Tencent's API 3.0 description (tccli's api.json) into spec files
                   (api-specs/as-v3; see api-specs/as-v3/README.md)";

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

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["codegen"] => codegen(false),
        ["codegen", "--check"] => codegen(true),
        ["bench", rest @ ..] => bench(rest),
        ["msrv"] => msrv::main(),
        ["import", rest @ ..] => import::main(rest),
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

/// Runs the `bench/` crate in release mode; it prints the table and writes the JSON.
/// `--quick` runs fewer rounds; `--only PART[,PART…]` some parts; for `--only emulator`, the
/// emulator binary is built in release mode first and measured, beside the one `--baseline
/// PATH` names (a build of another commit).
fn bench(args: &[&str]) -> ExitCode {
    let mut quick = false;
    let mut only = None;
    let mut baseline = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match (*arg, rest.clone().next()) {
            ("--quick", _) => quick = true,
            ("--only", Some(part)) => {
                only = Some(*part);
                rest.next();
            }
            ("--baseline", Some(path)) => {
                baseline = Some(*path);
                rest.next();
            }
            _ => {
                eprintln!("unknown bench arguments {args:?}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let emulator = only.is_some_and(|o| o.split(',').any(|p| p.trim() == "emulator"));
    if baseline.is_some() && !emulator {
        eprintln!("--baseline goes with --only emulator\n{USAGE}");
        return ExitCode::from(2);
    }
    let root = workspace_root();
    let summary = root.join("target/bench/summary.json");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = std::process::Command::new(&cargo);
    command
        .current_dir(&root)
        .args([
            "run",
            "--quiet",
            "--release",
            "--package",
            "qcloud-as-bench",
            "--",
        ])
        .arg("--json")
        .arg(&summary);
    if quick {
        command.arg("--quick");
    }
    if let Some(part) = only {
        command.args(["--only", part]);
    }
    if emulator {
        let built = std::process::Command::new(&cargo)
            .current_dir(&root)
            .args([
                "build",
                "--quiet",
                "--release",
                "--package",
                "qcloud-as-emulator",
                "--bin",
                "qcloud-as-emulator",
            ])
            .status();
        if !built.is_ok_and(|s| s.success()) {
            eprintln!("error: the emulator binary did not build");
            return ExitCode::FAILURE;
        }
        if let Some(path) = baseline {
            command.args(["--emulator", &format!("baseline={path}")]);
        }
        let this = root.join("target/release/qcloud-as-emulator");
        command
            .arg("--emulator")
            .arg(format!("this={}", this.display()));
    }
    match command.status() {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(status) => {
            eprintln!("error: the benchmarks failed ({status})");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: cannot run cargo: {e}");
            ExitCode::FAILURE
        }
    }
}

fn codegen(check: bool) -> ExitCode {
    let root = workspace_root();
    let mut ok = true;
    for target in qcloud_as_codegen::targets::TARGETS {
        ok &= codegen_target(&root, target, check);
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn codegen_target(root: &Path, target: &qcloud_as_codegen::targets::Target, check: bool) -> bool {
    let out = root.join(target.out);
    let files = match qcloud_as_codegen::generate_target(root, target) {
        Ok(files) => files,
        Err(errors) => {
            eprintln!(
                "error: the specs in {} are invalid:\n{errors}",
                target.specs
            );
            return false;
        }
    };
    let label = format!(
        "{} ({}, {}) -> {}",
        target.specs,
        target.protocol.name(),
        target.artifact.name(),
        target.out
    );
    if check {
        match qcloud_as_codegen::check_drift(&files, &out) {
            Ok(drift) if drift.is_empty() => {
                println!("{label}: up to date ({} files)", files.len());
                true
            }
            Ok(drift) => {
                eprint!("{drift}");
                eprintln!(
                    "error: {label}: generated code is out of date: run `cargo xtask codegen`"
                );
                false
            }
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", out.display());
                false
            }
        }
    } else {
        match qcloud_as_codegen::write(&files, &out) {
            Ok(touched) if touched.is_empty() => {
                println!("{label}: up to date ({} files)", files.len());
                true
            }
            Ok(touched) => {
                for path in touched {
                    println!("wrote {}/{path}", target.out);
                }
                true
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", out.display());
                false
            }
        }
    }
}
