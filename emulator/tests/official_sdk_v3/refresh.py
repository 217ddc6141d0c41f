#!/usr/bin/env python3
"""Instance refresh with the official SDK: StartInstanceRefresh, DescribeRefreshActivities,
StopInstanceRefresh, ResumeInstanceRefresh, CancelInstanceRefresh and RollbackInstanceRefresh.

It makes a group of four attached instances, points it at a second launch configuration, and
refreshes it batch by batch while moving the emulator's clock: a stop and a resume before the
first batch, the pause after the first batch, a rollback of the paused refresh (the instances'
launch configurations go back), a refresh that succeeds, and one cancelled between batches;
with the refusals for each status, the group disabled while a refresh runs, and the Describe
filters and paging. On the way it also drives actions a refresh meets: DescribeLaunchConfigurations,
SetInstancesProtection (a protected instance is still refreshed), RemoveInstances (an instance
removed during a refresh is NOT_FOUND), DisableAutoScalingGroup and ModifyDesiredCapacity (a
disabled group, or one in a scaling activity, takes no refresh) and DeleteLaunchConfiguration.
"""

from sdk import advance, arguments, check, client, expect_error, models, request, wait_for_activity

CONFLICT = "ResourceUnavailable.RefreshActivityStatusConflictWithOperation"


