//! One launch configuration for both protocols: what API 3.0 made is read by API 2.0 as far
//! as its fields go and never lost by an API 2.0 call; what API 2.0 made is read by API 3.0
//! and keeps API 2.0's own fields through API 3.0's changes; a format-3 state
//! (`scalingConfigurations` beside `v3.launchConfigurations`) loads joined by id, or is refused
//! naming the entry.

mod common;

use common::v3::{code, start_v3};
use common::{http_state, TestResult};
use qcloud_as::operation::create_scaling_configuration::CreateScalingConfigurationRequired;
use qcloud_as::operation::create_scaling_group::CreateScalingGroupRequired;
use qcloud_as::types::{BandwidthType, CvmType, ImageType, OnOff, RemovePolicy, StorageType};
use qcloud_as::v3::types::{
    DataDisk, DiskType, HostNameSettings, InternetAccessible, InternetChargeType, LoginSettings,
    MetadataItem, NameStyle, SystemDisk,
};
use qcloud_as_emulator::domain::launch_configuration as d;
use qcloud_as_emulator::State;

async fn v3_view(
    v3: &qcloud_as::v3::Client,
    id: &str,
) -> Result<qcloud_as::v3::types::LaunchConfiguration, Box<dyn std::error::Error>> {
    v3.describe_launch_configurations()
        .launch_configuration_ids([id])
        .await?
        .launch_configuration_set
        .pop()
        .ok_or_else(|| format!("{id} not described by API 3.0").into())
}

async fn v2_view(
    v2: &qcloud_as::Client,
    id: &str,
) -> Result<qcloud_as::types::ScalingConfiguration, Box<dyn std::error::Error>> {
    v2.describe_scaling_configuration()
        .scaling_configuration_ids([id])
        .send()
        .await?
        .scaling_configuration_set
        .pop()
        .ok_or_else(|| format!("{id} not described by API 2.0").into())
}

