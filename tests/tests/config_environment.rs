//! What a configuration reads from the environment: the region (`TENCENTCLOUD_REGION`, else
//! tccli's profile), the endpoint override (`QCLOUD_AS_ENDPOINT`), the default chain's
//! temporary sources (TKE's web identity, the CVM instance role at
//! `QCLOUD_AS_METADATA_ENDPOINT`); and a proxy set in `Config`.

use qcloud_as::{Client, Config, ConfigError};
use qcloud_as_emulator::{Emulator, State};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// A scratch home directory, removed when dropped.
struct Home(PathBuf);

impl Home {
    fn new(name: &str) -> Result<Home> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_nanos();
        let path = std::env::temp_dir().join(format!(
            "qcloud-as-home-{name}-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(path.join(".tccli"))?;
        Ok(Home(path))
    }

    fn write(&self, relative: &str, contents: &str) -> Result {
        std::fs::write(self.0.join(relative), contents)?;
        Ok(())
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A lookup over `vars`.
fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + Send + Sync + 'static {
    let vars: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    move |name| vars.get(name).cloned()
}

fn keys() -> qcloud_as::Credentials {
    qcloud_as::Credentials::new("AKIDexample", "example-key")
}

#[test]
fn the_region_comes_from_the_code_then_the_environment_then_tccli() -> Result {
    let home = Home::new("region")?;
    let home_dir = home.path().display().to_string();
    let build = |region: Option<&str>, vars: &[(&str, &str)]| {
        let mut builder = Config::builder().credentials(keys()).environment(env(vars));
        if let Some(region) = region {
            builder = builder.region(region);
        }
        builder.build()
    };
    // No file yet: nothing.
    assert!(matches!(
        build(None, &[("HOME", &home_dir)]),
        Err(ConfigError::MissingRegion)
    ));
    home.write(
        ".tccli/default.configure",
        r#"{"_sys_param": {"region": "ap-shanghai", "output": "json"}, "as": {"endpoint": "as.tencentcloudapi.com"}}"#,
    )?;
    home.write(".tccli/old.configure", r#"{"region": "ap-beijing"}"#)?;
    assert_eq!(build(None, &[("HOME", &home_dir)])?.region(), "ap-shanghai");
    assert_eq!(
        build(None, &[("HOME", &home_dir), ("TCCLI_PROFILE", "old")])?.region(),
        "ap-beijing"
    );
    assert_eq!(
        build(
            None,
            &[("HOME", &home_dir), ("TENCENTCLOUD_REGION", "ap-chengdu")]
        )?
        .region(),
        "ap-chengdu"
    );
    assert_eq!(
        build(
            Some("gz"),
            &[("HOME", &home_dir), ("TENCENTCLOUD_REGION", "ap-chengdu")]
        )?
        .region(),
        "gz"
    );
    // A broken file is an error naming it, not passed over.
    home.write(".tccli/broken.configure", "{ not json")?;
    match build(None, &[("HOME", &home_dir), ("TCCLI_PROFILE", "broken")]) {
        Err(e @ ConfigError::InvalidProfileFile { .. }) => {
            assert!(e.to_string().contains("broken.configure"), "{e}");
        }
        other => return Err(format!("expected InvalidProfileFile, got {other:?}").into()),
    }
    Ok(())
}

#[test]
fn the_endpoint_override_comes_from_qcloud_as_endpoint() -> Result {
    let vars = [("QCLOUD_AS_ENDPOINT", "http://127.0.0.1:4280")];
    let config = Config::builder()
        .region("gz")
        .credentials(keys())
        .environment(env(&vars))
        .build()?;
    assert_eq!(
        config.endpoint().url(),
        "http://127.0.0.1:4280/v2/index.php"
    );
    let v3 = qcloud_as::v3::Client::new(config)?;
    assert_eq!(v3.endpoint().url(), "http://127.0.0.1:4280/");
    let explicit = Config::builder()
        .region("gz")
        .credentials(keys())
        .endpoint("http://127.0.0.1:9999")
        .environment(env(&vars))
        .build()?;
    assert_eq!(
        explicit.endpoint().url(),
        "http://127.0.0.1:9999/v2/index.php"
    );
    Ok(())
}

#[tokio::test]
async fn without_keys_the_default_chain_takes_the_instance_role_or_the_web_identity() -> Result {
    let emulator = Emulator::start(State::demo())?;
    let stand_in = emulator.start_stand_in()?;
    let home = Home::new("chain")?;
    let home_dir = home.path().display().to_string();
    let metadata = stand_in.metadata_endpoint();
    let builder = |vars: &[(&str, &str)]| {
        Config::builder()
            .region("gz")
            .endpoint(emulator.endpoint())
            .time_source(emulator.time_source())
            .environment(env(vars))
    };

    // No keys anywhere: the instance role, at the metadata service the variable names.
    let client = Client::new(
        builder(&[
            ("HOME", &home_dir),
            ("QCLOUD_AS_METADATA_ENDPOINT", &metadata),
        ])
        .build()?,
    )?;
    assert!(
        client.config().credentials().is_none(),
        "asked at the first call"
    );
    client.describe_scaling_group().await?;
    assert_eq!(stand_in.counts().role_credentials, 1);

    // The same, set in code.
    let client = Client::new(
        builder(&[("HOME", &home_dir)])
            .metadata_endpoint(&metadata)
            .build()?,
    )?;
    client.describe_scaling_group().await?;
    assert_eq!(stand_in.counts().role_credentials, 2);

    // TKE's variables: the web identity comes before the instance role.
    stand_in.set_web_identity("oidc", "pod-token");
    home.write("token", "pod-token")?;
    let token_file = home.path().join("token").display().to_string();
    let client = Client::new(
        builder(&[
            ("HOME", &home_dir),
            ("QCLOUD_AS_METADATA_ENDPOINT", &metadata),
            ("TKE_REGION", "ap-guangzhou"),
            ("TKE_PROVIDER_ID", "oidc"),
            ("TKE_WEB_IDENTITY_TOKEN_FILE", &token_file),
            ("TKE_ROLE_ARN", "qcs::cam::uin/1:roleName/pod"),
        ])
        .sts_endpoint(stand_in.sts_endpoint())
        .build()?,
    )?;
    client.describe_scaling_group().await?;
    assert_eq!(stand_in.counts().web_identity, 1);
    assert_eq!(stand_in.counts().role_credentials, 2);

    // Keys in the environment win, and are read when the configuration is built.
    let config = builder(&[
        ("HOME", &home_dir),
        ("QCLOUD_AS_METADATA_ENDPOINT", &metadata),
        ("TENCENTCLOUD_SECRET_ID", qcloud_as_emulator::DEMO_SECRET_ID),
        (
            "TENCENTCLOUD_SECRET_KEY",
            qcloud_as_emulator::DEMO_SECRET_KEY,
        ),
    ])
    .build()?;
    assert!(config.credentials().is_some());
    Client::new(config)?.describe_scaling_group().await?;
    assert_eq!(stand_in.counts().role_credentials, 2);

    // Nothing anywhere: the error lists every place looked at.
    stand_in.set_role(None);
    let client = Client::new(
        builder(&[
            ("HOME", &home_dir),
            ("QCLOUD_AS_METADATA_ENDPOINT", &metadata),
        ])
        .build()?,
    )?;
    let text = client
        .describe_scaling_group()
        .await
        .err()
        .ok_or("accepted")?
        .to_string();
    for needle in [
        "TENCENTCLOUD_SECRET_ID",
        "credentials file",
        "TKE web identity",
        "no CAM role is bound",
        metadata.as_str(),
    ] {
        assert!(text.contains(needle), "{needle} not in {text}");
    }
    Ok(())
}

#[tokio::test]
async fn requests_go_through_the_configured_proxy() -> Result {
    // The emulator serves absolute-form requests: as a proxy, it answers them itself.
    let emulator = Emulator::start(State::demo())?;
    let config = emulator
        .client_config()
        .endpoint("http://as-behind-proxy.invalid")
        .proxy(reqwest::Proxy::http(emulator.endpoint())?)
        .build()?;
    Client::new(config)?.describe_scaling_group().await?;
    assert_eq!(emulator.authenticated_requests(), 1);

    // Without the proxy the host does not resolve.
    let direct = Client::new(
        emulator
            .client_config()
            .endpoint("http://as-behind-proxy.invalid")
            .build()?,
    )?;
    assert!(direct.describe_scaling_group().await.is_err());
    Ok(())
}
