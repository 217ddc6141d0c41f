//! `ConfigBuilder::add_root_certificate`: a client trusts an HTTPS endpoint whose certificate
//! is signed by a root it was given, and refuses it without that root (the bundled Mozilla
//! roots do not know it); likewise the STS providers' `add_root_certificate`, and their
//! `proxy`. The server is real TLS (rustls) on 127.0.0.1, with the test certificate in
//! `tests/fixtures/tls/` (self-signed, for 127.0.0.1 and localhost, test-only).

use std::sync::{Arc, Mutex};

use qcloud_as::credentials::{AssumeRoleProvider, ProvideCredentials, WebIdentityProvider};
use qcloud_as::{
    Config, Credentials, CredentialsError, Error, RootCertificate, TimeSource, TransportErrorKind,
};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const CERT: &[u8] = include_bytes!("../fixtures/tls/cert.pem");
const KEY: &[u8] = include_bytes!("../fixtures/tls/key.pem");

/// An empty API 3.0 group list.
const GROUPS: &str =
    r#"{"Response":{"AutoScalingGroupSet":[],"TotalCount":0,"RequestId":"tls-1"}}"#;

/// An STS answer: temporary credentials expiring in 2100.
const STS_ANSWER: &str = r#"{"Response":{"Credentials":{"TmpSecretId":"AKIDSTSTLS","TmpSecretKey":"sts-tls-key","Token":"sts-tls-token"},"ExpiredTime":4102444800,"Expiration":"2100-01-01T00:00:00Z","RequestId":"sts-tls-1"}}"#;

/// The requests a test server received, each in full (head and body).
type Received = Arc<Mutex<Vec<String>>>;

