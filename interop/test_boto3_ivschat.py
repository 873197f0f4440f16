"""boto3 against our IVS Chat emulator: botocore's own ivschat model is the judge of the wire format.

Nothing in boto3 is patched: every request here is one boto3 would send to the real service.
"""

import datetime
import re

import pytest
from botocore.exceptions import ClientError

REGION = "us-east-1"
ACCOUNT = "123456789012"
ROOM_ARN = re.compile(rf"^arn:aws:ivschat:{REGION}:{ACCOUNT}:room/[a-zA-Z0-9]{{12}}$")
LOG_ARN = re.compile(rf"^arn:aws:ivschat:{REGION}:{ACCOUNT}:logging-configuration/[a-zA-Z0-9]{{12}}$")
LAMBDA = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:review"


def error_code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def status(excinfo):
    return excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"]


def all_pages(call, page_size):
    """Follows nextToken by hand: botocore's ivschat model defines no paginators."""
    pages, kwargs = [], {"maxResults": page_size}
    for _ in range(100):
        page = call(**kwargs)
        pages.append(page)
        if "nextToken" not in page:
            return pages
        kwargs["nextToken"] = page["nextToken"]
    raise AssertionError("nextToken never ran out")


def missing_room_arn():
    return f"arn:aws:ivschat:{REGION}:{ACCOUNT}:room/AAAAAAAAAAAA"


def test_create_get_update_delete_room(ivschat):
    created = ivschat.create_room(
        name="lobby",
        tags={"team": "chat"},
        messageReviewHandler={"uri": LAMBDA, "fallbackResult": "DENY"},
    )
    assert ROOM_ARN.match(created["arn"]), created["arn"]
    assert created["arn"].endswith("/" + created["id"])
    assert created["name"] == "lobby"
    assert created["maximumMessageLength"] == 500
    assert created["maximumMessageRatePerSecond"] == 10
    assert created["messageReviewHandler"] == {"uri": LAMBDA, "fallbackResult": "DENY"}
    assert created["tags"] == {"team": "chat"}
    assert isinstance(created["createTime"], datetime.datetime)
    assert created["createTime"] == created["updateTime"]
    assert created["loggingConfigurationIdentifiers"] == []

    got = ivschat.get_room(identifier=created["arn"])
    for key in ("arn", "id", "name", "maximumMessageLength", "tags", "createTime"):
        assert got[key] == created[key], key

    updated = ivschat.update_room(
        identifier=created["arn"], name="lobby-2", maximumMessageLength=100, maximumMessageRatePerSecond=5
    )
    assert updated["name"] == "lobby-2"
    assert updated["maximumMessageLength"] == 100
    assert updated["maximumMessageRatePerSecond"] == 5
    assert updated["updateTime"] >= created["updateTime"]
    assert updated["createTime"] == created["createTime"]

    deleted = ivschat.delete_room(identifier=created["arn"])
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 204
    with pytest.raises(ClientError) as e:
        ivschat.get_room(identifier=created["arn"])
    assert error_code(e) == "ResourceNotFoundException"
    assert status(e) == 404


def test_unknown_room_is_resource_not_found(ivschat):
    with pytest.raises(ivschat.exceptions.ResourceNotFoundException) as e:
        ivschat.get_room(identifier=missing_room_arn())
    assert e.value.response["resourceId"] == "AAAAAAAAAAAA"
    assert e.value.response["resourceType"] == "ROOM"
    for call in (
        lambda: ivschat.update_room(identifier=missing_room_arn(), name="x"),
        lambda: ivschat.delete_room(identifier=missing_room_arn()),
        lambda: ivschat.create_chat_token(roomIdentifier=missing_room_arn(), userId="u"),
        lambda: ivschat.send_event(roomIdentifier=missing_room_arn(), eventName="e"),
        lambda: ivschat.delete_message(roomIdentifier=missing_room_arn(), id="msg000000001"),
        lambda: ivschat.disconnect_user(roomIdentifier=missing_room_arn(), userId="u"),
        lambda: ivschat.list_tags_for_resource(resourceArn=missing_room_arn()),
    ):
        with pytest.raises(ivschat.exceptions.ResourceNotFoundException):
            call()


def test_validation_exception_lists_every_field(ivschat):
    # botocore validates only minimums client-side, so these maximums reach the server.
    with pytest.raises(ivschat.exceptions.ValidationException) as e:
        ivschat.create_room(name="x" * 129, maximumMessageLength=501, maximumMessageRatePerSecond=101)
    assert status(e) == 400
    body = e.value.response
    assert body["reason"] == "FIELD_VALIDATION_FAILED"
    names = sorted(f["name"] for f in body["fieldList"])
    assert names == ["maximumMessageLength", "maximumMessageRatePerSecond", "name"], body["fieldList"]
    assert all(f["message"] for f in body["fieldList"])


