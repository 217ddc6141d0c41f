//! Signatures, timestamps, nonces, tokens, the envelope of bad requests, and routing.

mod common;

use common::*;
use qcloud_as::operation::describe_scaling_group::{
    DescribeScalingGroupError, DescribeScalingGroupRequest,
};
use qcloud_as::operation::detach_instance::DetachInstanceRequest;
use qcloud_as::signing::SignatureMethod;
use qcloud_as::{CommonError, Credentials, Error, HttpMethod};
use qcloud_as_emulator::{Emulator, State};

async fn describe_ok(client: &qcloud_as::Client) -> TestResult {
    let out = client.describe_scaling_group().send().await?;
    assert_eq!(out.total_count, 2);
    Ok(())
}

#[tokio::test]
async fn every_signature_and_http_method_combination_is_accepted() -> TestResult {
    let emulator = Emulator::start(State::demo())?;
    for signature in [SignatureMethod::HmacSha1, SignatureMethod::HmacSha256] {
        for http in [HttpMethod::Get, HttpMethod::Post] {
            let client = qcloud_as::Client::new(
                emulator
                    .client_config()
                    .signature_method(signature)
                    .http_method(http)
                    .build()?,
            )?;
            describe_ok(&client).await?;
            // And a call with a list parameter, which changes the state.
            let listed = client
                .describe_scaling_instance("asg-demo0001")
                .instance_ids(["ins-demo0001", "ins-demo0004"])
                .send()
                .await?;
            assert_eq!(listed.total_count, 2, "{signature} {http:?}");
        }
    }
    Ok(())
}

#[tokio::test]
async fn underscore_names_are_signed_as_dots() -> TestResult {
    let (emulator, client) = demo()?;
    let request = DetachInstanceRequest::new("asg-demo0001", ["ins-demo0001", "ins-demo0002"]);
    let pairs: Vec<(String, String)> = client
        .signed_params(&request, unix_now(), fresh_nonce())?
        .into_iter()
        .map(|(k, v)| (k.replace("instanceIds.", "instanceIds_"), v))
        .collect();
    assert!(pairs.iter().any(|(k, _)| k == "instanceIds_0"));
    let (status, body) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
    assert_eq!(status, 200);
    assert_eq!(body["code"], 0, "{body}");
    assert_eq!(
        members(&emulator.state(), "asg-demo0001"),
        ["ins-demo0003", "ins-demo0004"]
    );
    Ok(())
}

#[tokio::test]
async fn a_name_given_as_dot_and_underscore_is_refused() -> TestResult {
    let (emulator, client) = demo()?;
    let request = DetachInstanceRequest::new("asg-demo0001", ["ins-demo0001"]);
    let mut pairs = client.signed_params(&request, unix_now(), fresh_nonce())?;
    pairs.push(("instanceIds_0".into(), "ins-demo0002".into()));
    let (_, body) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
    assert_eq!(body["code"], 4000, "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("instanceIds.0"),
        "{body}"
    );
    Ok(())
}

