//! The global options (region, endpoint, credentials, signing, HTTP, time-outs, output) and the
//! SDK client they give.

use crate::failure::Failure;
use crate::output::Format;
use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::parser::ValueSource;
use clap::{Arg, ArgAction, ArgMatches};
use qcloud_as::credentials::{ENV_PROFILE, ENV_SECRET_ID, ENV_SECRET_KEY, ENV_SESSION_TOKEN};
use qcloud_as::signing::SignatureMethod;
use qcloud_as::{
    Client, Config, ConfigError, Credentials, CredentialsError, Endpoint, HttpMethod, RetryConfig,
};
use std::time::Duration;
use tokio::runtime::Runtime;

/// The environment variable `--region` falls back on (as `tccli` reads it).
pub const ENV_REGION: &str = "TENCENTCLOUD_REGION";
/// The environment variable `--endpoint` falls back on.
pub const ENV_ENDPOINT: &str = "QCLOUD_AS_ENDPOINT";

const REGION: &str = "region";
const ENDPOINT: &str = "endpoint";
const PROFILE: &str = "profile";
const SIGNATURE_METHOD: &str = "signature-method";
const HTTP_METHOD: &str = "http-method";
const CONNECT_TIMEOUT: &str = "connect-timeout";
const TIMEOUT: &str = "timeout";
const OPERATION_TIMEOUT: &str = "operation-timeout";
const MAX_ATTEMPTS: &str = "max-attempts";
/// `--output`.
pub const OUTPUT: &str = "output";
/// `--query`.
pub const QUERY: &str = "query";
const DRY_RUN: &str = "dry-run";

const HEADING: &str = "Global options";

/// The global options, accepted before and after the action's name.
pub fn global_args() -> Vec<Arg> {
    let seconds = |s: &str| -> Result<Duration, String> {
        let secs: f64 = s
            .parse()
            .map_err(|_| format!("`{s}` is not a number of seconds"))?;
        if secs > 0.0 {
            Duration::try_from_secs_f64(secs).map_err(|e| e.to_string())
        } else {
            Err("must be more than 0 seconds".to_owned())
        }
    };
    let endpoint = |s: &str| -> Result<String, String> {
        Endpoint::parse(s)
            .map(|_| s.to_owned())
            .map_err(|e| e.to_string())
    };
    vec![
        Arg::new(REGION)
            .long(REGION)
            .value_name("REGION")
            .env(ENV_REGION)
            .help(
                "The region (required to call the service): API 3.0's form ap-guangzhou, \
                 ap-shanghai, …; for `v2` commands also gz, sh, bj, hk, …",
            ),
        Arg::new(ENDPOINT)
            .long(ENDPOINT)
            .value_name("URL")
            .env(ENV_ENDPOINT)
            .value_parser(endpoint)
            .help(
                "Another endpoint, such as a local emulator: http://127.0.0.1:4280 \
                 [default: https://as.tencentcloudapi.com/, for `v2` commands \
                 https://scaling.api.qcloud.com/v2/index.php]",
            ),
        Arg::new(PROFILE).long(PROFILE).value_name("NAME").help(
            "Sign with this profile of the credentials file (TENCENTCLOUD_CREDENTIALS_FILE, \
                 else ~/.tencentcloud/credentials) instead of the default chain",
        ),
        Arg::new(SIGNATURE_METHOD)
            .long(SIGNATURE_METHOD)
            .value_name("METHOD")
            .ignore_case(true)
            .value_parser(["HmacSHA256", "HmacSHA1"])
            .help("API 2.0's signature method (API 3.0 signs with TC3-HMAC-SHA256) [default: HmacSHA256]"),
        Arg::new(HTTP_METHOD)
            .long(HTTP_METHOD)
            .value_name("METHOD")
            .ignore_case(true)
            .value_parser(["POST", "GET"])
            .help("API 2.0's HTTP method (API 3.0 always POSTs JSON) [default: POST]"),
        Arg::new(CONNECT_TIMEOUT)
            .long(CONNECT_TIMEOUT)
            .value_name("SECONDS")
            .value_parser(seconds)
            .help("How long to wait for a connection [default: 10]"),
        Arg::new(TIMEOUT)
            .long(TIMEOUT)
            .value_name("SECONDS")
            .value_parser(seconds)
            .help("How long one attempt may take [default: 30]"),
        Arg::new(OPERATION_TIMEOUT)
            .long(OPERATION_TIMEOUT)
            .value_name("SECONDS")
            .value_parser(seconds)
            .help("How long a whole call may take, retries included [default: 120]"),
        Arg::new(MAX_ATTEMPTS)
            .long(MAX_ATTEMPTS)
            .value_name("N")
            .value_parser(clap::value_parser!(u32).range(1..))
            .help(
                "The most attempts of a throttled or transient failure; 1 sends each call once \
                 [default: 3]",
            ),
        Arg::new(OUTPUT)
            .long(OUTPUT)
            .short('o')
            .value_name("FORMAT")
            .value_parser(PossibleValuesParser::new(
                Format::NAMES.iter().map(|n| PossibleValue::new(*n)),
            ))
            .help(
                "json: the answer's data (pretty on a terminal, compact when piped); table, \
                 text: its list, one row per item [default: json]",
            ),
        Arg::new(QUERY)
            .long(QUERY)
            .value_name("JMESPATH")
            .value_parser(clap::builder::NonEmptyStringValueParser::new())
            .help("A JMESPath expression selecting what to print from the answer's data"),
        Arg::new(DRY_RUN)
            .long(DRY_RUN)
            .action(ArgAction::SetTrue)
            .help(
                "Print the signed request instead of sending it (the session token shown as ***)",
            ),
    ]
    .into_iter()
    .map(|arg| arg.help_heading(HEADING))
    .collect()
}

