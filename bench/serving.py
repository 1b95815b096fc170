"""`tongbao serve` of one database, for the benches that time its pages; stopped when they are done."""
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

TONGBAO = [sys.executable, "-m", "tongbao.cli"]


class ServeFailed(RuntimeError):
    """The server exited or did not answer in time; the message ends with its stderr."""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, timeout=60):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.read()


@contextmanager
def served(db, start_timeout):
    """Start `tongbao serve --db DB` on a free port and wait until it answers; yields (base URL,
    server process). A server that dies or stays silent for `start_timeout` s raises ServeFailed."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(TONGBAO + ["serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.time() + start_timeout
        while True:
            try:
                get(base + "/-/versions.json", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if server.poll() is not None or time.time() > deadline:
                    raise ServeFailed("tongbao serve did not start: "
                                      + server.stderr.read().decode("utf-8", "replace")[-1500:])
                time.sleep(0.3)
        yield base, server
    finally:
        if server.poll() is None:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)
