//! API 3.0 requests on `/`: `POST` with a JSON body, or `GET` with the parameters in the
//! query. Every answer is HTTP 200 with `Content-Type: application/json` and a fresh
//! `RequestId`, except where the body cannot be read (HTTP 413 / 408 / 400, as on the API 2.0
//! path) and where a fault says otherwise.
//!
//! In order:
//!
//! 1. the method is GET or POST → `UnsupportedProtocol`;
//! 2. the body is read, within the limits of every request ([`crate::Limits`]);
//! 3. authentication ([`super::auth`]): the SecretId's credential is copied under the world's
//!    lock, the signature is computed without it (on the blocking pool for a large request);
//! 4. `X-TC-Version` present (`MissingParameter`) and `2018-04-19` (`NoSuchVersion`);
//! 5. `X-TC-Region` present (`MissingParameter`; its value is not checked);
//! 6. `X-TC-Action` present (`MissingParameter`) and an action of the service
//!    (`InvalidAction`); a header that is not ASCII text is invalid, never missing;
//! 7. the fault set for the action or `*`, if any ([`crate::faults`]), answered in API 3.0's
//!    form;
//! 8. the parameters: a POST body is `application/json` (`InvalidParameter`) and a JSON object
//!    (empty means `{}`; `InvalidParameter`); a GET query is unflattened ([`super::params`],
//!    `InvalidParameter`);
//! 9. the action: its parameters decoded (`UnknownParameter`, `MissingParameter`,
//!    `InvalidParameter`, `InvalidParameterValue`), then run.

use super::auth::{self, header, header_text, NotText, Received};
use super::service::V3Backend;
use super::API_VERSION;
use crate::body::SLOW_DRIP_INTERVAL;
use crate::faults::{faulty_answer, FaultKind, Protocol};
use crate::server::{
    answer, answer_streamed, off_the_runtime, read_body, Answer, DropConnection, Server,
};
use crate::util::request_id;
use bytes::Bytes;
use hyper::body::Incoming;
use hyper::{Method, Request, StatusCode};
use qcloud_as::v3::server::{Params, Reply};
use qcloud_as::v3::service::{dispatch, ACTIONS};
use qcloud_as::v3::CommonError;
use serde_json::Value;

/// The content type of every answer, exactly (some SDKs read error bodies only with it).
pub(crate) const CONTENT_TYPE: &str = "application/json";

fn reply(reply: &Reply) -> Answer {
    answer(StatusCode::OK, CONTENT_TYPE, reply.to_json())
}

fn refuse(error: CommonError, request_id: &str) -> Answer {
    reply(&Reply::error(error.meta(), request_id))
}

/// Whether the request's content type is `application/json` (parameters such as a charset
/// allowed).
fn is_json(request_headers: &hyper::HeaderMap) -> bool {
    header(request_headers, "content-type").is_some_and(|v| {
        v.split(';')
            .next()
            .is_some_and(|t| t.trim().eq_ignore_ascii_case(CONTENT_TYPE))
    })
}

/// A header's value, or the answer refusing it: absent or empty is `MissingParameter`, not
/// text is `what` (each header is refused in its own terms).
fn required_header<'a>(
    headers: &'a hyper::HeaderMap,
    name: &str,
    shown: &str,
    not_text: impl FnOnce(String) -> CommonError,
) -> Result<&'a str, CommonError> {
    match header_text(headers, name) {
        Ok(Some(value)) if !value.trim().is_empty() => Ok(value.trim()),
        Ok(_) => Err(CommonError::missing_parameter(format!(
            "the request has no {shown} header"
        ))),
        Err(NotText) => Err(not_text(format!("the {shown} header is not ASCII text"))),
    }
}