def test_room_identifier_pattern_is_validated(ivschat):
    with pytest.raises(ivschat.exceptions.ValidationException):
        ivschat.get_room(identifier="not-an-arn")


def test_list_rooms_filters_and_order(ivschat):
    handler = {"uri": LAMBDA}
    a = ivschat.create_room(name="alpha")
    b = ivschat.create_room(name="beta", messageReviewHandler=handler)
    c = ivschat.create_room(name="alpha")
    # Most recently updated first.
    ivschat.update_room(identifier=a["arn"], maximumMessageLength=200)
    listed = ivschat.list_rooms()["rooms"]
    assert [r["arn"] for r in listed] == [a["arn"], c["arn"], b["arn"]]
    assert {r["name"] for r in ivschat.list_rooms(name="alpha")["rooms"]} == {"alpha"}
    assert len(ivschat.list_rooms(name="alpha")["rooms"]) == 2
    by_handler = ivschat.list_rooms(messageReviewHandlerUri=LAMBDA)["rooms"]
    assert [r["arn"] for r in by_handler] == [b["arn"]]
    summary = listed[0]
    assert set(summary) >= {"arn", "id", "name", "createTime", "updateTime", "tags", "loggingConfigurationIdentifiers"}


def test_list_rooms_paginator_over_several_pages(ivschat):
    arns = {ivschat.create_room(name=f"room-{i}")["arn"] for i in range(7)}
    pages = all_pages(ivschat.list_rooms, page_size=3)
    assert [len(p["rooms"]) for p in pages] == [3, 3, 1]
    assert {r["arn"] for p in pages for r in p["rooms"]} == arns
    assert "nextToken" not in pages[-1]


def test_next_token_survives_concurrent_inserts(ivschat):
    first_rooms = [ivschat.create_room(name=f"r{i}")["arn"] for i in range(4)]
    page1 = ivschat.list_rooms(maxResults=2)
    ivschat.create_room(name="inserted-later")
    page2 = ivschat.list_rooms(maxResults=2, nextToken=page1["nextToken"])
    seen = [r["arn"] for r in page1["rooms"] + page2["rooms"]]
    assert sorted(seen) == sorted(first_rooms)


def test_max_results_out_of_range(ivschat):
    with pytest.raises(ivschat.exceptions.ValidationException):
        ivschat.list_rooms(maxResults=51)


def test_logging_configuration_lifecycle(ivschat):
    created = ivschat.create_logging_configuration(
        name="logs",
        destinationConfiguration={"s3": {"bucketName": "my-chat-logs"}},
        tags={"k": "v"},
    )
    assert LOG_ARN.match(created["arn"]), created["arn"]
    assert created["state"] == "ACTIVE"
    assert created["destinationConfiguration"] == {"s3": {"bucketName": "my-chat-logs"}}
    got = ivschat.get_logging_configuration(identifier=created["arn"])
    assert got["id"] == created["id"]
    assert got["state"] == "ACTIVE"
    updated = ivschat.update_logging_configuration(
        identifier=created["arn"],
        destinationConfiguration={"cloudWatchLogs": {"logGroupName": "chat-group"}},
    )
    assert updated["destinationConfiguration"] == {"cloudWatchLogs": {"logGroupName": "chat-group"}}
    assert updated["name"] == "logs"

    room = ivschat.create_room(name="logged", loggingConfigurationIdentifiers=[created["arn"]])
    assert room["loggingConfigurationIdentifiers"] == [created["arn"]]
    assert [r["arn"] for r in ivschat.list_rooms(loggingConfigurationIdentifier=created["arn"])["rooms"]] == [
        room["arn"]
    ]

    listed = ivschat.list_logging_configurations()["loggingConfigurations"]
    assert [c["arn"] for c in listed] == [created["arn"]]

    # In use by a room: deleting it conflicts.
    with pytest.raises(ivschat.exceptions.ConflictException):
        ivschat.delete_logging_configuration(identifier=created["arn"])
    ivschat.update_room(identifier=room["arn"], loggingConfigurationIdentifiers=[])
    assert ivschat.delete_logging_configuration(identifier=created["arn"])["ResponseMetadata"]["HTTPStatusCode"] == 204
    with pytest.raises(ivschat.exceptions.ResourceNotFoundException):
        ivschat.get_logging_configuration(identifier=created["arn"])


def test_room_with_unknown_logging_configuration(ivschat):
    missing = f"arn:aws:ivschat:{REGION}:{ACCOUNT}:logging-configuration/AAAAAAAAAAAA"
    with pytest.raises(ivschat.exceptions.ResourceNotFoundException):
        ivschat.create_room(loggingConfigurationIdentifiers=[missing])