#[tokio::test]
async fn bad_signature_is_auth_failure() -> TestResult {
    let emulator = Emulator::start(State::demo())?;
    let client = qcloud_as::Client::new(
        emulator
            .client_config()
            .credentials(Credentials::new(
                qcloud_as_emulator::DEMO_SECRET_ID,
                "wrong-key",
            ))
            .build()?,
    )?;
    match client.describe_scaling_group().send().await {
        Err(Error::Service(DescribeScalingGroupError::Common(CommonError::AuthFailure(e)))) => {
            assert_eq!(e.code(), 4100);
            assert_eq!(e.code_desc(), "AuthFailure.SignatureFailure");
        }
        other => panic!("unexpected: {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn signature_failure_message_hides_the_token() -> TestResult {
    const TOKEN: &str = "session-token-SECRET-4711";
    let mut initial = State::demo();
    initial
        .credentials
        .push(qcloud_as_emulator::state::Credential {
            token: Some(TOKEN.into()),
            ..qcloud_as_emulator::state::Credential::new("AKIDTEMP", "temp-key")
        });
    let emulator = Emulator::start(initial)?;
    let client = qcloud_as::Client::new(
        emulator
            .client_config()
            .credentials(Credentials::new("AKIDTEMP", "wrong-key").with_token(TOKEN))
            .build()?,
    )?;
    let pairs = client.signed_params(
        &DescribeScalingGroupRequest::new(),
        unix_now(),
        fresh_nonce(),
    )?;
    assert!(pairs.iter().any(|(k, v)| k == "Token" && v == TOKEN));
    let (_, body) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
    assert_eq!(body["code"], 4100, "{body}");
    assert_eq!(body["codeDesc"], "AuthFailure.SignatureFailure", "{body}");
    let message = body["message"].as_str().unwrap_or_default();
    assert!(!message.contains(TOKEN), "{message}");
    assert!(!body.to_string().contains(TOKEN), "{body}");
    // The rest of the string to sign is still there, with the token's value masked.
    assert!(message.contains("Token=***"), "{message}");
    assert!(message.contains("SecretId=AKIDTEMP"), "{message}");
    // And through the typed client as well.
    match client.describe_scaling_group().send().await {
        Err(Error::Service(DescribeScalingGroupError::Common(CommonError::AuthFailure(e)))) => {
            assert_eq!(e.code_desc(), "AuthFailure.SignatureFailure");
            assert!(!e.to_string().contains(TOKEN), "{e}");
        }
        other => panic!("unexpected: {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn tampered_parameter_is_auth_failure() -> TestResult {
    let (emulator, client) = demo()?;
    let request = DetachInstanceRequest::new("asg-demo0001", ["ins-demo0001"]);
    let pairs: Vec<_> = client
        .signed_params(&request, unix_now(), fresh_nonce())?
        .into_iter()
        .map(|(k, v)| {
            if k == "instanceIds.0" {
                (k, "ins-demo0002".to_owned())
            } else {
                (k, v)
            }
        })
        .collect();
    let (_, body) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
    assert_eq!(body["code"], 4100);
    assert_eq!(body["codeDesc"], "AuthFailure.SignatureFailure");
    assert_eq!(members(&emulator.state(), "asg-demo0001").len(), 4);
    Ok(())
}

#[tokio::test]
async fn signature_of_another_method_is_refused() -> TestResult {
    // Signed for POST, sent as GET.
    let (emulator, client) = demo()?;
    let pairs = client.signed_params(
        &DescribeScalingGroupRequest::new(),
        unix_now(),
        fresh_nonce(),
    )?;
    let (_, body) = send_raw(&emulator, HttpMethod::Get, &pairs).await?;
    assert_eq!(body["code"], 4100, "{body}");
    Ok(())
}

#[tokio::test]
async fn unknown_secret_id_is_auth_failure() -> TestResult {
    let emulator = Emulator::start(State::demo())?;
    let client = qcloud_as::Client::new(
        emulator
            .client_config()
            .credentials(Credentials::new("AKIDNOBODY", "whatever"))
            .build()?,
    )?;
    match client.describe_scaling_group().send().await {
        Err(Error::Service(DescribeScalingGroupError::Common(CommonError::AuthFailure(e)))) => {
            assert_eq!(e.code(), 4100);
            assert_eq!(e.code_desc(), "AuthFailure.SecretIdNotFound");
        }
        other => panic!("unexpected: {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn token_is_required_when_the_credential_has_one() -> TestResult {
    let mut initial = State::demo();
    initial
        .credentials
        .push(qcloud_as_emulator::state::Credential {
            token: Some("session-token-1".into()),
            ..qcloud_as_emulator::state::Credential::new("AKIDTEMP", "temp-key")
        });
    let emulator = Emulator::start(initial)?;
    let with = |credentials: Credentials| -> Result<qcloud_as::Client, Box<dyn std::error::Error>> {
        Ok(qcloud_as::Client::new(
            emulator.client_config().credentials(credentials).build()?,
        )?)
    };
    describe_ok(&with(
        Credentials::new("AKIDTEMP", "temp-key").with_token("session-token-1"),
    )?)
    .await?;
    for bad in [
        Credentials::new("AKIDTEMP", "temp-key"),
        Credentials::new("AKIDTEMP", "temp-key").with_token("other-token"),
    ] {
        match with(bad)?.describe_scaling_group().send().await {
            Err(Error::Service(DescribeScalingGroupError::Common(CommonError::AuthFailure(e)))) => {
                assert_eq!(e.code(), 4100)
            }
            other => panic!("unexpected: {other:?}"),
        }
    }
    // A credential without a token does not mind one being sent.
    describe_ok(&with(emulator.credentials().with_token("ignored"))?).await?;
    Ok(())
}

#[tokio::test]
async fn timestamp_more_than_two_hours_off_is_replay_attack() -> TestResult {
    let (emulator, client) = demo()?;
    let request = DescribeScalingGroupRequest::new();
    for timestamp in [unix_now() - 7201, unix_now() + 7201 + 5] {
        let pairs = client.signed_params(&request, timestamp, fresh_nonce())?;
        let (_, body) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
        assert_eq!(body["code"], 4500, "{body}");
        assert_eq!(body["codeDesc"], "ReplayAttack");
    }
    // Just inside the window is fine.
    let pairs = client.signed_params(&request, unix_now() - 7190, fresh_nonce())?;
    let (_, body) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
    assert_eq!(body["code"], 0, "{body}");
    Ok(())
}

#[tokio::test]
async fn replayed_nonce_is_replay_attack() -> TestResult {
    let (emulator, client) = demo()?;
    let pairs = client.signed_params(
        &DescribeScalingGroupRequest::new(),
        unix_now(),
        fresh_nonce(),
    )?;
    let (_, first) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
    assert_eq!(first["code"], 0, "{first}");
    let (_, second) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
    assert_eq!(second["code"], 4500, "{second}");
    assert_eq!(second["codeDesc"], "ReplayAttack");
    Ok(())
}

#[tokio::test]
async fn replayed_detach_changes_nothing() -> TestResult {
    let (emulator, client) = demo()?;
    let request = DetachInstanceRequest::new("asg-demo0001", ["ins-demo0001"]);
    let pairs = client.signed_params(&request, unix_now(), fresh_nonce())?;
    assert_eq!(
        send_raw(&emulator, HttpMethod::Post, &pairs).await?.1["code"],
        0
    );
    let after_first = emulator.state();
    assert_eq!(
        send_raw(&emulator, HttpMethod::Post, &pairs).await?.1["code"],
        4500
    );
    assert_eq!(emulator.state(), after_first);
    Ok(())
}

#[tokio::test]
async fn nonce_limits() -> TestResult {
    let (emulator, client) = demo()?;
    let request = DescribeScalingGroupRequest::new();
    let max = i64::MAX as u64;
    let pairs = client.signed_params(&request, unix_now(), max)?;
    let (_, body) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
    assert_eq!(body["code"], 0, "nonce 2^63-1: {body}");
    for bad in [0, max + 1, u64::MAX] {
        let pairs = client.signed_params(&request, unix_now(), bad)?;
        let (_, body) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
        assert_eq!(body["code"], 4000, "nonce {bad}: {body}");
        assert!(body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("Nonce"));
    }
    Ok(())
}

#[tokio::test]
async fn missing_common_parameters_are_named() -> TestResult {
    let (emulator, client) = demo()?;
    for name in ["SecretId", "Signature", "Nonce", "Timestamp", "Region"] {
        let pairs: Vec<_> = client
            .signed_params(
                &DescribeScalingGroupRequest::new(),
                unix_now(),
                fresh_nonce(),
            )?
            .into_iter()
            .filter(|(k, _)| k != name)
            .collect();
        let (_, body) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
        assert_eq!(body["code"], 4000, "{name}: {body}");
        assert!(
            body["message"].as_str().unwrap_or_default().contains(name),
            "{name}: {body}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn unknown_action_is_6100() -> TestResult {
    let (emulator, client) = demo()?;
    let pairs: Vec<_> = client
        .signed_params(
            &DescribeScalingGroupRequest::new(),
            unix_now(),
            fresh_nonce(),
        )?
        .into_iter()
        .map(|(k, v)| {
            if k == "Action" {
                (k, "DescribeNothing".to_owned())
            } else {
                (k, v)
            }
        })
        .collect();
    // Re-sign: the Action is part of the signature.
    let pairs = resign(&emulator, pairs);
    let (_, body) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
    assert_eq!(body["code"], 6100, "{body}");
    assert_eq!(body["codeDesc"], "InvalidAction", "{body}");
    assert!(body["message"]
        .as_str()
        .unwrap_or_default()
        .contains("DescribeNothing"));
    Ok(())
}

/// Signs `pairs` again (for POST to the emulator) after they were changed.
fn resign(emulator: &Emulator, pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut pairs: Vec<_> = pairs
        .into_iter()
        .filter(|(k, _)| k != "Signature")
        .collect();
    let host = emulator.local_addr().to_string();
    let method = pairs
        .iter()
        .find(|(k, _)| k == "SignatureMethod")
        .map(|(_, v)| v.clone());
    let sts = qcloud_as::signing::string_to_sign("POST", &host, "/v2/index.php", &pairs);
    let signature = qcloud_as::signing::sign(
        qcloud_as_emulator::DEMO_SECRET_KEY,
        &sts,
        SignatureMethod::from_param(method.as_deref()),
    );
    pairs.push(("Signature".into(), signature));
    pairs
}

#[tokio::test]
async fn bad_parameters_are_4000_naming_the_parameter() -> TestResult {
    let (emulator, client) = demo()?;
    let base = client.signed_params(
        &DetachInstanceRequest::new("asg-demo0001", ["ins-demo0001"]),
        unix_now(),
        fresh_nonce(),
    )?;
    // keepInstance=7
    let mut pairs = base.clone();
    pairs.push(("keepInstance".into(), "7".into()));
    let (_, body) = send_raw(&emulator, HttpMethod::Post, &resign(&emulator, pairs)).await?;
    assert_eq!(body["code"], 4000, "{body}");
    assert_eq!(body["codeDesc"], "InvalidParameterValue", "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("keepInstance"),
        "{body}"
    );
    // no instanceIds
    let pairs: Vec<_> = base
        .iter()
        .filter(|(k, _)| !k.starts_with("instanceIds"))
        .cloned()
        .map(|(k, v)| {
            if k == "Nonce" {
                (k, fresh_nonce().to_string())
            } else {
                (k, v)
            }
        })
        .collect();
    let (_, body) = send_raw(&emulator, HttpMethod::Post, &resign(&emulator, pairs)).await?;
    assert_eq!(body["code"], 4000, "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("instanceIds"),
        "{body}"
    );
    // a gap in the list
    let pairs: Vec<_> = base
        .iter()
        .cloned()
        .map(|(k, v)| match k.as_str() {
            "instanceIds.0" => ("instanceIds.1".to_owned(), v),
            "Nonce" => (k, fresh_nonce().to_string()),
            _ => (k, v),
        })
        .collect();
    let (_, body) = send_raw(&emulator, HttpMethod::Post, &resign(&emulator, pairs)).await?;
    assert_eq!(body["code"], 4000, "{body}");
    assert_eq!(members(&emulator.state(), "asg-demo0001").len(), 4);
    Ok(())
}

#[tokio::test]
async fn routing_and_body_limits() -> TestResult {
    let emulator = Emulator::start(State::demo())?;
    let http = crate::common::http();
    let base = emulator.endpoint();
    let not_found = http.get(format!("{base}/v3/index.php")).send().await?;
    assert_eq!(not_found.status(), 404);
    let wrong_method = http.delete(emulator.api_url()).send().await?;
    assert_eq!(wrong_method.status(), 405);
    let big = http
        .post(emulator.api_url())
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'a'; qcloud_as_emulator::MAX_BODY_BYTES + 1])
        .send()
        .await?;
    assert_eq!(big.status(), 413);
    let json_body = http
        .post(emulator.api_url())
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await?;
    assert_eq!(json_body.status(), 200);
    let body: serde_json::Value = serde_json::from_slice(&json_body.bytes().await?)?;
    assert_eq!(body["code"], 4000);
    // Garbage in the query string is answered, not crashed on.
    let garbage = http
        .get(format!("{}?%ff%fe=%00&&=&Action", emulator.api_url()))
        .send()
        .await?;
    assert_eq!(garbage.status(), 200);
    Ok(())
}
