#!/usr/bin/env python3
"""Scheduled actions, lifecycle hooks and notifications, with the official SDK.

It creates a group, then for each family creates, describes (by id, by filter, by page),
changes and deletes, and checks the errors the SDK raises for what the documentation refuses.
A scheduled action runs when the emulator's clock reaches it; a lifecycle hook holds the
instance a scale-out launches until CompleteLifecycleAction lets it go on; a hook with a
queue sends the token of each hold, which the script reads from the emulator's outbox
(GET /_emulator/lifecycle-messages) as a consumer of the queue would, and completes with.
"""

import datetime
import json
import urllib.request

from sdk import (
    TencentCloudSDKException,
    advance,
    arguments,
    check,
    client,
    expect_error,
    models,
    request,
    wait_for_activity,
)

BEIJING = datetime.timezone(datetime.timedelta(hours=8))


def emulator_unix(url):
    with urllib.request.urlopen(url + "/_emulator/clock", timeout=10) as answer:
        return json.loads(answer.read())["unix"]


def beijing(unix):
    return datetime.datetime.fromtimestamp(unix, BEIJING).strftime("%Y-%m-%dT%H:%M:%S+08:00")


def make_group(cli):
    lc = cli.CreateLaunchConfiguration(
        request(
            models.CreateLaunchConfigurationRequest,
            {"LaunchConfigurationName": "py-lc", "ImageId": "img-8toqc6s3", "InstanceType": "S5.MEDIUM2"},
        )
    )
    groups = []
    for name in ("py-web", "py-batch"):
        group = cli.CreateAutoScalingGroup(
            request(
                models.CreateAutoScalingGroupRequest,
                {
                    "AutoScalingGroupName": name,
                    "LaunchConfigurationId": lc.LaunchConfigurationId,
                    "MaxSize": 4,
                    "MinSize": 0,
                    "DesiredCapacity": 0,
                    "VpcId": "vpc-py000001",
                    "SubnetIds": ["subnet-py000001"],
                },
            )
        )
        groups.append(group.AutoScalingGroupId)
    return groups


def group_of(cli, group_id):
    groups = cli.DescribeAutoScalingGroups(
        request(models.DescribeAutoScalingGroupsRequest, {"AutoScalingGroupIds": [group_id]})
    )
    return groups.AutoScalingGroupSet[0]