def test_list_logging_configurations_paginator(ivschat):
    for i in range(5):
        ivschat.create_logging_configuration(destinationConfiguration={"firehose": {"deliveryStreamName": f"s{i}"}})
    pages = all_pages(ivschat.list_logging_configurations, page_size=2)
    assert [len(p["loggingConfigurations"]) for p in pages] == [2, 2, 1]


def test_tags(ivschat):
    room = ivschat.create_room(tags={"a": "1"})
    arn = room["arn"]
    ivschat.tag_resource(resourceArn=arn, tags={"b": "2", "c": "3"})
    assert ivschat.list_tags_for_resource(resourceArn=arn)["tags"] == {"a": "1", "b": "2", "c": "3"}
    ivschat.untag_resource(resourceArn=arn, tagKeys=["a", "c"])
    assert ivschat.list_tags_for_resource(resourceArn=arn)["tags"] == {"b": "2"}
    assert ivschat.get_room(identifier=arn)["tags"] == {"b": "2"}
    # Tag keys with characters that need percent-encoding in the query string.
    ivschat.tag_resource(resourceArn=arn, tags={"team/x y": "v"})
    ivschat.untag_resource(resourceArn=arn, tagKeys=["team/x y"])
    assert ivschat.list_tags_for_resource(resourceArn=arn)["tags"] == {"b": "2"}


def test_at_most_50_tags(ivschat):
    arn = ivschat.create_room()["arn"]
    ivschat.tag_resource(resourceArn=arn, tags={f"k{i}": "v" for i in range(50)})
    with pytest.raises(ivschat.exceptions.ValidationException):
        ivschat.tag_resource(resourceArn=arn, tags={"one-too-many": "v"})


def test_chat_token(ivschat):
    arn = ivschat.create_room()["arn"]
    before = datetime.datetime.now(datetime.timezone.utc)
    token = ivschat.create_chat_token(
        roomIdentifier=arn,
        userId="user-1",
        capabilities=["SEND_MESSAGE", "DELETE_MESSAGE"],
        sessionDurationInMinutes=30,
        attributes={"displayName": "Ann"},
    )
    assert token["token"]
    assert datetime.timedelta(seconds=50) <= token["tokenExpirationTime"] - before <= datetime.timedelta(seconds=70)
    session = token["sessionExpirationTime"] - before
    assert datetime.timedelta(minutes=29) <= session <= datetime.timedelta(minutes=31)
    default = ivschat.create_chat_token(roomIdentifier=arn, userId="user-2")
    assert default["sessionExpirationTime"] - before >= datetime.timedelta(minutes=59)
    with pytest.raises(ivschat.exceptions.ValidationException):
        ivschat.create_chat_token(roomIdentifier=arn, userId="u", sessionDurationInMinutes=181)


def test_messaging_operations(ivschat):
    arn = ivschat.create_room()["arn"]
    sent = ivschat.send_event(roomIdentifier=arn, eventName="app:reload", attributes={"k": "v"})
    assert sent["id"]
    # MessageID is exactly 12 alphanumeric characters (botocore checks the minimum).
    deleted = ivschat.delete_message(roomIdentifier=arn, id="msg000000001", reason="spam")
    assert deleted["id"] and deleted["id"] != sent["id"]
    result = ivschat.disconnect_user(roomIdentifier=arn, userId="user-1", reason="bye")
    assert result["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_room_quota(start_emulator):
    client = start_emulator("--max-rooms", "2").client()
    client.create_room()
    client.create_room()
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as e:
        client.create_room()
    assert status(e) == 402
    assert e.value.response["resourceType"] == "ROOM"


def test_sigv4_verification(start_emulator):
    emu = start_emulator("--verify-sigv4", "AKIDGOOD:goodsecret")
    good = emu.client(key="AKIDGOOD", secret="goodsecret")
    assert good.list_rooms()["rooms"] == []
    bad_secret = emu.client(key="AKIDGOOD", secret="wrong")
    with pytest.raises(ClientError) as e:
        bad_secret.list_rooms()
    assert status(e) == 403
    unknown_key = emu.client(key="AKIDOTHER", secret="goodsecret")
    with pytest.raises(ClientError) as e:
        unknown_key.list_rooms()
    assert status(e) == 403


def test_every_operation_was_exercised():
    """The 17 operations of the service, as botocore knows them: a new one must get a test here."""
    import boto3
    import botocore

    client = boto3.client("ivschat", region_name=REGION, aws_access_key_id="a", aws_secret_access_key="b")
    ops = client.meta.service_model.operation_names
    assert len(ops) == 17
    source = open(__file__).read()
    for op in ops:
        snake = botocore.xform_name(op)
        assert f".{snake}(" in source or f'"{snake}"' in source, op
