//! `qcloud-as`, the command-line tool: the Tencent Cloud Auto Scaling API 2.0 with one
//! subcommand per action, generated from the same specs as the SDK (`api-specs/as`).
//!
//! The generated files (`src/generated/`, written by `cargo xtask codegen`) declare each
//! action's subcommand as data ([`action::Action`]): its flags with their help, value sets,
//! required flags and defaults, the request type they build and whether it pages. This crate's
//! hand-written runtime acts on them: [`app`] builds the clap command and runs it,
//! [`action`] builds requests with the SDK's serde derives and sends them, [`settings`] turns
//! the global options into an SDK client, [`output`] prints answers, [`failure`] gives the
//! error line and exit code, [`emulator`] serves the emulator.
//!
//! Exit codes: 0 success; 1 anything else (no region or credentials, an output that cannot be
//! written); 2 bad usage or a spec constraint broken before sending; 3 an API error; 4 a
//! transport or decoding failure.

#![warn(missing_docs)]

pub mod action;
pub mod app;
pub mod emulator;
pub mod failure;
pub mod output;
pub mod settings;

/// The SDK, as the generated code names it.
use qcloud_as as sdk;

// Generated files keep the generator's formatting; `cargo xtask codegen --check` compares bytes.
#[rustfmt::skip]
mod generated;

pub use generated::ACTIONS;