def scheduled_actions(url, cli, web, batch):
    now = emulator_unix(url)
    once = cli.CreateScheduledAction(
        request(
            models.CreateScheduledActionRequest,
            {
                "AutoScalingGroupId": web,
                "ScheduledActionName": "py-once",
                "MinSize": 1,
                "MaxSize": 3,
                "DesiredCapacity": 1,
                "StartTime": beijing(now + 60),
            },
        )
    ).ScheduledActionId
    check(once.startswith("asst-"), f"a scheduled action id: {once}")
    daily = cli.CreateScheduledAction(
        request(
            models.CreateScheduledActionRequest,
            {
                "AutoScalingGroupId": batch,
                "ScheduledActionName": "py-daily",
                "MinSize": 0,
                "MaxSize": 2,
                "DesiredCapacity": 0,
                "StartTime": beijing(now + 3600),
                "EndTime": beijing(now + 30 * 86400),
                "Recurrence": "0 8 * * *",
            },
        )
    ).ScheduledActionId

    listed = cli.DescribeScheduledActions(request(models.DescribeScheduledActionsRequest, {}))
    check(listed.TotalCount == 2, f"two scheduled actions: {listed.to_json_string()}")
    by_id = {a.ScheduledActionId: a for a in listed.ScheduledActionSet}
    check(by_id[once].ScheduledType == "ONCE", "a one-off action")
    check(by_id[once].StartTime == beijing(now + 60), f"its start: {by_id[once].StartTime}")
    check(by_id[daily].ScheduledType == "CRONTAB", "a recurring action")
    check(by_id[daily].Recurrence == "0 8 * * *", "its recurrence")
    check(by_id[daily].AutoScalingGroupId == batch, "its group")
    filtered = cli.DescribeScheduledActions(
        request(
            models.DescribeScheduledActionsRequest,
            {"Filters": [{"Name": "auto-scaling-group-id", "Values": [batch]}]},
        )
    )
    check([a.ScheduledActionId for a in filtered.ScheduledActionSet] == [daily], "filtered by group")
    paged = cli.DescribeScheduledActions(request(models.DescribeScheduledActionsRequest, {"Offset": 1, "Limit": 1}))
    check(paged.TotalCount == 2 and len(paged.ScheduledActionSet) == 1, "a page of one")

    cli.ModifyScheduledAction(
        request(models.ModifyScheduledActionRequest, {"ScheduledActionId": daily, "MaxSize": 3})
    )
    changed = cli.DescribeScheduledActions(
        request(models.DescribeScheduledActionsRequest, {"ScheduledActionIds": [daily]})
    ).ScheduledActionSet[0]
    check(changed.MaxSize == 3 and changed.ScheduledActionName == "py-daily", "only MaxSize changed")

    expect_error(
        "InvalidParameterValue.ScheduledActionNameDuplicate",
        cli.CreateScheduledAction,
        request(
            models.CreateScheduledActionRequest,
            {
                "AutoScalingGroupId": web,
                "ScheduledActionName": "py-once",
                "MinSize": 0,
                "MaxSize": 1,
                "DesiredCapacity": 0,
                "StartTime": beijing(now + 600),
            },
        ),
    )
    expect_error(
        "InvalidParameterValue.CronExpressionIllegal",
        cli.ModifyScheduledAction,
        request(models.ModifyScheduledActionRequest, {"ScheduledActionId": daily, "Recurrence": "0 25 * * *"}),
    )
    expect_error(
        "InvalidParameterValue.StartTimeBeforeCurrentTime",
        cli.ModifyScheduledAction,
        request(models.ModifyScheduledActionRequest, {"ScheduledActionId": daily, "StartTime": beijing(now - 60)}),
    )

    # The one-off action runs when the clock reaches it.
    advance(url, 30)
    check(group_of(cli, web).MinSize == 0, "not yet run")
    advance(url, 31)
    g = group_of(cli, web)
    check((g.MinSize, g.MaxSize, g.DesiredCapacity) == (1, 3, 1), f"the action ran: {g.to_json_string()}")

    cli.DeleteScheduledAction(request(models.DeleteScheduledActionRequest, {"ScheduledActionId": daily}))
    expect_error(
        "ResourceNotFound.ScheduledActionNotFound",
        cli.DeleteScheduledAction,
        request(models.DeleteScheduledActionRequest, {"ScheduledActionId": daily}),
    )


