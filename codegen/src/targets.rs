//! What `cargo xtask codegen` generates: one entry per spec folder.

use crate::protocol::Protocol;

/// A spec folder, the protocol its `service.yaml` must name, and the folder the generated code
/// goes to (paths relative to the workspace root).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub specs: &'static str,
    pub protocol: Protocol,
    pub out: &'static str,
}

/// Every target, in the order they are generated.
pub const TARGETS: &[Target] = &[Target {
    specs: "api-specs/as",
    protocol: Protocol::QcloudV2,
    out: "qcloud-as/src/generated",
}];
