//! `qcloud-as`, the command-line tool: Tencent Cloud Auto Scaling with one subcommand per
//! action, generated from the same specs as the SDK: API 3.0 (`api-specs/as-v3`) at the top
//! level (`qcloud-as describe-auto-scaling-groups`), API 2.0 (`api-specs/as`) under `v2`
//! (`qcloud-as v2 describe-scaling-group`); the two share names such as
//! `create-scaling-policy`, and the live API is the one typed without a prefix.
//!
//! The generated files (`src/v3/generated/` and `src/generated/`, written by
//! `cargo xtask codegen`) declare each
//! action's subcommand as data ([`action::Action`]): its flags with their help, value sets,
//! required flags and defaults, the request type they build and whether it pages. This crate's
//! hand-written runtime acts on them: [`app`] builds the clap command and runs it,
//! [`action`] builds requests with the SDK's serde derives and sends them, [`settings`] turns
//! the global options into an SDK client, [`output`] prints answers, [`failure`] gives the
//! error line and exit code, [`emulator`] serves the emulator.
//!
//! Exit codes: 0 success; 1 anything else (no region or credentials, an output that cannot be
//! written); 2 bad usage or a spec constraint broken before sending; 3 an API error; 4 a
//! transport or decoding failure; 5 `--wait` on an activity that did not succeed or end in
//! time.

#![warn(missing_docs)]

pub mod action;
pub mod app;
pub mod emulator;
pub mod failure;
pub mod output;
pub mod settings;
pub mod v3;

/// The SDK, as the generated code names it.
use qcloud_as as sdk;

// Generated files keep the generator's formatting; `cargo xtask codegen --check` compares bytes.
#[rustfmt::skip]
mod generated;

/// API 2.0's commands (`qcloud-as v2 …`), sorted by action name.
pub use generated::ACTIONS as V2_ACTIONS;
/// API 3.0's commands (the tool's top level), sorted by action name.
pub use v3::ACTIONS;
