//! A metadata service that is down, answers garbage or never answers gives a clear error
//! within a bounded time, not a hang.

use qcloud_as::credentials::CvmRoleProvider;
use qcloud_as::{Client, Config, Error};
use qcloud_as_emulator::{Emulator, State};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The provider's time-out per request in these tests.
const TIMEOUT: Duration = Duration::from_secs(2);

/// Far more than the time-out, for a busy machine; a hang would exceed it by far.
const BOUND: Duration = Duration::from_secs(60);

/// Calls Auto Scaling with the instance role at `metadata`; returns the error's text.
async fn error_with_metadata_at(metadata: String) -> Result<String> {
    let emulator = Emulator::start(State::demo())?;
    let config = Config::builder()
        .region("gz")
        .endpoint(emulator.endpoint())
        .time_source(emulator.time_source())
        .credentials_provider(CvmRoleProvider::new().endpoint(metadata).timeout(TIMEOUT))
        .environment(|_| None)
        .build()?;
    let client = Client::new(config)?;
    let started = Instant::now();
    let result = tokio::time::timeout(BOUND, client.describe_scaling_group()).await;
    let elapsed = started.elapsed();
    let error = match result {
        Err(_) => return Err(format!("no answer within {BOUND:?}").into()),
        Ok(Ok(_)) => return Err("the call succeeded".into()),
        Ok(Err(error)) => error,
    };
    assert!(elapsed < BOUND, "{elapsed:?}");
    assert!(matches!(error, Error::Credentials(_)), "{error:?}");
    assert_eq!(emulator.authenticated_requests(), 0, "nothing was sent");
    let text = error.to_string();
    assert!(text.contains("CVM instance role"), "{text}");
    // A first fetch that fails is not reported as a failed renewal.
    assert!(text.contains("could not be obtained"), "{text}");
    assert!(!text.contains("renewed"), "{text}");
    Ok(text)
}

/// A raw TCP server on 127.0.0.1 that answers each connection with `answer` (or nothing,
/// holding it open, when `None`).
async fn raw_server(answer: Option<&'static [u8]>) -> Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf).await;
            match answer {
                Some(bytes) => {
                    let _ = stream.write_all(bytes).await;
                    let _ = stream.shutdown().await;
                }
                None => held.push(stream),
            }
        }
    });
    Ok(format!("http://{addr}"))
}

#[tokio::test]
async fn a_closed_port_is_a_clear_error() -> Result {
    let addr = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.local_addr()?
    };
    let url = format!("http://{addr}");
    let text = error_with_metadata_at(url.clone()).await?;
    assert!(text.contains(&url), "{text}");
    assert!(text.contains("cannot connect"), "{text}");
    Ok(())
}

#[tokio::test]
async fn junk_that_is_not_http_is_a_clear_error() -> Result {
    let url = raw_server(Some(b"\x00\x01garbage that is not HTTP at all\r\n\r\n")).await?;
    let text = error_with_metadata_at(url.clone()).await?;
    assert!(text.contains(&url), "{text}");
    Ok(())
}

#[tokio::test]
async fn an_html_page_instead_of_a_role_is_a_clear_error() -> Result {
    let url = raw_server(Some(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 21\r\n\r\n<html>captive</html>\n",
    ))
    .await?;
    let text = error_with_metadata_at(url.clone()).await?;
    assert!(text.contains("not a role name"), "{text}");
    assert!(text.contains("captive"), "{text}");
    Ok(())
}

#[tokio::test]
async fn a_service_that_never_answers_times_out() -> Result {
    let url = raw_server(None).await?;
    let started = Instant::now();
    let text = error_with_metadata_at(url.clone()).await?;
    assert!(text.contains("timed out"), "{text}");
    assert!(started.elapsed() >= TIMEOUT, "{:?}", started.elapsed());
    Ok(())
}
