//! Tencent Cloud credentials: a SecretId / SecretKey pair, with an optional session token, read
//! from the environment or from an INI profile file.
//!
//! The default chain ([`Credentials::from_default_chain`]) looks, in order, at:
//!
//! 1. the environment variables `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and (optional)
//!    `TENCENTCLOUD_SESSION_TOKEN`;
//! 2. the profile file named by `TENCENTCLOUD_CREDENTIALS_FILE`, or else
//!    `~/.tencentcloud/credentials` (the home directory is `HOME`, or `USERPROFILE` on Windows),
//!    reading the profile named by `TENCENTCLOUD_PROFILE`, or else `default`.
//!
//! A profile file looks like this:
//!
//! ```ini
//! # comments start with '#' or ';'
//! [default]
//! secret_id = AKIDexample
//! secret_key = example-secret-key
//!
//! [temporary]
//! secret_id = AKIDother
//! secret_key = other-secret-key
//! token = session-token
//! ```
//!
//! Section names, keys and values are trimmed of surrounding whitespace; values are taken as they
//! are (quotes are not removed, and `#` or `;` after a value is part of the value). A section that
//! appears twice is merged, and a key that appears twice in a section keeps its last value. Keys
//! other than `secret_id`, `secret_key` and `token` are ignored.
//!
//! Neither [`Credentials`]'s `Debug` output nor any [`CredentialsError`] contains a secret key or a
//! session token.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Environment variable holding the SecretId.
pub const ENV_SECRET_ID: &str = "TENCENTCLOUD_SECRET_ID";
/// Environment variable holding the SecretKey.
pub const ENV_SECRET_KEY: &str = "TENCENTCLOUD_SECRET_KEY";
/// Environment variable holding the session token of temporary credentials (optional).
pub const ENV_SESSION_TOKEN: &str = "TENCENTCLOUD_SESSION_TOKEN";
/// Environment variable naming the profile file the default chain reads.
pub const ENV_CREDENTIALS_FILE: &str = "TENCENTCLOUD_CREDENTIALS_FILE";
/// Environment variable naming the profile the default chain reads.
pub const ENV_PROFILE: &str = "TENCENTCLOUD_PROFILE";
/// The profile the default chain reads when `TENCENTCLOUD_PROFILE` is unset or empty.
pub const DEFAULT_PROFILE: &str = "default";

/// A way to read environment variables (`None` for an unset one), shared by the providers that
/// read them at every refresh.
pub(crate) type Lookup = std::sync::Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// Key of the SecretId in a profile.
const KEY_SECRET_ID: &str = "secret_id";
/// Key of the SecretKey in a profile.
const KEY_SECRET_KEY: &str = "secret_key";
/// Key of the session token in a profile.
const KEY_TOKEN: &str = "token";

/// A SecretId / SecretKey pair, with a session token for temporary credentials.
///
/// `Debug` shows the SecretId and whether a token is present, never the SecretKey or the token.
///
/// ```
/// use qcloud_as::credentials::Credentials;
///
/// let creds = Credentials::new("AKIDexample", "example-secret-key").with_token("session-token");
/// assert_eq!(creds.secret_id(), "AKIDexample");
/// assert_eq!(creds.secret_key(), "example-secret-key");
/// assert_eq!(creds.token(), Some("session-token"));
///
/// let shown = format!("{creds:?}");
/// assert!(shown.contains("AKIDexample"));
/// assert!(!shown.contains("example-secret-key") && !shown.contains("session-token"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    secret_id: String,
    secret_key: String,
    token: Option<String>,
    expiry: Option<SystemTime>,
}

/// Stands in for a secret in `Debug` output.
struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"** redacted **\"")
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &Redacted)
            .field("token", &self.token.as_ref().map(|_| Redacted))
            .field("expiry", &self.expiry)
            .finish()
    }
}

