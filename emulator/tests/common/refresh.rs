//! Helpers for the instance refresh tests: an account whose members record their launch
//! configuration, refresh settings, and the state seen through the Describe actions.

use qcloud_as::v3::types::{Filter, RefreshActivity, RefreshSettings, RollingUpdateSettings};
use qcloud_as_emulator::{Emulator, State};
use std::time::Duration;

pub const WEB: &str = "asg-demo0001";
pub const OLD_LC: &str = "asc-demo0001";

/// The demo account, its members recorded as launched from `asc-demo0001`.
pub fn account() -> State {
    let mut state = State::demo();
    for g in &mut state.scaling_groups {
        for m in &mut g.instances {
            m.scaling_configuration_id = Some(OLD_LC.to_owned());
        }
    }
    state
}

pub fn settings(batches: i64) -> RefreshSettings {
    RefreshSettings::new().rolling_update_settings(RollingUpdateSettings::new(batches))
}

pub fn rolling(rolling: RollingUpdateSettings) -> RefreshSettings {
    RefreshSettings::new().rolling_update_settings(rolling)
}

/// A second launch configuration, made the group's.
pub async fn new_configuration(
    client: &qcloud_as::v3::Client,
) -> Result<String, Box<dyn std::error::Error>> {
    let lc = client
        .create_launch_configuration("web-v2")
        .image_id("img-8toqc6s3")
        .instance_type("S5.SMALL2")
        .await?
        .launch_configuration_id;
    client
        .modify_auto_scaling_group(WEB)
        .launch_configuration_id(&lc)
        .await?;
    Ok(lc)
}

pub async fn refresh(
    client: &qcloud_as::v3::Client,
    id: &str,
) -> Result<RefreshActivity, Box<dyn std::error::Error>> {
    let mut out = client
        .describe_refresh_activities()
        .refresh_activity_ids([id])
        .await?;
    assert_eq!(out.total_count, 1);
    Ok(out.refresh_activity_set.remove(0))
}

/// Each member of the group and the launch configuration it runs, as
/// DescribeAutoScalingInstances shows them.
pub async fn members(
    client: &qcloud_as::v3::Client,
    group: &str,
) -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let out = client
        .describe_auto_scaling_instances()
        .filters([Filter::new("auto-scaling-group-id", [group])])
        .limit(100)
        .await?;
    Ok(out
        .auto_scaling_instance_set
        .into_iter()
        .map(|i| (i.instance_id, i.launch_configuration_id))
        .collect())
}

pub async fn enabled(
    client: &qcloud_as::v3::Client,
    group: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    let out = client
        .describe_auto_scaling_groups()
        .auto_scaling_group_ids([group])
        .await?;
    Ok(out.auto_scaling_group_set[0]
        .enabled_status
        .as_str()
        .to_owned())
}

pub fn tick(emulator: &Emulator, seconds: u64) {
    emulator.advance(Duration::from_secs(seconds));
}