def main():
    url, secret_id, secret_key, instances = arguments()
    members = instances[:4]
    cli = client(url, secret_id, secret_key)

    def launch_configuration(name):
        lc = cli.CreateLaunchConfiguration(
            request(
                models.CreateLaunchConfigurationRequest,
                {
                    "LaunchConfigurationName": name,
                    "ImageId": "img-8toqc6s3",
                    "InstanceType": "S5.MEDIUM2",
                },
            )
        )
        return lc.LaunchConfigurationId

    lc1 = launch_configuration("refresh-lc-1")
    group_id = cli.CreateAutoScalingGroup(
        request(
            models.CreateAutoScalingGroupRequest,
            {
                "AutoScalingGroupName": "refresh-group",
                "LaunchConfigurationId": lc1,
                "MaxSize": 6,
                "MinSize": 0,
                "DesiredCapacity": 0,
                "VpcId": "vpc-py000001",
                "SubnetIds": ["subnet-py000001"],
            },
        )
    ).AutoScalingGroupId
    attach = cli.AttachInstances(
        request(models.AttachInstancesRequest, {"AutoScalingGroupId": group_id, "InstanceIds": members})
    )
    check(wait_for_activity(url, cli, attach.ActivityId) == "SUCCESSFUL", "the instances joined")
    lc2 = launch_configuration("refresh-lc-2")
    described = cli.DescribeLaunchConfigurations(
        request(models.DescribeLaunchConfigurationsRequest, {"LaunchConfigurationIds": [lc2]})
    )
    check(described.TotalCount == 1, f"the new launch configuration: {described.to_json_string()}")
    cli.ModifyAutoScalingGroup(
        request(
            models.ModifyAutoScalingGroupRequest,
            {"AutoScalingGroupId": group_id, "LaunchConfigurationId": lc2},
        )
    )

    def configurations():
        answer = cli.DescribeAutoScalingInstances(
            request(
                models.DescribeAutoScalingInstancesRequest,
                {"Filters": [{"Name": "auto-scaling-group-id", "Values": [group_id]}]},
            )
        )
        return {i.InstanceId: i.LaunchConfigurationId for i in answer.AutoScalingInstanceSet}

    def enabled():
        answer = cli.DescribeAutoScalingGroups(
            request(models.DescribeAutoScalingGroupsRequest, {"AutoScalingGroupIds": [group_id]})
        )
        return answer.AutoScalingGroupSet[0].EnabledStatus

    def refresh(refresh_id):
        answer = cli.DescribeRefreshActivities(
            request(models.DescribeRefreshActivitiesRequest, {"RefreshActivityIds": [refresh_id]})
        )
        check(answer.TotalCount == 1, f"one refresh {refresh_id}: {answer.to_json_string()}")
        return answer.RefreshActivitySet[0]

    def start(batches, pause="AUTOMATIC"):
        answer = cli.StartInstanceRefresh(
            request(
                models.StartInstanceRefreshRequest,
                {
                    "AutoScalingGroupId": group_id,
                    "RefreshMode": "ROLLING_UPDATE_RESET",
                    "RefreshSettings": {
                        "RollingUpdateSettings": {"BatchNumber": batches, "BatchPause": pause}
                    },
                },
            )
        )
        check(answer.RefreshActivityId.startswith("asr-"), f"a refresh id: {answer.to_json_string()}")
        return answer.RefreshActivityId

    def control(call, model, refresh_id, **extra):
        fields = {"AutoScalingGroupId": group_id, "RefreshActivityId": refresh_id, **extra}
        answer = call(request(model, fields))
        check(bool(answer.RequestId), "a RequestId")
        return answer

    def stop(refresh_id):
        return control(cli.StopInstanceRefresh, models.StopInstanceRefreshRequest, refresh_id)

    def resume(refresh_id, mode="RETRY"):
        return control(
            cli.ResumeInstanceRefresh, models.ResumeInstanceRefreshRequest, refresh_id, ResumeMode=mode
        )

    def cancel(refresh_id):
        return control(cli.CancelInstanceRefresh, models.CancelInstanceRefreshRequest, refresh_id)

    def rollback(origin, batches):
        return cli.RollbackInstanceRefresh(
            request(
                models.RollbackInstanceRefreshRequest,
                {
                    "AutoScalingGroupId": group_id,
                    "OriginRefreshActivityId": origin,
                    "RefreshSettings": {"RollingUpdateSettings": {"BatchNumber": batches}},
                },
            )
        ).RefreshActivityId

    before = configurations()
    check(sorted(before) == sorted(members), f"four members: {before}")

    # A refresh of two batches that pauses after the first.
    first = start(2, "FIRST_BATCH_PAUSE")
    r = refresh(first)
    check(r.Status == "INIT" and r.ActivityType == "NORMAL", f"a new refresh: {r.to_json_string()}")
    check(r.RefreshMode == "ROLLING_UPDATE_RESET", "its mode")
    check(r.RefreshSettings.RollingUpdateSettings.BatchPause == "FIRST_BATCH_PAUSE", "its settings")
    check(len(r.RefreshBatchSet) == 2, "two batches")
    check(all(b.RefreshBatchStatus == "WAITING" for b in r.RefreshBatchSet), "batches waiting")
    check(enabled() == "DISABLED", "the refresh disables the group")
    expect_error(
        "ResourceUnavailable.AutoScalingGroupInRefreshActivity",
        cli.EnableAutoScalingGroup,
        request(models.EnableAutoScalingGroupRequest, {"AutoScalingGroupId": group_id}),
    )
    expect_error("ResourceUnavailable.AutoScalingGroupInRefreshActivity", start, 1)
    expect_error("ResourceNotFound.RefreshActivityNotFound", stop, "asr-00000000")
    expect_error(CONFLICT, resume, first)

    # Stopped before it starts, nothing moves; resumed, the first batch runs.
    stop(first)
    check(refresh(first).Status == "MANUAL_PAUSE", "stopped")
    advance(url, 10)
    check(refresh(first).CurrentRefreshBatchNum == 0, "a stopped refresh waits")
    resume(first)
    advance(url, 5)
    r = refresh(first)
    check(r.Status == "RUNNING" and r.CurrentRefreshBatchNum == 1, f"running: {r.to_json_string()}")
    check(r.RefreshBatchSet[0].RefreshBatchStatus == "RUNNING", "the first batch runs")
    expect_error(CONFLICT, cancel, first)
    advance(url, 30)
    r = refresh(first)
    check(r.Status == "AUTO_PAUSE", f"paused after the first batch: {r.to_json_string()}")
    batch = r.RefreshBatchSet[0]
    check(batch.RefreshBatchStatus == "SUCCESSFUL", "the first batch succeeded")
    refreshed = [i.InstanceId for i in batch.RefreshBatchRelatedInstanceSet]
    check(all(i.InstanceStatus == "SUCCESSFUL" for i in batch.RefreshBatchRelatedInstanceSet), "its instances")
    check(all(i.LastActivityId.startswith("asa-") for i in batch.RefreshBatchRelatedInstanceSet), "their activity")
    now = configurations()
    check(all(now[i] == lc2 for i in refreshed), f"refreshed to {lc2}: {now}")
    check(all(now[i] == before[i] for i in members if i not in refreshed), f"the rest unchanged: {now}")
    expect_error(CONFLICT, stop, first)

    # The paused refresh is rolled back: its rest is dropped, the refreshed instances go back.
    back = rollback(first, 1)
    r = refresh(back)
    check(r.ActivityType == "ROLLBACK" and r.OriginRefreshActivityId == first, f"a rollback: {r.to_json_string()}")
    check(refresh(first).Status == "CANCELLED", "the paused refresh ends")
    advance(url, 35)
    check(refresh(back).Status == "SUCCESSFUL", "the rollback succeeded")
    check(configurations() == before, "every instance is back on its launch configuration")
    check(enabled() == "ENABLED", "the group is enabled again")
    expect_error("ResourceUnavailable.RollbackTypeActivityCanNotRollbackAgain", rollback, back, 1)

    # A refresh that runs to the end (scale-in protection does not keep an instance from it);
    # then nothing can stop, resume or cancel it.
    cli.SetInstancesProtection(
        request(
            models.SetInstancesProtectionRequest,
            {"AutoScalingGroupId": group_id, "InstanceIds": [members[0]], "ProtectedFromScaleIn": True},
        )
    )
    protected = cli.DescribeAutoScalingInstances(
        request(models.DescribeAutoScalingInstancesRequest, {"InstanceIds": [members[0]]})
    ).AutoScalingInstanceSet[0]
    check(protected.ProtectedFromScaleIn is True, f"protected: {protected.to_json_string()}")
    done = start(1)
    advance(url, 35)
    r = refresh(done)
    check(r.Status == "SUCCESSFUL" and r.EndTime, f"successful: {r.to_json_string()}")
    check(all(c == lc2 for c in configurations().values()), "every instance refreshed")
    for call in (stop, resume, cancel):
        expect_error(CONFLICT, call, done)

    # A refresh pausing between batches (2, 1 and 1 instances); an instance removed while it is
    # paused is NOT_FOUND when its batch comes; cancelled, the last batch is dropped.
    cancelled = start(3, "BATCH_INTERVAL_PAUSE")
    advance(url, 35)
    r = refresh(cancelled)
    check(r.Status == "AUTO_PAUSE", f"paused between batches: {r.to_json_string()}")
    removed = r.RefreshBatchSet[1].RefreshBatchRelatedInstanceSet[0].InstanceId
    remove = cli.RemoveInstances(
        request(models.RemoveInstancesRequest, {"AutoScalingGroupId": group_id, "InstanceIds": [removed]})
    )
    check(remove.ActivityId.startswith("asa-"), "a removal activity")
    check(removed not in configurations(), "the instance left the group")
    resume(cancelled, "CONTINUE")
    advance(url, 30)
    r = refresh(cancelled)
    check(r.Status == "AUTO_PAUSE" and r.CurrentRefreshBatchNum == 2, f"paused again: {r.to_json_string()}")
    gone = r.RefreshBatchSet[1].RefreshBatchRelatedInstanceSet[0]
    check(gone.InstanceStatus == "NOT_FOUND", f"the removed instance: {gone.to_json_string()}")
    cancel(cancelled)
    r = refresh(cancelled)
    check(r.Status == "CANCELLED", f"cancelled: {r.to_json_string()}")
    check(r.RefreshBatchSet[2].RefreshBatchStatus == "CANCELLED", "the waiting batch is dropped")
    check(enabled() == "ENABLED", "the group is enabled again")
    expect_error("ResourceUnavailable.RefreshActivityCanNotRollback", rollback, cancelled, 1)

    # Describe: newest first, filters, paging, refusals.
    everything = cli.DescribeRefreshActivities(request(models.DescribeRefreshActivitiesRequest, {}))
    check(everything.TotalCount == 4, f"four refreshes: {everything.to_json_string()}")
    order = [a.RefreshActivityId for a in everything.RefreshActivitySet]
    check(order == [cancelled, done, back, first], f"newest first: {order}")
    page = cli.DescribeRefreshActivities(
        request(models.DescribeRefreshActivitiesRequest, {"Offset": 1, "Limit": 2})
    )
    check([a.RefreshActivityId for a in page.RefreshActivitySet] == [done, back], "a page")
    rollbacks = cli.DescribeRefreshActivities(
        request(
            models.DescribeRefreshActivitiesRequest,
            {
                "Filters": [
                    {"Name": "refresh-activity-type", "Values": ["ROLLBACK"]},
                    {"Name": "auto-scaling-group-id", "Values": [group_id]},
                ]
            },
        )
    )
    check([a.RefreshActivityId for a in rollbacks.RefreshActivitySet] == [back], "filtered")
    expect_error(
        "InvalidParameterValue.InvalidFilter",
        cli.DescribeRefreshActivities,
        request(models.DescribeRefreshActivitiesRequest, {"Filters": [{"Name": "status", "Values": ["X"]}]}),
    )

    # A disabled group, or one in a scaling activity, takes no refresh.
    cli.DisableAutoScalingGroup(request(models.DisableAutoScalingGroupRequest, {"AutoScalingGroupId": group_id}))
    check(enabled() == "DISABLED", "disabled by hand")
    expect_error("ResourceUnavailable.AutoScalingGroupAbnormalStatus", start, 1)
    cli.EnableAutoScalingGroup(request(models.EnableAutoScalingGroupRequest, {"AutoScalingGroupId": group_id}))
    cli.ModifyDesiredCapacity(
        request(models.ModifyDesiredCapacityRequest, {"AutoScalingGroupId": group_id, "DesiredCapacity": 4})
    )
    expect_error("ResourceUnavailable.AutoScalingGroupInActivity", start, 1)

    # The first launch configuration, no longer the group's nor any member's, can go.
    cli.DeleteLaunchConfiguration(
        request(models.DeleteLaunchConfigurationRequest, {"LaunchConfigurationId": lc1})
    )
    left = cli.DescribeLaunchConfigurations(
        request(models.DescribeLaunchConfigurationsRequest, {"LaunchConfigurationIds": [lc1, lc2]})
    )
    check([c.LaunchConfigurationId for c in left.LaunchConfigurationSet] == [lc2], "lc1 is gone")
    print("all checks passed")


if __name__ == "__main__":
    main()
