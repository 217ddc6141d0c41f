//! Credentials from providers, against the emulator's metadata and STS stand-ins: temporary
//! credentials are fetched, accepted by the emulator on both API versions, renewed once for
//! many concurrent calls when they near their expiry on the virtual clock, kept when a refresh
//! fails while they are valid, and refused by the emulator once expired.

use futures_util::future::join_all;
use qcloud_as::credentials::{
    AssumeRoleProvider, CredentialsError, CvmRoleProvider, ProvideCredentials, WebIdentityProvider,
};
use qcloud_as::{Client, Config, ConfigBuilder, Error};
use qcloud_as_emulator::{Emulator, StandIn, State};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// How many calls find the credentials stale at once.
const CONCURRENT: usize = 64;

/// A configuration for `emulator` whose credentials come from `provider` only.
fn config(emulator: &Emulator, provider: impl ProvideCredentials + 'static) -> ConfigBuilder {
    Config::builder()
        .region("gz")
        .endpoint(emulator.endpoint())
        .time_source(emulator.time_source())
        .credentials_provider(provider)
        // No process environment: nothing but the provider given.
        .environment(|_| None)
}

/// `CONCURRENT` calls at once through clones of `client`; every one must succeed.
async fn many_calls(client: &Client) -> Result {
    let calls = (0..CONCURRENT).map(|_| {
        let client = client.clone();
        async move { client.describe_scaling_group().await }
    });
    for result in join_all(calls).await {
        result?;
    }
    Ok(())
}

/// The SecretId the client signs with now.
fn secret_id(client: &Client) -> String {
    client
        .config()
        .credentials()
        .map(|c| c.secret_id().to_owned())
        .unwrap_or_default()
}

/// The whole story for one provider: first call fetches; calls within the credentials' fresh
/// life fetch nothing; `CONCURRENT` calls that find them in the refresh window (still valid)
/// renew them once; after they expired outright, `CONCURRENT` calls renew them once again; the
/// emulator refuses the old ones once expired on its clock. `count` reads the stand-in's
/// counter of issued credentials; `lifetime` is how long they last.
async fn renews_once_for_many(
    emulator: &Emulator,
    client: &Client,
    count: impl Fn() -> u64,
    lifetime: Duration,
) -> Result {
    assert_eq!(count(), 0);
    client.describe_scaling_group().await?;
    assert_eq!(count(), 1, "the first call fetches credentials");
    let first = client.config().credentials().ok_or("no credentials held")?;
    assert!(
        first.token().is_some(),
        "temporary credentials carry a token"
    );
    assert!(
        first.expiry().is_some(),
        "temporary credentials carry an expiry"
    );

    emulator.advance(Duration::from_secs(60));
    many_calls(client).await?;
    assert_eq!(count(), 1, "fresh credentials are not fetched again");

    // Into the last 5 minutes: still valid, renewed ahead of expiry, once for all the calls.
    emulator.advance(lifetime - Duration::from_secs(60) - Duration::from_secs(100));
    many_calls(client).await?;
    assert_eq!(
        count(),
        2,
        "{CONCURRENT} calls in the refresh window renew once"
    );
    assert_ne!(secret_id(client), first.secret_id());

    // Past the expiry of everything issued so far: renewed once again.
    emulator.advance(lifetime * 2);
    many_calls(client).await?;
    assert_eq!(count(), 3, "{CONCURRENT} calls after expiry renew once");

    // The first credentials expired on the emulator's clock: refused.
    let stale = Client::new(
        Config::builder()
            .region("gz")
            .endpoint(emulator.endpoint())
            .time_source(emulator.time_source())
            .credentials(first)
            .environment(|_| None)
            .build()?,
    )?;
    let refused = stale.describe_scaling_group().await;
    let text = format!(
        "{:?}",
        refused.err().ok_or("expired credentials were accepted")?
    );
    assert!(text.contains("SecretIdNotFound"), "{text}");
    Ok(())
}

