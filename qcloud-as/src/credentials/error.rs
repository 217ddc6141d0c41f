//! What went wrong while looking for, reading or fetching credentials.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;

/// What went wrong while looking for or reading credentials.
///
/// No message contains a secret key or a session token.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CredentialsError {
    /// One of `TENCENTCLOUD_SECRET_ID` / `TENCENTCLOUD_SECRET_KEY` is set but not the other.
    #[error(
        "environment variable {set} is set but {missing} is not (or is empty); set both or neither"
    )]
    MissingEnvVar {
        /// The variable that is unset or empty.
        missing: &'static str,
        /// Its partner, which is set.
        set: &'static str,
    },

    /// The credentials file could not be read (including when it does not exist).
    #[error("cannot read credentials file {}: {source}", path.display())]
    ReadFile {
        /// The file.
        path: PathBuf,
        /// Why it could not be read.
        #[source]
        source: io::Error,
    },

    /// The file has no `[profile]` section of that name.
    #[error(
        "profile [{profile}] not found in credentials file {}; {}",
        path.display(),
        list_profiles(available)
    )]
    ProfileNotFound {
        /// The file.
        path: PathBuf,
        /// The profile looked for.
        profile: String,
        /// The profiles the file does have, in file order.
        available: Vec<String>,
    },

    /// The profile lacks a required key, or its value is empty.
    #[error(
        "key `{key}` missing (or empty) in profile [{profile}] of credentials file {}",
        path.display()
    )]
    MissingKey {
        /// The file.
        path: PathBuf,
        /// The profile.
        profile: String,
        /// The missing key: `secret_id` or `secret_key`.
        key: String,
    },

    /// A line of the file is neither a `[profile]` header, a `key = value` pair, a comment nor
    /// blank.
    #[error(
        "malformed line {line} of credentials file {}: it holds {holds}; expected `[profile]`, \
         `key = value`, a `#` or `;` comment, or a blank line",
        path.display()
    )]
    MalformedLine {
        /// The file.
        path: PathBuf,
        /// The line number, counting from 1.
        line: usize,
        /// A description of what the line holds; it never includes a value, which may be secret.
        holds: String,
    },

    /// The default chain found credentials nowhere.
    #[error("no Tencent Cloud credentials found; looked at: {}", searched.join("; "))]
    NotFound {
        /// Every place looked at, with why nothing was found there.
        searched: Vec<String>,
    },
    /// A provider that fetches temporary credentials over HTTP (the instance metadata service,
    /// STS) could not reach its address, or got an answer it could not use. The message names
    /// the provider and the URL; it never holds a secret of the answer.
    #[error("{provider}: {url}: {why}")]
    Fetch {
        /// The provider: `CVM instance role`, `STS AssumeRole`, `STS AssumeRoleWithWebIdentity`.
        provider: &'static str,
        /// The URL asked.
        url: String,
        /// What went wrong (a transport failure, an HTTP status, an error code, a missing
        /// field).
        why: String,
    },

    /// The instance metadata service says no CAM role is bound to this instance (HTTP 404 on
    /// the role list), or answers none.
    #[error("CVM instance role: no CAM role is bound to this instance ({url} answered {why})")]
    NoInstanceRole {
        /// The URL asked.
        url: String,
        /// What it answered.
        why: String,
    },

    /// A setting a provider needs is missing: an environment variable, a role ARN.
    #[error("{provider}: {what} is not set (or is empty)")]
    MissingSetting {
        /// The provider.
        provider: &'static str,
        /// The setting, e.g. `environment variable TKE_ROLE_ARN`.
        what: String,
    },

    /// A setting a provider was given cannot be used (a duration out of range, an endpoint
    /// that is not a URL).
    #[error("{provider}: {what}")]
    InvalidSetting {
        /// The provider.
        provider: &'static str,
        /// What is wrong.
        what: String,
    },

    /// The web identity token file could not be read.
    #[error("STS AssumeRoleWithWebIdentity: cannot read the web identity token file {} (named by {named_by}): {source}", path.display())]
    ReadTokenFile {
        /// The file.
        path: PathBuf,
        /// Where its name came from, e.g. `TKE_WEB_IDENTITY_TOKEN_FILE`.
        named_by: String,
        /// Why it could not be read.
        #[source]
        source: io::Error,
    },

    /// A provider's credentials could not be fetched and none still valid are left: either the
    /// first fetch failed (`expired_at` is `None`; the message says "could not be obtained"),
    /// or temporary credentials could not be renewed before they expired (the message says
    /// "could not be renewed" and when they expired). `source` is the failure of the fetch
    /// this call waited for (shared by every call that waited for it).
    #[error("credentials from {provider} {}: {source}", match expired_at {
        Some(at) => format!("could not be renewed and expired at {at} (Unix seconds)"),
        None => "could not be obtained".to_string(),
    })]
    Unavailable {
        /// The provider, as its `Debug` name.
        provider: String,
        /// When the last credentials expired, when there were any.
        expired_at: Option<u64>,
        /// Why the refresh failed.
        #[source]
        source: Arc<CredentialsError>,
    },
}

fn list_profiles(available: &[String]) -> String {
    if available.is_empty() {
        "the file has no profiles".to_string()
    } else {
        let names: Vec<String> = available.iter().map(|p| format!("[{p}]")).collect();
        format!("profiles in the file: {}", names.join(", "))
    }
}
