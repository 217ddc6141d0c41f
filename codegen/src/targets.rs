//! What `cargo xtask codegen` generates: one entry per spec folder and artifact.

use crate::protocol::Protocol;

/// What a target renders a spec folder into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Artifact {
    /// The SDK's declarations: shapes, client, errors and server trait
    /// (`qcloud-as/src/generated` for API 2.0, `qcloud-as/src/v3/generated` for API 3.0).
    Sdk,
    /// The command-line tool's declarations: one subcommand per action, its flags, how they
    /// build the request, and whether it pages (`cli/src/generated` for API 2.0, under
    /// `qcloud-as v2`; `cli/src/v3/generated` for API 3.0, the tool's top level).
    Cli,
}

impl Artifact {
    /// Its name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Artifact::Sdk => "sdk",
            Artifact::Cli => "cli",
        }
    }
}

/// A spec folder, the protocol its `service.yaml` must name, what it is rendered into, and the
/// folder the generated code goes to (paths relative to the workspace root).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub specs: &'static str,
    pub protocol: Protocol,
    pub artifact: Artifact,
    pub out: &'static str,
}

/// Every target, in the order they are generated.
pub const TARGETS: &[Target] = &[
    Target {
        specs: "api-specs/as",
        protocol: Protocol::QcloudV2,
        artifact: Artifact::Sdk,
        out: "qcloud-as/src/generated",
    },
    Target {
        specs: "api-specs/as",
        protocol: Protocol::QcloudV2,
        artifact: Artifact::Cli,
        out: "cli/src/generated",
    },
    Target {
        specs: "api-specs/as-v3",
        protocol: Protocol::TencentV3,
        artifact: Artifact::Sdk,
        out: "qcloud-as/src/v3/generated",
    },
    Target {
        specs: "api-specs/as-v3",
        protocol: Protocol::TencentV3,
        artifact: Artifact::Cli,
        out: "cli/src/v3/generated",
    },
];
