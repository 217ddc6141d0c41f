#!/usr/bin/env python3
"""Launch configuration changes, a group made from an instance, load balancers, last
activities, account limits and advices, with the official SDK.

It changes a launch configuration (modify, clear, upgrade) and checks each change through
DescribeLaunchConfigurations; makes a group from an instance; binds, replaces, retargets and
unbinds a group's load balancers, checking DescribeAutoScalingGroups and the activities; refuses
to delete a launch configuration in use; and reads the group's last activity, the account's
limits and the advice on the group.
"""

from sdk import (
    arguments,
    check,
    client,
    expect_error,
    models,
    request,
    wait_for_activity,
)


def launch_configuration(cli, lc_id):
    resp = cli.DescribeLaunchConfigurations(
        request(models.DescribeLaunchConfigurationsRequest, {"LaunchConfigurationIds": [lc_id]})
    )
    check(resp.TotalCount == 1, f"one launch configuration {lc_id}")
    return resp.LaunchConfigurationSet[0]


def group(cli, group_id):
    resp = cli.DescribeAutoScalingGroups(
        request(models.DescribeAutoScalingGroupsRequest, {"AutoScalingGroupIds": [group_id]})
    )
    check(resp.TotalCount == 1, f"one group {group_id}")
    return resp.AutoScalingGroupSet[0]


def launch_configurations(cli):
    lc = cli.CreateLaunchConfiguration(
        request(
            models.CreateLaunchConfigurationRequest,
            {"LaunchConfigurationName": "py-lc", "ImageId": "img-8toqc6s3", "InstanceType": "S5.MEDIUM4"},
        )
    ).LaunchConfigurationId
    cli.ModifyLaunchConfigurationAttributes(
        request(
            models.ModifyLaunchConfigurationAttributesRequest,
            {
                "LaunchConfigurationId": lc,
                "LaunchConfigurationName": "py-lc-2",
                "InstanceTypes": ["S5.MEDIUM4", "SA2.MEDIUM4"],
                "UserData": "IyEvYmluL3NoCg==",
            },
        )
    )
    c = launch_configuration(cli, lc)
    check(c.LaunchConfigurationName == "py-lc-2", f"renamed: {c.LaunchConfigurationName}")
    check(c.InstanceTypes == ["S5.MEDIUM4", "SA2.MEDIUM4"], f"types: {c.InstanceTypes}")
    check(c.UserData == "IyEvYmluL3NoCg==", "user data")
    check(c.ImageId == "img-8toqc6s3", "the image, not sent, kept")
    check(c.VersionNumber == 2, f"version 2: {c.VersionNumber}")
    expect_error(
        "ResourceNotFound.LaunchConfigurationIdNotFound",
        cli.ModifyLaunchConfigurationAttributes,
        request(
            models.ModifyLaunchConfigurationAttributesRequest,
            {"LaunchConfigurationId": "asc-nothere1", "ImageId": "img-8toqc6s3"},
        ),
    )

    disks = cli.CreateLaunchConfiguration(
        request(
            models.CreateLaunchConfigurationRequest,
            {
                "LaunchConfigurationName": "py-disks",
                "ImageId": "img-8toqc6s3",
                "InstanceType": "S5.MEDIUM4",
                "DataDisks": [{"DiskType": "CLOUD_SSD", "DiskSize": 100}],
                "InstanceTags": [{"Key": "env", "Value": "py"}],
            },
        )
    ).LaunchConfigurationId
    check(len(launch_configuration(cli, disks).DataDisks) == 1, "one data disk")
    cli.ClearLaunchConfigurationAttributes(
        request(
            models.ClearLaunchConfigurationAttributesRequest,
            {"LaunchConfigurationId": disks, "ClearDataDisks": True},
        )
    )
    c = launch_configuration(cli, disks)
    check(c.DataDisks == [], f"data disks cleared: {c.DataDisks}")
    check(len(c.InstanceTags) == 1, "instance tags not cleared")

    cli.UpgradeLaunchConfiguration(
        request(
            models.UpgradeLaunchConfigurationRequest,
            {
                "LaunchConfigurationId": disks,
                "LaunchConfigurationName": "py-upgraded",
                "ImageId": "img-newimage",
                "InstanceTypes": ["SA2.LARGE8"],
            },
        )
    )
    c = launch_configuration(cli, disks)
    check(c.LaunchConfigurationName == "py-upgraded", "upgraded name")
    check(c.ImageId == "img-newimage" and c.InstanceTypes == ["SA2.LARGE8"], "upgraded image and types")
    check(c.InstanceTags == [], f"not sent: reset: {c.InstanceTags}")
    expect_error(
        "InvalidParameterValue.LaunchConfigurationNameDuplicated",
        cli.UpgradeLaunchConfiguration,
        request(
            models.UpgradeLaunchConfigurationRequest,
            {
                "LaunchConfigurationId": disks,
                "LaunchConfigurationName": "py-lc-2",
                "ImageId": "img-newimage",
                "InstanceTypes": ["SA2.LARGE8"],
            },
        ),
    )
    return lc


