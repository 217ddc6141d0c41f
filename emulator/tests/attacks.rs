//! The emulator under attack: what one client can hold is bounded (connections, the time to
//! send a request, the time an answer waits for its reader, header and body sizes, the cost of
//! a state document, the nonces remembered), and signed calls keep being answered meanwhile.
//!
//! Each test runs over real TCP on 127.0.0.1 with short limits (about a second), so it ends in
//! a few seconds; the defaults are the same code with longer times.

mod common;

use common::*;
use qcloud_as::operation::describe_scaling_group::DescribeScalingGroupRequest;
use qcloud_as::HttpMethod;
use qcloud_as_emulator::{Emulator, Fault, FaultKind, Limits, State};
use std::net::SocketAddr;
use std::time::{Duration, Instant, UNIX_EPOCH};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The time limits the tests run with.
const LIMIT: Duration = Duration::from_secs(1);

/// Generous slack over a limit for a loaded machine.
const SLACK: Duration = Duration::from_secs(3);

fn short_limits() -> Limits {
    let mut limits = Limits::default();
    limits.header_timeout = LIMIT;
    limits.body_timeout = LIMIT;
    limits.send_timeout = LIMIT;
    limits
}

fn start_with(limits: Limits) -> Result<Emulator, Box<dyn std::error::Error>> {
    Ok(Emulator::start_with(
        SocketAddr::from(([127, 0, 0, 1], 0)),
        State::demo(),
        limits,
    )?)
}

/// A signed call from a client of its own (no pooled connection), and how long it took.
async fn signed_call(emulator: &Emulator) -> Result<Duration, Box<dyn std::error::Error>> {
    let client = emulator.client()?;
    let start = Instant::now();
    let out = client.describe_scaling_group().send().await?;
    assert_eq!(out.total_count, 2);
    Ok(start.elapsed())
}

/// Reads what the server sends until it closes the connection (a reset counts as closed), at
/// most `within`; the bytes read and when the connection was closed.
async fn read_until_closed(
    stream: &mut TcpStream,
    within: Duration,
) -> Result<(Vec<u8>, Instant), Box<dyn std::error::Error>> {
    let mut answer = Vec::new();
    match tokio::time::timeout(within, stream.read_to_end(&mut answer)).await {
        Ok(Ok(_)) | Ok(Err(_)) => Ok((answer, Instant::now())),
        Err(_) => Err(format!("the connection was still open after {within:?}").into()),
    }
}

