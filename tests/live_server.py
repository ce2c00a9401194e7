"""``realisasi serve`` started as an IT person would, on loopback, for the tests
and benchmarks that talk to a real server process."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

CLI = str(Path(sys.executable).with_name("realisasi"))


def free_port() -> int:
    """A TCP port nobody listens on (loopback)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def running_server(
    args: list[str], env: dict[str, str], stderr: int | IO[str] = subprocess.DEVNULL
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``realisasi serve ARGS --port P`` until its ready line; yields its URL and
    process, and stops it afterwards."""
    port = free_port()
    server = subprocess.Popen(
        [CLI, "serve", *args, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        env=env,
    )
    assert server.stdout is not None
    deadline = time.monotonic() + 60
    line = ""
    while "siap" not in line:
        line = server.stdout.readline()
        if (not line and server.poll() is not None) or time.monotonic() > deadline:
            server.kill()
            raise RuntimeError("the server did not start")
    try:
        assert f"http://127.0.0.1:{port}" in line
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.terminate()
        server.wait(timeout=30)