#[tokio::test]
async fn what_api_3_0_made_api_2_0_reads_and_never_loses() -> TestResult {
    let (emulator, v2, v3) = start_v3(State::demo())?;
    let mut system = SystemDisk::default();
    system.disk_type = Some(DiskType::CloudPremium);
    system.disk_size = Some(60);
    let mut disk = DataDisk::default();
    disk.disk_type = Some(DiskType::CloudHssd);
    disk.disk_size = Some(200);
    disk.delete_with_instance = Some(true);
    let mut net = InternetAccessible::default();
    net.internet_charge_type = Some(InternetChargeType::TrafficPostpaidByHour);
    net.internet_max_bandwidth_out = Some(20);
    net.public_ip_assigned = Some(true);
    let mut login = LoginSettings::default();
    login.key_ids = Some(vec!["skey-aaaa0001".into(), "skey-aaaa0002".into()]);
    let mut host = HostNameSettings::default();
    host.host_name = Some("web".into());
    host.host_name_style = Some(NameStyle::Unique);
    let mut metadata = qcloud_as::v3::types::Metadata::default();
    metadata.items = Some(vec![MetadataItem::new("role", "web")]);
    let id = v3
        .create_launch_configuration("rich")
        .image_id("img-8toqc6s3")
        .instance_types(["SA2.LARGE16", "S5.LARGE16"])
        .system_disk(system)
        .data_disks([disk])
        .internet_accessible(net)
        .login_settings(login)
        .security_group_ids(["sg-aaaa0001"])
        .host_name_settings(host)
        .disaster_recover_group_ids(["ps-aaaa0001"])
        .metadata(metadata)
        .user_data("IyEvYmluL3NoCg==")
        .await?
        .launch_configuration_id;

    // API 2.0 shows what its fields can say.
    let old = v2_view(&v2, &id).await?;
    assert_eq!((old.cpu, old.mem), (Some(4), Some(16)));
    assert_eq!(old.root_size, Some(60));
    assert_eq!(
        (old.storage_type, old.storage_size),
        (Some(StorageType::CloudSsd), Some(200))
    );
    assert_eq!(old.bandwidth_type, Some(BandwidthType::PayByTraffic));
    assert_eq!((old.bandwidth, old.wan_ip), (Some(20), Some(OnOff::On)));
    assert_eq!(old.key_id.as_deref(), Some("skey-aaaa0001"));
    assert_eq!(old.sg_set, Some(vec!["sg-aaaa0001".to_owned()]));
    assert_eq!(old.need_monitor_agent, Some(OnOff::On));

    // API 2.0 calls on it (a group that uses it, changed, described) lose nothing.
    let group = v2
        .create_scaling_group(CreateScalingGroupRequired {
            scaling_group_name: "rich-group".into(),
            scaling_configuration_id: id.clone(),
            min_size: 0,
            max_size: 2,
            remove_policy: RemovePolicy::RemoveOldestInstance,
            vpc_id: "0".into(),
        })
        .send()
        .await?
        .scaling_group_id_set
        .pop()
        .ok_or("no group made")?;
    v2.describe_scaling_configuration().send().await?;
    let c = v3_view(&v3, &id).await?;
    assert_eq!(c.instance_types, ["SA2.LARGE16", "S5.LARGE16"]);
    assert_eq!(c.system_disk.disk_type, Some(DiskType::CloudPremium));
    assert_eq!(c.data_disks[0].disk_type, Some(DiskType::CloudHssd));
    assert_eq!(c.data_disks[0].delete_with_instance, Some(true));
    assert_eq!(c.login_settings.key_ids, ["skey-aaaa0001", "skey-aaaa0002"]);
    assert_eq!(
        c.host_name_settings.host_name_style,
        Some(NameStyle::Unique)
    );
    assert_eq!(c.disaster_recover_group_ids, ["ps-aaaa0001"]);
    assert_eq!(c.user_data.as_deref(), Some("IyEvYmluL3NoCg=="));
    assert_eq!(
        c.auto_scaling_group_abstract_set[0].auto_scaling_group_id,
        group
    );
    // The state holds it once, in the domain's words, and loads back the same.
    let json = http_state(&emulator).await?;
    assert!(json.get("scalingConfigurations").is_none(), "{json}");
    let stored = &json["launchConfigurations"][1];
    assert_eq!(stored["systemDisk"]["diskType"], "cloudPremium");
    assert_eq!(stored["metadata"][0]["key"], "role");
    let again = State::from_yaml_str(&json.to_string(), "written.json")?;
    assert_eq!(again, emulator.state());

    // A value of a closed set the documentation does not list is refused, naming the field.
    let mut odd = SystemDisk::default();
    odd.disk_type = Some(DiskType::from_wire("CLOUD_FOO"));
    let refused = v3
        .modify_launch_configuration_attributes(&id)
        .system_disk(odd)
        .await;
    let message = format!("{refused:?}");
    assert_eq!(code(refused), "InvalidParameterValue");
    assert!(message.contains("SystemDisk.DiskType"), "{message}");
    assert_eq!(
        v3_view(&v3, &id).await?.version_number,
        1,
        "nothing changed"
    );
    Ok(())
}

