//! Helpers for the workspace-level integration tests.
//!
//! [`CannedServer`] is a real HTTP/1.1 server on 127.0.0.1 that answers each request with the
//! next canned reply and records what it received, for tests of the client's handling of
//! answers the emulator would not give (odd envelopes, broken bodies).

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
            while let Ok((mut stream, _)) = listener.accept().await {
                let answer = answers
                    .get(next.min(answers.len().saturating_sub(1)))
                    .cloned()
                    .unwrap_or(Canned::Drop);
                next += 1;
                let Some(request) = read_request(&mut stream).await else {
                    continue;
                };
                log.lock().unwrap_or_else(|e| e.into_inner()).push(request);
                if let Canned::Reply {
                    status,
                    content_type,
                    body,
                } = answer
                {
                    let head = format!(
                        "HTTP/1.1 {status} Canned\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(head.as_bytes()).await;
                    let _ = stream.write_all(&body).await;
                }
                let _ = stream.shutdown().await;
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