/// The global options as given: after the action's name, else before it (after `v2`, else
/// before it).
#[derive(Debug, Clone)]
pub struct Settings {
    region: Option<String>,
    endpoint: Option<String>,
    profile: Option<String>,
    signature_method: SignatureMethod,
    http_method: HttpMethod,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    operation_timeout: Option<Duration>,
    max_attempts: Option<u32>,
    /// `--output`.
    pub format: Format,
    /// `--query`.
    pub query: Option<String>,
    /// `--dry-run`.
    pub dry_run: bool,
}

/// The matches that hold the value of `id`: the innermost where it was typed, else the
/// innermost (where the environment and defaults are read).
fn source<'a>(levels: &[&'a ArgMatches], id: &str) -> Option<&'a ArgMatches> {
    levels
        .iter()
        .find(|m| m.value_source(id) == Some(ValueSource::CommandLine))
        .or_else(|| levels.first())
        .copied()
}

impl Settings {
    /// Reads the global options of an action's subcommand and of the commands around it,
    /// innermost first (the action's, then `v2`'s when it is an API 2.0 action, then the
    /// tool's).
    pub fn from_matches(levels: &[&ArgMatches]) -> Settings {
        let string = |id: &str| source(levels, id).and_then(|m| m.get_one::<String>(id).cloned());
        let duration =
            |id: &str| source(levels, id).and_then(|m| m.get_one::<Duration>(id).copied());
        let signature_method = match string(SIGNATURE_METHOD) {
            Some(m) if m.eq_ignore_ascii_case("HmacSHA1") => SignatureMethod::HmacSha1,
            _ => SignatureMethod::HmacSha256,
        };
        let http_method = match string(HTTP_METHOD) {
            Some(m) if m.eq_ignore_ascii_case("GET") => HttpMethod::Get,
            _ => HttpMethod::Post,
        };
        Settings {
            region: string(REGION).filter(|r| !r.trim().is_empty()),
            endpoint: string(ENDPOINT),
            profile: string(PROFILE),
            signature_method,
            http_method,
            connect_timeout: duration(CONNECT_TIMEOUT),
            timeout: duration(TIMEOUT),
            operation_timeout: duration(OPERATION_TIMEOUT),
            max_attempts: source(levels, MAX_ATTEMPTS)
                .and_then(|m| m.get_one::<u32>(MAX_ATTEMPTS).copied()),
            format: string(OUTPUT)
                .as_deref()
                .and_then(Format::parse)
                .unwrap_or(Format::Json),
            query: string(QUERY),
            dry_run: levels.iter().any(|m| m.get_flag(DRY_RUN)),
        }
    }

