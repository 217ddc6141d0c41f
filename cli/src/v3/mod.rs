//! API 3.0's commands, the tool's top level: one per action of `api-specs/as-v3`, generated
//! into `generated/` by `cargo xtask codegen` and sent by [`crate::action::v3`].

// Generated files keep the generator's formatting; `cargo xtask codegen --check` compares bytes.
#[rustfmt::skip]
mod generated;

pub use generated::ACTIONS;