fn status_line(answer: &[u8]) -> String {
    String::from_utf8_lossy(answer)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Defect 1: `Content-Length: 1000000`, a few bytes, then silence held each connection (and
/// its memory) forever. Now each gets 408 and is closed once the body time-out runs out, and
/// signed calls are answered at once meanwhile.
#[tokio::test]
async fn a_body_that_never_comes_is_cut_off_and_signed_calls_go_on() -> TestResult {
    let emulator = start_with(short_limits())?;
    let mut slow = Vec::new();
    for _ in 0..50 {
        let mut stream = TcpStream::connect(emulator.local_addr()).await?;
        stream
            .write_all(
                b"POST /v2/index.php HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                  Content-Type: application/x-www-form-urlencoded\r\n\
                  Content-Length: 1000000\r\n\r\nAction=Desc",
            )
            .await?;
        slow.push(stream);
    }
    let sent = Instant::now();

    let took = signed_call(&emulator).await?;
    assert!(
        took < Duration::from_millis(800),
        "a signed call took {took:?}"
    );

    for stream in &mut slow {
        let (answer, closed) = read_until_closed(stream, LIMIT + SLACK).await?;
        assert_eq!(status_line(&answer), "HTTP/1.1 408 Request Timeout");
        let held = closed - sent;
        assert!(
            held >= LIMIT - Duration::from_millis(100) && held < LIMIT + SLACK,
            "held {held:?}"
        );
    }
    signed_call(&emulator).await?;
    Ok(())
}

/// A request head that stops half-way, and a connection that sends nothing, are closed once
/// the head time-out runs out.
#[tokio::test]
async fn a_head_that_never_ends_and_a_silent_connection_are_closed() -> TestResult {
    let emulator = start_with(short_limits())?;
    let mut streams = Vec::new();
    for n in 0..20 {
        let mut stream = TcpStream::connect(emulator.local_addr()).await?;
        if n % 2 == 0 {
            stream
                .write_all(b"GET /v2/index.php?Action=DescribeScalingGroup HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .await?;
        }
        streams.push(stream);
    }
    let opened = Instant::now();
    for stream in &mut streams {
        let (answer, closed) = read_until_closed(stream, LIMIT + SLACK).await?;
        assert!(answer.is_empty(), "{}", status_line(&answer));
        assert!(closed - opened >= LIMIT - Duration::from_millis(100));
    }
    signed_call(&emulator).await?;
    Ok(())
}

/// Beyond the connection cap, new connections wait (they are not refused) and are served as
/// soon as a held one closes: here when the silent ones reach the head time-out.
#[tokio::test]
async fn beyond_the_connection_cap_calls_wait_for_a_free_slot() -> TestResult {
    let mut limits = short_limits();
    limits.max_connections = 4;
    let emulator = start_with(limits)?;
    let mut silent = Vec::new();
    for _ in 0..4 {
        silent.push(TcpStream::connect(emulator.local_addr()).await?);
    }
    // Let the server accept them.
    tokio::time::sleep(Duration::from_millis(200)).await;

    let took = signed_call(&emulator).await?;
    // It waited for a slot (about the head time-out less the 200 ms), and not much longer.
    assert!(
        took >= Duration::from_millis(500) && took < LIMIT + SLACK,
        "the call took {took:?}"
    );
    for stream in &mut silent {
        read_until_closed(stream, LIMIT + SLACK).await?;
    }
    let took = signed_call(&emulator).await?;
    assert!(took < Duration::from_millis(800), "then {took:?}");
    Ok(())
}

/// A head over the size limit gets 431, and the connection is closed.
#[tokio::test]
async fn an_oversized_head_gets_431() -> TestResult {
    let emulator = start_with(short_limits())?;
    let limit = emulator.limits().max_header_bytes;
    let mut stream = TcpStream::connect(emulator.local_addr()).await?;
    let head = format!(
        "GET /v2/index.php HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: {}\r\n\r\n",
        "a".repeat(limit + 1024)
    );
    stream.write_all(head.as_bytes()).await?;
    let (answer, _) = read_until_closed(&mut stream, LIMIT + SLACK).await?;
    assert_eq!(
        status_line(&answer),
        "HTTP/1.1 431 Request Header Fields Too Large"
    );

    // A body over its limit is refused by its declared length, before it is sent.
    let mut stream = TcpStream::connect(emulator.local_addr()).await?;
    stream
        .write_all(b"POST /v2/index.php HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10000000000\r\n\r\n")
        .await?;
    let (answer, _) = read_until_closed(&mut stream, LIMIT + SLACK).await?;
    assert_eq!(status_line(&answer), "HTTP/1.1 413 Payload Too Large");
    signed_call(&emulator).await?;
    Ok(())
}

/// A client that asks for an answer and stops reading it holds its connection only until the
/// send time-out: with a cap of one connection, the next signed call gets through after it.
#[tokio::test]
async fn a_client_that_stops_reading_is_dropped_after_the_send_time_out() -> TestResult {
    let mut limits = short_limits();
    limits.max_connections = 1;
    let emulator = start_with(limits)?;
    emulator.set_fault(
        "DescribeScalingGroup",
        Fault::new(FaultKind::OversizedBody).times(1),
    )?;
    let client = qcloud_as::Client::new(
        emulator
            .client_config()
            .http_method(HttpMethod::Get)
            .build()?,
    )?;
    let now = emulator
        .now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let pairs = client.signed_params(&DescribeScalingGroupRequest::new(), now, fresh_nonce())?;
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter())
        .finish();
    let mut stream = TcpStream::connect(emulator.local_addr()).await?;
    stream
        .write_all(
            format!(
                "GET /v2/index.php?{query} HTTP/1.1\r\nHost: {}\r\n\r\n",
                emulator.local_addr()
            )
            .as_bytes(),
        )
        .await?;
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        head.push(stream.read_u8().await?);
    }
    let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
    assert!(
        head.starts_with("http/1.1 200 ok") && head.contains("content-length: 67108864"),
        "{head}"
    );
    let stalled = Instant::now();
    // Stop reading: the 64 MiB answer fills the socket buffers and the server's write blocks.
    let took = signed_call(&emulator).await?;
    assert!(took < LIMIT + SLACK, "the call took {took:?}");
    assert!(stalled.elapsed() >= LIMIT - Duration::from_millis(100));
    // The stalled connection was closed: what is left of it ends well short of 64 MiB.
    let (rest, _) = read_until_closed(&mut stream, SLACK).await?;
    assert!((rest.len() as u64) < qcloud_as_emulator::OVERSIZED_BODY_BYTES / 2);
    Ok(())
}

/// Defect 2: `{a: ` × 25,000 (100 KB) took 11 s of CPU on the request threads, so two of them
/// stalled every API call. Now such a document is refused before it is parsed, naming the
/// limit, and state documents are parsed on a blocking thread, one at a time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deeply_nested_state_is_refused_at_once_and_calls_go_on() -> TestResult {
    let emulator = Emulator::start(State::demo())?;
    let url = format!("{}/_emulator/state", emulator.endpoint());
    let mut puts = Vec::new();
    for body in [
        "{a: ".repeat(25_000),
        "{a: ".repeat(25_000),
        "[".repeat(1024 * 1024 - 1),
        "- ".repeat(100_000),
    ] {
        let url = url.clone();
        puts.push(tokio::spawn(async move {
            let start = Instant::now();
            let response = crate::common::http()
                .put(url)
                .header("content-type", "application/yaml")
                .body(body)
                .send()
                .await?;
            let status = response.status().as_u16();
            let text = response.text().await?;
            Ok::<_, reqwest::Error>((status, text, start.elapsed()))
        }));
    }
    let took = signed_call(&emulator).await?;
    assert!(took < Duration::from_secs(1), "a signed call took {took:?}");
    for put in puts {
        let (status, text, took) = put.await??;
        assert_eq!(status, 400, "{text}");
        assert!(
            text.contains("nested more than 64 levels deep"),
            "the message names the limit: {text}"
        );
        assert!(took < Duration::from_secs(2), "refused after {took:?}");
    }
    // The state is unchanged, and a proper one still loads.
    let json = http_state(&emulator).await?;
    let response = crate::common::http()
        .put(&url)
        .header("content-type", "application/json")
        .body(serde_json::to_vec(&json)?)
        .send()
        .await?;
    assert_eq!(response.status(), 200);
    Ok(())
}

