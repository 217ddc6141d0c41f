//! API 3.0 requests on `/`: `POST` with a JSON body, or `GET` with the parameters in the
//! query. Every answer is HTTP 200 with `Content-Type: application/json` and a fresh
//! `RequestId`, except where the body cannot be read (HTTP 413 / 408 / 400, as on the API 2.0
//! path).
//!
//! In order:
//!
//! 1. the method is GET or POST → `UnsupportedProtocol`;
//! 2. the body is read, within the limits of every request ([`crate::Limits`]);
//! 3. authentication ([`super::auth`]);
//! 4. `X-TC-Version` present (`MissingParameter`) and `2018-04-19` (`NoSuchVersion`);
//! 5. `X-TC-Region` present (`MissingParameter`; its value is not checked);
//! 6. `X-TC-Action` present (`MissingParameter`) and an action of the service
//!    (`InvalidAction`);
//! 7. the parameters: a POST body is `application/json` (`InvalidParameter`) and a JSON object
//!    (empty means `{}`; `InvalidParameter`); a GET query is unflattened ([`super::params`],
//!    `InvalidParameter`);
//! 8. the action: its parameters decoded (`MissingParameter`, `UnknownParameter`,
//!    `InvalidParameter`, `InvalidParameterValue`), then run.

use super::auth::{self, header, Received};
use super::service::V3Backend;
use super::API_VERSION;
use crate::server::{answer, read_body, Answer, Server};
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

/// Handles one request on `/`.
pub(crate) async fn api(server: &Server, request: Request<Incoming>) -> Answer {
    let id = request_id();
    let method = request.method().clone();
    if method != Method::GET && method != Method::POST {
        return refuse(
            CommonError::unsupported_protocol(format!(
                "{method} is not accepted: send GET or POST"
            )),
            &id,
        );
    }
    let query = request.uri().query().unwrap_or_default().to_owned();
    let headers = request.headers().clone();
    let body: Bytes = match read_body(request, &server.limits).await {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    let received = Received {
        method: method.as_str(),
        query: &query,
        headers: &headers,
        body: &body,
    };
    {
        let mut world = server.shared.lock();
        let now = world.now_secs();
        if let Err(e) = auth::verify(&crate::stand_in::accepted(&world, now), &received, now) {
            return refuse(e, &id);
        }
        world.authenticated_requests += 1;
    }
    match header(&headers, "x-tc-version") {
        None => {
            return refuse(
                CommonError::missing_parameter("the request has no X-TC-Version header"),
                &id,
            )
        }
        Some(version) if version.trim() != API_VERSION => {
            return refuse(
                CommonError::no_such_version(format!(
                    "X-TC-Version {version:?}: Auto Scaling has version {API_VERSION}"
                )),
                &id,
            )
        }
        Some(_) => {}
    }
    if header(&headers, "x-tc-region").is_none_or(|r| r.trim().is_empty()) {
        return refuse(
            CommonError::missing_parameter("the request has no X-TC-Region header"),
            &id,
        );
    }
    let action = match header(&headers, "x-tc-action").map(str::trim) {
        None | Some("") => {
            return refuse(
                CommonError::missing_parameter("the request has no X-TC-Action header"),
                &id,
            )
        }
        Some(action) if !ACTIONS.contains(&action) => {
            return refuse(
                CommonError::invalid_action(format!(
                    "the action {action:?} does not exist in Auto Scaling {API_VERSION}"
                )),
                &id,
            )
        }
        Some(action) => action.to_owned(),
    };
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
        Err(e) => return refuse(e, &id),
    };
    let params = Params::new(Some(action), parameters, id.clone());
    let backend = V3Backend {
        shared: &server.shared,
    };
    reply(&dispatch(&backend, &params).await)
}