#[tokio::test]
async fn what_api_2_0_made_api_3_0_reads_and_keeps_through_its_changes() -> TestResult {
    let (emulator, v2, v3) = start_v3(State::demo())?;
    let id = v2
        .create_scaling_configuration(CreateScalingConfigurationRequired {
            scaling_configuration_name: "old-style".into(),
            image_id: "img-50mr2ow7".into(),
            cpu: 2,
            mem: 4,
            storage_type: StorageType::LocalSsd,
            storage_size: 100,
            bandwidth_type: BandwidthType::PayByHour,
            bandwidth: 10,
            image_type: ImageType::Private,
        })
        .root_size(40)
        .key_id("skey-bbbb0001")
        .sg_id("sg-bbbb0001")
        .cvm_type(CvmType::HighIo)
        .need_security_agent(OnOff::Off)
        .send()
        .await?
        .scaling_configuration_id_set[0]
        .clone();
    let c = v3_view(&v3, &id).await?;
    assert_eq!(c.instance_type, "S5.MEDIUM4");
    assert_eq!(c.system_disk.disk_size, Some(40));
    assert_eq!(c.data_disks[0].disk_type, Some(DiskType::LocalSsd));
    assert_eq!(c.data_disks[0].disk_size, Some(100));
    assert_eq!(
        c.internet_accessible.internet_charge_type,
        Some(InternetChargeType::BandwidthPostpaidByHour)
    );
    assert_eq!(c.login_settings.key_ids, ["skey-bbbb0001"]);
    let security = c.enhanced_service.security_service.and_then(|s| s.enabled);
    assert_eq!(security, Some(false));
    let created = c.created_time.to_string();

    // API 3.0 changes it; API 2.0's own fields stay.
    v3.modify_launch_configuration_attributes(&id)
        .launch_configuration_name("renamed")
        .user_data("IyEvYmluL3NoCg==")
        .await?;
    let old = v2_view(&v2, &id).await?;
    assert_eq!(old.scaling_configuration_name, "renamed");
    assert_eq!(old.image_type, Some(ImageType::Private));
    assert_eq!(old.cvm_type, Some(CvmType::HighIo));
    assert_eq!(
        (old.cpu, old.mem, old.root_size),
        (Some(2), Some(4), Some(40))
    );
    assert_eq!(
        (old.storage_type, old.storage_size),
        (Some(StorageType::LocalSsd), Some(100))
    );
    assert_eq!(old.need_security_agent, Some(OnOff::Off));
    let c = v3_view(&v3, &id).await?;
    assert_eq!((c.version_number, c.created_time.to_string()), (2, created));
    let stored = emulator.state();
    let stored = stored.launch_configuration(&id).ok_or("not stored")?;
    assert_eq!(stored.cvm_type, Some(d::CvmType::HighIo));
    assert_eq!(stored.user_data.as_deref(), Some("IyEvYmluL3NoCg=="));
    Ok(())
}

/// A format-3 document: an API 2.0 record with API 3.0's additions beside it, and one without.
const FORMAT_3: &str = r#"
version: 3
credentials:
  - {secretId: AKIDEMULATOR, secretKey: emulator-demo-secret-key}
scalingConfigurations:
  - {scalingConfigurationId: asc-0000aaaa, scalingConfigurationName: web-lc, cpu: 2, mem: 4,
     imageId: img-0000aaaa, imageType: 2, storageType: 2, storageSize: 100, rootSize: 50,
     bandwidthType: PayByTraffic, bandwidth: 10, wanIp: 1, keyId: skey-0000aaaa,
     sgSet: [sg-0000aaaa], needMonitorAgent: 1, needSecurityAgent: 0, cvmType: "21",
     createTime: "2026-01-01 08:00:00", projectId: 0}
  - {scalingConfigurationId: asc-0000bbbb, scalingConfigurationName: old-lc, cpu: 1, mem: 1}
v3:
  launchConfigurations:
    - scalingConfigurationId: asc-0000aaaa
      instanceTypes: [S5.MEDIUM4, SA2.MEDIUM4]
      instanceChargeType: SPOTPAID
      instanceMarketOptions: {SpotOptions: {MaxPrice: "1.5"}, MarketType: spot}
      systemDisk: {DiskType: CLOUD_PREMIUM, DiskSize: 50}
      dataDisks: [{DiskType: CLOUD_PREMIUM, DiskSize: 100}]
      internetAccessible: {InternetChargeType: TRAFFIC_POSTPAID_BY_HOUR, InternetMaxBandwidthOut: 10, PublicIpAssigned: true}
      enhancedService: {MonitorService: {Enabled: true}, SecurityService: {Enabled: false}}
      hostNameSettings: {HostName: web, HostNameStyle: UNIQUE}
      versionNumber: 3
      updatedAt: 1767300000
"#;

