//! End to end: the generated client against the emulator over HTTP on 127.0.0.1, with every
//! combination of HTTP method and signature method.

use qcloud_as::operation::detach_instance::{DetachInstanceError, KeepInstance};
use qcloud_as::signing::SignatureMethod;
use qcloud_as::{Client, CommonError, Error, HttpMethod};
use qcloud_as_emulator::{Emulator, State};

const STATE: &str = "
credentials:
  - {secretId: AKIDe2e, secretKey: e2e-secret-key}
instances:
  - {instanceId: ins-auto0001, state: Running}
  - {instanceId: ins-auto0002, state: Running}
  - {instanceId: ins-manu0001, state: Running}
scalingGroups:
  - scalingGroupId: asg-e2e00001
    scalingGroupName: web
    minSize: 1
    maxSize: 5
    status: active
    inScalingActivity: false
    instances:
      - {instanceId: ins-auto0001, creationType: Auto}
      - {instanceId: ins-auto0002, creationType: Auto}
      - {instanceId: ins-manu0001, creationType: Manual}
";

async fn start() -> (Emulator, State) {
    let state = match State::from_yaml_str(STATE, "e2e state") {
        Ok(state) => state,
        Err(e) => panic!("{e}"),
    };
    match Emulator::start(state.clone()) {
        Ok(emulator) => (emulator, state),
        Err(e) => panic!("cannot start the emulator: {e}"),
    }
}

fn client(emulator: &Emulator, http: HttpMethod, sig: SignatureMethod) -> Client {
    let config = emulator
        .client_config()
        .http_method(http)
        .signature_method(sig)
        .build();
    match config.map(Client::new) {
        Ok(Ok(client)) => client,
        other => panic!("{other:?}"),
    }
}

async fn instance_ids(client: &Client) -> Vec<String> {
    match client
        .describe_scaling_instance("asg-e2e00001")
        .send()
        .await
    {
        Ok(output) => output
            .scaling_instances_set
            .into_iter()
            .map(|i| i.instance_id)
            .collect(),
        Err(e) => panic!("{e}"),
    }
}

#[tokio::test]
async fn detach_flow_with_every_method_and_hash() {
    for http in [HttpMethod::Get, HttpMethod::Post] {
        for sig in [SignatureMethod::HmacSha1, SignatureMethod::HmacSha256] {
            let (emulator, _) = start().await;
            let client = client(&emulator, http, sig);
            let context = format!("{http:?} {sig}");

            assert_eq!(instance_ids(&client).await.len(), 3, "{context}");

            let kept = client
                .detach_instance("asg-e2e00001", ["ins-auto0001"])
                .keep_instance(KeepInstance::Keep)
                .send()
                .await;
            assert!(kept.is_ok(), "{context}: {kept:?}");
            let released = client
                .detach_instance("asg-e2e00001", ["ins-auto0002"])
                .send()
                .await;
            assert!(released.is_ok(), "{context}: {released:?}");

            assert_eq!(
                instance_ids(&client).await,
                vec!["ins-manu0001".to_owned()],
                "{context}"
            );
            let state = emulator.state();
            let account: Vec<&str> = state
                .instances
                .iter()
                .map(|i| i.instance_id.as_str())
                .collect();
            assert!(
                account.contains(&"ins-auto0001"),
                "{context}: kept instance stays: {account:?}"
            );
            assert!(
                !account.contains(&"ins-auto0002"),
                "{context}: released instance goes: {account:?}"
            );

            let below_min = client
                .detach_instance("asg-e2e00001", ["ins-manu0001"])
                .send()
                .await;
            match below_min {
                Err(Error::Service(DetachInstanceError::Common(CommonError::OperationFailed(
                    e,
                )))) => {
                    assert_eq!(e.code(), 5100, "{context}");
                    assert!(e.message().contains("below minSize"), "{context}: {e}");
                }
                other => panic!("{context}: expected OperationFailed, got {other:?}"),
            }
            let unknown = client
                .detach_instance("asg-e2e00001", ["ins-nothere"])
                .send()
                .await;
            assert!(
                matches!(
                    unknown,
                    Err(Error::Service(
                        DetachInstanceError::InvalidParameterInstanceIdError(_)
                    ))
                ),
                "{context}: {unknown:?}"
            );
            emulator.shutdown().await;
        }
    }
}

#[tokio::test]
async fn wrong_key_is_refused_as_auth_failure() {
    let (emulator, _) = start().await;
    let config = emulator
        .client_config()
        .credentials(qcloud_as::Credentials::new("AKIDe2e", "not-the-key"))
        .build();
    let client = match config.map(Client::new) {
        Ok(Ok(client)) => client,
        other => panic!("{other:?}"),
    };
    let result = client
        .detach_instance("asg-e2e00001", ["ins-auto0001"])
        .send()
        .await;
    assert!(
        matches!(
            result,
            Err(Error::Service(DetachInstanceError::Common(
                CommonError::AuthFailure(_)
            )))
        ),
        "{result:?}"
    );
    assert_eq!(emulator.state().instances.len(), 3, "nothing may change");
}

/// The README's "Testing your code against the emulator" example, as written there.
#[tokio::test]
async fn readme_emulator_example() -> Result<(), Box<dyn std::error::Error>> {
    let emulator = Emulator::start(State::demo())?;
    let client = qcloud_as::Client::new(emulator.client_config().build()?)?;
    client
        .detach_instance("asg-demo0001", ["ins-demo0002"])
        .send()
        .await?;
    assert!(emulator.state().instance("ins-demo0002").is_none()); // released
    Ok(())
}
