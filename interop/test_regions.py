"""boto3 clients of different regions against one emulator: ARNs and resources follow the region
of each request's SigV4 credential scope, like the real regional endpoints."""

import pytest
from botocore.exceptions import ClientError


def test_resources_live_in_the_region_of_the_signing_client(emulator):
    west = emulator.client(region="us-west-2")
    east = emulator.client(region="us-east-1")
    arn = west.create_room(name="w")["arn"]
    assert arn.startswith("arn:aws:ivschat:us-west-2:123456789012:room/"), arn
    assert west.get_room(identifier=arn)["arn"] == arn
    with pytest.raises(ClientError) as excinfo:
        east.get_room(identifier=arn)
    assert excinfo.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert [r["arn"] for r in west.list_rooms()["rooms"]] == [arn]
    assert east.list_rooms()["rooms"] == []
    token = west.create_chat_token(roomIdentifier=arn, userId="u")
    assert token["token"]
