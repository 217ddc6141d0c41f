//! `ConfigBuilder::add_root_certificate`: a client trusts an HTTPS endpoint whose certificate
//! is signed by a root it was given, and refuses it without that root (the bundled Mozilla
//! roots do not know it). The server is real TLS (rustls) on 127.0.0.1, with the test
//! certificate in `tests/fixtures/tls/` (self-signed, for 127.0.0.1 and localhost, test-only).

use std::sync::Arc;

use qcloud_as::{Config, Credentials, Error, TransportErrorKind};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const CERT: &[u8] = include_bytes!("../fixtures/tls/cert.pem");
const KEY: &[u8] = include_bytes!("../fixtures/tls/key.pem");

/// A TLS server on 127.0.0.1 answering every request with an empty API 3.0 group list; its URL.
async fn https_server() -> String {
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
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                // A handshake the client refuses ends here.
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut request = Vec::new();
                let mut buf = [0u8; 4096];
                // Headers, then the small JSON body the client sends.
                while let Ok(n) = tls.read(&mut buf).await {
                    if n == 0 {
                        return;
                    }
                    request.extend_from_slice(&buf[..n]);
                    if request.windows(4).any(|w| w == b"\r\n\r\n") && request.ends_with(b"}") {
                        break;
                    }
                }
                let body =
                    r#"{"Response":{"AutoScalingGroupSet":[],"TotalCount":0,"RequestId":"tls-1"}}"#;
                let answer = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.write_all(answer.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    url
}

fn client(url: &str, root: Option<reqwest::Certificate>) -> qcloud_as::v3::Client {
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

    let root = match reqwest::Certificate::from_pem(CERT) {
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
            let mut text = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(cause) = source {
                text.push_str(": ");
                text.push_str(&cause.to_string());
                source = cause.source();
            }
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
