//! The signer's tests: every known answer of the reference (`known_answers`), dates, signed
//! header lists and the `Authorization` parser (`parts`).

use super::*;

const ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA";
const AS_HOST: &str = "as.tencentcloudapi.com";
const JSON: &str = "application/json";

/// Body of (a): the `\u` escapes are six ASCII bytes each.
const A_BODY: &str =
    r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;
const A_PAYLOAD_HASH: &str = "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064";
const A_CONTENT_TYPE: &str = "application/json; charset=utf-8";

const B_BODY: &str =
    r#"{"AutoScalingGroupId":"asg-boz1qhnk","InstanceIds":["ins-cri8d02t","ins-osckfnm7"]}"#;
const B_CANONICAL_HASH: &str = "5818bb48665493222e79b0ef0c2338dc2a9661b61f0da79b02fc3b7c82b1f4d0";
const B_SIGNATURE: &str = "da1988d46fbda3d1a2da0e6e96c8cf41a50ac3a9a0a5cf6771bfe67288a2e91a";

fn post<'a>(host: &'a str, content_type: &'a str, body: &'a str) -> RequestToSign<'a> {
    RequestToSign {
        method: "POST",
        host,
        content_type,
        query: "",
        body: body.as_bytes(),
        unsigned_payload: false,
    }
}

fn sdk_canonical(method: &str, query: &str, content_type: &str, host: &str, body: &[u8]) -> String {
    canonical_request(
        method,
        query,
        &[("Content-Type", content_type), ("Host", host)],
        &hashed_payload(body),
    )
}

fn sha_hex(s: &str) -> String {
    hashed_payload(s.as_bytes())
}

mod known_answers;
mod parts;
