//! The instance metadata service's CAM paths: the role bound to the instance, and its
//! temporary credentials.

use super::{issue, json, text, Answer, Inner};
use crate::util::format_iso;
use hyper::StatusCode;

/// The path of the role list; a role's credentials are at this path followed by its name.
pub(crate) const ROLE_PATH: &str = "/latest/meta-data/cam/security-credentials/";

/// Answers `GET ROLE_PATH + rest`: the role's name for an empty `rest`, else the credentials
/// of the role `rest` names.
pub(super) fn answer(inner: &Inner, rest: &str) -> Answer {
    let settings = inner.settings();
    let Some(role) = settings.role else {
        return text(
            StatusCode::NOT_FOUND,
            "no CAM role is bound to this instance",
        );
    };
    if rest.is_empty() {
        inner.count(|c| &c.role_list);
        return text(StatusCode::OK, role);
    }
    if rest != role {
        return text(
            StatusCode::NOT_FOUND,
            format!("the role bound to this instance is not {rest:?}"),
        );
    }
    let (credential, expires_at) = match issue(inner, "AKIDcvm", settings.role_lifetime) {
        Ok(issued) => issued,
        Err(why) => return text(StatusCode::INTERNAL_SERVER_ERROR, why),
    };
    inner.count(|c| &c.role_credentials);
    json(&serde_json::json!({
        "TmpSecretId": credential.secret_id,
        "TmpSecretKey": credential.secret_key,
        "ExpiredTime": expires_at,
        "Expiration": format_iso(expires_at),
        "Token": credential.token,
        "Code": "Success",
    }))
}
