"""Starts the IVS Chat emulator for the boto3 interoperability tests.

The emulator binary comes from IVSCHAT_EMULATOR (set by `cargo xtask test`) or the default debug
build path. Each emulator listens on an ephemeral loopback port and prints
`listening on 127.0.0.1:PORT` as its first line.
"""

import os
import pathlib
import subprocess

import boto3
import pytest
from botocore.config import Config

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_BIN = ROOT / "target" / "debug" / "ivschat-emulator"


class Emulator:
    def __init__(self, *args):
        binary = os.environ.get("IVSCHAT_EMULATOR", str(DEFAULT_BIN))
        self.proc = subprocess.Popen(
            [binary, "--listen", "127.0.0.1:0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = self.proc.stdout.readline().strip()
        if not line.startswith("listening on "):
            self.proc.kill()
            raise RuntimeError(f"emulator did not start: {line!r} {self.proc.stderr.read()}")
        self.endpoint = "http://" + line[len("listening on "):]

    def client(self, region="us-east-1", key="AKIDEXAMPLE", secret="secret"):
        return boto3.client(
            "ivschat",
            endpoint_url=self.endpoint,
            region_name=region,
            aws_access_key_id=key,
            aws_secret_access_key=secret,
            config=Config(retries={"max_attempts": 1}),
        )

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture
def emulator():
    emu = Emulator("--region", "us-east-1", "--account", "123456789012")
    yield emu
    emu.stop()


@pytest.fixture
def ivschat(emulator):
    return emulator.client()


@pytest.fixture
def start_emulator():
    started = []

    def start(*args):
        emu = Emulator(*args)
        started.append(emu)
        return emu

    yield start
    for emu in started:
        emu.stop()