def lifecycle_hooks(url, cli, web, batch):
    hook = cli.CreateLifecycleHook(
        request(
            models.CreateLifecycleHookRequest,
            {
                "AutoScalingGroupId": batch,
                "LifecycleHookName": "py-warm",
                "LifecycleTransition": "INSTANCE_LAUNCHING",
                "HeartbeatTimeout": 600,
                "NotificationMetadata": "py",
            },
        )
    ).LifecycleHookId
    check(hook.startswith("ash-"), f"a hook id: {hook}")
    listed = cli.DescribeLifecycleHooks(
        request(models.DescribeLifecycleHooksRequest, {"LifecycleHookIds": [hook]})
    )
    check(listed.TotalCount == 1, f"one hook: {listed.to_json_string()}")
    h = listed.LifecycleHookSet[0]
    check((h.LifecycleHookName, h.HeartbeatTimeout, h.DefaultResult) == ("py-warm", 600, "CONTINUE"), "its values")
    check(h.AutoScalingGroupId == batch and h.NotificationMetadata == "py", "its group and metadata")

    cli.ModifyLifecycleHook(
        request(models.ModifyLifecycleHookRequest, {"LifecycleHookId": hook, "HeartbeatTimeout": 900})
    )
    cli.UpgradeLifecycleHook(
        request(
            models.UpgradeLifecycleHookRequest,
            {"LifecycleHookId": hook, "LifecycleHookName": "py-warm-2", "LifecycleTransition": "INSTANCE_LAUNCHING"},
        )
    )
    h = cli.DescribeLifecycleHooks(
        request(
            models.DescribeLifecycleHooksRequest,
            {"Filters": [{"Name": "auto-scaling-group-id", "Values": [batch]}]},
        )
    ).LifecycleHookSet[0]
    check((h.LifecycleHookName, h.HeartbeatTimeout) == ("py-warm-2", 300), "upgraded: defaults again")
    expect_error(
        "InvalidParameterValue.Range",
        cli.CreateLifecycleHook,
        request(
            models.CreateLifecycleHookRequest,
            {
                "AutoScalingGroupId": batch,
                "LifecycleHookName": "short",
                "LifecycleTransition": "INSTANCE_LAUNCHING",
                "HeartbeatTimeout": 10,
            },
        ),
    )
    expect_error(
        "InvalidParameterValue.LifecycleHookNameDuplicated",
        cli.CreateLifecycleHook,
        request(
            models.CreateLifecycleHookRequest,
            {"AutoScalingGroupId": batch, "LifecycleHookName": "py-warm-2", "LifecycleTransition": "INSTANCE_TERMINATING"},
        ),
    )

    # The hook holds the instance a scale-out launches until it is completed.
    cli.ModifyDesiredCapacity(
        request(models.ModifyDesiredCapacityRequest, {"AutoScalingGroupId": batch, "DesiredCapacity": 1})
    )
    for _ in range(5):
        advance(url, 10)
    members = cli.DescribeAutoScalingInstances(
        request(
            models.DescribeAutoScalingInstancesRequest,
            {"Filters": [{"Name": "auto-scaling-group-id", "Values": [batch]}]},
        )
    ).AutoScalingInstanceSet
    check(len(members) == 1, f"one instance launched: {[m.InstanceId for m in members]}")
    held = members[0]
    check(held.LifeCycleState != "IN_SERVICE", f"held at the hook: {held.LifeCycleState}")
    activities = cli.DescribeAutoScalingActivities(
        request(
            models.DescribeAutoScalingActivitiesRequest,
            {"Filters": [{"Name": "auto-scaling-group-id", "Values": [batch]}]},
        )
    )
    activity = activities.ActivitySet[0]
    check(activity.StatusCode == "RUNNING", f"the scale-out waits: {activity.StatusCode}")
    expect_error(
        "ResourceNotFound.LifecycleHookTokenNotFound",
        cli.CompleteLifecycleAction,
        request(
            models.CompleteLifecycleActionRequest,
            {"LifecycleHookId": hook, "LifecycleActionResult": "CONTINUE", "LifecycleActionToken": "none"},
        ),
    )
    cli.CompleteLifecycleAction(
        request(
            models.CompleteLifecycleActionRequest,
            {"LifecycleHookId": hook, "LifecycleActionResult": "CONTINUE", "InstanceId": held.InstanceId},
        )
    )
    status = wait_for_activity(url, cli, activity.ActivityId)
    check(status == "SUCCESSFUL", f"the scale-out went on: {status}")
    expect_error(
        "ResourceNotFound.LifecycleHookInstanceNotFound",
        cli.CompleteLifecycleAction,
        request(
            models.CompleteLifecycleActionRequest,
            {"LifecycleHookId": hook, "LifecycleActionResult": "CONTINUE", "InstanceId": held.InstanceId},
        ),
    )

    cli.DeleteLifecycleHook(request(models.DeleteLifecycleHookRequest, {"LifecycleHookId": hook}))
    check(
        cli.DescribeLifecycleHooks(request(models.DescribeLifecycleHooksRequest, {})).TotalCount == 0,
        "the hook is gone",
    )
    expect_error(
        "ResourceNotFound.LifecycleHookNotFound",
        cli.DeleteLifecycleHook,
        request(models.DeleteLifecycleHookRequest, {"LifecycleHookId": hook}),
    )