#[tokio::test]
async fn instance_role_credentials_are_renewed_once_for_many_calls() -> Result {
    let emulator = Emulator::start(State::demo())?;
    let stand_in = emulator.start_stand_in()?;
    let lifetime = Duration::from_secs(1800);
    stand_in.set_role_lifetime(lifetime);
    let provider = CvmRoleProvider::new().endpoint(stand_in.metadata_endpoint());
    let client = Client::new(config(&emulator, provider).build()?)?;
    renews_once_for_many(
        &emulator,
        &client,
        || stand_in.counts().role_credentials,
        lifetime,
    )
    .await?;
    // The role's name was asked for at each refresh.
    assert_eq!(stand_in.counts().role_list, 3);

    // API 3.0 on the same credentials: the token goes in X-TC-Token.
    let v3 = qcloud_as::v3::Client::new(
        config(
            &emulator,
            CvmRoleProvider::new()
                .endpoint(stand_in.metadata_endpoint())
                .role(qcloud_as_emulator::DEFAULT_ROLE),
        )
        .build()?,
    )?;
    v3.describe_auto_scaling_groups().await?;
    assert_eq!(stand_in.counts().role_credentials, 4);
    assert_eq!(
        stand_in.counts().role_list,
        3,
        "a given role is not asked for"
    );
    Ok(())
}

#[tokio::test]
async fn assumed_role_credentials_are_renewed_once_for_many_calls() -> Result {
    let emulator = Emulator::start(State::demo())?;
    let stand_in = emulator.start_stand_in()?;
    let lifetime = Duration::from_secs(900);
    let provider = AssumeRoleProvider::new(
        "qcs::cam::uin/100000000001:roleName/as-operator",
        emulator.credentials(),
    )
    .endpoint(stand_in.sts_endpoint())
    .session_name("stand-in-test")
    .duration(lifetime);
    let client = Client::new(config(&emulator, provider).build()?)?;
    renews_once_for_many(
        &emulator,
        &client,
        || stand_in.counts().assume_role,
        lifetime,
    )
    .await?;

    // On top of a temporary source (the instance role): both renewed as they need.
    let provider = AssumeRoleProvider::new(
        "qcs::cam::uin/100000000001:roleName/as-operator",
        CvmRoleProvider::new().endpoint(stand_in.metadata_endpoint()),
    )
    .endpoint(stand_in.sts_endpoint());
    let v3 = qcloud_as::v3::Client::new(config(&emulator, provider).build()?)?;
    v3.describe_auto_scaling_groups().await?;
    assert_eq!(stand_in.counts().role_credentials, 1);
    assert_eq!(stand_in.counts().assume_role, 4);
    Ok(())
}

#[tokio::test]
async fn assume_role_signed_with_unknown_keys_is_refused_clearly() -> Result {
    let emulator = Emulator::start(State::demo())?;
    let stand_in = emulator.start_stand_in()?;
    let provider = AssumeRoleProvider::new(
        "qcs::cam::uin/100000000001:roleName/as-operator",
        qcloud_as::Credentials::new("AKIDunknown", "unknown-secret-key-123"),
    )
    .endpoint(stand_in.sts_endpoint());
    let client = Client::new(config(&emulator, provider).build()?)?;
    let error = client
        .describe_scaling_group()
        .await
        .err()
        .ok_or("accepted")?;
    let text = error.to_string();
    assert!(matches!(error, Error::Credentials(_)), "{error:?}");
    assert!(text.contains("STS AssumeRole"), "{text}");
    assert!(text.contains(&stand_in.sts_endpoint()), "{text}");
    assert!(text.contains("AuthFailure.SecretIdNotFound"), "{text}");
    assert!(!text.contains("unknown-secret-key-123"), "{text}");
    assert_eq!(stand_in.counts().assume_role, 0);
    Ok(())
}

/// A web identity token file, removed when dropped.
struct TokenFile(PathBuf);

impl TokenFile {
    fn new(contents: &str) -> Result<TokenFile> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_nanos();
        let path = std::env::temp_dir().join(format!(
            "qcloud-as-web-identity-{}-{nanos}",
            std::process::id()
        ));
        std::fs::write(&path, contents)?;
        Ok(TokenFile(path))
    }
}

impl Drop for TokenFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// TKE's variables for `stand_in`, with the token in `file`.
fn tke_env(stand_in: &StandIn, file: &TokenFile) -> HashMap<&'static str, String> {
    HashMap::from([
        ("TKE_REGION", "ap-guangzhou".to_owned()),
        ("TKE_PROVIDER_ID", "tke-oidc-provider".to_owned()),
        ("TKE_WEB_IDENTITY_TOKEN_FILE", file.0.display().to_string()),
        (
            "TKE_ROLE_ARN",
            "qcs::cam::uin/100000000001:roleName/tke-pod".to_owned(),
        ),
        ("QCLOUD_AS_STS_ENDPOINT", stand_in.sts_endpoint()),
    ])
}

