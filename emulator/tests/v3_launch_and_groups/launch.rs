//! Changing launch configurations: ModifyLaunchConfigurationAttributes,
//! ClearLaunchConfigurationAttributes, UpgradeLaunchConfiguration, and deleting one in use,
//! through both protocols.

use super::*;
use qcloud_as::operation::create_scaling_configuration::CreateScalingConfigurationRequired;
use qcloud_as::types::{BandwidthType, ImageType, StorageType};
use qcloud_as::v3::operation::upgrade_launch_configuration::UpgradeLaunchConfigurationRequired;
use qcloud_as::v3::types::{
    DataDisk, HostNameSettings, InstanceChargePrepaid, InstanceChargeType,
    InstanceMarketOptionsRequest, InstanceTag, LaunchConfiguration, SpotMarketOptions,
};

const LC: &str = "asc-demo0001";

/// The `codeDesc` of a failed API 2.0 call.
fn code_desc<T: std::fmt::Debug, E: qcloud_as::ErrorTable + std::fmt::Debug>(
    result: Result<T, qcloud_as::Error<E>>,
) -> String {
    match result {
        Err(qcloud_as::Error::Service(e)) => e.meta().code_desc().to_owned(),
        other => format!("not a service error: {other:?}"),
    }
}

async fn describe(
    v3: &qcloud_as::v3::Client,
    id: &str,
) -> Result<LaunchConfiguration, Box<dyn std::error::Error>> {
    let mut set = v3
        .describe_launch_configurations()
        .launch_configuration_ids([id])
        .await?
        .launch_configuration_set;
    set.pop()
        .ok_or_else(|| format!("{id} not described").into())
}

#[tokio::test]
async fn modify_changes_only_what_is_sent_for_both_protocols() -> TestResult {
    let (_emulator, v2, v3) = start_v3(State::demo())?;
    v3.modify_launch_configuration_attributes(LC)
        .launch_configuration_name("web-lc-2")
        .instance_types(["S5.MEDIUM4", "SA2.MEDIUM4"])
        .user_data("IyEvYmluL3NoCg==")
        .security_group_ids(["sg-aaaa0001"])
        .await?;
    let c = describe(&v3, LC).await?;
    assert_eq!(c.launch_configuration_name, "web-lc-2");
    assert_eq!(c.instance_types, ["S5.MEDIUM4", "SA2.MEDIUM4"]);
    assert_eq!(c.user_data.as_deref(), Some("IyEvYmluL3NoCg=="));
    assert_eq!(c.security_group_ids, ["sg-aaaa0001"]);
    assert_eq!(c.image_id, "img-demo0001", "not sent: kept");
    assert_eq!(c.version_number, 2);
    // API 2.0 reads the same record: the name, and cores and memory of the first type.
    let old = &v2
        .describe_scaling_configuration()
        .scaling_configuration_ids([LC])
        .send()
        .await?
        .scaling_configuration_set[0];
    assert_eq!(old.scaling_configuration_name, "web-lc-2");
    assert_eq!((old.cpu, old.mem), (Some(2), Some(4)));

    // An empty UserData clears it.
    v3.modify_launch_configuration_attributes(LC)
        .user_data("")
        .await?;
    assert_eq!(describe(&v3, LC).await?.user_data, None);

    // Refusals change nothing.
    v2.create_scaling_configuration(CreateScalingConfigurationRequired {
        scaling_configuration_name: "spare".into(),
        image_id: "img-8toqc6s3".into(),
        cpu: 1,
        mem: 2,
        storage_type: StorageType::Cloud,
        storage_size: 50,
        bandwidth_type: BandwidthType::PayByHour,
        bandwidth: 1,
        image_type: ImageType::Public,
    })
    .send()
    .await?;
    let taken = v3
        .modify_launch_configuration_attributes(LC)
        .launch_configuration_name("spare")
        .await;
    assert_eq!(
        code(taken),
        "InvalidParameterValue.LaunchConfigurationNameDuplicated"
    );
    let unknown = v3
        .modify_launch_configuration_attributes("asc-nothere1")
        .image_id("img-8toqc6s3")
        .await;
    assert_eq!(
        code(unknown),
        "ResourceNotFound.LaunchConfigurationIdNotFound"
    );
    let malformed = v3.modify_launch_configuration_attributes("lc-1").await;
    assert_eq!(
        code(malformed),
        "InvalidParameterValue.InvalidLaunchConfigurationId"
    );
    let types: Vec<String> = (1..=11).map(|n| format!("S5.SMALL{n}")).collect();
    let too_many = v3
        .modify_launch_configuration_attributes(LC)
        .instance_types(types)
        .await;
    assert_eq!(code(too_many), "InvalidParameterValue.LimitExceeded");
    let image = v3
        .modify_launch_configuration_attributes(LC)
        .image_id("image-1")
        .await;
    assert_eq!(code(image), "InvalidParameterValue.InvalidImageId");
    let both = v3
        .modify_launch_configuration_attributes(LC)
        .image_id("img-8toqc6s3")
        .image_family("centos")
        .await;
    assert_eq!(code(both), "InvalidParameter.Conflict");
    let no_groups = v3
        .modify_launch_configuration_attributes(LC)
        .security_group_ids(Vec::<String>::new())
        .await;
    assert_eq!(code(no_groups), "InvalidParameterValue");
    let prepaid = v3
        .modify_launch_configuration_attributes(LC)
        .instance_charge_type(InstanceChargeType::Prepaid)
        .await;
    assert_eq!(code(prepaid), "MissingParameter.InScenario");
    let market = v3
        .modify_launch_configuration_attributes(LC)
        .instance_market_options(InstanceMarketOptionsRequest::new(SpotMarketOptions::new(
            "1.5",
        )))
        .await;
    assert_eq!(code(market), "InvalidParameter.InScenario");
    let c = describe(&v3, LC).await?;
    assert_eq!(
        (c.launch_configuration_name.as_str(), c.version_number),
        ("web-lc-2", 3)
    );

    // Moving to PREPAID with its period; moving away drops it.
    v3.modify_launch_configuration_attributes(LC)
        .instance_charge_type(InstanceChargeType::Prepaid)
        .instance_charge_prepaid(InstanceChargePrepaid::new(3))
        .await?;
    let c = describe(&v3, LC).await?;
    assert_eq!(c.instance_charge_type, InstanceChargeType::Prepaid);
    assert_eq!(c.instance_charge_prepaid.period, 3);
    v3.modify_launch_configuration_attributes(LC)
        .instance_charge_type(InstanceChargeType::PostpaidByHour)
        .await?;
    assert_eq!(describe(&v3, LC).await?.instance_charge_prepaid.period, 0);
    Ok(())
}

