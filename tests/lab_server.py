"""Start JupyterLab exactly as a teacher does (`make lab`) and wait until it answers.

Used by tests/test_make_lab.py and by the browser test of the threshold lab.
"""

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
URL_PATTERN = re.compile(r"(http://127\.0\.0\.1:\d+/lab/tree/notebooks/00_start_here\.ipynb\?token=([0-9a-f]+))")


def free_port():
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _api_status(base, token):
    with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5) as response:
        return json.loads(response.read())


@contextlib.contextmanager
def running_lab(timeout=120, env=None):
    """Run ``make lab`` on a free loopback port; yield ``dict(url, base, token, status, log)``."""
    port = free_port()
    log = []
    proc = subprocess.Popen(
        ["make", "-s", "lab", f"PORT={port}", "LAB_ARGS=--no-browser --ServerApp.open_browser=False"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, **(env or {})}, start_new_session=True,
    )
    reader = threading.Thread(target=lambda: log.extend(proc.stdout), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = next((URL_PATTERN.search(line) for line in list(log) if URL_PATTERN.search(line)), None)
            if proc.poll() is not None:
                raise RuntimeError("make lab exited early:\n" + "".join(log))
            if match:
                url, token = match.groups()
                base = url.split("/lab")[0]
                try:
                    status = _api_status(base, token)
                except OSError:
                    time.sleep(0.5)
                    continue
                yield {"url": url, "base": base, "token": token, "status": status, "log": log, "port": port}
                return
            time.sleep(0.5)
        raise TimeoutError(f"JupyterLab did not answer within {timeout} s:\n" + "".join(log))
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
