//! The HTTP side: routing, body limits, authentication, faults, and the accept loop with its
//! limits on what a client can hold ([`Limits`]).
//!
//! Routes:
//!
//! | path | method | what |
//! |---|---|---|
//! | `/v2/index.php` | GET (query) or POST (form body) | API 2.0 |
//! | `/` | POST (JSON body) or GET (query), with `X-TC-Action` | API 3.0 ([`crate::v3::http`]) |
//! | `/_emulator/state` | GET | the whole state as JSON |
//! | `/_emulator/state` | PUT | replace the state (JSON or YAML body), checked like a file |
//! | `/_emulator/faults` | GET, PUT, DELETE | the faults in force; PUT replaces them; DELETE clears |
//! | `/_emulator/lifecycle-messages` | GET | lifecycle hooks' messages ([`crate::lifecycle_messages`]) |
//! | `/_emulator/clock`, `/_emulator/clock/advance`, `/_emulator/metrics`, `/_emulator/activity-failures` | | the simulation's controls ([`crate::control`]) |
//!
//! Anything else is 404 (unknown path) or 405 (wrong method), as plain text. Before any of it,
//! a request addressed (`Host`) to anything but loopback, the bound address or an allowed
//! name is refused with 403, and a body sent to `/_emulator/…` as anything but JSON (or YAML
//! for a state) with 415 ([`crate::host`]).

use crate::actions::Backend;
use crate::auth::{Claim, Signed};
use crate::body::{self, Body, SLOW_DRIP_INTERVAL};
use crate::faults::{faulty_answer, FaultKind, Faults, Protocol};
use crate::host::{self, AllowedHosts};
use crate::io::SendTimeout;
use crate::limits::{Limits, MIN_HEADER_BYTES};
use crate::state::State;
use crate::world::Shared;
use bytes::Bytes;
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, HOST};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use qcloud_as::server::{Params, Reply};
use qcloud_as::ServiceError;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::{oneshot, Semaphore};

/// The API path.
pub const API_PATH: &str = qcloud_as::SERVICE.path;

/// The API 3.0 path.
pub const V3_PATH: &str = qcloud_as::v3::SERVICE.path;

/// An answer, its body whole or streamed.
pub(crate) type Answer = Response<Body>;

/// What the request handlers share.
#[derive(Debug)]
pub(crate) struct Server {
    /// The world the requests read and change.
    pub(crate) shared: Arc<Shared>,
    /// The limits on what a client can hold.
    pub(crate) limits: Limits,
    /// One permit: state documents are parsed one at a time, on a blocking thread.
    parsing: Arc<Semaphore>,
    /// Who requests may be addressed to.
    pub(crate) hosts: AllowedHosts,
}

impl Server {
    /// The server of `shared`, listening on `bound`.
    pub(crate) fn new(shared: Arc<Shared>, limits: Limits, bound: SocketAddr) -> Server {
        Server {
            shared,
            limits,
            parsing: Arc::new(Semaphore::new(1)),
            hosts: AllowedHosts::new(bound),
        }
    }
}

/// Returned by the request handler to make hyper close the connection without an answer.
#[derive(Debug)]
pub(crate) struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for DropConnection {}

/// An answer with a whole body.
pub(crate) fn answer(
    status: StatusCode,
    content_type: &'static str,
    body: impl Into<Bytes>,
) -> Answer {
    answer_streamed(status, content_type, body::full(body))
}

