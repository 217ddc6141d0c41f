#!/usr/bin/env python3
"""Standby, start/stop, scaling by a count, and scaling policies, with the official SDK.

It builds a group of three attached instances, puts one on standby and back, stops and starts
one (each running on the emulator's clock: entering standby, stopping, … until its activity
ends), scales out and in by a count (moving the emulator's clock until each activity ends),
creates a simple and a target-tracking policy, lists them with filters and paging, modifies,
executes and deletes the simple one, and lets a reported CPU value drive the target-tracking
one on the virtual clock. Every answer and the state seen through the Describe actions are
checked, and the errors the documentation gives for each refusal.
"""

import json
import time
import urllib.request

from sdk import (
    advance,
    arguments,
    check,
    client,
    expect_error,
    models,
    request,
    wait_for_activity,
)


def post(url, path, fields, method="POST"):
    req = urllib.request.Request(
        url + path,
        data=json.dumps(fields).encode(),
        method=method,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=10) as answer:
        check(answer.status == 200, f"{method} {path}")


def rewind(url):
    """Sets the emulator's clock back to the real time, so the SDK's signatures (made with the
    real time) stay inside the 5-minute window however far the clock was moved."""
    post(url, "/_emulator/clock", {"unix": int(time.time())}, method="PUT")


def members(cli, group_id):
    resp = cli.DescribeAutoScalingInstances(
        request(
            models.DescribeAutoScalingInstancesRequest,
            {"Filters": [{"Name": "auto-scaling-group-id", "Values": [group_id]}]},
        )
    )
    return {i.InstanceId: i.LifeCycleState for i in resp.AutoScalingInstanceSet}


def desired(cli, group_id):
    resp = cli.DescribeAutoScalingGroups(
        request(models.DescribeAutoScalingGroupsRequest, {"AutoScalingGroupIds": [group_id]})
    )
    return resp.AutoScalingGroupSet[0].DesiredCapacity


def activity(cli, activity_id):
    resp = cli.DescribeAutoScalingActivities(
        request(models.DescribeAutoScalingActivitiesRequest, {"ActivityIds": [activity_id]})
    )
    check(resp.TotalCount == 1, f"activity {activity_id}: {resp.to_json_string()}")
    return resp.ActivitySet[0]


def build_group(url, cli, instances):
    lc = cli.CreateLaunchConfiguration(
        request(
            models.CreateLaunchConfigurationRequest,
            {"LaunchConfigurationName": "py-ip-lc", "ImageId": "img-8toqc6s3", "InstanceType": "S5.MEDIUM2"},
        )
    )
    group = cli.CreateAutoScalingGroup(
        request(
            models.CreateAutoScalingGroupRequest,
            {
                "AutoScalingGroupName": "py-ip-group",
                "LaunchConfigurationId": lc.LaunchConfigurationId,
                "MaxSize": 6,
                "MinSize": 0,
                "DesiredCapacity": 0,
                "VpcId": "vpc-py000001",
                "SubnetIds": ["subnet-py000001"],
            },
        )
    )
    group_id = group.AutoScalingGroupId
    attach = cli.AttachInstances(
        request(models.AttachInstancesRequest, {"AutoScalingGroupId": group_id, "InstanceIds": instances})
    )
    check(wait_for_activity(url, cli, attach.ActivityId) == "SUCCESSFUL", "three attached")
    return group_id


def in_activity(cli, group_id):
    resp = cli.DescribeAutoScalingGroups(
        request(models.DescribeAutoScalingGroupsRequest, {"AutoScalingGroupIds": [group_id]})
    )
    return resp.AutoScalingGroupSet[0].InActivityStatus == "IN_ACTIVITY"


def standby(url, cli, group_id, ins1, ins2):
    ids = {"AutoScalingGroupId": group_id, "InstanceIds": [ins1]}
    enter = cli.EnterStandby(request(models.EnterStandbyRequest, ids))
    check(enter.ActivityId.startswith("asa-"), f"an activity: {enter.to_json_string()}")
    # Entering standby takes time on the emulator's clock (standbySeconds, 10 by default).
    check(activity(cli, enter.ActivityId).StatusCode == "RUNNING", "standby under way")
    check(members(cli, group_id)[ins1] == "ENTERING_STANDBY", "entering standby")
    check(in_activity(cli, group_id), "the group is in an activity meanwhile")
    expect_error(
        "ResourceUnavailable.AutoScalingGroupInActivity",
        cli.EnterStandby,
        request(models.EnterStandbyRequest, {"AutoScalingGroupId": group_id, "InstanceIds": [ins2]}),
    )
    check(wait_for_activity(url, cli, enter.ActivityId) == "SUCCESSFUL", "standby done")
    check(activity(cli, enter.ActivityId).ActivityType == "DETACH_INSTANCES", "shown as a detach")
    check(members(cli, group_id)[ins1] == "IN_STANDBY", "on standby")
    check(not in_activity(cli, group_id), "the group is idle again")
    check(desired(cli, group_id) == 2, "the desired capacity went down")
    expect_error(
        "ResourceUnavailable.InstanceInOperation",
        cli.ExitStandby,
        request(models.ExitStandbyRequest, {"AutoScalingGroupId": group_id, "InstanceIds": [ins2]}),
    )
    exit_ = cli.ExitStandby(request(models.ExitStandbyRequest, ids))
    check(activity(cli, exit_.ActivityId).ActivityType == "ATTACH_INSTANCES", "back in service")
    check(members(cli, group_id)[ins1] == "EXITING_STANDBY", "leaving standby")
    check(wait_for_activity(url, cli, exit_.ActivityId) == "SUCCESSFUL", "back in service")
    check(members(cli, group_id)[ins1] == "IN_SERVICE", "serving again")
    check(desired(cli, group_id) == 3, "the desired capacity went up")