#[tokio::test]
async fn a_format_3_document_loads_joined_by_id() -> TestResult {
    let state = State::from_yaml_str(FORMAT_3, "format-3.yaml")?;
    assert_eq!(state.version, 4);
    let lc = state
        .launch_configuration("asc-0000aaaa")
        .ok_or("not loaded")?;
    assert_eq!(lc.instance_types, ["S5.MEDIUM4", "SA2.MEDIUM4"]);
    assert_eq!(lc.instance_charge_type, d::InstanceChargeType::Spotpaid);
    assert_eq!(lc.system_disk.disk_type, Some(d::DiskType::CloudPremium));
    assert_eq!((lc.cores, lc.memory_gb), (Some(2), Some(4)));
    assert_eq!(lc.image_type, Some(d::ImageType::Public));
    assert_eq!(lc.cvm_type, Some(d::CvmType::HighIo));
    // Beijing 08:00 is 00:00 UTC.
    assert_eq!(lc.created_at, Some(1_767_225_600));
    assert_eq!((lc.version, lc.updated_at), (3, Some(1_767_300_000)));
    let plain = state
        .launch_configuration("asc-0000bbbb")
        .ok_or("not loaded")?;
    assert_eq!((plain.name.as_str(), plain.cores), ("old-lc", Some(1)));

    let (emulator, v2, v3) = start_v3(state)?;
    let old = v2_view(&v2, "asc-0000aaaa").await?;
    assert_eq!(old.create_time.as_deref(), Some("2026-01-01 08:00:00"));
    assert_eq!(
        (old.storage_type, old.root_size),
        (Some(StorageType::Cloud), Some(50))
    );
    assert_eq!(old.need_security_agent, Some(OnOff::Off));
    let c = v3_view(&v3, "asc-0000aaaa").await?;
    assert_eq!(c.created_time.to_string(), "2026-01-01T00:00:00Z");
    assert_eq!(c.version_number, 3);
    assert_eq!(c.instance_charge_type.as_str(), "SPOTPAID");
    assert_eq!(c.host_name_settings.host_name.as_deref(), Some("web"));
    // Written as format 4, which loads to the same state.
    let json = http_state(&emulator).await?;
    assert_eq!(json["version"], 4);
    assert!(json.get("v3").is_none() && json.get("scalingConfigurations").is_none());
    assert_eq!(
        json["launchConfigurations"][0]["instanceChargeType"],
        "spotpaid"
    );
    let again = State::from_yaml_str(&json.to_string(), "written.json")?;
    assert_eq!(again, emulator.state());
    Ok(())
}

/// The error loading `text` gives, as text.
fn refusal(text: &str) -> String {
    match State::from_yaml_str(text, "state.yaml") {
        Ok(_) => "loaded".to_owned(),
        Err(e) => e.to_string(),
    }
}

#[test]
fn format_3_documents_that_cannot_be_joined_are_refused_naming_the_entry() {
    // Each change of the document, and what the refusal names.
    let cases: [(&str, &str, &[&str]); 8] = [
        // The two records disagree.
        (
            "rootSize: 50",
            "rootSize: 20",
            &["v3.launchConfigurations[0]", "rootSize", "disagree"],
        ),
        (
            "wanIp: 1",
            "wanIp: 0",
            &["v3.launchConfigurations[0]", "wanIp"],
        ),
        // A value the domain does not hold.
        (
            "{DiskType: CLOUD_PREMIUM, DiskSize: 50}",
            "{DiskType: CLOUD_FOO}",
            &["v3.launchConfigurations[0]", "SystemDisk.DiskType"],
        ),
        (
            "2026-01-01 08:00:00",
            "yesterday",
            &["scalingConfigurations[0]", "createTime"],
        ),
        // An id twice, an entry beside nothing.
        (
            "asc-0000bbbb",
            "asc-0000aaaa",
            &["scalingConfigurations[1]", "more than once"],
        ),
        (
            "- scalingConfigurationId: asc-0000aaaa",
            "- scalingConfigurationId: asc-0000cccc",
            &["v3.launchConfigurations[0]", "not in scalingConfigurations"],
        ),
        // Format 4 has none of the old keys.
        (
            "version: 3",
            "version: 4",
            &["scalingConfigurations", "format 4 stores"],
        ),
        (
            "asc-0000bbbb, scalingConfigurationName: old-lc, cpu: 1, mem: 1}",
            "asc-0000bbbb}",
            &["scalingConfigurationName"],
        ),
    ];
    for (from, to, names) in cases {
        let e = refusal(&FORMAT_3.replace(from, to));
        assert!(names.iter().all(|n| e.contains(n)), "{to}: {e}");
    }
    // Nor has format 3 the new one.
    let e = refusal("version: 3\ncredentials: [{secretId: a, secretKey: b}]\nlaunchConfigurations:\n  - {id: asc-0000aaaa, name: lc}\n");
    assert!(e.contains("format 3 has no launchConfigurations"), "{e}");
    // The domain's own entries load in format 4, and deny unknown fields.
    let ok = "version: 4\ncredentials: [{secretId: a, secretKey: b}]\nlaunchConfigurations:\n  - {id: asc-0000aaaa, name: lc, cores: 1, memoryGb: 2, systemDisk: {diskType: cloudSsd}}\n";
    assert_eq!(refusal(ok), "loaded");
    let e = refusal(&ok.replace("cores", "coers"));
    assert!(e.contains("coers"), "{e}");
}

