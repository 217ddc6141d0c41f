#!/usr/bin/env python3
"""Launch configurations, groups, attaching and detaching, and errors, with the official SDK.

It creates a launch configuration and a group, describes the group, attaches two instances,
waits for the activity (moving the emulator's clock forward), lists the group's instances,
detaches one, and checks the errors the SDK raises for an unknown group and a wrong key.
"""

from sdk import TencentCloudSDKException, arguments, check, client, models, request, wait_for_activity


def main():
    url, secret_id, secret_key, instances = arguments()
    ins1, ins2 = instances[0], instances[1]
    cli = client(url, secret_id, secret_key)

    lc = cli.CreateLaunchConfiguration(
        request(
            models.CreateLaunchConfigurationRequest,
            {
                "LaunchConfigurationName": "python-lc",
                "ImageId": "img-8toqc6s3",
                "InstanceType": "S5.MEDIUM2",
            },
        )
    )
    check(lc.LaunchConfigurationId.startswith("asc-"), f"a launch configuration id: {lc}")
    check(bool(lc.RequestId), "a RequestId")

    group = cli.CreateAutoScalingGroup(
        request(
            models.CreateAutoScalingGroupRequest,
            {
                "AutoScalingGroupName": "python-group",
                "LaunchConfigurationId": lc.LaunchConfigurationId,
                "MaxSize": 4,
                "MinSize": 0,
                "DesiredCapacity": 0,
                "VpcId": "vpc-py000001",
                "SubnetIds": ["subnet-py000001"],
            },
        )
    )
    group_id = group.AutoScalingGroupId
    check(group_id.startswith("asg-"), f"a group id: {group.to_json_string()}")

    groups = cli.DescribeAutoScalingGroups(
        request(models.DescribeAutoScalingGroupsRequest, {"AutoScalingGroupIds": [group_id]})
    )
    check(groups.TotalCount == 1, f"one group: {groups.to_json_string()}")
    described = groups.AutoScalingGroupSet[0]
    check(described.AutoScalingGroupName == "python-group", "the group's name")
    check(described.LaunchConfigurationId == lc.LaunchConfigurationId, "its configuration")
    check(described.MaxSize == 4 and described.MinSize == 0, "its sizes")
    check(described.EnabledStatus == "ENABLED", "enabled")

    attach = cli.AttachInstances(
        request(
            models.AttachInstancesRequest,
            {"AutoScalingGroupId": group_id, "InstanceIds": [ins1, ins2]},
        )
    )
    check(attach.ActivityId.startswith("asa-"), f"an activity id: {attach.to_json_string()}")
    status = wait_for_activity(url, cli, attach.ActivityId)
    check(status == "SUCCESSFUL", f"the attachment succeeded: {status}")

    filters = [{"Name": "auto-scaling-group-id", "Values": [group_id]}]
    instances = cli.DescribeAutoScalingInstances(
        request(models.DescribeAutoScalingInstancesRequest, {"Filters": filters})
    )
    ids = sorted(i.InstanceId for i in instances.AutoScalingInstanceSet)
    check(ids == sorted([ins1, ins2]), f"both instances in the group: {ids}")
    check(
        all(i.CreationType == "MANUAL_ATTACHING" for i in instances.AutoScalingInstanceSet),
        "attached instances are MANUAL_ATTACHING",
    )

    detach = cli.DetachInstances(
        request(
            models.DetachInstancesRequest,
            {"AutoScalingGroupId": group_id, "InstanceIds": [ins1]},
        )
    )
    check(detach.ActivityId.startswith("asa-"), f"an activity id: {detach.to_json_string()}")
    status = wait_for_activity(url, cli, detach.ActivityId)
    check(status == "SUCCESSFUL", f"the detachment succeeded: {status}")
    instances = cli.DescribeAutoScalingInstances(
        request(models.DescribeAutoScalingInstancesRequest, {"Filters": filters})
    )
    ids = [i.InstanceId for i in instances.AutoScalingInstanceSet]
    check(ids == [ins2], f"one instance left: {ids}")

    # Errors come back as the SDK's exception with the code and the RequestId.
    try:
        cli.DeleteAutoScalingGroup(
            request(models.DeleteAutoScalingGroupRequest, {"AutoScalingGroupId": "asg-none0000"})
        )
        raise SystemExit("deleting an unknown group succeeded")
    except TencentCloudSDKException as e:
        check(
            e.get_code() == "ResourceNotFound.AutoScalingGroupNotFound",
            f"an unknown group: {e.get_code()} {e.get_message()}",
        )
        check(bool(e.get_request_id()), "the error's RequestId")
    try:
        client(url, secret_id, secret_key + "x").DescribeAutoScalingGroups(
            models.DescribeAutoScalingGroupsRequest()
        )
        raise SystemExit("a wrong key was accepted")
    except TencentCloudSDKException as e:
        check(e.get_code() == "AuthFailure.SignatureFailure", f"a wrong key: {e.get_code()}")

    print("all checks passed")


if __name__ == "__main__":
    main()
