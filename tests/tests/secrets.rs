//! The secret key and the session token never appear in `Debug`, `Display`, error messages or
//! trace output; the traces show each call and attempt.

use qcloud_as::{AutoScalingError, Client, Credentials, Error, RetryConfig};
use qcloud_as_emulator::state::Credential;
use qcloud_as_emulator::{Emulator, Fault, FaultKind, State};
use std::io::Write;
use std::sync::{Arc, Mutex};

const SECRET_KEY: &str = "tracing-secret-key-0123456789";
const TOKEN: &str = "session-token-abcdefghij";

/// Everything the subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
    }
}

#[tokio::test]
async fn secrets_stay_out_of_debug_display_errors_and_traces(
) -> Result<(), Box<dyn std::error::Error>> {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(captured.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let mut state = State::demo();
    state.credentials = vec![Credential {
        token: Some(TOKEN.to_owned()),
        ..Credential::new("AKIDtraced", SECRET_KEY)
    }];
    let emulator = Emulator::start(state)?;
    let credentials = Credentials::new("AKIDtraced", SECRET_KEY).with_token(TOKEN);
    let config = emulator
        .client_config()
        .credentials(credentials.clone())
        .retry(RetryConfig::standard().initial_backoff(std::time::Duration::from_millis(1)))
        .build()?;
    let client = Client::new(config.clone())?;

    let mut shown = vec![
        format!("{credentials:?}"),
        format!("{config:?}"),
        format!("{client:?}"),
    ];
    // A success, a business error, a throttled-then-retried call, and a signature failure.
    client.describe_scaling_instance("asg-demo0001").await?;
    let business = client.detach_instance("asg-demo0001", ["ins-nope"]).await;
    emulator.set_fault(
        "DescribeScalingGroup",
        Fault {
            times: Some(1),
            ..Fault::new(FaultKind::Throttle)
        },
    )?;
    client.describe_scaling_group().await?;
    let wrong = Client::new(
        emulator
            .client_config()
            .credentials(Credentials::new("AKIDtraced", "not-the-key").with_token(TOKEN))
            .build()?,
    )?;
    let refused = wrong.describe_scaling_group().await;
    let results: [Result<(), Error<AutoScalingError>>; 2] = [
        business.map(|_| ()).map_err(Into::into),
        refused.map(|_| ()).map_err(Into::into),
    ];
    for result in results {
        let Err(error) = result else {
            panic!("expected an error");
        };
        shown.push(format!("{error}"));
        shown.push(format!("{error:?}"));
        if let Some(source) = std::error::Error::source(&error) {
            shown.push(source.to_string());
        }
    }
    let trace = captured.text();
    shown.push(trace.clone());
    for text in &shown {
        assert!(!text.contains(SECRET_KEY), "the secret key leaked: {text}");
        assert!(!text.contains(TOKEN), "the token leaked: {text}");
    }
    // The traces show each call and attempt.
    for needle in [
        "qcloud_as.call",
        "action=\"DescribeScalingInstance\"",
        "region=gz",
        "qcloud_as.attempt",
        "attempt=2",
        "http.status=200",
        "code=4000",
        "code=4400",
        "retrying",
    ] {
        assert!(
            trace.contains(needle),
            "{needle} is not in the traces:\n{trace}"
        );
    }
    assert!(matches!(
        wrong.describe_scaling_group().await,
        Err(Error::Service(_))
    ));
    emulator.shutdown().await;
    Ok(())
}

/// Temporary credentials from the emulator's stand-ins (instance role, assumed role, web
/// identity) never show in `Debug`, `Display`, errors (a refused STS call, a wrong web identity
/// token, a provider that cannot be reached) or traces, the refreshes included.
#[tokio::test]
async fn temporary_credentials_stay_out_of_debug_display_errors_and_traces(
) -> Result<(), Box<dyn std::error::Error>> {
    use qcloud_as::credentials::{AssumeRoleProvider, CvmRoleProvider, WebIdentityProvider};
    use qcloud_as::Config;
    use std::time::Duration;

    const WEB_TOKEN: &str = "web-identity-token-0123456789abcdef";
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(captured.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let emulator = Emulator::start(State::demo())?;
    let stand_in = emulator.start_stand_in()?;
    stand_in.set_web_identity("oidc", WEB_TOKEN);
    let token_file =
        std::env::temp_dir().join(format!("qcloud-as-secrets-token-{}", std::process::id()));
    std::fs::write(&token_file, WEB_TOKEN)?;
    let config = |provider: Box<dyn qcloud_as::credentials::ProvideCredentials>| {
        Config::builder()
            .region("gz")
            .endpoint(emulator.endpoint())
            .time_source(emulator.time_source())
            .credentials_provider(provider)
            .environment(|_| None)
            .build()
    };
    let clients = [
        Client::new(config(Box::new(
            CvmRoleProvider::new().endpoint(stand_in.metadata_endpoint()),
        ))?)?,
        Client::new(config(Box::new(
            AssumeRoleProvider::new("qcs::cam::uin/1:roleName/r", emulator.credentials())
                .endpoint(stand_in.sts_endpoint()),
        ))?)?,
        Client::new(config(Box::new(
            WebIdentityProvider::new(
                "ap-guangzhou",
                "oidc",
                &token_file,
                "qcs::cam::uin/1:roleName/r",
            )
            .endpoint(stand_in.sts_endpoint()),
        ))?)?,
    ];
    let mut secrets = vec![
        WEB_TOKEN.to_owned(),
        qcloud_as_emulator::DEMO_SECRET_KEY.to_owned(),
    ];
    let mut shown = Vec::new();
    for client in &clients {
        client.describe_scaling_group().await?;
        emulator.advance(Duration::from_secs(7200 - 200));
        client.describe_scaling_group().await?;
        let held = client.config().credentials().ok_or("no credentials held")?;
        secrets.push(held.secret_key().to_owned());
        secrets.push(held.token().ok_or("no token")?.to_owned());
        shown.push(format!("{held:?}"));
        shown.push(format!("{:?}", client.config()));
        shown.push(format!("{client:?}"));
    }
    // Errors: STS refusing a wrong key, a wrong web identity token, an unreachable service.
    let failing = [
        Client::new(config(Box::new(
            AssumeRoleProvider::new(
                "qcs::cam::uin/1:roleName/r",
                Credentials::new(qcloud_as_emulator::DEMO_SECRET_ID, SECRET_KEY).with_token(TOKEN),
            )
            .endpoint(stand_in.sts_endpoint()),
        ))?)?,
        {
            stand_in.set_web_identity("oidc", "another-token");
            clients[2].clone()
        },
        Client::new(config(Box::new(
            CvmRoleProvider::new()
                .endpoint("http://127.0.0.1:9")
                .timeout(Duration::from_secs(2)),
        ))?)?,
    ];
    emulator.advance(Duration::from_secs(8000));
    for client in &failing {
        let Err(error) = client.describe_scaling_group().await else {
            return Err("the call succeeded".into());
        };
        shown.push(format!("{error}"));
        shown.push(format!("{error:?}"));
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            shown.push(cause.to_string());
            source = cause.source();
        }
    }
    secrets.push(SECRET_KEY.to_owned());
    secrets.push(TOKEN.to_owned());
    shown.push(captured.text());
    for text in &shown {
        for secret in &secrets {
            assert!(!text.contains(secret.as_str()), "a secret leaked: {text}");
        }
    }
    assert!(captured.text().contains("refreshing credentials"));
    let _ = std::fs::remove_file(&token_file);
    Ok(())
}