pub(crate) fn answer_streamed(
    status: StatusCode,
    content_type: &'static str,
    body: Body,
) -> Answer {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

pub(crate) fn text(status: StatusCode, body: impl Into<String>) -> Answer {
    answer(status, "text/plain; charset=utf-8", body.into())
}

/// `answer`, after which the connection is closed.
fn closing(mut answer: Answer) -> Answer {
    answer
        .headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    answer
}

pub(crate) const JSON: &str = "application/json; charset=utf-8";

pub(crate) fn json(status: StatusCode, body: impl Into<Bytes>) -> Answer {
    answer(status, JSON, body)
}

fn reply(reply: &Reply) -> Answer {
    json(StatusCode::OK, reply.to_json())
}

pub(crate) fn service_error(error: &ServiceError) -> Answer {
    reply(&Reply::error(error))
}

/// Reads the whole body, at most [`Limits::max_body_bytes`] within [`Limits::body_timeout`];
/// `Err` is the answer to give instead (413 too large, 408 too slow, both closing the
/// connection; 400 when the body breaks off).
pub(crate) async fn read_body(
    request: Request<Incoming>,
    limits: &Limits,
) -> Result<Bytes, Answer> {
    let max = limits.max_body_bytes;
    let too_large = || {
        closing(text(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("request body larger than {max} bytes\n"),
        ))
    };
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        return Err(too_large());
    }
    let collect = Limited::new(request.into_body(), max).collect();
    match tokio::time::timeout(limits.body_timeout, collect).await {
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => Err(too_large()),
        Ok(Err(e)) => Err(text(
            StatusCode::BAD_REQUEST,
            format!("cannot read the request body: {e}\n"),
        )),
        Err(_) => Err(closing(text(
            StatusCode::REQUEST_TIMEOUT,
            format!(
                "the request body did not arrive within {:?} of its head\n",
                limits.body_timeout
            ),
        ))),
    }
}

/// Requests at least this large (their body, or the parameters signed) have their signature
/// computed on tokio's blocking pool rather than on the threads that answer requests: hashing
/// a megabyte takes milliseconds, and many such requests at once must not hold up the others.
pub(crate) const LARGE_REQUEST_BYTES: usize = 64 * 1024;

/// Runs `work` (signature checking) for a request of `size` bytes: at once when it is small,
/// on the blocking pool when it is large ([`LARGE_REQUEST_BYTES`]). `Err` is the answer to
/// give when the work could not run (the runtime is stopping).
pub(crate) async fn off_the_runtime<T: Send + 'static>(
    size: usize,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Answer> {
    if size < LARGE_REQUEST_BYTES {
        return Ok(work());
    }
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        text(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("the signature could not be checked: {e}\n"),
        )
    })
}

/// The paths of the emulator's own endpoints begin with this.
const CONTROL_PREFIX: &str = "/_emulator/";

