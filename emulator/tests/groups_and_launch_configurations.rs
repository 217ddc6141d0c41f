//! Launch configurations (Create/Describe/DeleteScalingConfiguration) and the rest of the
//! scaling-group actions (ModifyScalingGroup, DeleteScalingGroup, AttachInstance,
//! DescribeScalingActivity, EnabledScalingGroup, SetCvmProtectedDetach, DescribeScalingLimit),
//! every rule through the real client over HTTP.

mod common;

use common::*;
use qcloud_as::operation::attach_instance::AttachInstanceError;
use qcloud_as::operation::create_scaling_configuration::{
    CreateScalingConfigurationError, CreateScalingConfigurationRequired,
};
use qcloud_as::operation::delete_scaling_configuration::DeleteScalingConfigurationError;
use qcloud_as::operation::delete_scaling_group::DeleteScalingGroupError;
use qcloud_as::operation::describe_scaling_activity::DescribeScalingActivityError;
use qcloud_as::operation::detach_instance::{DetachInstanceError, KeepInstance};
use qcloud_as::operation::enabled_scaling_group::{EnabledScalingGroupError, GroupEnabled};
use qcloud_as::operation::modify_scaling_group::{
    ModifyScalingGroupError, ModifyScalingGroupRequired,
};
use qcloud_as::operation::set_cvm_protected_detach::{
    DetachProtection, SetCvmProtectedDetachError, SetCvmProtectedDetachRequest,
    SetCvmProtectedDetachRequired,
};
use qcloud_as::signing::SignatureMethod;
use qcloud_as::types::{
    ActivityStatus, ActivityType, BandwidthType, CreationType, CvmType, ImageType, LifeCycleState,
    OnOff, RemovePolicy, StorageType,
};
use qcloud_as::{CommonError, Error, HttpMethod};
use qcloud_as_emulator::domain::TerminationPolicy;
use qcloud_as_emulator::Emulator;

const WEB: &str = "asg-demo0001";
const BATCH: &str = "asg-demo0002";
const DEMO_LC: &str = "asc-demo0001";

/// A valid CreateScalingConfiguration's required fields: a 20 GB cloud data disk.
fn lc(name: &str) -> CreateScalingConfigurationRequired {
    CreateScalingConfigurationRequired {
        scaling_configuration_name: name.into(),
        image_id: "img-50mr2ow7".into(),
        cpu: 2,
        mem: 4,
        storage_type: StorageType::Cloud,
        storage_size: 20,
        bandwidth_type: BandwidthType::PayByTraffic,
        bandwidth: 10,
        image_type: ImageType::Public,
    }
}

/// ModifyScalingGroup's required fields for a group.
fn sizes(group: &str, min_size: i64, max_size: i64) -> ModifyScalingGroupRequired {
    ModifyScalingGroupRequired {
        scaling_group_id: group.into(),
        min_size,
        max_size,
        remove_policy: RemovePolicy::RemoveOldestInstance,
    }
}

fn protect(group: &str, ids: &[&str], how: DetachProtection) -> SetCvmProtectedDetachRequired {
    SetCvmProtectedDetachRequired {
        scaling_group_id: group.into(),
        instance_ids: ids.iter().map(|s| (*s).to_owned()).collect(),
        protected_from_detach: how,
    }
}