def load_balancers(url, cli, group_id):
    attach = cli.AttachLoadBalancers(
        request(
            models.AttachLoadBalancersRequest,
            {"AutoScalingGroupId": group_id, "LoadBalancerIds": ["lb-py000001", "lb-py000002"]},
        )
    )
    check(wait_for_activity(url, cli, attach.ActivityId) == "SUCCESSFUL", "attached")
    check(group(cli, group_id).LoadBalancerIdSet == ["lb-py000001", "lb-py000002"], "classic bound")
    expect_error(
        "InvalidParameterValue.ClassicLb",
        cli.AttachLoadBalancers,
        request(
            models.AttachLoadBalancersRequest,
            {"AutoScalingGroupId": group_id, "LoadBalancerIds": ["lb-py000001"]},
        ),
    )
    listener = {
        "LoadBalancerId": "lb-py000003",
        "ListenerId": "lbl-py000001",
        "TargetAttributes": [{"Port": 80, "Weight": 10}],
    }
    cli.ModifyLoadBalancers(
        request(
            models.ModifyLoadBalancersRequest,
            {"AutoScalingGroupId": group_id, "ForwardLoadBalancers": [listener]},
        )
    )
    g = group(cli, group_id)
    check(g.LoadBalancerIdSet == [], f"classic replaced: {g.LoadBalancerIdSet}")
    check(len(g.ForwardLoadBalancerSet) == 1, "one forwarding listener")
    listener["TargetAttributes"] = [{"Port": 80, "Weight": 60}, {"Port": 443, "Weight": 40}]
    cli.ModifyLoadBalancerTargetAttributes(
        request(
            models.ModifyLoadBalancerTargetAttributesRequest,
            {"AutoScalingGroupId": group_id, "ForwardLoadBalancers": [listener]},
        )
    )
    targets = group(cli, group_id).ForwardLoadBalancerSet[0].TargetAttributes
    check([(t.Port, t.Weight) for t in targets] == [(80, 60), (443, 40)], "new targets")
    expect_error(
        "ResourceNotFound.LoadBalancerNotInAutoScalingGroup",
        cli.DetachLoadBalancers,
        request(
            models.DetachLoadBalancersRequest,
            {
                "AutoScalingGroupId": group_id,
                "ForwardLoadBalancerIdentifications": [
                    {"LoadBalancerId": "lb-py000009", "ListenerId": "lbl-py000009"}
                ],
            },
        ),
    )
    detach = cli.DetachLoadBalancers(
        request(
            models.DetachLoadBalancersRequest,
            {
                "AutoScalingGroupId": group_id,
                "ForwardLoadBalancerIdentifications": [
                    {"LoadBalancerId": "lb-py000003", "ListenerId": "lbl-py000001"}
                ],
            },
        )
    )
    check(group(cli, group_id).ForwardLoadBalancerSet == [], "unbound")
    return detach.ActivityId


def main():
    url, secret_id, secret_key, instances = arguments()
    cli = client(url, secret_id, secret_key)
    lc = launch_configurations(cli)

    made = cli.CreateAutoScalingGroupFromInstance(
        request(
            models.CreateAutoScalingGroupFromInstanceRequest,
            {"AutoScalingGroupName": "py-from-ins", "InstanceId": instances[0], "MinSize": 0, "MaxSize": 2},
        )
    )
    g = group(cli, made.AutoScalingGroupId)
    check(g.AutoScalingGroupName == "py-from-ins" and g.MaxSize == 2, "the group from the instance")
    c = launch_configuration(cli, g.LaunchConfigurationId)
    check(c.LaunchConfigurationName == "py-from-ins", "its launch configuration, named as the group")
    expect_error(
        "ResourceNotFound.InstancesNotFound",
        cli.CreateAutoScalingGroupFromInstance,
        request(
            models.CreateAutoScalingGroupFromInstanceRequest,
            {"AutoScalingGroupName": "py-x", "InstanceId": "ins-nothere1", "MinSize": 0, "MaxSize": 1},
        ),
    )

    group_id = cli.CreateAutoScalingGroup(
        request(
            models.CreateAutoScalingGroupRequest,
            {
                "AutoScalingGroupName": "py-group",
                "LaunchConfigurationId": lc,
                "MaxSize": 3,
                "MinSize": 0,
                "DesiredCapacity": 0,
                "VpcId": "",
            },
        )
    ).AutoScalingGroupId
    last_lb = load_balancers(url, cli, group_id)
    expect_error(
        "ResourceInUse.LaunchConfigurationIdInUse",
        cli.DeleteLaunchConfiguration,
        request(models.DeleteLaunchConfigurationRequest, {"LaunchConfigurationId": lc}),
    )

    last = cli.DescribeAutoScalingGroupLastActivities(
        request(
            models.DescribeAutoScalingGroupLastActivitiesRequest,
            {"AutoScalingGroupIds": [group_id, "asg-nothere1"]},
        )
    )
    check([a.ActivityId for a in last.ActivitySet] == [last_lb], f"the last: {last.to_json_string()}")

    limits = cli.DescribeAccountLimits(request(models.DescribeAccountLimitsRequest, {}))
    check(limits.MaxNumberOfLaunchConfigurations == 50, "50 launch configurations at most")
    check(limits.NumberOfLaunchConfigurations == 3, f"3 made: {limits.NumberOfLaunchConfigurations}")
    check(limits.MaxNumberOfAutoScalingGroups == 200, "200 groups at most")
    check(limits.NumberOfAutoScalingGroups == 2, f"2 made: {limits.NumberOfAutoScalingGroups}")

    advice = cli.DescribeAutoScalingAdvices(
        request(models.DescribeAutoScalingAdvicesRequest, {"AutoScalingGroupIds": [group_id]})
    ).AutoScalingAdviceSet
    check(len(advice) == 1 and advice[0].AutoScalingGroupId == group_id, "advice on the group")
    check(advice[0].Level == "WARNING", f"a warning: {advice[0].Level}")
    problems = [a.Problem for a in advice[0].Advices]
    check(problems == ["single availability zone or subnet"], f"one zone: {problems}")
    print("all checks passed")


if __name__ == "__main__":
    main()