def outbox(url, query):
    with urllib.request.urlopen(url + "/_emulator/lifecycle-messages?" + query, timeout=10) as answer:
        return json.loads(answer.read())["messages"]


def lifecycle_tokens(url, cli, batch):
    hook = cli.CreateLifecycleHook(
        request(
            models.CreateLifecycleHookRequest,
            {
                "AutoScalingGroupId": batch,
                "LifecycleHookName": "py-queue",
                "LifecycleTransition": "INSTANCE_LAUNCHING",
                "NotificationTarget": {"TargetType": "TDMQ_CMQ_QUEUE", "QueueName": "py-q"},
                "NotificationMetadata": "from python",
            },
        )
    ).LifecycleHookId
    size = group_of(cli, batch).DesiredCapacity
    cli.ModifyDesiredCapacity(
        request(models.ModifyDesiredCapacityRequest, {"AutoScalingGroupId": batch, "DesiredCapacity": size + 1})
    )
    for _ in range(4):
        advance(url, 10)
    messages = outbox(url, "queue=py-q&pending=true")
    check(len(messages) == 1, f"one message on the queue: {messages}")
    message = messages[0]["message"]
    check(message["LifecycleHookId"] == hook, f"the hook's message: {message}")
    check(message["LifecycleTransition"] == "INSTANCE_LAUNCHING", f"a launch: {message}")
    check(message["NotificationMetadata"] == "from python", f"the metadata: {message}")
    token, held = message["LifecycleActionToken"], message["InstanceId"]
    expect_error(
        "ResourceNotFound.LifecycleHookTokenNotFound",
        cli.CompleteLifecycleAction,
        request(
            models.CompleteLifecycleActionRequest,
            {"LifecycleHookId": hook, "LifecycleActionResult": "CONTINUE", "LifecycleActionToken": token[::-1]},
        ),
    )
    cli.CompleteLifecycleAction(
        request(
            models.CompleteLifecycleActionRequest,
            {"LifecycleHookId": hook, "LifecycleActionResult": "CONTINUE", "LifecycleActionToken": token},
        )
    )
    status = wait_for_activity(url, cli, message["ActivityId"])
    check(status == "SUCCESSFUL", f"the scale-out went on: {status}")
    member = cli.DescribeAutoScalingInstances(
        request(models.DescribeAutoScalingInstancesRequest, {"InstanceIds": [held]})
    ).AutoScalingInstanceSet[0]
    check(member.LifeCycleState == "IN_SERVICE", f"in service: {member.LifeCycleState}")
    activity = cli.DescribeAutoScalingActivities(
        request(models.DescribeAutoScalingActivitiesRequest, {"ActivityIds": [message["ActivityId"]]})
    ).ActivitySet[0]
    results = activity.LifecycleActionResultSet
    check(len(results) == 1, f"one hold: {activity.to_json_string()}")
    check(
        (results[0].InstanceId, results[0].LifecycleActionResult, results[0].ResultReason)
        == (held, "CONTINUE", "CALL_INTERFACE"),
        f"how it ended: {activity.to_json_string()}",
    )
    expect_error(
        "ResourceUnavailable.LifecycleActionResultHasSet",
        cli.CompleteLifecycleAction,
        request(
            models.CompleteLifecycleActionRequest,
            {"LifecycleHookId": hook, "LifecycleActionResult": "ABANDON", "LifecycleActionToken": token},
        ),
    )
    check(outbox(url, "queue=py-q&pending=true") == [], "nothing pending")
    cli.DeleteLifecycleHook(request(models.DeleteLifecycleHookRequest, {"LifecycleHookId": hook}))