impl Credentials {
    /// Long-term credentials: a SecretId and its SecretKey, without a session token.
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Credentials {
            secret_id: secret_id.into(),
            secret_key: secret_key.into(),
            token: None,
            expiry: None,
        }
    }

    /// The same credentials, valid until `expiry` (temporary credentials). A client renews
    /// credentials from a provider ahead of their expiry; explicit credentials are used as
    /// they are.
    pub fn with_expiry(self, expiry: SystemTime) -> Self {
        Credentials {
            expiry: Some(expiry),
            ..self
        }
    }

    /// When temporary credentials expire; `None` for long-term ones.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// The same credentials with a session token, as temporary credentials need.
    pub fn with_token(self, token: impl Into<String>) -> Self {
        Credentials {
            token: Some(token.into()),
            ..self
        }
    }

    /// The SecretId, sent with every request.
    pub fn secret_id(&self) -> &str {
        &self.secret_id
    }

    /// The SecretKey, used to sign requests and never sent.
    pub fn secret_key(&self) -> &str {
        &self.secret_key
    }

    /// The session token of temporary credentials, if any.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// Reads `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and `TENCENTCLOUD_SESSION_TOKEN`
    /// from the process environment.
    ///
    /// Returns `Ok(None)` when neither the id nor the key is set, and
    /// [`CredentialsError::MissingEnvVar`] naming the missing variable when only one of them is.
    /// Empty (or all-whitespace) values and values that are not valid Unicode count as unset;
    /// values are trimmed of surrounding whitespace. A token without an id and a key is ignored.
    pub fn from_env() -> Result<Option<Credentials>, CredentialsError> {
        Self::from_env_with(process_env)
    }

    /// Same as [`Credentials::from_env`], reading each variable through `lookup` instead of the
    /// process environment (`lookup` returns `None` for an unset variable).
    pub fn from_env_with(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Option<Credentials>, CredentialsError> {
        let id = non_empty(&lookup, ENV_SECRET_ID);
        let key = non_empty(&lookup, ENV_SECRET_KEY);
        let creds = match (id, key) {
            (None, None) => return Ok(None),
            (Some(_), None) => {
                return Err(CredentialsError::MissingEnvVar {
                    missing: ENV_SECRET_KEY,
                    set: ENV_SECRET_ID,
                })
            }
            (None, Some(_)) => {
                return Err(CredentialsError::MissingEnvVar {
                    missing: ENV_SECRET_ID,
                    set: ENV_SECRET_KEY,
                })
            }
            (Some(id), Some(key)) => Credentials::new(id, key),
        };
        Ok(Some(match non_empty(&lookup, ENV_SESSION_TOKEN) {
            Some(token) => creds.with_token(token),
            None => creds,
        }))
    }

    /// Reads profile `profile` (the `[profile]` section) of the INI credentials file at `path`,
    /// with keys `secret_id`, `secret_key` and, optionally, `token`.
    ///
    /// The whole file is checked: a malformed line anywhere is an error, even outside `profile`.
    /// An empty `secret_id` or `secret_key` counts as missing; an empty `token` as no token.
    pub fn from_profile_file(path: &Path, profile: &str) -> Result<Credentials, CredentialsError> {
        let bytes = std::fs::read(path).map_err(|source| CredentialsError::ReadFile {
            path: path.to_path_buf(),
            source,
        })?;
        let profiles = parse_ini(path, &bytes)?;
        let Some(section) = profiles.iter().find(|p| p.name == profile) else {
            return Err(CredentialsError::ProfileNotFound {
                path: path.to_path_buf(),
                profile: profile.to_string(),
                available: profiles.into_iter().map(|p| p.name).collect(),
            });
        };
        let required = |key: &str| {
            section
                .get(key)
                .ok_or_else(|| CredentialsError::MissingKey {
                    path: path.to_path_buf(),
                    profile: profile.to_string(),
                    key: key.to_string(),
                })
        };
        let creds = Credentials::new(required(KEY_SECRET_ID)?, required(KEY_SECRET_KEY)?);
        Ok(match section.get(KEY_TOKEN) {
            Some(token) => creds.with_token(token),
            None => creds,
        })
    }

    /// The default chain, reading the process environment: see
    /// [`Credentials::from_default_chain_with`].
    pub fn from_default_chain() -> Result<Credentials, CredentialsError> {
        Self::from_default_chain_with(process_env)
    }

    /// The default chain, reading each environment variable through `lookup`.
    ///
    /// 1. The environment ([`Credentials::from_env_with`]); a half-set pair is an error.
    /// 2. The profile file named by `TENCENTCLOUD_CREDENTIALS_FILE`, else
    ///    `~/.tencentcloud/credentials`, where `~` is `HOME` (falling back to `USERPROFILE` on
    ///    Windows); the profile is `TENCENTCLOUD_PROFILE`, else `default`.
    ///
    /// When the file does not exist the result is [`CredentialsError::NotFound`], listing every
    /// place looked at. A file that exists but cannot be read, is malformed, or lacks the profile
    /// or one of its keys is reported as that error, not passed over.
    pub fn from_default_chain_with(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Credentials, CredentialsError> {
        if let Some(creds) = Self::from_env_with(&lookup)? {
            return Ok(creds);
        }
        let mut searched = vec![format!(
            "environment variables {ENV_SECRET_ID} and {ENV_SECRET_KEY} (not set)"
        )];

        let path = match non_empty(&lookup, ENV_CREDENTIALS_FILE) {
            Some(file) => {
                let path = PathBuf::from(file);
                searched.push(format!(
                    "credentials file {} (named by {ENV_CREDENTIALS_FILE}; does not exist)",
                    path.display()
                ));
                path
            }
            None => {
                searched.push(format!(
                    "environment variable {ENV_CREDENTIALS_FILE} (not set)"
                ));
                match home_dir(&lookup) {
                    Some(home) => {
                        let path = home.join(".tencentcloud").join("credentials");
                        searched.push(format!(
                            "credentials file {} (does not exist)",
                            path.display()
                        ));
                        path
                    }
                    None => {
                        searched.push(format!(
                            "credentials file ~/.tencentcloud/credentials (no home directory: {} not set)",
                            if cfg!(windows) { "HOME and USERPROFILE are" } else { "HOME is" }
                        ));
                        return Err(CredentialsError::NotFound { searched });
                    }
                }
            }
        };

        let profile =
            non_empty(&lookup, ENV_PROFILE).unwrap_or_else(|| DEFAULT_PROFILE.to_string());
        match Self::from_profile_file(&path, &profile) {
            Err(CredentialsError::ReadFile { source, .. })
                if source.kind() == io::ErrorKind::NotFound =>
            {
                Err(CredentialsError::NotFound { searched })
            }
            other => other,
        }
    }
}

/// Reads a variable of the process environment; values that are not Unicode count as unset.
pub(crate) fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// A variable's value, trimmed, or `None` when it is unset or blank.
pub(crate) fn non_empty(lookup: impl Fn(&str) -> Option<String>, name: &str) -> Option<String> {
    lookup(name)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The home directory: `HOME`, falling back to `USERPROFILE` on Windows.
pub(crate) fn home_dir(lookup: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    non_empty(&lookup, "HOME")
        .or_else(|| {
            if cfg!(windows) {
                non_empty(&lookup, "USERPROFILE")
            } else {
                None
            }
        })
        .map(PathBuf::from)
}

mod chain;
mod cvm_role;
mod error;
mod fetch;
mod ini;
mod provider;
mod sts;
mod web_identity;

pub use chain::DefaultChain;
pub use cvm_role::{CvmRoleProvider, DEFAULT_METADATA_ENDPOINT, ENV_METADATA_ENDPOINT};
pub use error::CredentialsError;
pub(crate) use provider::Refreshing;
pub use provider::{ProvideCredentials, ProvideFuture, DEFAULT_REFRESH_AHEAD};
pub use sts::{
    AssumeRoleProvider, DEFAULT_DURATION, DEFAULT_STS_ENDPOINT, ENV_STS_ENDPOINT, STS_REGION,
    STS_VERSION,
};
pub use web_identity::{
    WebIdentityProvider, ENV_TKE_PROVIDER_ID, ENV_TKE_REGION, ENV_TKE_ROLE_ARN,
    ENV_TKE_WEB_IDENTITY_TOKEN_FILE,
};

use ini::parse_ini;
