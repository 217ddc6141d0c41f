#!/usr/bin/env python3
"""A client of the emulator in another language, with no SDK code: it builds and signs API 2.0
requests by the documented algorithm and checks the answers.

Usage: raw_client.py URL SECRET_ID SECRET_KEY GROUP_ID INSTANCE_ID
  URL is the emulator's base URL, e.g. http://127.0.0.1:4280

It (1) lists GROUP_ID's instances with a GET DescribeScalingInstance (HmacSHA1, the default when
SignatureMethod is absent) and checks INSTANCE_ID is there, (2) POSTs DetachInstance for
INSTANCE_ID with keepInstance=1 (HmacSHA256, the list sent as instanceIds_0), (3) lists again and
checks it is gone, (4) replays the POST and expects code 4500. Exits 0 when all checks pass.
"""

import base64
import hashlib
import hmac
import json
import random
import sys
import time
import urllib.parse
import urllib.request


def sign(method, host, path, params, secret_key):
    """Signature v1: sort by name (with _ -> .), raw values, METHOD+host+path+'?'+pairs."""
    pairs = sorted(
        (name.replace("_", "."), value) for name, value in params.items() if name != "Signature"
    )
    string_to_sign = method + host + path + "?" + "&".join(f"{k}={v}" for k, v in pairs)
    digest = hashlib.sha256 if params.get("SignatureMethod") == "HmacSHA256" else hashlib.sha1
    mac = hmac.new(secret_key.encode(), string_to_sign.encode(), digest)
    return base64.b64encode(mac.digest()).decode()


def call(url, secret_id, secret_key, method, action, params, signature_method=None):
    parsed = urllib.parse.urlsplit(url)
    path = "/v2/index.php"
    full = {
        "Action": action,
        "Region": "gz",
        "Timestamp": str(int(time.time())),
        "Nonce": str(random.randint(1, 2**63 - 1)),
        "SecretId": secret_id,
        **params,
    }
    if signature_method:
        full["SignatureMethod"] = signature_method
    full["Signature"] = sign(method, parsed.netloc, path, full, secret_key)
    encoded = urllib.parse.urlencode(full)
    if method == "GET":
        request = urllib.request.Request(f"{url}{path}?{encoded}", method="GET")
    else:
        request = urllib.request.Request(
            f"{url}{path}",
            data=encoded.encode(),
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    return request


def send(request):
    with urllib.request.urlopen(request, timeout=10) as response:
        if response.status != 200:
            raise SystemExit(f"HTTP {response.status}")
        return json.loads(response.read())


def check(condition, what):
    if not condition:
        raise SystemExit(f"FAILED: {what}")
    print(f"ok: {what}")


def main():
    if len(sys.argv) != 6:
        raise SystemExit(__doc__)
    url, secret_id, secret_key, group, instance = sys.argv[1:]
    url = url.rstrip("/")

    def listed():
        answer = send(call(url, secret_id, secret_key, "GET", "DescribeScalingInstance",
                           {"scalingGroupId": group}))
        check(answer["code"] == 0, f"DescribeScalingInstance answered code 0: {answer}")
        return [i["instanceId"] for i in answer["data"]["scalingInstancesSet"]]

    check(instance in listed(), f"{instance} is in {group}")

    detach = call(url, secret_id, secret_key, "POST", "DetachInstance",
                  {"scalingGroupId": group, "instanceIds_0": instance, "keepInstance": "1"},
                  signature_method="HmacSHA256")
    answer = send(detach)
    check(answer["code"] == 0 and answer["codeDesc"] == "Success", f"DetachInstance succeeded: {answer}")
    check(instance not in listed(), f"{instance} left {group}")

    replay = send(detach)
    check(replay["code"] == 4500, f"a replayed request is refused with 4500: {replay}")

    bad = call(url, secret_id, secret_key + "x", "GET", "DescribeScalingGroup", {})
    answer = send(bad)
    check(answer["code"] == 4100, f"a wrong key is refused with 4100: {answer}")
    print("all checks passed")


if __name__ == "__main__":
    main()
