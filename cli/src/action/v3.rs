//! API 3.0's senders: the request built from the flags as API 2.0's is, sent with the API 3.0
//! client (`qcloud_as::v3::Client`), paged with the same paginator, shown by `--dry-run` as the
//! TC3-HMAC-SHA256 canonical request and string to sign, and followed by `--wait` when the
//! action starts an activity.

use super::{all_pages, request, wait, Invocation, Reply, ALL, WAIT};
use crate::failure::Failure;
use crate::output::Ordered;
use qcloud_as::paginate::{Paged, Paginator};
use qcloud_as::protocol::v3::sign;
use qcloud_as::v3::{Client, Operation};
use serde::de::DeserializeOwned;

/// Sends one API 3.0 request built from the flags, or shows it with `--dry-run`; with `--wait`
/// on an action that starts an activity, waits for the activity to end.
pub fn send<R: Operation + DeserializeOwned>(inv: &Invocation<'_>) -> Result<Reply, Failure> {
    let request = request::<R>(inv.action, inv.matches)?;
    let client = inv.settings.v3_client(inv.runtime)?;
    if inv.settings.dry_run {
        return dry_run(&client, &request).map(Reply::DryRun);
    }
    let output = inv
        .runtime
        .block_on(client.execute(&request))
        .map_err(|e| Failure::from_sdk_v3(inv.action.name, e))?;
    let answer = Ordered::of(&output)?;
    // Only an action that starts an activity has the flag.
    let waits = inv.action.starts_activity()
        && matches!(inv.matches.try_get_one::<bool>(WAIT), Ok(Some(true)));
    if waits {
        return wait::activity(inv, &client, answer);
    }
    Ok(Reply::Data(answer))
}

/// [`send`] for an action that pages; with `--all`, every page is read with the SDK's
/// paginator and the answer shows the last page with the items of all pages.
pub fn send_paged<R>(inv: &Invocation<'_>) -> Result<Reply, Failure>
where
    R: Operation + Paged<Page = <R as Operation>::Output> + DeserializeOwned,
{
    if !inv.matches.get_flag(ALL) || inv.settings.dry_run {
        return send::<R>(inv);
    }
    let request = request::<R>(inv.action, inv.matches)?;
    let client = inv.settings.v3_client(inv.runtime)?;
    all_pages(inv, Paginator::new(client, request), Failure::from_sdk_v3)
}

/// The request as it would be sent: the URL, the headers (the session token shown as `***`)
/// and the JSON body; then the canonical request and the string to sign of TC3-HMAC-SHA256,
/// as the `Authorization` header's signature was computed from them.
fn dry_run<R: Operation>(client: &Client, request: &R) -> Result<String, Failure> {
    const REDACTED: &str = "***";
    let timestamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let signed = client
        .signed_request(request, timestamp)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let host = client.endpoint().host();
    let content_type = signed
        .headers
        .iter()
        .find(|(name, _)| *name == "Content-Type")
        .map_or("application/json", |(_, value)| value.as_str());
    let canonical = sign::canonical_request(
        "POST",
        "",
        &[("content-type", content_type), ("host", host)],
        &sign::hashed_payload(&signed.body),
    );
    let service = qcloud_as::v3::SERVICE.signing_name.unwrap_or("as");
    let scope = sign::credential_scope(&sign::utc_date(timestamp), service);
    let string_to_sign = sign::string_to_sign(timestamp, &scope, &canonical);
    let mut out = format!("POST {}\n", signed.url);
    for (name, value) in &signed.headers {
        let value = if *name == "X-TC-Token" {
            REDACTED
        } else {
            value.as_str()
        };
        out.push_str(&format!("{name}: {value}\n"));
    }
    out.push('\n');
    out.push_str(&String::from_utf8_lossy(&signed.body));
    out.push_str(&format!(
        "\n\nCanonical request:\n{canonical}\n\nString to sign (TC3-HMAC-SHA256, scope \
         {scope}):\n{string_to_sign}\n"
    ));
    Ok(out)
}