#[tokio::test]
async fn clear_and_upgrade() -> TestResult {
    let (_emulator, _, v3) = start_v3(State::demo())?;
    let mut disk = DataDisk::new();
    disk.disk_size = Some(100);
    let mut host = HostNameSettings::new();
    host.host_name = Some("web".into());
    let id = v3
        .create_launch_configuration("full")
        .image_id("img-8toqc6s3")
        .instance_types(["S5.MEDIUM4"])
        .data_disks([disk])
        .instance_tags([InstanceTag::new("env", "prod")])
        .host_name_settings(host)
        .user_data("IyEvYmluL3NoCg==")
        .await?
        .launch_configuration_id;
    let c = describe(&v3, &id).await?;
    assert_eq!((c.data_disks.len(), c.instance_tags.len()), (1, 1));
    v3.clear_launch_configuration_attributes(&id)
        .clear_data_disks(true)
        .clear_instance_tags(true)
        .await?;
    let c = describe(&v3, &id).await?;
    assert!(c.data_disks.is_empty() && c.instance_tags.is_empty());
    assert_eq!(
        c.host_name_settings.host_name.as_deref(),
        Some("web"),
        "not cleared"
    );
    v3.clear_launch_configuration_attributes(&id)
        .clear_host_name_settings(true)
        .await?;
    assert_eq!(describe(&v3, &id).await?.host_name_settings.host_name, None);
    let unknown = v3
        .clear_launch_configuration_attributes("asc-nothere1")
        .await;
    assert_eq!(code(unknown), "ResourceNotFound");
    let malformed = v3.clear_launch_configuration_attributes("x").await;
    assert_eq!(
        code(malformed),
        "InvalidParameterValue.InvalidLaunchConfigurationId"
    );

    // Upgrade overwrites: what is not sent goes back to its default.
    let upgrade = |name: &str, types: Vec<String>| UpgradeLaunchConfigurationRequired {
        launch_configuration_id: id.clone(),
        image_id: "img-newimage".into(),
        instance_types: types,
        launch_configuration_name: name.into(),
    };
    #[allow(deprecated)]
    v3.upgrade_launch_configuration(upgrade("upgraded", vec!["SA2.LARGE8".into()]))
        .await?;
    let c = describe(&v3, &id).await?;
    assert_eq!(
        (c.launch_configuration_name.as_str(), c.image_id.as_str()),
        ("upgraded", "img-newimage")
    );
    assert_eq!(c.instance_types, ["SA2.LARGE8"]);
    assert_eq!(c.user_data, None, "not sent: back to none");
    let types: Vec<String> = (1..=6).map(|n| format!("S5.SMALL{n}")).collect();
    #[allow(deprecated)]
    let six = v3
        .upgrade_launch_configuration(upgrade("upgraded", types))
        .await;
    assert_eq!(code(six), "InvalidParameterValue.Range");
    #[allow(deprecated)]
    let taken = v3
        .upgrade_launch_configuration(upgrade("web-lc", vec!["S5.SMALL1".into()]))
        .await;
    assert_eq!(
        code(taken),
        "InvalidParameterValue.LaunchConfigurationNameDuplicated"
    );
    #[allow(deprecated)]
    let spot = v3
        .upgrade_launch_configuration(upgrade("spot", vec!["S5.SMALL1".into()]))
        .instance_charge_type(InstanceChargeType::Spotpaid)
        .await;
    assert_eq!(code(spot), "MissingParameter");
    assert_eq!(
        describe(&v3, &id).await?.launch_configuration_name,
        "upgraded"
    );

    // A new project needs room: 20 launch configurations per project.
    for n in 0..20 {
        v3.create_launch_configuration(format!("p1-{n}"))
            .image_id("img-8toqc6s3")
            .instance_type("S5.SMALL1")
            .project_id(1)
            .await?;
    }
    #[allow(deprecated)]
    let full = v3
        .upgrade_launch_configuration(upgrade("upgraded", vec!["S5.SMALL1".into()]))
        .project_id(1)
        .await;
    assert_eq!(code(full), "LimitExceeded");
    #[allow(deprecated)]
    v3.upgrade_launch_configuration(upgrade("upgraded", vec!["S5.SMALL1".into()]))
        .project_id(2)
        .await?;
    assert_eq!(describe(&v3, &id).await?.project_id, 2);
    Ok(())
}