/// Signs `pairs` again (for POST to the emulator) after they were changed, with a new nonce.
fn resign(emulator: &Emulator, pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut pairs: Vec<_> = pairs
        .into_iter()
        .filter(|(k, _)| k != "Signature")
        .map(|(k, v)| {
            if k == "Nonce" {
                (k, fresh_nonce().to_string())
            } else {
                (k, v)
            }
        })
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

/// Replaces (or adds) the parameter `name` of signed `pairs` with `value`.
fn with(mut pairs: Vec<(String, String)>, name: &str, value: &str) -> Vec<(String, String)> {
    pairs.retain(|(k, _)| k != name);
    pairs.push((name.to_owned(), value.to_owned()));
    pairs
}

fn message_of(body: &serde_json::Value) -> &str {
    body["message"].as_str().unwrap_or_default()
}

/// A small state as YAML: the group `web` (min 0, max 5) with two Auto instances, the free
/// instance `ins-demo0006`, the launch configurations `asc-demo0001` (used by `web`, its
/// `bandwidthType` the integer `1`) and `asc-spare001` (unused), plus extra groups, instances
/// and activities.
fn yaml_state(extra_groups: &str, extra_instances: &str, activities: &str) -> String {
    format!(
        r#"
credentials:
  - {{secretId: AKIDEMULATOR, secretKey: emulator-demo-secret-key}}
instances:
  - {{instanceId: ins-demo0001, state: Running}}
  - {{instanceId: ins-demo0002, state: Running}}
  - {{instanceId: ins-demo0006, state: Running}}
{extra_instances}
scalingConfigurations:
  - {{scalingConfigurationId: asc-demo0001, scalingConfigurationName: web-lc, bandwidthType: 1}}
  - {{scalingConfigurationId: asc-spare001, scalingConfigurationName: spare-lc}}
scalingGroups:
  - scalingGroupId: asg-demo0001
    scalingGroupName: web
    scalingConfigurationId: asc-demo0001
    minSize: 0
    maxSize: 5
    instances:
      - {{instanceId: ins-demo0001, creationType: Auto}}
      - {{instanceId: ins-demo0002, creationType: Auto}}
{extra_groups}
scalingActivities:
{activities}
"#
    )
}

// ---------------------------------------------------------------------------------------------
// Launch configurations
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn create_scaling_configuration_stores_it_and_describe_shows_it() -> TestResult {
    let (emulator, client) = demo()?;
    let created = client
        .create_scaling_configuration(lc("api-lc"))
        .root_size(30)
        .key_id("skey-abc12345")
        .sg_id("sg-abcd1234")
        .project_id(3)
        .data_snapshot_id("snap-00000001")
        .cvm_type(CvmType::HighIo)
        .wan_ip(OnOff::Off)
        .send()
        .await?;
    let [id] = created.scaling_configuration_id_set.as_slice() else {
        panic!(
            "one id expected: {:?}",
            created.scaling_configuration_id_set
        );
    };
    assert!(id.starts_with("asc-") && id.len() == 12, "{id}");

    let listed = client
        .describe_scaling_configuration()
        .scaling_configuration_ids([id.as_str()])
        .send()
        .await?;
    assert_eq!(listed.total_count, 1);
    let c = &listed.scaling_configuration_set[0];
    assert_eq!(c.scaling_configuration_name, "api-lc");
    assert_eq!((c.cpu, c.mem), (Some(2), Some(4)));
    assert_eq!(c.image_id.as_deref(), Some("img-50mr2ow7"));
    assert_eq!(c.image_type, Some(ImageType::Public));
    assert_eq!(c.storage_type, Some(StorageType::Cloud));
    assert_eq!((c.storage_size, c.root_size), (Some(20), Some(30)));
    assert_eq!(c.bandwidth_type, Some(BandwidthType::PayByTraffic));
    assert_eq!(c.bandwidth, Some(10));
    assert_eq!(c.wan_ip, Some(OnOff::Off));
    assert_eq!(c.need_monitor_agent, Some(OnOff::On), "default 1");
    assert_eq!(c.need_security_agent, Some(OnOff::On), "default 1");
    assert_eq!(c.cvm_type, Some(CvmType::HighIo));
    assert_eq!(c.key_id.as_deref(), Some("skey-abc12345"));
    assert_eq!(c.password, None);
    assert_eq!(c.sg_set.as_deref(), Some(&["sg-abcd1234".to_owned()][..]));
    assert_eq!(c.data_snapshot_id.as_deref(), Some("snap-00000001"));
    assert_eq!(c.project_id, Some(3));
    assert_eq!(
        c.scaling_group_id_set.as_deref(),
        Some(&[][..]),
        "no group uses it"
    );
    let created_at = c.create_time.clone().unwrap_or_default();
    assert_eq!(created_at.len(), 19, "{created_at}");

    // Defaults: cvmType standard, project 0.
    client
        .create_scaling_configuration(lc("plain"))
        .password("Passw0rd")
        .send()
        .await?;
    let plain = client
        .describe_scaling_configuration()
        .scaling_configuration_name("plain")
        .send()
        .await?;
    let p = &plain.scaling_configuration_set[0];
    assert_eq!(p.cvm_type, Some(CvmType::Standard));
    assert_eq!(p.project_id, Some(0));
    assert_eq!(p.password.as_deref(), Some("Passw0rd"));
    assert_eq!(emulator.state().launch_configurations.len(), 3);
    Ok(())
}

#[tokio::test]
async fn describe_scaling_configuration_filters_pages_and_lists_users() -> TestResult {
    let (_emulator, client) = demo()?;
    for n in 0..3 {
        client
            .create_scaling_configuration(lc(&format!("lc{n}")))
            .project_id(if n == 0 { 7 } else { 0 })
            .send()
            .await?;
    }
    let all = client.describe_scaling_configuration().send().await?;
    assert_eq!(all.total_count, 4);
    let demo = &all.scaling_configuration_set[0];
    assert_eq!(demo.scaling_configuration_id, DEMO_LC);
    let users: Vec<(&str, Option<&str>)> = demo
        .scaling_group_id_set
        .iter()
        .flatten()
        .map(|g| (g.scaling_group_id.as_str(), g.scaling_group_name.as_deref()))
        .collect();
    assert_eq!(users, [(WEB, Some("web")), (BATCH, Some("batch"))]);

    let by_name = client
        .describe_scaling_configuration()
        .scaling_configuration_name("lc1")
        .send()
        .await?;
    assert_eq!(by_name.total_count, 1);
    assert_eq!(
        by_name.scaling_configuration_set[0].scaling_configuration_name,
        "lc1"
    );
    let by_project = client
        .describe_scaling_configuration()
        .project_id(7)
        .send()
        .await?;
    assert_eq!(by_project.total_count, 1);
    let default_project = client
        .describe_scaling_configuration()
        .project_id(0)
        .send()
        .await?;
    assert_eq!(default_project.total_count, 3, "no project counts as 0");
    let unknown = client
        .describe_scaling_configuration()
        .scaling_configuration_ids(["asc-nosuch00"])
        .send()
        .await?;
    assert_eq!(
        (unknown.total_count, unknown.scaling_configuration_set.len()),
        (0, 0)
    );

    let page = client
        .describe_scaling_configuration()
        .offset(1)
        .limit(2)
        .send()
        .await?;
    assert_eq!(page.total_count, 4, "totalCount counts every match");
    let names: Vec<&str> = page
        .scaling_configuration_set
        .iter()
        .map(|c| c.scaling_configuration_name.as_str())
        .collect();
    assert_eq!(names, ["lc0", "lc1"]);

    // At most 20 ids: checked before sending.
    let ids: Vec<String> = (0..21).map(|n| format!("asc-{n:08}")).collect();
    match client
        .describe_scaling_configuration()
        .scaling_configuration_ids(ids)
        .send()
        .await
    {
        Err(Error::Validation(e)) => assert_eq!(e.parameter(), "scalingConfigurationIds"),
        other => panic!("expected a validation error, got {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn launch_configuration_names_are_unique_with_the_misspelt_code_desc() -> TestResult {
    let (emulator, client) = demo()?;
    match client
        .create_scaling_configuration(lc("web-lc"))
        .send()
        .await
    {
        Err(Error::Service(
            CreateScalingConfigurationError::NameDuplicateScalingConfiguration(e),
        )) => {
            assert_eq!(e.code(), 4000);
            // The service's misspelling is kept on the wire.
            assert_eq!(e.code_desc(), "NameDuplicate.ScallingConfiguration");
            assert!(e.message().contains("web-lc"), "{e}");
        }
        other => panic!("expected NameDuplicate.ScallingConfiguration, got {other:?}"),
    }
    assert_eq!(emulator.state().launch_configurations.len(), 1);
    Ok(())
}

#[tokio::test]
async fn at_most_20_launch_configurations_per_project() -> TestResult {
    let (emulator, client) = demo()?;
    // The demo's one is in project 0.
    for n in 1..20 {
        client
            .create_scaling_configuration(lc(&format!("lc{n}")))
            .send()
            .await?;
    }
    match client.create_scaling_configuration(lc("lc20")).send().await {
        Err(Error::Service(
            CreateScalingConfigurationError::QuotaExceededScalingConfiguration(e),
        )) => {
            assert_eq!(e.code(), 5100);
            assert_eq!(e.code_desc(), "QuotaExceeded.ScallingConfiguration");
        }
        other => panic!("expected QuotaExceeded.ScallingConfiguration, got {other:?}"),
    }
    assert_eq!(emulator.state().launch_configurations.len(), 20);
    // Another project has its own quota.
    client
        .create_scaling_configuration(lc("lc20"))
        .project_id(1)
        .send()
        .await?;
    assert_eq!(emulator.state().launch_configurations.len(), 21);
    Ok(())
}

#[tokio::test]
async fn password_and_key_rules() -> TestResult {
    let (emulator, client) = demo()?;
    match client
        .create_scaling_configuration(lc("both"))
        .password("Passw0rd")
        .key_id("skey-abc12345")
        .send()
        .await
    {
        Err(Error::Service(CreateScalingConfigurationError::Common(
            CommonError::InvalidParameter(e),
        ))) => assert!(e.message().contains("keyId"), "{e}"),
        other => panic!("expected InvalidParameter, got {other:?}"),
    }
    match client
        .create_scaling_configuration(lc("weak"))
        .password("password")
        .send()
        .await
    {
        Err(Error::Service(CreateScalingConfigurationError::Common(
            CommonError::InvalidParameter(e),
        ))) => assert!(e.message().contains("password"), "{e}"),
        other => panic!("expected InvalidParameter, got {other:?}"),
    }
    // 8 to 16 characters: checked before sending.
    for bad in ["Pa55", "Passw0rdPassw0rd1"] {
        match client
            .create_scaling_configuration(lc("short"))
            .password(bad)
            .send()
            .await
        {
            Err(Error::Validation(e)) => assert_eq!(e.parameter(), "password"),
            other => panic!("expected a validation error for {bad:?}, got {other:?}"),
        }
    }
    assert_eq!(emulator.state().launch_configurations.len(), 1);
    Ok(())
}

#[tokio::test]
async fn cpu_and_memory_must_exist() -> TestResult {
    let (_emulator, client) = demo()?;
    for (cpu, mem) in [(0, 4), (2, 0), (-1, 1)] {
        let mut required = lc("sizes");
        required.cpu = cpu;
        required.mem = mem;
        match client.create_scaling_configuration(required).send().await {
            Err(Error::Service(
                CreateScalingConfigurationError::OperationFailCpuOrMemNotExist(e),
            )) => {
                assert_eq!(e.code(), 5100);
                assert_eq!(e.code_desc(), "OprationFail.CpuOrMemNotExsit");
            }
            other => panic!("expected OprationFail.CpuOrMemNotExsit, got {other:?}"),
        }
    }
    Ok(())
}

#[tokio::test]
async fn storage_and_root_sizes() -> TestResult {
    let (emulator, client) = demo()?;
    let with_disk = |storage_type: StorageType, storage_size: i64| {
        let mut required = lc(&format!("disk-{storage_type}-{storage_size}"));
        required.storage_type = storage_type;
        required.storage_size = storage_size;
        required
    };
    // Steps of 10.
    match client
        .create_scaling_configuration(with_disk(StorageType::Cloud, 25))
        .send()
        .await
    {
        Err(Error::Service(CreateScalingConfigurationError::QuotaExceededStorageSize(e))) => {
            assert_eq!(e.code_desc(), "QuotaExceeded.storageSize");
            assert!(e.message().contains("storageSize"), "{e}");
        }
        other => panic!("expected QuotaExceeded.storageSize, got {other:?}"),
    }
    // Local disks hold 500 GB at most, cloud disks 4000.
    for local in [StorageType::Local, StorageType::LocalSsd] {
        match client
            .create_scaling_configuration(with_disk(local.clone(), 510))
            .send()
            .await
        {
            Err(Error::Service(CreateScalingConfigurationError::QuotaExceededStorageSize(_))) => {}
            other => panic!("expected QuotaExceeded.storageSize for {local}, got {other:?}"),
        }
        client
            .create_scaling_configuration(with_disk(local, 500))
            .send()
            .await?;
    }
    client
        .create_scaling_configuration(with_disk(StorageType::CloudSsd, 4000))
        .send()
        .await?;
    match client
        .create_scaling_configuration(with_disk(StorageType::Cloud, 4010))
        .send()
        .await
    {
        Err(Error::Validation(e)) => assert_eq!(e.parameter(), "storageSize"),
        other => panic!("expected a validation error, got {other:?}"),
    }
    // rootSize 20 to 50.
    for bad in [10, 60] {
        match client
            .create_scaling_configuration(lc("root"))
            .root_size(bad)
            .send()
            .await
        {
            Err(Error::Validation(e)) => assert_eq!(e.parameter(), "rootSize"),
            other => panic!("expected a validation error for {bad}, got {other:?}"),
        }
    }
    assert_eq!(emulator.state().launch_configurations.len(), 4);
    Ok(())
}

#[tokio::test]
async fn server_refuses_out_of_range_sizes_sent_by_hand() -> TestResult {
    let (emulator, client) = demo()?;
    let request =
        qcloud_as::operation::create_scaling_configuration::CreateScalingConfigurationRequest::new(
            lc("raw"),
        );
    let base = client.signed_params(&request, unix_now(), fresh_nonce())?;
    for (name, value) in [
        ("rootSize", "10"),
        ("storageSize", "4010"),
        ("storageType", "4"),
    ] {
        let pairs = resign(&emulator, with(base.clone(), name, value));
        let (_, body) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
        assert_eq!(body["code"], 4000, "{name}: {body}");
        assert!(message_of(&body).contains(name), "{name}: {body}");
    }
    assert_eq!(emulator.state().launch_configurations.len(), 1);
    Ok(())
}

#[tokio::test]
async fn data_snapshot_needs_a_cloud_disk() -> TestResult {
    let (_emulator, client) = demo()?;
    let mut required = lc("snap");
    required.storage_type = StorageType::Local;
    match client
        .create_scaling_configuration(required)
        .data_snapshot_id("snap-00000001")
        .send()
        .await
    {
        Err(Error::Service(CreateScalingConfigurationError::InvalidParameterStorageType(e))) => {
            assert_eq!(e.code_desc(), "InvalidParameter.storageType");
        }
        other => panic!("expected InvalidParameter.storageType, got {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn security_group_id_must_look_like_one() -> TestResult {
    let (_emulator, client) = demo()?;
    for bad in ["abcd1234", "sg-", "sg-ab_cd"] {
        match client
            .create_scaling_configuration(lc("sg"))
            .sg_id(bad)
            .send()
            .await
        {
            Err(Error::Service(
                CreateScalingConfigurationError::InvalidParameterSecurityGroupId(e),
            )) => assert!(e.message().contains("sgId"), "{e}"),
            other => panic!("expected InvalidParameter.SecurityGroupId for {bad:?}, got {other:?}"),
        }
    }
    Ok(())
}

#[tokio::test]
async fn integer_bandwidth_type_is_kept_as_received() -> TestResult {
    // The page's example answers `bandwidthType: 1`; the enum keeps it as `Unknown`.
    let (_emulator, client) = start(state(&yaml_state("", "", "  []"))?)?;
    let listed = client
        .describe_scaling_configuration()
        .scaling_configuration_ids([DEMO_LC])
        .send()
        .await?;
    let bandwidth_type = listed.scaling_configuration_set[0]
        .bandwidth_type
        .clone()
        .unwrap_or(BandwidthType::PayByHour);
    assert!(
        matches!(bandwidth_type, BandwidthType::Unknown(_)),
        "{bandwidth_type:?}"
    );
    assert_eq!(bandwidth_type.as_str(), "1");
    Ok(())
}

#[tokio::test]
async fn delete_scaling_configuration_rules() -> TestResult {
    let (emulator, client) = demo()?;
    match client
        .delete_scaling_configuration("asc-nosuch00")
        .send()
        .await
    {
        Err(Error::Service(DeleteScalingConfigurationError::Common(
            CommonError::InvalidParameter(e),
        ))) => assert!(e.message().contains("scalingConfigurationId"), "{e}"),
        other => panic!("expected InvalidParameter, got {other:?}"),
    }
    match client.delete_scaling_configuration(DEMO_LC).send().await {
        Err(Error::Service(DeleteScalingConfigurationError::ConflictScalingConfigurationUse(
            e,
        ))) => {
            assert_eq!(e.code(), 4000);
            assert_eq!(e.code_desc(), "Conflict.ScallingConfigurationUse");
            assert!(
                e.message().contains(WEB) && e.message().contains(BATCH),
                "{e}"
            );
        }
        other => panic!("expected Conflict.ScallingConfigurationUse, got {other:?}"),
    }
    assert_eq!(emulator.state().launch_configurations.len(), 1);

    let created = client
        .create_scaling_configuration(lc("unused"))
        .send()
        .await?;
    let id = created.scaling_configuration_id_set[0].clone();
    client
        .delete_scaling_configuration(id.as_str())
        .send()
        .await?;
    let listed = client
        .describe_scaling_configuration()
        .scaling_configuration_ids([id.as_str()])
        .send()
        .await?;
    assert_eq!(listed.total_count, 0);

    // Once no group uses it, the demo's one can go too.
    let spare = client
        .create_scaling_configuration(lc("spare"))
        .send()
        .await?;
    let spare = spare.scaling_configuration_id_set[0].clone();
    for group in [WEB, BATCH] {
        let g = emulator.state().group(group).cloned();
        let (min, max) = g.map(|g| (g.min_size, g.max_size)).unwrap_or_default();
        client
            .modify_scaling_group(sizes(group, min, max))
            .scaling_configuration_id(spare.as_str())
            .send()
            .await?;
    }
    client.delete_scaling_configuration(DEMO_LC).send().await?;
    assert!(emulator
        .state()
        .launch_configurations
        .iter()
        .all(|c| c.id != DEMO_LC));
    Ok(())
}

#[tokio::test]
async fn a_launch_configuration_that_created_an_instance_still_in_a_group_stays() -> TestResult {
    let (emulator, client) = demo()?;
    let spare = client
        .create_scaling_configuration(lc("spare"))
        .send()
        .await?;
    let spare = spare.scaling_configuration_id_set[0].clone();
    // The web group moves to the spare configuration, but one of its instances was created
    // from the demo's.
    let mut state = emulator.state();
    for group in &mut state.scaling_groups {
        group.scaling_configuration_id = Some(spare.clone());
    }
    state.scaling_groups[0].instances[0].scaling_configuration_id = Some(DEMO_LC.to_owned());
    emulator.set_state(state)?;
    match client.delete_scaling_configuration(DEMO_LC).send().await {
        Err(Error::Service(DeleteScalingConfigurationError::ConflictScalingConfigurationUse(
            e,
        ))) => assert!(e.message().contains(WEB), "{e}"),
        other => panic!("expected Conflict.ScallingConfigurationUse, got {other:?}"),
    }
    client.detach_instance(WEB, ["ins-demo0001"]).send().await?;
    client.delete_scaling_configuration(DEMO_LC).send().await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// ModifyScalingGroup
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn modify_scaling_group_changes_what_is_given() -> TestResult {
    let (emulator, client) = demo()?;
    let spare = client
        .create_scaling_configuration(lc("spare"))
        .send()
        .await?;
    let spare = spare.scaling_configuration_id_set[0].clone();
    client
        .modify_scaling_group(ModifyScalingGroupRequired {
            remove_policy: RemovePolicy::RemoveNewestInstance,
            ..sizes(WEB, 2, 8)
        })
        .scaling_group_name("web-renamed")
        .scaling_configuration_id(spare.as_str())
        .desired_capacity(6)
        .send()
        .await?;
    let listed = client
        .describe_scaling_group()
        .scaling_group_ids([WEB])
        .send()
        .await?;
    let g = &listed.scaling_group_set[0];
    assert_eq!(g.scaling_group_name, "web-renamed");
    assert_eq!((g.min_size, g.max_size), (2, 8));
    assert_eq!(g.remove_policy, RemovePolicy::RemoveNewestInstance);
    assert_eq!(g.scaling_configuration_id, spare);
    assert_eq!(g.scaling_configuration_name.as_deref(), Some("spare"));
    assert_eq!(
        emulator.state().group(WEB).and_then(|g| g.desired_capacity),
        Some(6)
    );

    // Only the required ones: the name and configuration stay; the desired capacity set
    // before is moved inside the new sizes.
    client.modify_scaling_group(sizes(WEB, 1, 4)).send().await?;
    let state = emulator.state();
    let g = state
        .group(WEB)
        .cloned()
        .unwrap_or_else(|| panic!("group gone"));
    assert_eq!(g.name, "web-renamed");
    assert_eq!(g.scaling_configuration_id.as_deref(), Some(spare.as_str()));
    assert_eq!((g.min_size, g.max_size), (1, 4));
    assert_eq!(g.termination_policy, TerminationPolicy::OldestInstance);
    assert_eq!(g.desired_capacity, Some(4));
    // Nothing is launched or removed.
    assert_eq!(g.instances.len(), 4);

    // Keeping its own name is not a clash; an inactive group can be changed too.
    client
        .modify_scaling_group(sizes(WEB, 1, 4))
        .scaling_group_name("web-renamed")
        .send()
        .await?;
    client
        .modify_scaling_group(sizes(BATCH, 0, 2))
        .send()
        .await?;
    Ok(())
}

#[tokio::test]
async fn modify_scaling_group_errors_change_nothing() -> TestResult {
    let (emulator, client) = demo()?;
    let before = emulator.state();
    match client
        .modify_scaling_group(sizes("asg-nosuch00", 0, 1))
        .send()
        .await
    {
        Err(Error::Service(ModifyScalingGroupError::InvalidParameterScalingGroupIdError(e))) => {
            assert!(e.message().contains("asg-nosuch00"), "{e}")
        }
        other => panic!("expected InvalidParameter.ScalingGroupIdError, got {other:?}"),
    }
    match client
        .modify_scaling_group(sizes(WEB, 3, 2))
        .scaling_group_name("changed")
        .send()
        .await
    {
        Err(Error::Service(ModifyScalingGroupError::ConflictMaxsizeLessMinsize(e))) => {
            assert_eq!(e.code_desc(), "Conflict.MaxsizeLessMinsize")
        }
        other => panic!("expected Conflict.MaxsizeLessMinsize, got {other:?}"),
    }
    for desired in [0, 6] {
        match client
            .modify_scaling_group(sizes(WEB, 1, 5))
            .desired_capacity(desired)
            .send()
            .await
        {
            Err(Error::Service(ModifyScalingGroupError::InvalidParameterDesiredCapacity(e))) => {
                assert!(e.message().contains("desiredCapacity"), "{e}")
            }
            other => {
                panic!("expected InvalidParameter.DesiredCapacity for {desired}, got {other:?}")
            }
        }
    }
    match client
        .modify_scaling_group(sizes(WEB, 1, 5))
        .scaling_configuration_id("asc-nosuch00")
        .send()
        .await
    {
        Err(Error::Service(ModifyScalingGroupError::Common(CommonError::InvalidParameter(e)))) => {
            assert!(e.message().contains("scalingConfigurationId"), "{e}")
        }
        other => panic!("expected InvalidParameter, got {other:?}"),
    }
    match client
        .modify_scaling_group(sizes(WEB, 1, 5))
        .scaling_group_name("batch")
        .send()
        .await
    {
        Err(Error::Service(ModifyScalingGroupError::Common(CommonError::InvalidParameter(e)))) => {
            assert!(e.message().contains("scalingGroupName"), "{e}")
        }
        other => panic!("expected InvalidParameter, got {other:?}"),
    }
    match client.modify_scaling_group(sizes(WEB, 0, 201)).send().await {
        Err(Error::Validation(e)) => assert_eq!(e.parameter(), "maxSize"),
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(emulator.state(), before);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// DeleteScalingGroup
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn delete_scaling_group_removes_it_and_its_records() -> TestResult {
    let extra = r#"
  - scalingGroupId: asg-empty001
    scalingGroupName: empty
    scalingConfigurationId: asc-spare001
    minSize: 0
    maxSize: 2
    scalingPolicies:
      - {scalingPolicyId: asp-00000001, scalingPolicyName: up, adjustmentType: QuantityChangeInCapacity, adjustmentValue: 1, cooldown: 60, createTime: "2026-01-01 00:00:00"}
    scheduledActions:
      - {id: asst-0000001, name: night, maxSize: 2, minSize: 0, startTime: 1767283200}
    notifications:
      - {id: asn-00000001, events: [scaleOutSucceeded], userGroupIds: ["1"]}
    lifecycleHooks:
      - {id: lfh-00000001, name: hook, heartbeatTimeout: 300, defaultResult: continue, transition: launching}
    boundLifeCycleHookId: lfh-00000001
"#;
    let activities = r#"
  - {scalingActivityId: asa-00000001, autoScalingGroupId: asg-empty001, type: 3, status: 2, startTime: "2026-01-01 00:00:00"}
  - {scalingActivityId: asa-00000002, autoScalingGroupId: asg-demo0001, type: 2, status: 2, startTime: "2026-01-01 00:00:00"}
"#;
    let (emulator, client) = start(state(&yaml_state(extra, "", activities))?)?;
    client.delete_scaling_group("asg-empty001").send().await?;
    let state = emulator.state();
    assert!(state.group("asg-empty001").is_none());
    let activity_ids: Vec<&str> = state
        .scaling_activities
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(
        activity_ids,
        ["asa-00000002"],
        "the group's activities go with it"
    );
    assert_eq!(
        state.launch_configurations.len(),
        2,
        "its launch configuration stays"
    );
    let listed = client
        .describe_scaling_group()
        .scaling_group_ids(["asg-empty001"])
        .send()
        .await?;
    assert_eq!(listed.total_count, 0);
    // Gone: a second delete is refused.
    match client.delete_scaling_group("asg-empty001").send().await {
        Err(Error::Service(DeleteScalingGroupError::InvalidParameterScalingGroupIdError(e))) => {
            assert_eq!(e.code_desc(), "InvalidParameter.ScalingGroupIdError")
        }
        other => panic!("expected InvalidParameter.ScalingGroupIdError, got {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn delete_scaling_group_refuses_instances_and_running_activities() -> TestResult {
    let extra = r#"
  - scalingGroupId: asg-busy0001
    scalingGroupName: busy
    minSize: 0
    maxSize: 2
    inScalingActivity: true
"#;
    let (emulator, client) = start(state(&yaml_state(extra, "", "  []"))?)?;
    let before = emulator.state();
    match client.delete_scaling_group(WEB).send().await {
        Err(Error::Service(DeleteScalingGroupError::Common(CommonError::OperationFailed(e)))) => {
            assert!(e.message().contains("instance"), "{e}")
        }
        other => panic!("expected OperationFailed, got {other:?}"),
    }
    match client.delete_scaling_group("asg-busy0001").send().await {
        Err(Error::Service(DeleteScalingGroupError::Common(CommonError::OperationFailed(e)))) => {
            assert!(e.message().contains("scaling activity"), "{e}")
        }
        other => panic!("expected OperationFailed, got {other:?}"),
    }
    assert_eq!(emulator.state(), before);

    // Emptied, the group can go.
    client
        .detach_instance(WEB, ["ins-demo0001", "ins-demo0002"])
        .keep_instance(KeepInstance::Keep)
        .send()
        .await?;
    client.delete_scaling_group(WEB).send().await?;
    assert!(emulator.state().group(WEB).is_none());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// EnabledScalingGroup
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn enabled_scaling_group_sets_the_status() -> TestResult {
    let (emulator, client) = demo()?;
    client
        .enabled_scaling_group(WEB, GroupEnabled::Disabled)
        .send()
        .await?;
    assert_eq!(emulator.state().group(WEB).map(|g| g.enabled), Some(false));
    // A disabled group refuses DetachInstance and AttachInstance.
    match client.detach_instance(WEB, ["ins-demo0001"]).send().await {
        Err(Error::Service(DetachInstanceError::Common(CommonError::OperationFailed(e)))) => {
            assert!(e.message().contains("not active"), "{e}")
        }
        other => panic!("expected OperationFailed, got {other:?}"),
    }
    client
        .enabled_scaling_group(WEB, GroupEnabled::Enabled)
        .send()
        .await?;
    client
        .enabled_scaling_group(BATCH, GroupEnabled::Enabled)
        .send()
        .await?;
    // Enabling an enabled group is fine.
    client
        .enabled_scaling_group(BATCH, GroupEnabled::Enabled)
        .send()
        .await?;
    let state = emulator.state();
    assert_eq!(state.group(WEB).map(|g| g.enabled), Some(true));
    assert_eq!(state.group(BATCH).map(|g| g.enabled), Some(true));
    client
        .detach_instance(BATCH, ["ins-demo0005"])
        .send()
        .await?;

    match client
        .enabled_scaling_group("asg-nosuch00", GroupEnabled::Enabled)
        .send()
        .await
    {
        Err(Error::Service(EnabledScalingGroupError::InvalidParameterScalingGroupIdError(e))) => {
            assert!(e.message().contains("asg-nosuch00"), "{e}")
        }
        other => panic!("expected InvalidParameter.ScalingGroupIdError, got {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn enabled_scaling_group_sends_0_and_1() -> TestResult {
    let (emulator, client) = demo()?;
    let request = qcloud_as::operation::enabled_scaling_group::EnabledScalingGroupRequest::new(
        WEB,
        GroupEnabled::Disabled,
    );
    let pairs = client.signed_params(&request, unix_now(), fresh_nonce())?;
    assert!(pairs
        .iter()
        .any(|(k, v)| k == "enabledScalingGroup" && v == "0"));
    let (_, body) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
    assert_eq!(body["code"], 0, "{body}");
    let (_, body) = send_raw(
        &emulator,
        HttpMethod::Post,
        &resign(&emulator, with(pairs, "enabledScalingGroup", "2")),
    )
    .await?;
    assert_eq!(body["code"], 4000, "{body}");
    assert!(message_of(&body).contains("enabledScalingGroup"), "{body}");
    assert_eq!(emulator.state().group(WEB).map(|g| g.enabled), Some(false));
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// AttachInstance
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn attach_instance_adds_manual_instances_and_records_an_activity() -> TestResult {
    let (emulator, client) = demo()?;
    client.attach_instance(WEB, ["ins-demo0006"]).send().await?;

    let listed = client
        .describe_scaling_instance(WEB)
        .instance_ids(["ins-demo0006"])
        .send()
        .await?;
    assert_eq!(listed.total_count, 1);
    let m = &listed.scaling_instances_set[0];
    assert_eq!(m.creation_type, CreationType::Manual);
    assert_eq!(m.life_cycle_state, LifeCycleState::InService);
    assert_eq!(m.add_time.len(), 19, "{}", m.add_time);
    let groups = client
        .describe_scaling_group()
        .scaling_group_ids([WEB])
        .send()
        .await?;
    assert_eq!(groups.scaling_group_set[0].instance_num, 5);

    let activities = client.describe_scaling_activity(WEB).send().await?;
    assert_eq!(activities.total_count, 1);
    let a = &activities.scaling_activity_set[0];
    assert_eq!(a.activity_type, ActivityType::Attach);
    assert_eq!(a.status, ActivityStatus::Success);
    assert_eq!(a.auto_scaling_group_id, WEB);
    assert_eq!(
        a.succ_ins_list.as_deref(),
        Some(&["ins-demo0006".to_owned()][..])
    );
    assert!(a.scaling_activity_id.starts_with("asa-"));

    // A Manual instance detached with the default keepInstance stays in the account.
    client.detach_instance(WEB, ["ins-demo0006"]).send().await?;
    assert!(emulator.state().instance("ins-demo0006").is_some());
    Ok(())
}

#[tokio::test]
async fn attach_instance_checks_the_group_and_each_instance() -> TestResult {
    let extra_instances = r#"
  - {instanceId: ins-stopped1, state: Stopped}
  - {instanceId: ins-free0001, state: Running}
  - {instanceId: ins-free0002, state: Running}
  - {instanceId: ins-other001, state: Running}
"#;
    let extra = r#"
  - scalingGroupId: asg-other001
    scalingGroupName: other
    minSize: 0
    maxSize: 2
    instances:
      - {instanceId: ins-other001, creationType: Manual}
  - scalingGroupId: asg-off00001
    scalingGroupName: off
    minSize: 0
    maxSize: 2
    status: inactive
  - scalingGroupId: asg-busy0001
    scalingGroupName: busy
    minSize: 0
    maxSize: 2
    inScalingActivity: true
  - scalingGroupId: asg-full0001
    scalingGroupName: full
    minSize: 0
    maxSize: 2
    instances:
      - {instanceId: ins-demo0006, creationType: Manual}
"#;
    let (emulator, client) = start(state(&yaml_state(extra, extra_instances, "  []"))?)?;
    let before = emulator.state();

    match client
        .attach_instance("asg-nosuch00", ["ins-free0001"])
        .send()
        .await
    {
        Err(Error::Service(AttachInstanceError::InvalidParameterScalingGroupIdError(e))) => {
            assert!(e.message().contains("asg-nosuch00"), "{e}")
        }
        other => panic!("expected InvalidParameter.ScalingGroupIdError, got {other:?}"),
    }
    for (ids, needle) in [
        (vec!["ins-free0001", "ins-nosuch00"], "ins-nosuch00"),
        (vec!["ins-free0001", "ins-free0001"], "more than once"),
        (vec!["ins-demo0001"], "already in scaling group"),
    ] {
        match client.attach_instance(WEB, ids.clone()).send().await {
            Err(Error::Service(AttachInstanceError::InvalidParameterInstanceIdError(e))) => {
                assert!(e.message().contains(needle), "{ids:?}: {e}")
            }
            other => panic!("expected InvalidParameter.InstanceIdError for {ids:?}, got {other:?}"),
        }
    }
    match client
        .attach_instance(WEB, ["ins-free0001", "ins-other001"])
        .send()
        .await
    {
        Err(Error::Service(AttachInstanceError::IncorrectInstanceStatusInOtherScalingGroup(e))) => {
            assert_eq!(e.code_desc(), "IncorrectInstanceStatus.InOtherScalingGroup");
            assert!(e.message().contains("asg-other001"), "{e}");
        }
        other => panic!("expected IncorrectInstanceStatus.InOtherScalingGroup, got {other:?}"),
    }
    match client.attach_instance(WEB, ["ins-stopped1"]).send().await {
        Err(Error::Service(AttachInstanceError::Common(CommonError::OperationFailed(e)))) => {
            assert!(e.message().contains("Stopped"), "{e}")
        }
        other => panic!("expected OperationFailed, got {other:?}"),
    }
    for (group, needle) in [
        ("asg-off00001", "not active"),
        ("asg-busy0001", "scaling activity"),
    ] {
        match client.attach_instance(group, ["ins-free0001"]).send().await {
            Err(Error::Service(AttachInstanceError::Common(CommonError::OperationFailed(e)))) => {
                assert!(e.message().contains(needle), "{group}: {e}")
            }
            other => panic!("expected OperationFailed for {group}, got {other:?}"),
        }
    }
    // 1 + 2 > maxSize 2.
    match client
        .attach_instance("asg-full0001", ["ins-free0001", "ins-free0002"])
        .send()
        .await
    {
        Err(Error::Service(AttachInstanceError::Common(CommonError::OperationFailed(e)))) => {
            assert!(e.message().contains("maxSize"), "{e}")
        }
        other => panic!("expected OperationFailed, got {other:?}"),
    }
    // More than 20 ids: checked before sending; none: too.
    let many: Vec<String> = (0..21).map(|n| format!("ins-{n:08}")).collect();
    match client.attach_instance(WEB, many).send().await {
        Err(Error::Validation(e)) => assert_eq!(e.parameter(), "instanceIds"),
        other => panic!("expected a validation error, got {other:?}"),
    }
    match client
        .attach_instance(WEB, Vec::<String>::new())
        .send()
        .await
    {
        Err(Error::Validation(e)) => assert_eq!(e.parameter(), "instanceIds"),
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(emulator.state(), before, "failed attaches change nothing");

    // Up to maxSize exactly is fine.
    client
        .attach_instance("asg-full0001", ["ins-free0001"])
        .send()
        .await?;
    assert_eq!(
        members(&emulator.state(), "asg-full0001"),
        ["ins-demo0006", "ins-free0001"]
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// SetCvmProtectedDetach
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn protected_instances_cannot_be_detached_until_cleared() -> TestResult {
    let (emulator, client) = demo()?;
    client
        .set_cvm_protected_detach(protect(
            WEB,
            &["ins-demo0001", "ins-demo0002", "ins-demo0001"],
            DetachProtection::Protected,
        ))
        .send()
        .await?;
    let state = emulator.state();
    let flags: Vec<(String, bool)> = state
        .group(WEB)
        .map(|g| {
            g.instances
                .iter()
                .map(|m| (m.instance_id.clone(), m.protected_from_detach))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        flags,
        [
            ("ins-demo0001".to_owned(), true),
            ("ins-demo0002".to_owned(), true),
            ("ins-demo0003".to_owned(), false),
            ("ins-demo0004".to_owned(), false),
        ]
    );

    match client
        .detach_instance(WEB, ["ins-demo0003", "ins-demo0002"])
        .send()
        .await
    {
        Err(Error::Service(DetachInstanceError::Common(CommonError::OperationFailed(e)))) => {
            assert!(e.message().contains("ins-demo0002"), "{e}");
            assert!(e.message().contains("protected"), "{e}");
            assert!(
                !e.message().contains("ins-demo0001"),
                "only the ones given: {e}"
            );
        }
        other => panic!("expected OperationFailed, got {other:?}"),
    }
    assert_eq!(members(&emulator.state(), WEB).len(), 4, "nothing detached");
    // Unprotected ones still go.
    client
        .detach_instance(WEB, ["ins-demo0003"])
        .keep_instance(KeepInstance::Keep)
        .send()
        .await?;

    client
        .set_cvm_protected_detach(protect(
            WEB,
            &["ins-demo0002"],
            DetachProtection::Unprotected,
        ))
        .send()
        .await?;
    client
        .detach_instance(WEB, ["ins-demo0002"])
        .keep_instance(KeepInstance::Keep)
        .send()
        .await?;
    assert_eq!(
        members(&emulator.state(), WEB),
        ["ins-demo0001", "ins-demo0004"]
    );
    Ok(())
}

#[tokio::test]
async fn set_cvm_protected_detach_errors_change_nothing() -> TestResult {
    let (emulator, client) = demo()?;
    let before = emulator.state();
    match client
        .set_cvm_protected_detach(protect(
            "asg-nosuch00",
            &["ins-demo0001"],
            DetachProtection::Protected,
        ))
        .send()
        .await
    {
        Err(Error::Service(SetCvmProtectedDetachError::InvalidParameterScalingGroupIdError(e))) => {
            assert!(e.message().contains("asg-nosuch00"), "{e}")
        }
        other => panic!("expected InvalidParameter.ScalingGroupIdError, got {other:?}"),
    }
    for other_ids in [
        ["ins-demo0001", "ins-demo0005"],
        ["ins-demo0001", "ins-nosuch00"],
    ] {
        match client
            .set_cvm_protected_detach(protect(WEB, &other_ids, DetachProtection::Protected))
            .send()
            .await
        {
            Err(Error::Service(SetCvmProtectedDetachError::InvalidParameterInstanceIdError(e))) => {
                assert!(e.message().contains(other_ids[1]), "{e}")
            }
            other => panic!("expected InvalidParameter.InstanceIdError, got {other:?}"),
        }
    }
    match client
        .set_cvm_protected_detach(protect(WEB, &[], DetachProtection::Protected))
        .send()
        .await
    {
        Err(Error::Validation(e)) => assert_eq!(e.parameter(), "instanceIds"),
        other => panic!("expected a validation error, got {other:?}"),
    }
    // A value other than 0 or 1, sent by hand, is refused by the server.
    let request = SetCvmProtectedDetachRequest::new(protect(
        WEB,
        &["ins-demo0001"],
        DetachProtection::Protected,
    ));
    let pairs = client.signed_params(&request, unix_now(), fresh_nonce())?;
    assert!(pairs
        .iter()
        .any(|(k, v)| k == "protectedFromDetach" && v == "1"));
    let (_, body) = send_raw(
        &emulator,
        HttpMethod::Post,
        &resign(&emulator, with(pairs, "protectedFromDetach", "2")),
    )
    .await?;
    assert_eq!(body["code"], 4000, "{body}");
    assert!(message_of(&body).contains("protectedFromDetach"), "{body}");
    assert_eq!(emulator.state(), before);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// DescribeScalingActivity
// ---------------------------------------------------------------------------------------------

const ACTIVITIES: &str = r#"
  - {scalingActivityId: asa-00000001, autoScalingGroupId: asg-demo0001, type: 0, status: 2, startTime: "2026-01-01 00:00:00", endTime: "2026-01-01 00:01:00", desciption: "scale out by 1", cause: alarm, errorCode: 0}
  - {scalingActivityId: asa-00000002, autoScalingGroupId: asg-demo0001, type: 1, status: 4, startTime: "2026-01-02 00:00:00", errorCode: 40001, failInsList: [ins-demo0002]}
  - {scalingActivityId: asa-00000003, autoScalingGroupId: asg-demo0001, type: 10, status: 1, startTime: "2026-01-03 00:00:00"}
  - {scalingActivityId: asa-00000004, autoScalingGroupId: asg-other001, type: 2, status: 2, startTime: "2026-01-02 00:00:00"}
"#;

const OTHER_GROUP: &str = r#"
  - {scalingGroupId: asg-other001, scalingGroupName: other, minSize: 0, maxSize: 2}
"#;

fn activity_ids(
    out: &qcloud_as::operation::describe_scaling_activity::DescribeScalingActivityOutput,
) -> Vec<&str> {
    out.scaling_activity_set
        .iter()
        .map(|a| a.scaling_activity_id.as_str())
        .collect()
}

#[tokio::test]
async fn describe_scaling_activity_filters_and_pages() -> TestResult {
    let (_emulator, client) = start(state(&yaml_state(OTHER_GROUP, "", ACTIVITIES))?)?;
    let all = client.describe_scaling_activity(WEB).send().await?;
    assert_eq!(all.total_count, 3, "only the group's");
    assert_eq!(
        activity_ids(&all),
        ["asa-00000001", "asa-00000002", "asa-00000003"]
    );

    let first = &all.scaling_activity_set[0];
    // The misspelt wire name `desciption` and the keyword `type` round-trip.
    assert_eq!(first.description.as_deref(), Some("scale out by 1"));
    assert_eq!(first.activity_type, ActivityType::ScaleOut);
    assert_eq!(first.status, ActivityStatus::Success);
    assert_eq!(first.cause.as_deref(), Some("alarm"));
    assert_eq!(first.end_time.as_deref(), Some("2026-01-01 00:01:00"));
    let second = &all.scaling_activity_set[1];
    assert_eq!(
        (
            second.activity_type.clone(),
            second.status.clone(),
            second.error_code
        ),
        (ActivityType::ScaleIn, ActivityStatus::Failed, Some(40001))
    );
    assert_eq!(
        second.fail_ins_list.as_deref(),
        Some(&["ins-demo0002".to_owned()][..])
    );
    assert_eq!(
        all.scaling_activity_set[2].activity_type,
        ActivityType::ReplaceUnhealthy
    );

    let by_id = client
        .describe_scaling_activity(WEB)
        .scaling_activity_ids(["asa-00000002", "asa-00000004", "asa-nosuch00"])
        .send()
        .await?;
    assert_eq!(
        activity_ids(&by_id),
        ["asa-00000002"],
        "another group's is not listed"
    );

    let from = client
        .describe_scaling_activity(WEB)
        .start_time("2026-01-02 00:00:00")
        .send()
        .await?;
    assert_eq!(activity_ids(&from), ["asa-00000002", "asa-00000003"]);
    let to = client
        .describe_scaling_activity(WEB)
        .end_time("2026-01-02 00:00:00")
        .send()
        .await?;
    assert_eq!(activity_ids(&to), ["asa-00000001", "asa-00000002"]);
    let window = client
        .describe_scaling_activity(WEB)
        .start_time("2026-01-01 12:00:00")
        .end_time("2026-01-02 12:00:00")
        .send()
        .await?;
    assert_eq!(activity_ids(&window), ["asa-00000002"]);
    let backwards = client
        .describe_scaling_activity(WEB)
        .start_time("2026-01-03 00:00:00")
        .end_time("2026-01-01 00:00:00")
        .send()
        .await?;
    assert_eq!(backwards.total_count, 0);

    let page = client
        .describe_scaling_activity(WEB)
        .offset(1)
        .limit(1)
        .send()
        .await?;
    assert_eq!(page.total_count, 3);
    assert_eq!(activity_ids(&page), ["asa-00000002"]);
    let past_end = client
        .describe_scaling_activity(WEB)
        .offset(9)
        .send()
        .await?;
    assert_eq!(
        (past_end.total_count, past_end.scaling_activity_set.len()),
        (3, 0)
    );
    Ok(())
}

#[tokio::test]
async fn describe_scaling_activity_default_limit_is_20() -> TestResult {
    let activities: String = (0..25)
        .map(|n| {
            format!(
                "  - {{scalingActivityId: asa-{n:08}, autoScalingGroupId: asg-demo0001, type: 2, status: 2, startTime: \"2026-01-01 00:00:00\"}}\n"
            )
        })
        .collect();
    let (_emulator, client) = start(state(&yaml_state("", "", &activities))?)?;
    let first = client.describe_scaling_activity(WEB).send().await?;
    assert_eq!(
        (first.total_count, first.scaling_activity_set.len()),
        (25, 20)
    );
    Ok(())
}

#[tokio::test]
async fn describe_scaling_activity_errors() -> TestResult {
    let (_emulator, client) = start(state(&yaml_state(OTHER_GROUP, "", ACTIVITIES))?)?;
    match client
        .describe_scaling_activity("asg-nosuch00")
        .send()
        .await
    {
        Err(Error::Service(DescribeScalingActivityError::Common(
            CommonError::InvalidParameter(e),
        ))) => assert!(e.message().contains("scalingGroupId"), "{e}"),
        other => panic!("expected InvalidParameter, got {other:?}"),
    }
    for (start, end, name) in [
        (Some("2026-01-01"), None, "startTime"),
        (None, Some("2026-13-01 00:00:00"), "endTime"),
        (Some("2026-01-01T00:00:00"), None, "startTime"),
    ] {
        let mut call = client.describe_scaling_activity(WEB);
        if let Some(start) = start {
            call = call.start_time(start);
        }
        if let Some(end) = end {
            call = call.end_time(end);
        }
        match call.send().await {
            Err(Error::Service(DescribeScalingActivityError::Common(
                CommonError::InvalidParameter(e),
            ))) => assert!(e.message().contains(name), "{e}"),
            other => panic!("expected InvalidParameter naming {name}, got {other:?}"),
        }
    }
    Ok(())
}

#[tokio::test]
async fn detach_and_attach_show_up_as_activities_in_order() -> TestResult {
    let (_emulator, client) = demo()?;
    client
        .detach_instance(WEB, ["ins-demo0001"])
        .keep_instance(KeepInstance::Keep)
        .send()
        .await?;
    client.attach_instance(WEB, ["ins-demo0001"]).send().await?;
    let listed = client.describe_scaling_activity(WEB).send().await?;
    let types: Vec<ActivityType> = listed
        .scaling_activity_set
        .iter()
        .map(|a| a.activity_type.clone())
        .collect();
    assert_eq!(types, [ActivityType::Detach, ActivityType::Attach]);
    let none = client.describe_scaling_activity(BATCH).send().await?;
    assert_eq!(none.total_count, 0);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// DescribeScalingLimit
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn describe_scaling_limit_answers_with_no_data() -> TestResult {
    let (emulator, client) = demo()?;
    client.describe_scaling_limit().send().await?;
    client.describe_scaling_limit().kind("group").send().await?;
    // `kind` travels as `type`.
    let request = qcloud_as::operation::describe_scaling_limit::DescribeScalingLimitRequest::new()
        .kind("group");
    let pairs = client.signed_params(&request, unix_now(), fresh_nonce())?;
    assert!(pairs.iter().any(|(k, v)| k == "type" && v == "group"));
    let (_, body) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
    assert_eq!(body["code"], 0, "{body}");
    assert_eq!(emulator.state(), qcloud_as_emulator::State::demo());
    Ok(())
}
