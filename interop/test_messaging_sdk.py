"""The official IVS Chat messaging SDK (amazon-ivs-chat-messaging, pinned in
interop/messaging/package.json) against the emulator's messaging endpoint, with boto3 for the
control plane.

`cargo xtask test` installs the Node packages into target/ and names the folder in
IVSCHAT_MESSAGING_NODE_MODULES; the SDK runs unchanged in interop/messaging/driver.cjs, which
turns commands on stdin into SDK calls and SDK events into JSON lines on stdout.
"""

import json
import os
import pathlib
import queue
import shutil
import subprocess
import threading
import time

import pytest

from conftest import Emulator

DRIVER = pathlib.Path(__file__).resolve().parent / "messaging" / "driver.cjs"


class Driver:
    """One Node process running the SDK; several users (ChatRoom objects) inside it."""

    def __init__(self):
        modules = os.environ.get("IVSCHAT_MESSAGING_NODE_MODULES")
        if not modules:
            pytest.fail(
                "IVSCHAT_MESSAGING_NODE_MODULES is not set: run this through `cargo xtask test`, "
                "which installs the pinned SDK with npm"
            )
        node = shutil.which("node")
        assert node, "node is not installed"
        self.proc = subprocess.Popen(
            [node, str(DRIVER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "IVSCHAT_MESSAGING_NODE_MODULES": modules},
        )
        self.lines = queue.Queue()
        self.seen = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(json.loads(line))

    def command(self, **command):
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()

    def expect(self, timeout=10, **fields):
        """The first SDK line (seen earlier or arriving within `timeout`) with these fields."""
        def matches(line):
            return all(line.get(k) == v for k, v in fields.items())

        for i, line in enumerate(self.seen):
            if matches(line):
                return self.seen.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no SDK line with {fields}; unmatched: {self.seen}")
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                continue
            if matches(line):
                return line
            self.seen.append(line)

    def drain(self, wait):
        """Everything the SDK prints within `wait` seconds goes to `seen`."""
        deadline = time.monotonic() + wait
        while (left := deadline - time.monotonic()) > 0:
            try:
                self.seen.append(self.lines.get(timeout=left))
            except queue.Empty:
                pass

    def stop(self):
        if self.proc.poll() is None:
            try:
                self.command(cmd="exit")
                self.proc.wait(timeout=5)
            except (BrokenPipeError, subprocess.TimeoutExpired):
                self.proc.kill()


@pytest.fixture
def chat():
    emu = Emulator("--messaging-listen", "127.0.0.1:0")
    line = emu.proc.stdout.readline().strip()
    assert line.startswith("messaging on ws://"), line
    emu.messaging_url = line[len("messaging on "):]
    driver = Driver()
    yield emu, driver
    driver.stop()
    emu.stop()


def token(ivschat, room_arn, user, capabilities):
    t = ivschat.create_chat_token(
        roomIdentifier=room_arn,
        userId=user,
        capabilities=capabilities,
        attributes={"displayName": user.title()},
    )
    # What an application's backend would hand its client: the token and its times.
    return {
        "token": t["token"],
        "tokenExpirationTime": t["tokenExpirationTime"].isoformat(),
        "sessionExpirationTime": t["sessionExpirationTime"].isoformat(),
    }


def test_two_users_chat_through_the_official_sdk(chat):
    emu, sdk = chat
    ivschat = emu.client()
    room = ivschat.create_room(name="sdk", maximumMessageLength=20)
    arn = room["arn"]
    sdk.command(cmd="connect", **{"as": "ann"}, url=emu.messaging_url,
                token=token(ivschat, arn, "ann", ["SEND_MESSAGE", "DELETE_MESSAGE"]))
    sdk.command(cmd="connect", **{"as": "bob"}, url=emu.messaging_url,
                token=token(ivschat, arn, "bob", ["SEND_MESSAGE"]))
    sdk.expect(**{"as": "ann"}, event="connect")
    sdk.expect(**{"as": "bob"}, event="connect")

    # Messages: the sender's promise settles when its own message comes back; both see it.
    sdk.command(cmd="send", **{"as": "ann"}, tag="m1", content="hello bob", attributes={"mood": "happy"})
    sent = sdk.expect(**{"as": "ann"}, event="settled", tag="m1")
    assert sent["ok"] and sent["content"] == "hello bob", sent
    for who in ("ann", "bob"):
        got = sdk.expect(**{"as": who}, event="message", id=sent["id"])
        assert got["content"] == "hello bob"
        assert got["attributes"] == {"mood": "happy"}
        assert got["sender"] == {"userId": "ann", "attributes": {"displayName": "Ann"}}
    sdk.command(cmd="send", **{"as": "bob"}, tag="m2", content="hi ann")
    reply = sdk.expect(**{"as": "bob"}, event="settled", tag="m2")
    assert reply["ok"], reply
    assert sdk.expect(**{"as": "ann"}, event="message", id=reply["id"])["content"] == "hi ann"

    # Refusals reach the SDK as rejected promises with the Messaging API's codes.
    sdk.command(cmd="send", **{"as": "bob"}, tag="long", content="x" * 21)
    assert sdk.expect(**{"as": "bob"}, event="settled", tag="long")["errorCode"] == 413
    sdk.command(cmd="delete", **{"as": "bob"}, tag="nope", id=sent["id"])
    assert sdk.expect(**{"as": "bob"}, event="settled", tag="nope")["errorCode"] == 403

    # SendEvent (boto3) reaches both users.
    event_id = ivschat.send_event(roomIdentifier=arn, eventName="app:poll", attributes={"q": "tea?"})["id"]
    for who in ("ann", "bob"):
        got = sdk.expect(**{"as": who}, event="event", id=event_id)
        assert got["name"] == "app:poll" and got["attributes"] == {"q": "tea?"}

    # DeleteMessage (boto3): both SDKs report the deleted message's id and the reason.
    delete_id = ivschat.delete_message(roomIdentifier=arn, id=sent["id"], reason="off topic")["id"]
    for who in ("ann", "bob"):
        got = sdk.expect(**{"as": who}, event="messageDelete", id=delete_id)
        assert got["messageId"] == sent["id"] and got["reason"] == "off topic", got
    # ... and the same over the socket, by a user with DELETE_MESSAGE.
    sdk.command(cmd="delete", **{"as": "ann"}, tag="d1", id=reply["id"], reason="mine now")
    deleted = sdk.expect(**{"as": "ann"}, event="settled", tag="d1")
    assert deleted["ok"] and deleted["messageId"] == reply["id"], deleted
    assert sdk.expect(**{"as": "bob"}, event="messageDelete", messageId=reply["id"])["reason"] == "mine now"

    # DisconnectUser (boto3): both see the event, bob's SDK is disconnected by the server.
    ivschat.disconnect_user(roomIdentifier=arn, userId="bob", reason="time out")
    for who in ("ann", "bob"):
        got = sdk.expect(**{"as": who}, event="userDisconnect", userId="bob")
        assert got["reason"] == "time out"
    assert sdk.expect(**{"as": "bob"}, event="disconnect")["reason"] == "serverDisconnect"
    # Ann is still connected; bob did not reconnect (a clean close is final for the SDK) and
    # gets nothing more.
    sdk.seen.clear()
    sdk.command(cmd="send", **{"as": "ann"}, tag="m3", content="bye bob")
    last = sdk.expect(**{"as": "ann"}, event="settled", tag="m3")
    assert last["ok"], last
    sdk.drain(0.5)
    assert [line for line in sdk.seen if line.get("as") == "bob"] == []

    # DisconnectUser over the socket, by a moderator with DISCONNECT_USER: its promise settles
    # with the event, and ann is disconnected the same way.
    sdk.command(cmd="connect", **{"as": "mod"}, url=emu.messaging_url,
                token=token(ivschat, arn, "mod", ["DISCONNECT_USER"]))
    sdk.expect(**{"as": "mod"}, event="connect")
    sdk.command(cmd="kick", **{"as": "mod"}, tag="k1", userId="ann", reason="closing")
    kicked = sdk.expect(**{"as": "mod"}, event="settled", tag="k1")
    assert kicked["ok"] and kicked["userId"] == "ann", kicked
    assert sdk.expect(**{"as": "ann"}, event="userDisconnect", userId="ann")["reason"] == "closing"
    assert sdk.expect(**{"as": "ann"}, event="disconnect")["reason"] == "serverDisconnect"