/// A format-4 document whose launch configuration's public network is paid by `charge`.
fn with_charge(charge: &str) -> String {
    format!(
        "version: 4\ncredentials: [{{secretId: a, secretKey: b}}]\nlaunchConfigurations:\n  - \
         {{id: asc-0000aaaa, name: lc, internetAccessible: {{chargeType: {charge}, \
         maxBandwidthOut: 10}}}}\n"
    )
}

/// The charge type of the state's one launch configuration.
fn charge_of(state: &State) -> Option<d::Charge> {
    state
        .launch_configuration("asc-0000aaaa")
        .and_then(|lc| lc.internet_accessible.clone())
        .and_then(|net| net.charge_type)
}

#[tokio::test]
async fn a_format_4_charge_type_is_a_word_or_kept_as_given() -> TestResult {
    // A word the documentations list.
    let state = State::from_yaml_str(&with_charge("trafficPostpaidByHour"), "ok.yaml")?;
    assert_eq!(
        charge_of(&state),
        Some(d::Charge::Known(
            d::InternetChargeType::TrafficPostpaidByHour
        ))
    );
    // A word they do not list (misspelt) is refused, naming the key and the value, not kept.
    let e = refusal(&with_charge("trafficPostPaidByHour"));
    assert!(
        e.contains("launchConfigurations[0].internetAccessible.chargeType"),
        "{e}"
    );
    assert!(e.contains("\"trafficPostPaidByHour\""), "{e}");
    assert!(e.contains("bandwidthPostpaidByHour"), "{e}");
    // Neither a word nor `{other: …}`.
    for bad in ["7", "{other: 1, x: 2}", "[a]"] {
        let e = refusal(&with_charge(bad));
        assert!(e.contains("chargeType"), "{bad}: {e}");
    }

    // A value kept as given is written `{other: …}`: API 2.0's integer 1 of a format-3
    // record is, and it loads back the same, still answered as received.
    let format_3 = FORMAT_3.replace(
        "scalingConfigurationName: old-lc,",
        "scalingConfigurationName: old-lc, bandwidthType: 1,",
    );
    let (emulator, v2, _v3) = start_v3(State::from_yaml_str(&format_3, "format-3.yaml")?)?;
    let json = http_state(&emulator).await?;
    let old = json["launchConfigurations"]
        .as_array()
        .and_then(|all| all.iter().find(|lc| lc["id"] == "asc-0000bbbb"))
        .ok_or("no asc-0000bbbb")?;
    assert_eq!(
        old["internetAccessible"]["chargeType"],
        serde_json::json!({"other": "1"})
    );
    assert_eq!(
        State::from_yaml_str(&json.to_string(), "written.json")?,
        emulator.state()
    );
    let seen = v2_view(&v2, "asc-0000bbbb").await?;
    assert_eq!(
        seen.bandwidth_type.as_ref().map(BandwidthType::as_str),
        Some("1")
    );
    let state = State::from_yaml_str(&with_charge("{other: \"1\"}"), "other.yaml")?;
    assert_eq!(charge_of(&state), Some(d::Charge::Other("1".to_owned())));
    Ok(())
}