def notifications(cli, web, batch):
    users = cli.CreateNotificationConfiguration(
        request(
            models.CreateNotificationConfigurationRequest,
            {
                "AutoScalingGroupId": web,
                "NotificationTypes": ["SCALE_OUT_SUCCESSFUL", "SCALE_IN_FAILED"],
                "NotificationUserGroupIds": ["1001"],
            },
        )
    ).AutoScalingNotificationId
    check(users.startswith("asn-"), f"a notification id: {users}")
    queue = cli.CreateNotificationConfiguration(
        request(
            models.CreateNotificationConfigurationRequest,
            {
                "AutoScalingGroupId": batch,
                "NotificationTypes": ["SCALE_OUT_FAILED"],
                "TargetType": "TDMQ_CMQ_QUEUE",
                "QueueName": "py-queue",
            },
        )
    ).AutoScalingNotificationId
    listed = cli.DescribeNotificationConfigurations(request(models.DescribeNotificationConfigurationsRequest, {}))
    check(listed.TotalCount == 2, f"two notifications: {listed.to_json_string()}")
    by_id = {n.AutoScalingNotificationId: n for n in listed.AutoScalingNotificationSet}
    check(by_id[users].NotificationUserGroupIds == ["1001"], "its user groups")
    check(by_id[users].NotificationTypes == ["SCALE_OUT_SUCCESSFUL", "SCALE_IN_FAILED"], "its types")
    check((by_id[queue].TargetType, by_id[queue].QueueName) == ("TDMQ_CMQ_QUEUE", "py-queue"), "its queue")
    filtered = cli.DescribeNotificationConfigurations(
        request(
            models.DescribeNotificationConfigurationsRequest,
            {"Filters": [{"Name": "auto-scaling-group-id", "Values": [web]}]},
        )
    )
    check([n.AutoScalingNotificationId for n in filtered.AutoScalingNotificationSet] == [users], "by group")

    cli.ModifyNotificationConfiguration(
        request(
            models.ModifyNotificationConfigurationRequest,
            {"AutoScalingNotificationId": users, "NotificationTypes": ["SCALE_IN_SUCCESSFUL"]},
        )
    )
    changed = cli.DescribeNotificationConfigurations(
        request(models.DescribeNotificationConfigurationsRequest, {"AutoScalingNotificationIds": [users]})
    ).AutoScalingNotificationSet[0]
    check(changed.NotificationTypes == ["SCALE_IN_SUCCESSFUL"], "the types changed")
    check(changed.NotificationUserGroupIds == ["1001"], "the user groups stayed")
    expect_error(
        "InvalidParameterValue.ConflictNotificationTarget",
        cli.ModifyNotificationConfiguration,
        request(models.ModifyNotificationConfigurationRequest, {"AutoScalingNotificationId": queue, "TopicName": "t"}),
    )
    expect_error(
        "InvalidParameterValue.InvalidNotificationUserGroupId",
        cli.CreateNotificationConfiguration,
        request(
            models.CreateNotificationConfigurationRequest,
            {"AutoScalingGroupId": web, "NotificationTypes": ["SCALE_OUT_FAILED"], "NotificationUserGroupIds": ["ops"]},
        ),
    )

    cli.DeleteNotificationConfiguration(
        request(models.DeleteNotificationConfigurationRequest, {"AutoScalingNotificationId": queue})
    )
    expect_error(
        "ResourceNotFound.AutoScalingNotificationNotFound",
        cli.DeleteNotificationConfiguration,
        request(models.DeleteNotificationConfigurationRequest, {"AutoScalingNotificationId": queue}),
    )
    left = cli.DescribeNotificationConfigurations(request(models.DescribeNotificationConfigurationsRequest, {}))
    check([n.AutoScalingNotificationId for n in left.AutoScalingNotificationSet] == [users], "one left")


def main():
    url, secret_id, secret_key, _instances = arguments()
    cli = client(url, secret_id, secret_key)
    web, batch = make_group(cli)
    scheduled_actions(url, cli, web, batch)
    lifecycle_hooks(url, cli, web, batch)
    lifecycle_tokens(url, cli, batch)
    notifications(cli, web, batch)
    try:
        cli.DescribeScheduledActions(
            request(models.DescribeScheduledActionsRequest, {"ScheduledActionIds": ["nope"]})
        )
        raise SystemExit("a malformed id was accepted")
    except TencentCloudSDKException as e:
        check(e.get_code() == "InvalidParameterValue.InvalidScheduledActionId", e.get_code())
    print("all checks passed")


if __name__ == "__main__":
    main()
