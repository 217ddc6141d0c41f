//! The HTTP side: routing, body limits, authentication, faults, and the accept loop.
//!
//! Routes:
//!
//! | path | method | what |
//! |---|---|---|
//! | `/v2/index.php` | GET (query) or POST (form body) | the API |
//! | `/_emulator/state` | GET | the whole state as JSON |
//! | `/_emulator/state` | PUT | replace the state (JSON or YAML body), checked like a file |
//! | `/_emulator/faults` | GET, PUT, DELETE | the faults in force; PUT replaces them; DELETE clears |
//! | `/_emulator/clock`, `/_emulator/clock/advance`, `/_emulator/metrics`, `/_emulator/activity-failures` | | the simulation's controls ([`crate::control`]) |
//!
//! Anything else is 404 (unknown path) or 405 (wrong method), as plain text.

use crate::actions::Backend;
use crate::auth::{self, Signed};
use crate::faults::{FaultKind, Faults};
use crate::state::State;
use crate::world::Shared;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONTENT_LENGTH, CONTENT_TYPE, HOST};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use qcloud_as::server::{Params, Reply};
use qcloud_as::ServiceError;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// The largest request body accepted (larger ones get HTTP 413).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The API path.
pub const API_PATH: &str = qcloud_as::SERVICE.path;

type Answer = Response<Full<Bytes>>;

/// Returned by the request handler to make hyper close the connection without an answer.
#[derive(Debug)]
pub(crate) struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for DropConnection {}

fn answer(status: StatusCode, content_type: &'static str, body: impl Into<Bytes>) -> Answer {
    let mut response = Response::new(Full::new(body.into()));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

fn text(status: StatusCode, body: impl Into<String>) -> Answer {
    answer(status, "text/plain; charset=utf-8", body.into())
}

fn json(status: StatusCode, body: impl Into<Bytes>) -> Answer {
    answer(status, "application/json; charset=utf-8", body)
}

fn reply(reply: &Reply) -> Answer {
    json(StatusCode::OK, reply.to_json())
}

fn service_error(error: &ServiceError) -> Answer {
    reply(&Reply::error(error))
}

/// Reads the whole body, at most [`MAX_BODY_BYTES`]; `Err` is the answer to give instead.
pub(crate) async fn read_body(request: Request<Incoming>) -> Result<Bytes, Answer> {
    let too_large = || {
        text(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("request body larger than {MAX_BODY_BYTES} bytes\n"),
        )
    };
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return Err(too_large());
    }
    match Limited::new(request.into_body(), MAX_BODY_BYTES)
        .collect()
        .await
    {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => Err(too_large()),
        Err(e) => Err(text(
            StatusCode::BAD_REQUEST,
            format!("cannot read the request body: {e}\n"),
        )),
    }
}

