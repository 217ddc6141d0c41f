//! Concurrent calls: each call is atomic, so minSize holds under contention.

mod common;

use common::*;
use qcloud_as::operation::detach_instance::{DetachInstanceError, KeepInstance};
use qcloud_as::{CommonError, Error};
use qcloud_as_emulator::domain::Creation;
use qcloud_as_emulator::state::{GroupInstance, Instance};
use qcloud_as_emulator::State;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixteen_clients_detach_at_once_and_min_size_holds() -> TestResult {
    let mut initial = State::demo();
    let group = &mut initial.scaling_groups[0];
    group.instances.clear();
    group.min_size = 6;
    group.max_size = 20;
    let ids: Vec<String> = (0..16).map(|n| format!("ins-conc{n:04}")).collect();
    for (n, id) in ids.iter().enumerate() {
        initial.instances.push(Instance {
            instance_id: id.clone(),
            state: "Running".into(),
        });
        let kind = if n % 4 == 0 {
            Creation::Manual
        } else {
            Creation::Auto
        };
        group.instances.push(GroupInstance::new(id.clone(), kind));
    }
    let emulator = qcloud_as_emulator::Emulator::start(initial)?;

    let mut tasks = Vec::new();
    for (n, id) in ids.iter().cloned().enumerate() {
        let client = qcloud_as::Client::new(emulator.client_config().build()?)?;
        tasks.push(tokio::spawn(async move {
            let keep = if n % 2 == 0 {
                KeepInstance::Keep
            } else {
                KeepInstance::Release
            };
            let result = client
                .detach_instance("asg-demo0001", [id.clone()])
                .keep_instance(keep)
                .send()
                .await;
            (id, result)
        }));
    }
    let mut succeeded = Vec::new();
    let mut below_min = 0;
    for task in tasks {
        let (id, result) = task.await?;
        match result {
            Ok(_) => succeeded.push(id),
            Err(Error::Service(DetachInstanceError::Common(CommonError::OperationFailed(e))))
                if e.code() == 5100
                    && e.code_desc() == "OperationFailed"
                    && e.message().contains("below minSize") =>
            {
                below_min += 1
            }
            Err(e) => panic!("unexpected error for {id}: {e}"),
        }
    }
    assert_eq!(succeeded.len(), 10);
    assert_eq!(below_min, 6);

    let state = emulator.state();
    let remaining = members(&state, "asg-demo0001");
    assert_eq!(remaining.len(), 6);
    for id in &succeeded {
        assert!(!remaining.contains(id));
    }
    assert_eq!(state.scaling_activities.len(), 10);
    // Every instance either stayed in the group, was kept, or (Auto, keepInstance 0) released.
    for (n, id) in ids.iter().enumerate() {
        let exists = state.instance(id).is_some();
        let detached = succeeded.contains(id);
        let released = detached && n % 4 != 0 && n % 2 == 1;
        assert_eq!(exists, !released, "{id}");
    }
    let json = http_state(&emulator).await?;
    assert_eq!(http_members(&json, "asg-demo0001").len(), 6);
    Ok(())
}