#[tokio::test]
async fn deleting_a_launch_configuration_in_use_is_refused_by_both_protocols() -> TestResult {
    let (emulator, v2, v3) = start_v3(State::demo())?;
    let v2_refused = v2.delete_scaling_configuration(LC).send().await;
    assert_eq!(code_desc(v2_refused), "Conflict.ScallingConfigurationUse");
    let v3_refused = v3.delete_launch_configuration(LC).await;
    assert_eq!(code(v3_refused), "ResourceInUse.LaunchConfigurationIdInUse");
    // Made by API 3.0, unused: API 2.0 deletes it, and API 3.0 no longer finds it.
    let id = v3
        .create_launch_configuration("spare")
        .image_id("img-8toqc6s3")
        .instance_type("S5.SMALL1")
        .await?
        .launch_configuration_id;
    v2.delete_scaling_configuration(&id).send().await?;
    let gone = v3.delete_launch_configuration(&id).await;
    assert_eq!(code(gone), "ResourceNotFound.LaunchConfigurationIdNotFound");
    let gone = v2.delete_scaling_configuration(&id).send().await;
    assert_eq!(code_desc(gone), "InvalidParameter");
    assert!(emulator.state().launch_configuration(&id).is_none());
    Ok(())
}

#[tokio::test]
async fn a_format_2_state_loads_and_changes_are_written_in_format_4() -> TestResult {
    // Format 2: `v3.launchConfigurations` without the fields format 3 adds.
    let text = "version: 2\n\
        credentials:\n  - {secretId: AKIDEMULATOR, secretKey: emulator-demo-secret-key}\n\
        scalingConfigurations:\n  - {scalingConfigurationId: asc-test0001, scalingConfigurationName: lc}\n\
        v3:\n  launchConfigurations:\n    - {scalingConfigurationId: asc-test0001, instanceTypes: [S5.SMALL2]}\n";
    let state = State::from_yaml_str(text, "format2.yaml")?;
    assert_eq!(state.version, 4);
    let (emulator, _, v3) = start_v3(state)?;
    v3.modify_launch_configuration_attributes("asc-test0001")
        .disaster_recover_group_ids(["ps-aaaa0001"])
        .await?;
    let written = common::http_state(&emulator).await?;
    assert_eq!(written["version"], 4);
    let lc = &written["launchConfigurations"][0];
    assert_eq!(lc["disasterRecoverGroupIds"][0], "ps-aaaa0001");
    assert_eq!(lc["version"], 2);
    assert_eq!(lc["instanceTypes"][0], "S5.SMALL2");
    // And the document written loads again.
    let again = State::from_yaml_str(&written.to_string(), "written.json")?;
    assert_eq!(again, emulator.state());
    Ok(())
}
