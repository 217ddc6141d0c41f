//! DescribeScalingGroup, DescribeScalingInstance and CreateScalingGroup.

mod common;

use common::*;
use qcloud_as::operation::create_scaling_group::{
    CreateScalingGroupError, CreateScalingGroupRequired,
};
use qcloud_as::operation::describe_scaling_instance::DescribeScalingInstanceError;
use qcloud_as::types::{CreationType, HealthStatus, LifeCycleState, RemovePolicy};
use qcloud_as::{CommonError, Error};

fn ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|i| id(i).to_owned()).collect()
}

#[tokio::test]
async fn describe_scaling_group_filters_and_pages() -> TestResult {
    let (_emulator, client) = demo()?;
    let all = client.describe_scaling_group().send().await?;
    assert_eq!(all.total_count, 2);
    let web = &all.scaling_group_set[0];
    assert_eq!(web.scaling_group_id, "asg-demo0001");
    assert_eq!(web.scaling_configuration_name.as_deref(), Some("web-lc"));
    assert_eq!((web.min_size, web.max_size, web.instance_num), (1, 5, 4));
    assert_eq!(web.remove_policy, RemovePolicy::RemoveOldestInstance);
    assert_eq!(web.create_time, "2026-01-01 00:00:00");

    let by_name = client
        .describe_scaling_group()
        .scaling_group_name("batch")
        .send()
        .await?;
    assert_eq!(
        ids(&by_name.scaling_group_set, |g| &g.scaling_group_id),
        ["asg-demo0002"]
    );
    let by_ids = client
        .describe_scaling_group()
        .scaling_group_ids(["asg-demo0002", "asg-nosuch00"])
        .send()
        .await?;
    assert_eq!(by_ids.total_count, 1);
    let by_config = client
        .describe_scaling_group()
        .scaling_configuration_id("asc-demo0001")
        .send()
        .await?;
    assert_eq!(by_config.total_count, 2);
    let none = client
        .describe_scaling_group()
        .scaling_configuration_id("asc-other")
        .send()
        .await?;
    assert_eq!(none.total_count, 0);
    assert!(none.scaling_group_set.is_empty());
    assert_eq!(
        client
            .describe_scaling_group()
            .vpc_id("0")
            .send()
            .await?
            .total_count,
        2
    );
    assert_eq!(
        client
            .describe_scaling_group()
            .vpc_id("vpc-x")
            .send()
            .await?
            .total_count,
        0
    );
    assert_eq!(
        client
            .describe_scaling_group()
            .project_id("0")
            .send()
            .await?
            .total_count,
        2
    );
    assert_eq!(
        client
            .describe_scaling_group()
            .project_id("7")
            .send()
            .await?
            .total_count,
        0
    );

    let page = client
        .describe_scaling_group()
        .offset(1)
        .limit(1)
        .send()
        .await?;
    assert_eq!(page.total_count, 2, "totalCount counts all matches");
    assert_eq!(
        ids(&page.scaling_group_set, |g| &g.scaling_group_id),
        ["asg-demo0002"]
    );
    let empty = client.describe_scaling_group().offset(5).send().await?;
    assert_eq!((empty.total_count, empty.scaling_group_set.len()), (2, 0));
    let zero = client.describe_scaling_group().limit(0).send().await?;
    assert!(zero.scaling_group_set.is_empty());
    Ok(())
}

#[tokio::test]
async fn describe_scaling_group_default_limit_is_20() -> TestResult {
    let (_emulator, client) = demo()?;
    for n in 0..18 {
        client
            .create_scaling_group(CreateScalingGroupRequired {
                scaling_configuration_id: "asc-demo0001".into(),
                scaling_group_name: format!("g{n}"),
                min_size: 0,
                max_size: 3,
                remove_policy: RemovePolicy::RemoveOldestInstance,
                vpc_id: "0".into(),
            })
            .send()
            .await?;
    }
    client
        .create_scaling_group(CreateScalingGroupRequired {
            scaling_configuration_id: "asc-demo0001".into(),
            scaling_group_name: "other-project".into(),
            min_size: 0,
            max_size: 3,
            remove_policy: RemovePolicy::RemoveOldestInstance,
            vpc_id: "0".into(),
        })
        .project_id(5)
        .send()
        .await?;
    let first = client.describe_scaling_group().send().await?;
    assert_eq!(first.total_count, 21);
    assert_eq!(first.scaling_group_set.len(), 20);
    Ok(())
}

#[tokio::test]
async fn describe_scaling_instance_filters_and_pages() -> TestResult {
    let (_emulator, client) = demo()?;
    let all = client
        .describe_scaling_instance("asg-demo0001")
        .send()
        .await?;
    assert_eq!(all.total_count, 4);
    let first = &all.scaling_instances_set[0];
    assert_eq!(first.instance_id, "ins-demo0001");
    assert_eq!(first.creation_type, CreationType::Auto);
    assert_eq!(first.health_status, HealthStatus::Healthy);
    assert_eq!(first.life_cycle_state, LifeCycleState::InService);
    assert_eq!(first.add_time, "2026-01-01 00:00:00");

    let manual = client
        .describe_scaling_instance("asg-demo0001")
        .creation_type(CreationType::Manual)
        .send()
        .await?;
    assert_eq!(
        ids(&manual.scaling_instances_set, |i| &i.instance_id),
        ["ins-demo0004"]
    );
    let auto = client
        .describe_scaling_instance("asg-demo0001")
        .creation_type(CreationType::Auto)
        .send()
        .await?;
    assert_eq!(auto.total_count, 3);
    let unhealthy = client
        .describe_scaling_instance("asg-demo0001")
        .health_status(HealthStatus::UnHealthy)
        .send()
        .await?;
    assert_eq!(unhealthy.total_count, 0);
    let by_id = client
        .describe_scaling_instance("asg-demo0001")
        .instance_ids(["ins-demo0003", "ins-demo0005"])
        .send()
        .await?;
    assert_eq!(
        ids(&by_id.scaling_instances_set, |i| &i.instance_id),
        ["ins-demo0003"]
    );
    let page = client
        .describe_scaling_instance("asg-demo0001")
        .offset(1)
        .limit(2)
        .send()
        .await?;
    assert_eq!(page.total_count, 4);
    assert_eq!(
        ids(&page.scaling_instances_set, |i| &i.instance_id),
        ["ins-demo0002", "ins-demo0003"]
    );
    Ok(())
}