/// Authenticates the request ([`auth`]): the SecretId's credential is copied under the
/// world's lock, and the signature (a hash of the whole body) is computed without it, on the
/// blocking pool for a large body. `Err` is the answer.
async fn authenticate(
    server: &Server,
    method: &Method,
    query: &str,
    headers: hyper::HeaderMap,
    body: &Bytes,
    id: &str,
) -> Result<hyper::HeaderMap, Answer> {
    let secret_id = auth::claimed_secret_id(&headers).map_err(|e| refuse(e, id))?;
    let (credential, now) = {
        let world = server.shared.lock();
        let now = world.now_secs();
        (crate::stand_in::find(&world, &secret_id, now), now)
    };
    let Some(credential) = credential else {
        return Err(refuse(
            CommonError::auth_failure_secret_id_not_found(format!(
                "the SecretId {secret_id:?} is not known"
            )),
            id,
        ));
    };
    let (method, query, body_bytes) = (method.clone(), query.to_owned(), body.clone());
    let size = body_bytes.len().saturating_add(query.len());
    let checked = off_the_runtime(size, move || {
        let received = Received {
            method: method.as_str(),
            query: &query,
            headers: &headers,
            body: &body_bytes,
        };
        let checked = auth::verify(std::slice::from_ref(&credential), &received, now);
        (headers, checked)
    })
    .await?;
    match checked {
        (headers, Ok(())) => {
            server.shared.lock().authenticated_requests += 1;
            Ok(headers)
        }
        (_, Err(e)) => Err(refuse(e, id)),
    }
}

/// Handles one request on `/`.
pub(crate) async fn api(
    server: &Server,
    request: Request<Incoming>,
) -> Result<Answer, DropConnection> {
    let id = request_id();
    let method = request.method().clone();
    if method != Method::GET && method != Method::POST {
        return Ok(refuse(
            CommonError::unsupported_protocol(format!(
                "{method} is not accepted: send GET or POST"
            )),
            &id,
        ));
    }
    let query = request.uri().query().unwrap_or_default().to_owned();
    let headers = request.headers().clone();
    let body: Bytes = match read_body(request, &server.limits).await {
        Ok(body) => body,
        Err(answer) => return Ok(answer),
    };
    let headers = match authenticate(server, &method, &query, headers, &body, &id).await {
        Ok(headers) => headers,
        Err(answer) => return Ok(answer),
    };
    match required_header(&headers, "x-tc-version", "X-TC-Version", |m| {
        CommonError::no_such_version(m)
    }) {
        Err(e) => return Ok(refuse(e, &id)),
        Ok(version) if version != API_VERSION => {
            return Ok(refuse(
                CommonError::no_such_version(format!(
                    "X-TC-Version {version:?}: Auto Scaling has version {API_VERSION}"
                )),
                &id,
            ))
        }
        Ok(_) => {}
    }
    if let Err(e) = required_header(&headers, "x-tc-region", "X-TC-Region", |m| {
        CommonError::invalid_parameter_value(m)
    }) {
        return Ok(refuse(e, &id));
    }
    let action = match required_header(&headers, "x-tc-action", "X-TC-Action", |m| {
        CommonError::invalid_action(m)
    }) {
        Err(e) => return Ok(refuse(e, &id)),
        Ok(action) if !ACTIONS.contains(&action) => {
            return Ok(refuse(
                CommonError::invalid_action(format!(
                    "the action {action:?} does not exist in Auto Scaling {API_VERSION}"
                )),
                &id,
            ))
        }
        Ok(action) => action.to_owned(),
    };
    let fault = server.shared.lock().state.faults.take(Some(&action));
    let mut drip = false;
    if let Some(fault) = fault {
        if fault.latency_ms > 0 {
            tokio::time::sleep(fault.latency_duration()).await;
        }
        if let Some(kind) = fault.kind {
            match faulty_answer(kind, &action, Protocol::V3 { request_id: &id }) {
                Some(answer) => return answer,
                None => drip = kind == FaultKind::SlowDrip,
            }
        }
    }
    let parameters = if method == Method::GET {
        super::params::from_query(&query).map_err(|why| {
            CommonError::invalid_parameter(format!("the query is not a request: {why}"))
        })
    } else if !is_json(&headers) {
        Err(CommonError::invalid_parameter(
            "a POST body must be application/json (form bodies are for API 2.0 signatures)",
        ))
    } else if body.iter().all(u8::is_ascii_whitespace) {
        Ok(Value::Object(serde_json::Map::new()))
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| CommonError::invalid_parameter(format!("the body is not JSON: {e}")))
    };
    let parameters = match parameters {
        Ok(parameters) => parameters,
        Err(e) => return Ok(refuse(e, &id)),
    };
    let params = Params::new(Some(action), parameters, id.clone());
    let backend = V3Backend {
        shared: &server.shared,
    };
    let outcome = dispatch(&backend, &params).await;
    if drip {
        return Ok(answer_streamed(
            StatusCode::OK,
            CONTENT_TYPE,
            crate::body::drip(Bytes::from(outcome.to_json()), SLOW_DRIP_INTERVAL),
        ));
    }
    Ok(reply(&outcome))
}