/// Handles one request: first its `Host` (403 unless allowed, see [`crate::host`]) and, on
/// `/_emulator/…`, its body's content type (415 unless JSON, or YAML for a state).
pub(crate) async fn handle(
    server: Arc<Server>,
    request: Request<Incoming>,
) -> Result<Answer, DropConnection> {
    let shared = &server.shared;
    let path = request.uri().path().to_owned();
    let method = request.method().clone();
    if let Err(message) = server.hosts.check(request.headers(), request.uri()) {
        return Ok(closing(text(StatusCode::FORBIDDEN, format!("{message}\n"))));
    }
    if path.starts_with(CONTROL_PREFIX) {
        let accepted = match (path.as_str(), &method) {
            ("/_emulator/state", &Method::PUT) => host::JSON_OR_YAML,
            _ => host::JSON_ONLY,
        };
        if let Err(message) = host::check_content_type(request.headers(), accepted) {
            return Ok(text(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!("{message}\n"),
            ));
        }
    }
    match (path.as_str(), method) {
        (API_PATH, Method::GET | Method::POST) => api(&server, request).await,
        (API_PATH, _) => Ok(text(StatusCode::METHOD_NOT_ALLOWED, "use GET or POST\n")),
        // API 3.0: any method, answered in its envelope (`UnsupportedProtocol` but GET/POST).
        (V3_PATH, _) => crate::v3::http::api(&server, request).await,
        ("/_emulator/state", Method::GET) => {
            // A copy under the lock, serialised outside it on a blocking thread: API calls
            // wait for the copy only, not for the JSON.
            let snapshot = shared.lock().state.clone();
            let body = tokio::task::spawn_blocking(move || snapshot.to_json_pretty())
                .await
                .unwrap_or_default();
            Ok(json(StatusCode::OK, body))
        }
        ("/_emulator/state", Method::PUT) => Ok(put_state(&server, request).await),
        ("/_emulator/faults", Method::GET) => Ok(json(
            StatusCode::OK,
            serde_json::to_vec_pretty(&shared.lock().state.faults).unwrap_or_default(),
        )),
        ("/_emulator/faults", Method::PUT) => Ok(put_faults(&server, request).await),
        ("/_emulator/faults", Method::DELETE) => {
            shared.lock().state.faults = Faults::default();
            Ok(json(StatusCode::OK, "{}"))
        }
        (crate::lifecycle_messages::PATH, Method::GET) => Ok(crate::lifecycle_messages::get(
            shared,
            request.uri().query(),
        )),
        (path, _) if crate::control::handles(path) => {
            Ok(crate::control::handle(&server, request).await)
        }
        ("/_emulator/state" | "/_emulator/faults" | crate::lifecycle_messages::PATH, _) => {
            Ok(text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n"))
        }
        _ => Ok(text(
            StatusCode::NOT_FOUND,
            format!("not found: {path} (API 2.0 is at {API_PATH}, API 3.0 at {V3_PATH})\n"),
        )),
    }
}

/// `PUT /_emulator/state`. The document is parsed on a blocking thread, one at a time, so a
/// large one never holds up the threads that answer requests; one nested too deep
/// ([`crate::MAX_STATE_DEPTH`]) is refused before it is parsed.
async fn put_state(server: &Server, request: Request<Incoming>) -> Answer {
    let body = match read_body(request, &server.limits).await {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    let Ok(text_body) = String::from_utf8(Vec::from(body)) else {
        return text(StatusCode::BAD_REQUEST, "the state must be UTF-8 text\n");
    };
    // The permit goes with the parse, so it is held until the parse ends even if the client
    // leaves before.
    let Ok(permit) = server.parsing.clone().acquire_owned().await else {
        return text(
            StatusCode::SERVICE_UNAVAILABLE,
            "the emulator is stopping\n",
        );
    };
    let parsed = tokio::task::spawn_blocking(move || {
        let parsed = State::from_yaml_str(&text_body, "request body");
        drop(permit);
        parsed
    })
    .await;
    match parsed {
        Ok(Ok(state)) => {
            server.shared.lock().state = state;
            json(StatusCode::OK, "{}")
        }
        Ok(Err(e)) => text(StatusCode::BAD_REQUEST, format!("{e}\n")),
        Err(e) => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the state could not be parsed: {e}\n"),
        ),
    }
}

async fn put_faults(server: &Server, request: Request<Incoming>) -> Answer {
    let shared = &server.shared;
    let body = match read_body(request, &server.limits).await {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    let faults: Faults = match serde_json::from_slice(&body) {
        Ok(faults) => faults,
        Err(e) => {
            return text(
                StatusCode::BAD_REQUEST,
                format!(
                    "the body must be a JSON object of faults by action, e.g. \
                     {{\"DetachInstance\": {{\"kind\": \"http502\"}}}}: {e}\n"
                ),
            )
        }
    };
    if let Err((name, message)) = faults.check() {
        return text(StatusCode::BAD_REQUEST, format!("{name}: {message}\n"));
    }
    shared.lock().state.faults = faults;
    json(StatusCode::OK, "{}")
}

fn is_form(request: &Request<Incoming>) -> bool {
    match request.headers().get(CONTENT_TYPE) {
        None => true,
        Some(value) => value.to_str().is_ok_and(|v| {
            v.split(';').next().is_some_and(|t| {
                t.trim()
                    .eq_ignore_ascii_case("application/x-www-form-urlencoded")
            })
        }),
    }
}

async fn api(server: &Server, request: Request<Incoming>) -> Result<Answer, DropConnection> {
    let shared = &*server.shared;
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().to_owned();
    // The client signs `host[:port]` as it sends it in the Host header.
    let host = request
        .headers()
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
        .or_else(|| request.uri().authority().map(|a| a.as_str().to_owned()))
        .unwrap_or_default();

    let pairs: Vec<(String, String)> = if request.method() == Method::GET {
        let query = request.uri().query().unwrap_or_default();
        form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect()
    } else {
        if !is_form(&request) {
            return Ok(service_error(&ServiceError::new(
                4000,
                "InvalidParameter",
                "(4000)a POST body must be application/x-www-form-urlencoded",
            )));
        }
        let body = match read_body(request, &server.limits).await {
            Ok(body) => body,
            Err(answer) => return Ok(answer),
        };
        form_urlencoded::parse(&body).into_owned().collect()
    };
    let params = match Params::from_pairs(pairs.iter().map(|(k, v)| (k, v.clone()))) {
        Ok(params) => params,
        Err(e) => return Ok(service_error(&e.to_service_error())),
    };

    let signed = Signed {
        method: &method,
        host: &host,
        path: &path,
    };
    let claim = match Claim::read(&signed, pairs, &params) {
        Ok(claim) => claim,
        Err(e) => return Ok(service_error(&e)),
    };
    // Under the lock, only a copy of the credential; the signature is checked without it.
    let found = {
        let world = shared.lock();
        let now = world.now_secs();
        claim.credential(&world, now)
    };
    let credential = match found {
        Ok(credential) => credential,
        Err(e) => return Ok(service_error(&e)),
    };
    let size = claim.size();
    let checked = off_the_runtime(size, move || {
        let checked = claim.check_signature(&credential);
        (claim, checked)
    })
    .await;
    let claim = match checked {
        Ok((claim, Ok(()))) => claim,
        Ok((_, Err(e))) => return Ok(service_error(&e)),
        Err(answer) => return Ok(answer),
    };
    let fault = {
        let mut world = shared.lock();
        let now = world.now_secs();
        if let Err(e) = claim.admit(&mut world.nonces, now) {
            return Ok(service_error(&e));
        }
        world.authenticated_requests += 1;
        world.state.faults.take(params.action())
    };

    let mut drip = false;
    if let Some(fault) = fault {
        if fault.latency_ms > 0 {
            tokio::time::sleep(fault.latency_duration()).await;
        }
        if let Some(kind) = fault.kind {
            match faulty_answer(kind, params.action().unwrap_or("(none)"), Protocol::V2) {
                Some(answer) => return answer,
                None => drip = kind == FaultKind::SlowDrip,
            }
        }
    }

    let backend = Backend { shared };
    let outcome = qcloud_as::service::dispatch(&backend, &params).await;
    if drip {
        return Ok(answer_streamed(
            StatusCode::OK,
            JSON,
            body::drip(Bytes::from(outcome.to_json()), SLOW_DRIP_INTERVAL),
        ));
    }
    Ok(reply(&outcome))
}

/// Accepts connections until `shutdown` fires, then stops accepting and gives in-flight
/// requests up to `grace` to finish.
///
/// At most [`Limits::max_connections`] connections are held: beyond them the loop stops
/// accepting, so new connections wait in the listening socket's queue (holding no file
/// descriptor of the process) until a held one closes. A connection is closed when its next
/// request's head does not arrive within [`Limits::header_timeout`] (idle ones too), when a
/// body does not arrive within [`Limits::body_timeout`] (after a 408), when an answer waits
/// [`Limits::send_timeout`] for its reader, and after the first answer once it is
/// [`Limits::max_connection_age`] old.
pub(crate) async fn serve(
    listener: TcpListener,
    server: Arc<Server>,
    mut shutdown: oneshot::Receiver<()>,
    grace: Duration,
) {
    let limits = server.limits;
    let graceful = GracefulShutdown::new();
    let held = Arc::new(Semaphore::new(limits.max_connections));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_header_size(limits.max_header_bytes)
        // Room for a whole head a little over the limit, so that it is read to its end and
        // answered 431 (rather than cut off with bytes left unread, which resets the
        // connection and may lose the answer).
        .max_buf_size(limits.max_header_bytes.saturating_add(MIN_HEADER_BYTES));
    loop {
        let permit = tokio::select! {
            permit = held.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            _ = &mut shutdown => break,
        };
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    // Answers are written whole or on purpose slowly: no need to batch them.
                    let _ = stream.set_nodelay(true);
                    let opened = Instant::now();
                    let server = server.clone();
                    let service = hyper::service::service_fn(move |request| {
                        let server = server.clone();
                        async move {
                            let mut answer = handle(server.clone(), request).await?;
                            if opened.elapsed() >= server.limits.max_connection_age {
                                answer
                                    .headers_mut()
                                    .insert(CONNECTION, HeaderValue::from_static("close"));
                            }
                            Ok::<_, DropConnection>(answer)
                        }
                    });
                    let io = TokioIo::new(SendTimeout::new(stream, limits.send_timeout));
                    let connection = graceful.watch(http.serve_connection(io, service));
                    tokio::spawn(async move {
                        // Errors here are a client going away, a time-out, or a
                        // dropped-connection fault.
                        let _ = connection.await;
                        drop(permit);
                    });
                }
                // Out of file descriptors and the like: wait a little and go on.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            },
            _ = &mut shutdown => break,
        }
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(grace) => {}
    }
}
