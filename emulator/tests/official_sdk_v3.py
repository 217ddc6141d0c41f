#!/usr/bin/env python3
"""Tencent Cloud's own Python SDK for Auto Scaling (API 3.0) against the emulator's 3.0 endpoint.

Usage: official_sdk_v3.py URL SECRET_ID SECRET_KEY INSTANCE_ID_1 INSTANCE_ID_2
  URL is the emulator's base URL, e.g. http://127.0.0.1:4280

Needs the packages `tencentcloud-sdk-python-common` and `tencentcloud-sdk-python-autoscaling`
(official_sdk_v3.rs installs pinned versions into a virtual environment). With the SDK's own
client, signing (TC3-HMAC-SHA256) and answer parsing, it creates a launch configuration and a
group, describes the group, attaches both instances, waits for the activity (moving the
emulator's clock forward), lists the group's instances, detaches one, and checks the errors the
SDK raises for an unknown group and a wrong key. Prints "all checks passed" and exits 0 when
every call was accepted and answered as the SDK expects.
"""

import json
import sys
import urllib.parse
import urllib.request

from tencentcloud.autoscaling.v20180419 import autoscaling_client, models
from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

REGION = "ap-guangzhou"


def check(condition, what):
    if not condition:
        raise SystemExit(f"check failed: {what}")


def client(url, secret_id, secret_key):
    parsed = urllib.parse.urlsplit(url)
    http = HttpProfile(protocol=parsed.scheme, endpoint=parsed.netloc, reqTimeout=10)
    return autoscaling_client.AutoscalingClient(
        credential.Credential(secret_id, secret_key), REGION, ClientProfile(httpProfile=http)
    )


def request(model, fields):
    req = model()
    req.from_json_string(json.dumps(fields))
    return req


def advance(url, seconds):
    body = json.dumps({"seconds": seconds}).encode()
    req = urllib.request.Request(
        url + "/_emulator/clock/advance",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=10) as answer:
        check(answer.status == 200, "the clock moved")


def wait_for_activity(url, cli, activity_id):
    """Moves the emulator's clock 10 s at a time (staying well inside the 5-minute signature
    window) until the activity has ended; returns its status code."""
    for _ in range(12):
        resp = cli.DescribeAutoScalingActivities(
            request(models.DescribeAutoScalingActivitiesRequest, {"ActivityIds": [activity_id]})
        )
        check(resp.TotalCount == 1, f"one activity {activity_id}: {resp.to_json_string()}")
        status = resp.ActivitySet[0].StatusCode
        if status not in ("INIT", "RUNNING"):
            return status
        advance(url, 10)
    raise SystemExit(f"activity {activity_id} did not end")


def main():
    url, secret_id, secret_key, ins1, ins2 = sys.argv[1:6]
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