/// Reads one request whose body is JSON (ends with `}`) from `stream`; `None` when it closes
/// first.
async fn read_request(stream: &mut (impl AsyncReadExt + Unpin)) -> Option<String> {
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    while !(request.windows(4).any(|w| w == b"\r\n\r\n") && request.ends_with(b"}")) {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    Some(String::from_utf8_lossy(&request).into_owned())
}

/// An HTTP/1.1 answer with a JSON `body`, closing the connection.
fn json_answer(body: &str) -> String {
    format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
}

/// A TLS server on 127.0.0.1 answering every request with an empty API 3.0 group list; its URL.
async fn https_server() -> String {
    https_server_answering(GROUPS).await.0
}

/// A TLS server on 127.0.0.1 answering every request with `body`; its URL and the requests it
/// received.
async fn https_server_answering(body: &'static str) -> (String, Received) {
    let cert = match CertificateDer::from_pem_slice(CERT) {
        Ok(cert) => cert,
        Err(e) => panic!("test certificate: {e}"),
    };
    let key = match PrivateKeyDer::from_pem_slice(KEY) {
        Ok(key) => key,
        Err(e) => panic!("test key: {e}"),
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = match rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())
        .and_then(|b| {
            b.with_no_client_auth()
                .with_single_cert(vec![cert], key)
                .map_err(|e| e.to_string())
        }) {
        Ok(config) => config,
        Err(e) => panic!("server TLS config: {e}"),
    };
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = match tokio::net::TcpListener::bind("127.0.0.1:0").await {
        Ok(listener) => listener,
        Err(e) => panic!("bind: {e}"),
    };
    let url = match listener.local_addr() {
        Ok(addr) => format!("https://{addr}"),
        Err(e) => panic!("address: {e}"),
    };
    let received = Received::default();
    let record = received.clone();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let record = record.clone();
            tokio::spawn(async move {
                // A handshake the client refuses ends here.
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let Some(request) = read_request(&mut tls).await else {
                    return;
                };
                record
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(request);
                let _ = tls.write_all(json_answer(body).as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (url, received)
}

fn client(url: &str, root: Option<RootCertificate>) -> qcloud_as::v3::Client {
    let mut builder = Config::builder()
        .region("ap-guangzhou")
        .endpoint(url)
        .credentials(Credentials::new("AKIDEXAMPLE", "example-secret-key"))
        .retry(qcloud_as::RetryConfig::disabled());
    if let Some(root) = root {
        builder = builder.add_root_certificate(root);
    }
    match builder.build().map(qcloud_as::v3::Client::new) {
        Ok(Ok(client)) => client,
        Ok(Err(e)) | Err(e) => panic!("client: {e}"),
    }
}

#[tokio::test]
async fn an_added_root_is_trusted_and_without_it_the_endpoint_is_refused() {
    let url = https_server().await;

    let root = match RootCertificate::from_pem(CERT) {
        Ok(root) => root,
        Err(e) => panic!("{e}"),
    };
    match client(&url, Some(root))
        .describe_auto_scaling_groups()
        .await
    {
        Ok(out) => assert_eq!((out.total_count, out.request_id.as_str()), (0, "tls-1")),
        Err(e) => panic!("with the root added: {e}"),
    }

    match client(&url, None).describe_auto_scaling_groups().await {
        Err(Error::Transport(e)) => {
            // The handshake failed on the certificate, not on anything else.
            let text = chain(&e);
            assert!(
                text.contains("UnknownIssuer") || text.to_lowercase().contains("certificate"),
                "{:?}: {text}",
                e.kind()
            );
            assert_ne!(e.kind(), TransportErrorKind::Timeout, "{text}");
        }
        other => panic!("without the root the handshake must fail: {other:?}"),
    }
}

/// An error and its causes, in one line.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// `qcloud_as::tls::http_client_builder`, the SDK's TLS for a program's own reqwest clients,
/// trusts the roots it is given and, without them, only the bundled ones.
#[tokio::test]
async fn the_sdk_tls_for_other_clients_trusts_the_roots_it_is_given() {
    let url = https_server().await;
    let root = match RootCertificate::from_pem(CERT) {
        Ok(root) => root,
        Err(e) => panic!("{e}"),
    };
    let post = |roots: Vec<RootCertificate>| {
        let url = url.clone();
        async move {
            let http = qcloud_as::tls::http_client_builder(&roots)
                .map_err(|e| e.to_string())?
                .build()
                .map_err(|e| chain(&e))?;
            let response = http
                .post(url)
                .body("{}")
                .send()
                .await
                .map_err(|e| chain(&e))?;
            let status = response.status().as_u16();
            let body = response.text().await.map_err(|e| chain(&e))?;
            Ok::<_, String>((status, body))
        }
    };
    match post(vec![root]).await {
        Ok((status, body)) => assert!(status == 200 && body.contains("tls-1"), "{status} {body}"),
        Err(e) => panic!("with the root: {e}"),
    }
    match post(Vec::new()).await {
        Err(e) => assert!(
            e.contains("UnknownIssuer") || e.to_lowercase().contains("certificate"),
            "{e}"
        ),
        Ok(answer) => panic!("without the root the handshake must fail: {answer:?}"),
    }
}

/// A PEM bundle gives each certificate in order, skipping other sections; text without a
/// certificate, or a key given as one, is a `ConfigError` that says so.
#[test]
fn roots_are_read_from_pem_bundles_and_bad_ones_are_named() {
    let mut bundle = KEY.to_vec();
    bundle.extend_from_slice(CERT);
    bundle.extend_from_slice(CERT);
    let roots = match RootCertificate::from_pem_bundle(&bundle) {
        Ok(roots) => roots,
        Err(e) => panic!("{e}"),
    };
    let single = match RootCertificate::from_pem(&bundle) {
        Ok(root) => root,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(roots, vec![single.clone(), single.clone()]);
    match CertificateDer::from_pem_slice(CERT) {
        Ok(der) => assert_eq!(single.der(), der.as_ref()),
        Err(e) => panic!("{e}"),
    }
    match RootCertificate::from_der(single.der()) {
        Ok(root) => assert_eq!(root, single),
        Err(e) => panic!("{e}"),
    }

    match RootCertificate::from_pem(KEY) {
        Err(e @ qcloud_as::ConfigError::InvalidRootCertificate { .. }) => assert!(
            e.to_string().contains("no \"BEGIN CERTIFICATE\" section"),
            "{e}"
        ),
        other => panic!("a key is no certificate: {other:?}"),
    }
    // The key's DER read as a certificate: named as not a root.
    let key_der = match PrivateKeyDer::from_pem_slice(KEY) {
        Ok(key) => key.secret_der().to_vec(),
        Err(e) => panic!("{e}"),
    };
    match RootCertificate::from_der(&key_der) {
        Err(e @ qcloud_as::ConfigError::InvalidRootCertificate { .. }) => {
            assert!(e.to_string().contains("cannot be a root"), "{e}")
        }
        other => panic!("a key's DER is no certificate: {other:?}"),
    }
}

/// `AssumeRoleProvider::add_root_certificate`: STS at an HTTPS address under a private CA
/// gives credentials with the CA added, and without it the provider's error names the
/// provider, the URL and the certificate.
#[tokio::test]
async fn an_sts_provider_trusts_the_root_it_is_given() {
    let (url, received) = https_server_answering(STS_ANSWER).await;
    let root = match RootCertificate::from_pem(CERT) {
        Ok(root) => root,
        Err(e) => panic!("{e}"),
    };
    let role = |root: Option<RootCertificate>| {
        let source = Credentials::new("AKIDSOURCE", "source-secret-key");
        let provider = AssumeRoleProvider::new("qcs::cam::uin/100000000001:roleName/tls", source)
            .endpoint(url.clone())
            .session_name("tls-test");
        match root {
            Some(root) => provider.add_root_certificate(root),
            None => provider,
        }
    };
    let clock = TimeSource::system();

    match role(Some(root)).provide(&clock).await {
        Ok(credentials) => assert_eq!(
            (
                credentials.secret_id(),
                credentials.secret_key(),
                credentials.token()
            ),
            ("AKIDSTSTLS", "sts-tls-key", Some("sts-tls-token"))
        ),
        Err(e) => panic!("with the root added: {e}"),
    }
    let requests = received.lock().unwrap_or_else(|e| e.into_inner()).clone();
    assert_eq!(requests.len(), 1, "{requests:?}");
    let request = requests[0].to_lowercase();
    assert!(
        request.starts_with("post / http/1.1")
            && request.contains("x-tc-action: assumerole\r\n")
            && request.contains("tc3-hmac-sha256 credential=akidsource/")
            && request.contains("\"rolesessionname\":\"tls-test\""),
        "{request}"
    );

    match role(None).provide(&clock).await {
        Err(e @ CredentialsError::Fetch { .. }) => {
            let text = e.to_string();
            assert!(
                text.starts_with(&format!("STS AssumeRole: {url}/: cannot connect"))
                    && (text.contains("UnknownIssuer")
                        || text.to_lowercase().contains("certificate")),
                "{text}"
            );
        }
        other => panic!("without the root the handshake must fail: {other:?}"),
    }
    assert_eq!(received.lock().unwrap_or_else(|e| e.into_inner()).len(), 1);
}

/// `WebIdentityProvider::proxy`: the STS request goes to the proxy given, in absolute form, for
/// an STS host that does not resolve; the proxy's answer gives the credentials.
#[tokio::test]
async fn an_sts_provider_sends_through_the_proxy_it_is_given() {
    let listener = match tokio::net::TcpListener::bind("127.0.0.1:0").await {
        Ok(listener) => listener,
        Err(e) => panic!("bind: {e}"),
    };
    let proxy_url = match listener.local_addr() {
        Ok(addr) => format!("http://{addr}"),
        Err(e) => panic!("address: {e}"),
    };
    let received = Received::default();
    let record = received.clone();
    tokio::spawn(async move {
        while let Ok((mut tcp, _)) = listener.accept().await {
            let Some(request) = read_request(&mut tcp).await else {
                continue;
            };
            record
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(request);
            let _ = tcp.write_all(json_answer(STS_ANSWER).as_bytes()).await;
            let _ = tcp.shutdown().await;
        }
    });
    let token_file =
        std::env::temp_dir().join(format!("qcloud-as-sts-proxy-token-{}", std::process::id()));
    if let Err(e) = std::fs::write(&token_file, "oidc-token\n") {
        panic!("{}: {e}", token_file.display());
    }
    let proxy = match reqwest::Proxy::http(&proxy_url) {
        Ok(proxy) => proxy,
        Err(e) => panic!("{e}"),
    };
    let provider = WebIdentityProvider::new(
        "ap-shanghai",
        "oidc-provider",
        &token_file,
        "qcs::cam::uin/100000000001:roleName/tke",
    )
    .endpoint("http://sts.proxied.invalid")
    .proxy(proxy);
    let result = provider.provide(&TimeSource::system()).await;
    let _ = std::fs::remove_file(&token_file);
    match result {
        Ok(credentials) => assert_eq!(credentials.secret_id(), "AKIDSTSTLS"),
        Err(e) => panic!("through the proxy: {e}"),
    }
    let requests = received.lock().unwrap_or_else(|e| e.into_inner()).clone();
    assert_eq!(requests.len(), 1, "{requests:?}");
    let request = requests[0].to_lowercase();
    assert!(
        request.starts_with("post http://sts.proxied.invalid/ http/1.1\r\n")
            && request.contains("x-tc-action: assumerolewithwebidentity\r\n")
            && request.contains("\"webidentitytoken\":\"oidc-token\""),
        "{request}"
    );
}

/// A `Config` given no credentials builds the default chain itself, and hands that chain its
/// own roots and proxies: in a TKE pod (the `TKE_*` variables set) the web identity's STS call
/// to an HTTPS address under a private CA succeeds with the Config's root and fails without.
#[tokio::test]
async fn a_config_passes_its_roots_to_the_default_chain_it_builds() {
    let (url, received) = https_server_answering(STS_ANSWER).await;
    let root = match RootCertificate::from_pem(CERT) {
        Ok(root) => root,
        Err(e) => panic!("{e}"),
    };
    let home = std::env::temp_dir().join(format!("qcloud-as-chain-roots-{}", std::process::id()));
    let token_file = home.join("token");
    if let Err(e) =
        std::fs::create_dir_all(&home).and_then(|()| std::fs::write(&token_file, "oidc-token\n"))
    {
        panic!("{}: {e}", home.display());
    }
    let env = {
        let home = home.display().to_string();
        let token_file = token_file.display().to_string();
        move |name: &str| match name {
            "HOME" => Some(home.clone()),
            "TENCENTCLOUD_REGION" | "TKE_REGION" => Some("ap-guangzhou".to_owned()),
            "TKE_PROVIDER_ID" => Some("oidc-provider".to_owned()),
            "TKE_WEB_IDENTITY_TOKEN_FILE" => Some(token_file.clone()),
            "TKE_ROLE_ARN" => Some("qcs::cam::uin/100000000001:roleName/tke".to_owned()),
            _ => None,
        }
    };
    let config = |root: Option<RootCertificate>| {
        let mut builder = Config::builder()
            .environment(env.clone())
            .sts_endpoint(url.clone());
        if let Some(root) = root {
            builder = builder.add_root_certificate(root);
        }
        match builder.build() {
            Ok(config) => config,
            Err(e) => panic!("config: {e}"),
        }
    };

    let with_root = config(Some(root)).current_credentials().await;
    let without_root = config(None).current_credentials().await;
    let _ = std::fs::remove_dir_all(&home);
    match with_root {
        Ok(credentials) => assert_eq!(credentials.secret_id(), "AKIDSTSTLS"),
        Err(e) => panic!("with the Config's root: {e}"),
    }
    let requests = received.lock().unwrap_or_else(|e| e.into_inner()).clone();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert!(
        requests[0]
            .to_lowercase()
            .contains("x-tc-action: assumerolewithwebidentity\r\n"),
        "{}",
        requests[0]
    );
    match without_root {
        Err(e) => {
            let text = e.to_string();
            assert!(
                text.contains(&format!("{url}/")) && text.contains("cannot connect"),
                "{text}"
            );
        }
        Ok(credentials) => panic!(
            "without the root the handshake must fail, got {}",
            credentials.secret_id()
        ),
    }
}