def stop_start(url, cli, group_id, ins2, ins3):
    ids = {"AutoScalingGroupId": group_id, "InstanceIds": [ins2]}
    stop = cli.StopAutoScalingInstances(
        request(models.StopAutoScalingInstancesRequest, dict(ids, StoppedMode="STOP_CHARGING"))
    )
    check(activity(cli, stop.ActivityId).ActivityType == "STOP_INSTANCES", "a stop activity")
    check(members(cli, group_id)[ins2] == "STOPPING", "stopping")
    check(wait_for_activity(url, cli, stop.ActivityId) == "SUCCESSFUL", "stopped in time")
    check(members(cli, group_id)[ins2] == "STOPPED", "stopped")
    check(desired(cli, group_id) == 2, "the desired capacity followed")
    expect_error(
        "ResourceUnavailable.InstanceInOperation",
        cli.StartAutoScalingInstances,
        request(models.StartAutoScalingInstancesRequest, {"AutoScalingGroupId": group_id, "InstanceIds": [ins3]}),
    )
    start = cli.StartAutoScalingInstances(request(models.StartAutoScalingInstancesRequest, ids))
    check(activity(cli, start.ActivityId).ActivityType == "START_INSTANCES", "a start activity")
    check(members(cli, group_id)[ins2] == "STARTING", "starting")
    check(wait_for_activity(url, cli, start.ActivityId) == "SUCCESSFUL", "started in time")
    related = activity(cli, start.ActivityId).RelatedInstanceSet
    check([(r.InstanceId, r.InstanceStatus) for r in related] == [(ins2, "SUCCESSFUL")], "its instance")
    check(members(cli, group_id)[ins2] == "IN_SERVICE", "running again")
    check(desired(cli, group_id) == 3, "the desired capacity is back")


def scale(url, cli, group_id):
    out = cli.ScaleOutInstances(
        request(models.ScaleOutInstancesRequest, {"AutoScalingGroupId": group_id, "ScaleOutNumber": 2})
    )
    check(activity(cli, out.ActivityId).ActivityType == "SCALE_OUT", "a scale-out")
    check(wait_for_activity(url, cli, out.ActivityId) == "SUCCESSFUL", "scaled out")
    check(len(members(cli, group_id)) == 5 and desired(cli, group_id) == 5, "five members")
    expect_error(
        "ResourceInsufficient.AutoScalingGroupAboveMaxSize",
        cli.ScaleOutInstances,
        request(models.ScaleOutInstancesRequest, {"AutoScalingGroupId": group_id, "ScaleOutNumber": 2}),
    )
    expect_error(
        "ResourceInsufficient.AutoScalingGroupBelowMinSize",
        cli.ScaleInInstances,
        request(models.ScaleInInstancesRequest, {"AutoScalingGroupId": group_id, "ScaleInNumber": 6}),
    )
    inward = cli.ScaleInInstances(
        request(models.ScaleInInstancesRequest, {"AutoScalingGroupId": group_id, "ScaleInNumber": 1})
    )
    check(wait_for_activity(url, cli, inward.ActivityId) == "SUCCESSFUL", "scaled in")
    check(len(members(cli, group_id)) == 4 and desired(cli, group_id) == 4, "four members")


