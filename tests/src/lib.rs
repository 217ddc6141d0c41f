//! Helpers for the workspace-level integration tests.
//!
//! [`CannedServer`] is a real HTTP/1.1 server on 127.0.0.1 that answers each request with the
//! next canned reply and records what it received, for tests of the client's handling of
//! answers the emulator would not give (odd envelopes, broken bodies).

pub mod fuzz;
pub mod tc3;

/// The README's Rust examples (API 2.0, API 3.0 and the emulator's), compiled as doctests of this
/// crate, which has both API versions and the emulator: `cargo test -p qcloud-as-tests --doc`.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// One canned answer.
#[derive(Debug, Clone)]
pub enum Canned {
    /// An HTTP answer with this status, content type and body.
    Reply {
        /// The status code.
        status: u16,
        /// The `Content-Type`.
        content_type: &'static str,
        /// The body.
        body: Vec<u8>,
    },
    /// Close the connection without answering.
    Drop,
    /// Wait, then give the answer.
    Delay(std::time::Duration, Box<Canned>),
    /// HTTP 200 with a declared `Content-Length` of `declared` bytes, of which `body` is sent
    /// one byte every `every`, then the connection is held open.
    Drip {
        /// The bytes sent, slowly.
        body: Vec<u8>,
        /// The length declared.
        declared: usize,
        /// The pause between two bytes.
        every: std::time::Duration,
    },
    /// HTTP 200 with a body of `size` bytes of JSON-ish filler, sent as fast as the client
    /// reads; with `declare`, a `Content-Length` says its size, without it the body is chunked.
    Huge {
        /// The body's size in bytes.
        size: u64,
        /// Whether `Content-Length` is sent.
        declare: bool,
    },
}

impl Canned {
    /// A 200 answer with a JSON body.
    pub fn json(body: &str) -> Canned {
        Canned::Reply {
            status: 200,
            content_type: "application/json",
            body: body.as_bytes().to_vec(),
        }
    }
}

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// `GET` or `POST`.
    pub method: String,
    /// The request target: path and query.
    pub target: String,
    /// Header names (lower-case) and values.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Recorded {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The decoded parameters: the query for GET, the form body for POST.
    pub fn params(&self) -> Vec<(String, String)> {
        let raw: &[u8] = if self.method == "GET" {
            self.target
                .split_once('?')
                .map(|(_, q)| q.as_bytes())
                .unwrap_or_default()
        } else {
            &self.body
        };
        form_urlencoded::parse(raw).into_owned().collect()
    }
}

/// A loopback HTTP server that gives canned answers in order (the last one repeats).
pub struct CannedServer {
    addr: SocketAddr,
    received: Arc<Mutex<Vec<Recorded>>>,
    task: tokio::task::JoinHandle<()>,
}

impl CannedServer {
    /// Starts the server on 127.0.0.1 with a free port.
    pub async fn start(answers: Vec<Canned>) -> std::io::Result<CannedServer> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&received);
        let task = tokio::spawn(async move {
            let mut next = 0usize;
            while let Ok((stream, _)) = listener.accept().await {
                let answer = answers
                    .get(next.min(answers.len().saturating_sub(1)))
                    .cloned()
                    .unwrap_or(Canned::Drop);
                next += 1;
                let log = Arc::clone(&log);
                // Each connection on its own task: a slow answer does not hold up the next.
                tokio::spawn(async move {
                    let mut stream = stream;
                    let Some(request) = read_request(&mut stream).await else {
                        return;
                    };
                    log.lock().unwrap_or_else(|e| e.into_inner()).push(request);
                    write_answer(&mut stream, answer).await;
                    let _ = stream.shutdown().await;
                });
            }
        });
        Ok(CannedServer {
            addr,
            received,
            task,
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The requests received so far.
    pub fn received(&self) -> Vec<Recorded> {
        self.received
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

impl Drop for CannedServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn write_answer(stream: &mut tokio::net::TcpStream, answer: Canned) {
    let mut answer = answer;
    loop {
        match answer {
            Canned::Delay(wait, then) => {
                tokio::time::sleep(wait).await;
                answer = *then;
            }
            Canned::Reply {
                status,
                content_type,
                body,
            } => {
                let head = format!(
                    "HTTP/1.1 {status} Canned\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.write_all(&body).await;
                return;
            }
            Canned::Drop => return,
            Canned::Drip {
                body,
                declared,
                every,
            } => {
                let head = format!(
                    "HTTP/1.1 200 Canned\r\nContent-Type: application/json\r\nContent-Length: {declared}\r\nConnection: close\r\n\r\n"
                );
                if stream.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                for byte in body {
                    tokio::time::sleep(every).await;
                    if stream.write_all(&[byte]).await.is_err() {
                        return;
                    }
                }
                // Hold the connection open (bounded), as a server that stopped sending.
                tokio::time::sleep(std::time::Duration::from_secs(30)).await;
                return;
            }
            Canned::Huge { size, declare } => {
                let head = if declare {
                    format!(
                        "HTTP/1.1 200 Canned\r\nContent-Type: application/json\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n"
                    )
                } else {
                    "HTTP/1.1 200 Canned\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".to_owned()
                };
                if stream.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let chunk = vec![b' '; 64 * 1024];
                let mut sent = 0u64;
                while sent < size {
                    let n = (size - sent).min(chunk.len() as u64) as usize;
                    let written = if declare {
                        stream.write_all(&chunk[..n]).await
                    } else {
                        let frame = format!("{n:x}\r\n");
                        let mut all = frame.into_bytes();
                        all.extend_from_slice(&chunk[..n]);
                        all.extend_from_slice(b"\r\n");
                        stream.write_all(&all).await
                    };
                    if written.is_err() {
                        // The client stopped reading: as it should.
                        return;
                    }
                    sent += n as u64;
                }
                if !declare {
                    let _ = stream.write_all(b"0\r\n\r\n").await;
                }
                return;
            }
        }
    }
}

async fn read_request(stream: &mut tokio::net::TcpStream) -> Option<Recorded> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut start = lines.next()?.split(' ');
    let method = start.next()?.to_owned();
    let target = start.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Recorded {
        method,
        target,
        headers,
        body,
    })
}
