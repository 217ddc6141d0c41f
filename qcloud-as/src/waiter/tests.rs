//! The waiter runtime's decisions and delays, and generated conditions of both versions.

use super::*;

fn is_two(v: &i64) -> bool {
    *v == 2
}

fn is_four(v: &i64) -> bool {
    *v == 4
}

#[test]
fn all_needs_values_and_any_needs_one() {
    let all = Acceptor {
        matching: Match::All,
        test: is_two,
    };
    let any = Acceptor {
        matching: Match::Any,
        test: is_four,
    };
    assert_eq!(decide(&[2, 2], all, Some(any)), Verdict::Success);
    assert_eq!(decide(&[2, 1], all, Some(any)), Verdict::Pending);
    assert_eq!(decide(&[2, 4], all, Some(any)), Verdict::Failure);
    assert_eq!(decide(&[], all, Some(any)), Verdict::Pending);
    assert_eq!(decide(&[2], all, None), Verdict::Success);
}

#[test]
#[cfg(qcloud_as_golden)]
fn generated_conditions_decide_on_their_path() {
    use crate::golden_fixture::operation::get_thing::{GetThingOutput, TagsSet, ThingIsBlue};
    use crate::golden_fixture::types::{Color, Tag};

    let answer = |color: Color| GetThingOutput::new("thing", color);
    assert_eq!(ThingIsBlue::check(&answer(Color::Blue)), Verdict::Success);
    assert_eq!(ThingIsBlue::check(&answer(Color::Red)), Verdict::Failure);
    assert_eq!(
        ThingIsBlue::check(&answer(Color::from_wire("green"))),
        Verdict::Pending
    );

    // An optional list of optional values: absent ones give no value; `all` needs one.
    let tags = |values: &[Option<&str>]| {
        answer(Color::Red).tags(values.iter().map(|v| match v {
            Some(v) => Tag::new("k").value(*v),
            None => Tag::new("k"),
        }))
    };
    assert_eq!(TagsSet::check(&answer(Color::Red)), Verdict::Pending);
    assert_eq!(TagsSet::check(&tags(&[None])), Verdict::Pending);
    assert_eq!(TagsSet::check(&tags(&[Some("ok"), None])), Verdict::Success);
    assert_eq!(
        TagsSet::check(&tags(&[Some("ok"), Some("wip")])),
        Verdict::Pending
    );
    assert_eq!(
        TagsSet::check(&tags(&[Some("ok"), Some("lost")])),
        Verdict::Failure
    );
    assert_eq!(TagsSet::NAME, "TagsSet");
    assert_eq!(TagsSet::DEFAULT_CONFIG.max_wait(), Duration::from_secs(60));
}

/// An API 3.0 answer of DescribeAutoScalingActivities listing one activity per status.
#[cfg(feature = "v3")]
fn activities(
    codes: &[&str],
) -> crate::v3::operation::describe_auto_scaling_activities::DescribeAutoScalingActivitiesOutput {
    let set: Vec<serde_json::Value> = codes
        .iter()
        .enumerate()
        .map(|(i, code)| {
            serde_json::json!({
                "AutoScalingGroupId": "asg-test0001", "ActivityId": format!("asa-test000{i}"),
                "ActivityType": "SCALE_OUT", "StatusCode": code, "StatusMessage": "",
                "Cause": "", "Description": "", "StartTime": "2026-01-01T00:00:00Z",
                "EndTime": "2026-01-01T00:00:35Z", "CreatedTime": "2026-01-01T00:00:00Z",
                "StatusMessageSimplified": "", "LifecycleActionResultSet": [],
                "DetailedStatusMessageSet": [], "InvocationResultSet": [],
                "RelatedInstanceSet": []
            })
        })
        .collect();
    let answer = serde_json::json!({
        "TotalCount": codes.len(), "ActivitySet": set, "RequestId": "req-test"
    });
    match serde_json::from_value(answer) {
        Ok(output) => output,
        Err(e) => panic!("{e}"),
    }
}

#[test]
#[cfg(feature = "v3")]
fn the_api_3_activity_waiter_decides_on_typed_statuses() {
    use crate::v3::operation::describe_auto_scaling_activities::ActivityDone;
    for (codes, verdict) in [
        (&["SUCCESSFUL"][..], Verdict::Success),
        (&["SUCCESSFUL", "SUCCESSFUL"], Verdict::Success),
        (&["SUCCESSFUL", "RUNNING"], Verdict::Pending),
        (&["INIT"], Verdict::Pending),
        // Nothing listed yet, and a status the spec does not list: not decided.
        (&[], Verdict::Pending),
        (&["SUCCESSFUL", "ROLLING_BACK"], Verdict::Pending),
        // Any final status but SUCCESSFUL fails the wait, whatever the others.
        (&["SUCCESSFUL", "PARTIALLY_SUCCESSFUL"], Verdict::Failure),
        (&["RUNNING", "FAILED"], Verdict::Failure),
        (&["CANCELLED"], Verdict::Failure),
    ] {
        assert_eq!(
            ActivityDone::check(&activities(codes)),
            verdict,
            "{codes:?}"
        );
    }
    assert_eq!(ActivityDone::NAME, "ActivityDone");
    assert_eq!(
        ActivityDone::DEFAULT_CONFIG,
        WaiterConfig::new(
            Duration::from_secs(5),
            Duration::from_secs(30),
            Duration::from_secs(1800)
        )
    );
}

#[test]
fn delays_grow_from_the_minimum_to_the_maximum() {
    let config = WaiterConfig::new(
        Duration::from_secs(2),
        Duration::from_secs(30),
        Duration::from_secs(600),
    );
    assert_eq!(config.delay(1, 0.99), Duration::from_secs(2));
    assert_eq!(config.delay(2, 0.0), Duration::from_secs(2));
    assert_eq!(config.delay(2, 0.5), Duration::from_secs(3));
    assert_eq!(config.delay(3, 0.5), Duration::from_secs(5));
    assert_eq!(config.delay(10, 0.5), Duration::from_secs(16));
    assert_eq!(config.delay(u32::MAX, 1.0), Duration::from_secs(30));
    assert_eq!(config.delay(3, f64::NAN), Duration::from_secs(2));
    // A maximum below the minimum counts as the minimum.
    let odd = WaiterConfig::new(
        Duration::from_secs(5),
        Duration::from_secs(1),
        Duration::ZERO,
    );
    assert_eq!(odd.delay(4, 0.7), Duration::from_secs(5));
}