#[tokio::test]
async fn describe_scaling_instance_of_unknown_group() -> TestResult {
    let (_emulator, client) = demo()?;
    match client
        .describe_scaling_instance("asg-nosuch00")
        .send()
        .await
    {
        Err(Error::Service(DescribeScalingInstanceError::Common(
            CommonError::InvalidParameter(e),
        ))) => {
            assert_eq!(e.code(), 4000);
            assert_eq!(e.code_desc(), "InvalidParameter");
            assert!(
                e.message()
                    .starts_with("(4000)scalingGroupId: scaling group asg-nosuch00 does not exist"),
                "{e}"
            );
        }
        other => panic!("unexpected: {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn create_scaling_group_succeeds() -> TestResult {
    let (emulator, client) = demo()?;
    let out = client
        .create_scaling_group(CreateScalingGroupRequired {
            scaling_configuration_id: "asc-demo0001".into(),
            scaling_group_name: "api".into(),
            min_size: 2,
            max_size: 6,
            remove_policy: RemovePolicy::RemoveNewestInstance,
            vpc_id: "0".into(),
        })
        .zone_ids(["100001"])
        .send()
        .await?;
    assert_eq!(out.scaling_group_id_set.len(), 1);
    let id = &out.scaling_group_id_set[0];
    assert!(id.starts_with("asg-") && id.len() == 12, "{id}");
    assert!(id[4..]
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));

    let state = emulator.state();
    let group = state.group(id).ok_or("group not in state")?;
    assert_eq!((group.min_size, group.max_size), (2, 6));
    assert!(group.instances.is_empty());

    let listed = client
        .describe_scaling_group()
        .scaling_group_ids([id.as_str()])
        .send()
        .await?;
    let g = &listed.scaling_group_set[0];
    assert_eq!(g.scaling_group_name, "api");
    assert_eq!(g.remove_policy, RemovePolicy::RemoveNewestInstance);
    assert_eq!(g.instance_num, 0);
    assert_eq!(g.zone_id_set.as_ref().map(|z| z[0].zone_id), Some(100001));
    assert_eq!(g.create_time.len(), 19);
    let json = http_state(&emulator).await?;
    assert_eq!(json["scalingGroups"][2]["scalingGroupId"], id.as_str());
    Ok(())
}

#[tokio::test]
async fn create_scaling_group_errors() -> TestResult {
    let (emulator, client) = demo()?;
    let create = |config: &str, name: &str, min: i64, max: i64| {
        client.create_scaling_group(CreateScalingGroupRequired {
            scaling_configuration_id: config.into(),
            scaling_group_name: name.into(),
            min_size: min,
            max_size: max,
            remove_policy: RemovePolicy::RemoveOldestInstance,
            vpc_id: "0".into(),
        })
    };
    match create("asc-demo0001", "x", 3, 2).send().await {
        Err(Error::Service(CreateScalingGroupError::ConflictMaxsizeLessMinsize(e))) => {
            assert_eq!(e.code(), 4000)
        }
        other => panic!("unexpected: {other:?}"),
    }
    match create("asc-nosuch00", "x", 0, 2).send().await {
        Err(Error::Service(CreateScalingGroupError::Common(CommonError::InvalidParameter(e)))) => {
            assert_eq!(e.code(), 4000);
            assert_eq!(e.code_desc(), "InvalidParameter");
            assert!(
                e.message().starts_with(
                    "(4000)scalingConfigurationId: launch configuration asc-nosuch00 does not exist"
                ),
                "{e}"
            );
        }
        other => panic!("unexpected: {other:?}"),
    }
    match create("asc-demo0001", "web", 0, 2).send().await {
        Err(Error::Service(CreateScalingGroupError::NameDuplicateScalingGroup(e))) => {
            assert_eq!(e.code(), 4000)
        }
        other => panic!("unexpected: {other:?}"),
    }
    assert_eq!(emulator.state().scaling_groups.len(), 2, "nothing created");
    for n in 0..18 {
        create("asc-demo0001", &format!("fill-{n}"), 0, 2)
            .send()
            .await?;
    }
    match create("asc-demo0001", "one-too-many", 0, 2).send().await {
        Err(Error::Service(CreateScalingGroupError::QuotaExceededScalingGroup(e))) => {
            assert_eq!(e.code(), 5100)
        }
        other => panic!("unexpected: {other:?}"),
    }
    // The quota is per project.
    create("asc-demo0001", "elsewhere", 0, 2)
        .project_id(3)
        .send()
        .await?;
    assert_eq!(emulator.state().scaling_groups.len(), 21);
    Ok(())
}
