"""Shared helpers for the scripts that drive the emulator's API 3.0 endpoint with Tencent Cloud's
official Python SDK (tencentcloud-sdk-python-autoscaling). Each script in this folder is run by
`official_sdk_v3.rs` against a fresh emulator binary, as

    SCRIPT URL SECRET_ID SECRET_KEY INSTANCE_ID...

URL is the emulator's base URL (e.g. http://127.0.0.1:4280); the instances exist in the account,
Running and in no group. A script prints "all checks passed" and exits 0 when every call was
accepted and answered as the SDK expects, and state seen through the Describe actions is right.
"""

import json
import sys
import urllib.parse
import urllib.request

from tencentcloud.autoscaling.v20180419 import autoscaling_client, models  # noqa: F401
from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import (  # noqa: F401
    TencentCloudSDKException,
)
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


def arguments():
    """(url, secret_id, secret_key, [instance ids]) from the command line."""
    if len(sys.argv) < 5:
        raise SystemExit(f"usage: {sys.argv[0]} URL SECRET_ID SECRET_KEY INSTANCE_ID...")
    return sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]


def expect_error(code, call, *args):
    """Runs call(*args) and checks that the SDK raises an error with `code`; returns it."""
    try:
        answer = call(*args)
    except TencentCloudSDKException as e:
        check(e.get_code() == code, f"expected {code}, got {e.get_code()}: {e.get_message()}")
        check(bool(e.get_request_id()), f"the RequestId of {code}")
        return e
    raise SystemExit(f"expected {code}, the call succeeded: {answer.to_json_string()}")