    /// With `--profile`, that profile of the credentials file (and nothing else); without it,
    /// `None`: the SDK's default chain then applies (the environment, the credentials file,
    /// TKE's web identity, the CVM instance role), resolved by `ready`.
    fn profile_credentials(&self) -> Result<Option<Credentials>, Failure> {
        let Some(profile) = &self.profile else {
            return Ok(None);
        };
        Credentials::from_default_chain_with(|name| match name {
            ENV_SECRET_ID | ENV_SECRET_KEY | ENV_SESSION_TOKEN => None,
            ENV_PROFILE => Some(profile.clone()),
            other => std::env::var(other).ok(),
        })
        .map(Some)
        .map_err(|e| Failure::Other(format!("no credentials: {e}")))
    }

    /// The API 2.0 client these options give, its credentials resolved.
    pub fn client(&self, runtime: &Runtime) -> Result<Client, Failure> {
        let config = ready(self.config()?, runtime)?;
        Client::new(config).map_err(|e| Failure::Other(e.to_string()))
    }

    /// The API 3.0 client these options give, its credentials resolved.
    pub fn v3_client(&self, runtime: &Runtime) -> Result<qcloud_as::v3::Client, Failure> {
        let config = ready(self.config()?, runtime)?;
        qcloud_as::v3::Client::new(config).map_err(|e| Failure::Other(e.to_string()))
    }

    /// The SDK configuration these options give (both versions read it).
    fn config(&self) -> Result<Config, Failure> {
        let Some(region) = &self.region else {
            return Err(Failure::Other(format!(
                "no region: give --region (e.g. --region ap-guangzhou) or set {ENV_REGION}"
            )));
        };
        let mut builder = Config::builder()
            .region(region)
            .signature_method(self.signature_method)
            .http_method(self.http_method);
        if let Some(credentials) = self.profile_credentials()? {
            builder = builder.credentials(credentials);
        }
        if let Some(endpoint) = &self.endpoint {
            builder = builder.endpoint(endpoint);
        }
        if let Some(timeout) = self.connect_timeout {
            builder = builder.connect_timeout(timeout);
        }
        if let Some(timeout) = self.timeout {
            builder = builder.timeout(timeout);
        }
        if let Some(timeout) = self.operation_timeout {
            builder = builder.operation_timeout(timeout);
        }
        if let Some(attempts) = self.max_attempts {
            builder = builder.retry(RetryConfig::standard().max_attempts(attempts));
        }
        builder.build().map_err(|e| match e {
            ConfigError::Credentials(e) => no_credentials(&e),
            other => Failure::Other(other.to_string()),
        })
    }
}

/// `config` with its credentials asked for now, before anything is signed: those of the
/// environment or the file are at hand; a provider's (TKE's web identity, the CVM instance
/// role) are fetched once here and shared by every call the command makes (renewed before
/// they expire, as during `--wait`). `--dry-run` signs with them.
fn ready(config: Config, runtime: &Runtime) -> Result<Config, Failure> {
    runtime
        .block_on(config.current_credentials())
        .map_err(|e| no_credentials(&e))?;
    Ok(config)
}

/// The failure when no source has credentials (or one is broken): every place looked at. A
/// provider's first answer is shown as it is, not as a failed renewal (a command holds no
/// credentials before it asks).
fn no_credentials(error: &CredentialsError) -> Failure {
    match error {
        CredentialsError::Unavailable {
            expired_at: None,
            source,
            ..
        } => Failure::Other(format!("no credentials: {source}")),
        other => Failure::Other(format!("no credentials: {other}")),
    }
}
