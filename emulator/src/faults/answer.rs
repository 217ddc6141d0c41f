//! The broken answers of faults, in each protocol's own form.

use crate::body::{self, OVERSIZED_BODY_BYTES};
use crate::faults::FaultKind;
use crate::server::{answer, answer_streamed, json, service_error, Answer, DropConnection, JSON};
use bytes::Bytes;
use hyper::StatusCode;
use qcloud_as::server::Reply;
use qcloud_as::ServiceError;

/// The protocol a faulted request came in, which decides the form of its broken answer.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Protocol<'a> {
    /// API 2.0: `{"code", "message", "codeDesc", "data"}`.
    V2,
    /// API 3.0: `{"Response": {…, "RequestId"}}`, with the request's id.
    V3 {
        /// The `RequestId` of the answer.
        request_id: &'a str,
    },
}

/// The content type of API 3.0 answers, exactly.
const V3_JSON: &str = crate::v3::http::CONTENT_TYPE;

/// The gateway page of an HTTP 502, the same for both protocols.
const BAD_GATEWAY_PAGE: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n\
     <body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>stgw</center>\r\n\
     </body>\r\n</html>\r\n";

/// The broken answer of a fault, given instead of running `action`; `None` when the action
/// runs all the same (`slowDrip`, whose answer the caller drips).
pub(crate) fn faulty_answer(
    kind: FaultKind,
    action: &str,
    protocol: Protocol<'_>,
) -> Option<Result<Answer, DropConnection>> {
    Some(Ok(match (kind, protocol) {
        // The action runs; the caller sends its answer slowly.
        (FaultKind::SlowDrip, _) => return None,
        (FaultKind::DropConnection, _) => return Some(Err(DropConnection)),
        (FaultKind::Http502, _) => answer(
            StatusCode::BAD_GATEWAY,
            "text/html; charset=utf-8",
            BAD_GATEWAY_PAGE,
        ),
        (FaultKind::MalformedJson, Protocol::V2) => json(
            StatusCode::OK,
            "{\"code\":0,\"data\":<html><body>upstream error</body></html>",
        ),
        (FaultKind::MalformedJson, Protocol::V3 { .. }) => answer(
            StatusCode::OK,
            V3_JSON,
            "{\"Response\":<html><body>upstream error</body></html>",
        ),
        (FaultKind::TruncatedJson, protocol) => {
            let note = format!("a {action} answer cut in the middle by fault injection");
            let full = match protocol {
                Protocol::V2 => Reply::success(&serde_json::json!({
                    "totalCount": 1,
                    "note": note,
                }))
                .to_json(),
                Protocol::V3 { request_id } => serde_json::to_vec(&serde_json::json!({
                    "Response": {"TotalCount": 1, "Note": note, "RequestId": request_id},
                }))
                .unwrap_or_default(),
            };
            let cut = Bytes::copy_from_slice(&full[..full.len() / 2]);
            match protocol {
                Protocol::V2 => json(StatusCode::OK, cut),
                Protocol::V3 { .. } => answer(StatusCode::OK, V3_JSON, cut),
            }
        }
        (FaultKind::Throttle, Protocol::V2) => service_error(&ServiceError::new(
            4400,
            "RequestLimitExceeded",
            format!("(4400)too many requests for {action}; try again later"),
        )),
        (FaultKind::Throttle, Protocol::V3 { request_id }) => {
            let error = qcloud_as::v3::CommonError::request_limit_exceeded(format!(
                "too many requests for {action}; try again later"
            ));
            answer(
                StatusCode::OK,
                V3_JSON,
                qcloud_as::v3::server::Reply::error(error.meta(), request_id).to_json(),
            )
        }
        (FaultKind::OversizedBody | FaultKind::OversizedChunked, protocol) => {
            let declared = kind == FaultKind::OversizedBody;
            match protocol {
                Protocol::V2 => answer_streamed(
                    StatusCode::OK,
                    JSON,
                    body::oversized(OVERSIZED_BODY_BYTES, declared),
                ),
                Protocol::V3 { request_id } => answer_streamed(
                    StatusCode::OK,
                    V3_JSON,
                    body::oversized_v3(request_id, OVERSIZED_BODY_BYTES, declared),
                ),
            }
        }
    }))
}