def policies(url, cli, group_id):
    alarm = {"ComparisonOperator": "GREATER_THAN", "MetricName": "CPU_UTILIZATION", "Threshold": 80, "Period": 300, "ContinuousTime": 2}
    simple = cli.CreateScalingPolicy(
        request(
            models.CreateScalingPolicyRequest,
            {
                "AutoScalingGroupId": group_id,
                "ScalingPolicyName": "py-cpu-high",
                "AdjustmentType": "CHANGE_IN_CAPACITY",
                "AdjustmentValue": 1,
                "Cooldown": 60,
                "MetricAlarm": alarm,
            },
        )
    ).AutoScalingPolicyId
    tracking = cli.CreateScalingPolicy(
        request(
            models.CreateScalingPolicyRequest,
            {
                "AutoScalingGroupId": group_id,
                "ScalingPolicyName": "py-cpu-50",
                "ScalingPolicyType": "TARGET_TRACKING",
                "PredefinedMetricType": "ASG_AVG_CPU_UTILIZATION",
                "TargetValue": 50,
                "EstimatedInstanceWarmup": 60,
            },
        )
    ).AutoScalingPolicyId
    check(simple.startswith("asp-") and tracking.startswith("asp-"), "two policy ids")
    expect_error(
        "InvalidParameterValue.ScalingPolicyNameDuplicate",
        cli.CreateScalingPolicy,
        request(
            models.CreateScalingPolicyRequest,
            {"AutoScalingGroupId": group_id, "ScalingPolicyName": "py-cpu-high", "AdjustmentType": "EXACT_CAPACITY", "AdjustmentValue": 1, "MetricAlarm": alarm},
        ),
    )
    in_group = [{"Name": "auto-scaling-group-id", "Values": [group_id]}]
    page = cli.DescribeScalingPolicies(
        request(models.DescribeScalingPoliciesRequest, {"Filters": in_group, "Limit": 1, "Offset": 1})
    )
    check(page.TotalCount == 2 and len(page.ScalingPolicySet) == 1, f"paged: {page.to_json_string()}")
    typed = cli.DescribeScalingPolicies(
        request(
            models.DescribeScalingPoliciesRequest,
            {"Filters": in_group + [{"Name": "scaling-policy-type", "Values": ["TARGET_TRACKING"]}]},
        )
    )
    check(typed.TotalCount == 1, f"one target-tracking policy: {typed.to_json_string()}")
    t = typed.ScalingPolicySet[0]
    check(t.AutoScalingPolicyId == tracking and t.TargetValue == 50 and t.EstimatedInstanceWarmup == 60, "its values")

    cli.ModifyScalingPolicy(
        request(models.ModifyScalingPolicyRequest, {"AutoScalingPolicyId": simple, "AdjustmentValue": -1, "Cooldown": 30})
    )
    got = cli.DescribeScalingPolicies(
        request(models.DescribeScalingPoliciesRequest, {"AutoScalingPolicyIds": [simple]})
    ).ScalingPolicySet[0]
    check(got.AdjustmentValue == -1 and got.Cooldown == 30, f"modified: {got.to_json_string()}")
    check(got.MetricAlarm.Threshold == 80 and got.MetricAlarm.ContinuousTime == 2, "the alarm kept")

    run = cli.ExecuteScalingPolicy(request(models.ExecuteScalingPolicyRequest, {"AutoScalingPolicyId": simple}))
    check(activity(cli, run.ActivityId).ActivityType == "SCALE_IN", "the policy scales in")
    check(desired(cli, group_id) == 3, "by one")
    check(wait_for_activity(url, cli, run.ActivityId) == "SUCCESSFUL", "executed")
    expect_error(
        "InvalidParameterValue.TargetTrackingScalingPolicy",
        cli.ExecuteScalingPolicy,
        request(models.ExecuteScalingPolicyRequest, {"AutoScalingPolicyId": tracking}),
    )
    expect_error(
        "FailedOperation.NoActivityToGenerate",
        cli.ExecuteScalingPolicy,
        request(models.ExecuteScalingPolicyRequest, {"AutoScalingPolicyId": simple, "HonorCooldown": True}),
    )

    cli.DeleteScalingPolicy(request(models.DeleteScalingPolicyRequest, {"AutoScalingPolicyId": simple}))
    gone = cli.DescribeScalingPolicies(
        request(models.DescribeScalingPoliciesRequest, {"AutoScalingPolicyIds": [simple]})
    )
    check(gone.TotalCount == 0, "deleted")
    expect_error(
        "ResourceNotFound.ScalingPolicyNotFound",
        cli.DeleteScalingPolicy,
        request(models.DeleteScalingPolicyRequest, {"AutoScalingPolicyId": simple}),
    )

    # The target-tracking policy on the virtual clock: 3 members at 90 % CPU against a target
    # of 50 make ceil(3 × 90 / 50) = 6 after three minutes.
    rewind(url)
    post(url, "/_emulator/metrics", {"scalingGroupId": group_id, "dimensionName": "cpu_usage", "value": 90})
    for _ in range(3):
        advance(url, 60)
    check(desired(cli, group_id) == 6, f"tracked out: {desired(cli, group_id)}")
    acts = cli.DescribeAutoScalingActivities(
        request(models.DescribeAutoScalingActivitiesRequest, {"Filters": in_group, "Limit": 1})
    )
    check("Target-tracking policy py-cpu-50" in acts.ActivitySet[0].Cause, f"its cause: {acts.ActivitySet[0].Cause}")


def main():
    url, secret_id, secret_key, instances = arguments()
    ins1, ins2, ins3 = instances[0], instances[1], instances[2]
    cli = client(url, secret_id, secret_key)
    group_id = build_group(url, cli, [ins1, ins2, ins3])
    rewind(url)
    standby(url, cli, group_id, ins1, ins2)
    rewind(url)
    stop_start(url, cli, group_id, ins2, ins3)
    rewind(url)
    scale(url, cli, group_id)
    rewind(url)
    policies(url, cli, group_id)
    print("all checks passed")


if __name__ == "__main__":
    main()