#[tokio::test]
async fn web_identity_credentials_are_renewed_once_for_many_calls() -> Result {
    let emulator = Emulator::start(State::demo())?;
    let stand_in = emulator.start_stand_in()?;
    let token = "eyJhbGciOiJSUzI1NiJ9.web-identity-token.signature";
    stand_in.set_web_identity("tke-oidc-provider", token);
    let file = TokenFile::new(&format!("{token}\n"))?;
    let env = tke_env(&stand_in, &file);
    let lifetime = Duration::from_secs(3600);
    let provider =
        WebIdentityProvider::from_env_with(move |name| env.get(name).cloned()).duration(lifetime);
    let client = Client::new(config(&emulator, provider).build()?)?;
    renews_once_for_many(
        &emulator,
        &client,
        || stand_in.counts().web_identity,
        lifetime,
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn web_identity_with_a_wrong_token_or_missing_variable_is_a_clear_error() -> Result {
    let emulator = Emulator::start(State::demo())?;
    let stand_in = emulator.start_stand_in()?;
    stand_in.set_web_identity("tke-oidc-provider", "the-right-token");
    let file = TokenFile::new("a-wrong-token-0123456789")?;
    let env = tke_env(&stand_in, &file);
    let provider = WebIdentityProvider::from_env_with(move |name| env.get(name).cloned());
    let client = Client::new(config(&emulator, provider).build()?)?;
    let error = client
        .describe_scaling_group()
        .await
        .err()
        .ok_or("accepted")?;
    let text = error.to_string();
    assert!(text.contains("AssumeRoleWithWebIdentity"), "{text}");
    assert!(text.contains("WebIdentityTokenError"), "{text}");
    assert!(!text.contains("a-wrong-token-0123456789"), "{text}");

    let mut env = tke_env(&stand_in, &file);
    env.remove("TKE_ROLE_ARN");
    let provider = WebIdentityProvider::from_env_with(move |name| env.get(name).cloned());
    let client = Client::new(config(&emulator, provider).build()?)?;
    let text = client
        .describe_scaling_group()
        .await
        .err()
        .ok_or("accepted")?
        .to_string();
    assert!(text.contains("environment variable TKE_ROLE_ARN"), "{text}");
    assert_eq!(stand_in.counts().web_identity, 0);
    Ok(())
}

#[tokio::test]
async fn a_failed_refresh_keeps_valid_credentials_then_reports_once_expired() -> Result {
    let emulator = Emulator::start(State::demo())?;
    let stand_in = emulator.start_stand_in()?;
    let lifetime = Duration::from_secs(1800);
    stand_in.set_role_lifetime(lifetime);
    let provider = CvmRoleProvider::new().endpoint(stand_in.metadata_endpoint());
    let client = Client::new(config(&emulator, provider).build()?)?;
    client.describe_scaling_group().await?;
    let held = secret_id(&client);

    // The role is unbound: the refresh in the window fails, the valid credentials serve on.
    stand_in.set_role(None);
    emulator.advance(lifetime - Duration::from_secs(120));
    many_calls(&client).await?;
    assert_eq!(secret_id(&client), held);

    // Expired: the failure is the error, naming the provider and the address.
    emulator.advance(Duration::from_secs(300));
    let error = client
        .describe_scaling_group()
        .await
        .err()
        .ok_or("accepted")?;
    let text = error.to_string();
    assert!(text.contains("could not be renewed"), "{text}");
    assert!(text.contains("expired at"), "{text}");
    assert!(text.contains("no CAM role is bound"), "{text}");
    assert!(text.contains(&stand_in.metadata_endpoint()), "{text}");
    let Error::Credentials(CredentialsError::Unavailable { .. }) = error else {
        return Err(format!("not a credentials error: {error:?}").into());
    };

    // Bound again: the next call renews.
    stand_in.set_role(Some("another-role"));
    client.describe_scaling_group().await?;
    assert_ne!(secret_id(&client), held);
    Ok(())
}