/// Handles one request.
pub(crate) async fn handle(
    shared: Arc<Shared>,
    request: Request<Incoming>,
) -> Result<Answer, DropConnection> {
    let path = request.uri().path().to_owned();
    let method = request.method().clone();
    match (path.as_str(), method) {
        (API_PATH, Method::GET | Method::POST) => api(&shared, request).await,
        (API_PATH, _) => Ok(text(StatusCode::METHOD_NOT_ALLOWED, "use GET or POST\n")),
        ("/_emulator/state", Method::GET) => {
            Ok(json(StatusCode::OK, shared.lock().state.to_json_pretty()))
        }
        ("/_emulator/state", Method::PUT) => Ok(put_state(&shared, request).await),
        ("/_emulator/faults", Method::GET) => Ok(json(
            StatusCode::OK,
            serde_json::to_vec_pretty(&shared.lock().state.faults).unwrap_or_default(),
        )),
        ("/_emulator/faults", Method::PUT) => Ok(put_faults(&shared, request).await),
        ("/_emulator/faults", Method::DELETE) => {
            shared.lock().state.faults = Faults::default();
            Ok(json(StatusCode::OK, "{}"))
        }
        (path, _) if crate::control::handles(path) => {
            Ok(crate::control::handle(&shared, request).await)
        }
        ("/_emulator/state" | "/_emulator/faults", _) => {
            Ok(text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n"))
        }
        _ => Ok(text(
            StatusCode::NOT_FOUND,
            format!("not found: {path} (the API is at {API_PATH})\n"),
        )),
    }
}

async fn put_state(shared: &Shared, request: Request<Incoming>) -> Answer {
    let body = match read_body(request).await {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    let Ok(text_body) = std::str::from_utf8(&body) else {
        return text(StatusCode::BAD_REQUEST, "the state must be UTF-8 text\n");
    };
    match State::from_yaml_str(text_body, "request body") {
        Ok(state) => {
            shared.lock().state = state;
            json(StatusCode::OK, "{}")
        }
        Err(e) => text(StatusCode::BAD_REQUEST, format!("{e}\n")),
    }
}

async fn put_faults(shared: &Shared, request: Request<Incoming>) -> Answer {
    let body = match read_body(request).await {
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

async fn api(shared: &Shared, request: Request<Incoming>) -> Result<Answer, DropConnection> {
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
        let body = match read_body(request).await {
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
    let fault = {
        let mut world = shared.lock();
        let now = world.now_secs();
        if let Err(e) = auth::verify(&mut world, &signed, &pairs, &params, now) {
            return Ok(service_error(&e));
        }
        world.state.faults.take(params.action())
    };

    if let Some(fault) = fault {
        if fault.latency_ms > 0 {
            tokio::time::sleep(fault.latency_duration()).await;
        }
        if let Some(kind) = fault.kind {
            return faulty_answer(kind, params.action());
        }
    }

    let backend = Backend { shared };
    Ok(reply(
        &qcloud_as::service::dispatch(&backend, &params).await,
    ))
}

/// The broken answer of a fault; the action does not run.
fn faulty_answer(kind: FaultKind, action: Option<&str>) -> Result<Answer, DropConnection> {
    let action = action.unwrap_or("(none)");
    Ok(match kind {
        FaultKind::Http502 => answer(
            StatusCode::BAD_GATEWAY,
            "text/html; charset=utf-8",
            "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
             <center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>stgw</center>\r\n\
             </body>\r\n</html>\r\n",
        ),
        FaultKind::MalformedJson => json(
            StatusCode::OK,
            "{\"code\":0,\"data\":<html><body>upstream error</body></html>",
        ),
        FaultKind::TruncatedJson => {
            let full = Reply::success(&serde_json::json!({
                "totalCount": 1,
                "note": format!("a {action} answer cut in the middle by fault injection"),
            }))
            .to_json();
            json(
                StatusCode::OK,
                Bytes::copy_from_slice(&full[..full.len() / 2]),
            )
        }
        FaultKind::Throttle => service_error(&ServiceError::new(
            4400,
            "RequestLimitExceeded",
            format!("(4400)too many requests for {action}; try again later"),
        )),
        FaultKind::DropConnection => return Err(DropConnection),
    })
}

/// Accepts connections until `shutdown` fires, then stops accepting and gives in-flight
/// requests up to `grace` to finish.
pub(crate) async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut shutdown: oneshot::Receiver<()>,
    grace: Duration,
) {
    let graceful = GracefulShutdown::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    let shared = shared.clone();
                    let service = hyper::service::service_fn(move |request| {
                        handle(shared.clone(), request)
                    });
                    let connection = hyper::server::conn::http1::Builder::new()
                        .timer(TokioTimer::new())
                        .header_read_timeout(Duration::from_secs(30))
                        .serve_connection(TokioIo::new(stream), service);
                    let connection = graceful.watch(connection);
                    tokio::spawn(async move {
                        // Errors here are a client going away or a dropped-connection fault.
                        let _ = connection.await;
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