/// A large state document of a proper depth takes a while to parse, but on a blocking thread:
/// signed calls are answered meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_state_is_parsed_off_the_request_threads() -> TestResult {
    let emulator = Emulator::start(State::demo())?;
    let url = format!("{}/_emulator/state", emulator.endpoint());
    // About 1 MiB of flow lists: parsed twice (fields, then the state) before it is refused
    // for its unknown fields.
    let body: String = (0..45_000).map(|i| format!("k{i}: [1, 2, 3]\n")).collect();
    assert!(body.len() < 1024 * 1024);
    let mut puts = Vec::new();
    for _ in 0..3 {
        let (url, body) = (url.clone(), body.clone());
        puts.push(tokio::spawn(async move {
            crate::common::http()
                .put(url)
                .header("content-type", "application/yaml")
                .body(body)
                .send()
                .await
        }));
    }
    let mut slowest = Duration::ZERO;
    for _ in 0..5 {
        slowest = slowest.max(signed_call(&emulator).await?);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        slowest < Duration::from_secs(1),
        "the slowest call took {slowest:?}"
    );
    for put in puts {
        assert_eq!(put.await??.status(), 400);
    }
    Ok(())
}

/// Defect 3: nonces were kept for two hours without a bound. Now at most `max_nonces` are
/// kept: the first to expire are forgotten, and a request whose `Timestamp` is not newer than
/// the newest one forgotten is refused, so a forgotten nonce still cannot be replayed.
#[tokio::test]
async fn nonces_are_capped_and_a_forgotten_one_cannot_be_replayed() -> TestResult {
    let mut limits = Limits::default();
    limits.max_nonces = 3;
    let emulator = start_with(limits)?;
    let client = qcloud_as::Client::new(
        emulator
            .client_config()
            .http_method(HttpMethod::Get)
            .build()?,
    )?;
    let now = emulator
        .now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let request = DescribeScalingGroupRequest::new();
    let first = client.signed_params(&request, now, fresh_nonce())?;
    let (status, body) = send_raw(&emulator, HttpMethod::Get, &first).await?;
    assert_eq!((status, body["code"].as_i64()), (200, Some(0)), "{body}");
    // Three more fill the cache and push the first out (the clock is frozen: all signed at
    // the same second).
    for _ in 0..3 {
        let pairs = client.signed_params(&request, now, fresh_nonce())?;
        let (_, body) = send_raw(&emulator, HttpMethod::Get, &pairs).await?;
        assert_eq!(body["code"], 0, "{body}");
    }
    // The first one's replay is refused, though its nonce is forgotten.
    let (_, body) = send_raw(&emulator, HttpMethod::Get, &first).await?;
    assert_eq!(body["code"], 4500, "{body}");
    assert_eq!(body["codeDesc"], "ReplayAttack");
    let message = body["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("at most 3 nonces") && message.contains(&now.to_string()),
        "the message says why: {message}"
    );
    // So is anything else signed at that second; a newer Timestamp passes.
    let pairs = client.signed_params(&request, now, fresh_nonce())?;
    assert_eq!(
        send_raw(&emulator, HttpMethod::Get, &pairs).await?.1["code"],
        4500
    );
    emulator.advance(Duration::from_secs(1));
    signed_call(&emulator).await?;
    let (_, body) = send_raw(&emulator, HttpMethod::Get, &first).await?;
    assert_eq!(body["code"], 4500, "{body}");
    Ok(())
}

/// Bad limits are refused when the emulator starts.
#[tokio::test]
async fn bad_limits_are_refused() -> TestResult {
    let mut limits = Limits::default();
    limits.max_connections = 0;
    let result = Emulator::start_with(SocketAddr::from(([127, 0, 0, 1], 0)), State::demo(), limits);
    assert!(matches!(result, Err(qcloud_as_emulator::Error::Limits(_))));
    Ok(())
}
