"""The service's fixtures: the real server, started as a user starts it.

``server`` runs ``python -m infopass_rules serve --port <free port>`` in a subprocess on
127.0.0.1, waits for ``/health`` and stops it (SIGTERM, then SIGKILL) at the end of the session.
``client`` is parametrized: each endpoint test runs against that server over HTTP and against the
same app in-process (Litestar's test client), so the one proves the command a user runs and the
other lets coverage see the code.

The service needs the ``serve`` extra; the browser tests need Debian's chromium
(``/usr/bin/chromium``). Where they are missing, the tests are skipped with the reason, except in
CI (``CI=true``), where a missing piece fails the run.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
STARTUP_SECONDS = 60.0


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives the page in headless Chromium (slow)")
    config.addinivalue_line("markers", "load: a bounded load test of the real server (slow)")


def missing(what: str, why: str, *, module_level: bool = False) -> None:
    """Skip for ``why``, or fail in CI, where nothing may be skipped silently."""
    if IN_CI:
        pytest.fail(f"{what} is missing in CI: {why}", pytrace=False)
    pytest.skip(f"{what} is missing: {why}", allow_module_level=module_level)


def require(*modules: str, module_level: bool = False) -> None:
    """Each of ``modules`` importable, else a skip (a failure in CI)."""
    for module in modules:
        if importlib.util.find_spec(module) is None:
            missing(
                module,
                "install the test extras: pip install -e '.[test]'",
                module_level=module_level,
            )


def _require_serve_extra() -> None:
    require("litestar", "uvicorn", "httpx")


def chromium_path() -> str:
    """Debian's chromium, or a skip (a failure in CI)."""
    for candidate in CHROMIUM_CANDIDATES:
        if os.path.exists(candidate):
            return candidate
    found = shutil.which("chromium")
    if found:
        return found
    missing("chromium", "apt-get install -y chromium (the browser tests use Debian's)")
    raise AssertionError("unreachable")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Server:
    """A running ``serve`` process."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, log: Path) -> None:
        self.process = process
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log = log

    @property
    def pid(self) -> int:
        return self.process.pid

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def start_server(tmp: Path, *args: str) -> Server:
    """Start the service as a user does and wait until ``/health`` answers."""
    import httpx

    port = free_port()
    log = tmp / f"serve-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "infopass_rules", "serve", "--port", str(port), *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    server = Server(process, port, log)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"serve exited with {process.returncode}:\n{server.log_text()}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(server.url + "/health", timeout=2).status_code == 200:
                return server
        time.sleep(0.2)
    stop_server(server)
    raise AssertionError(
        f"serve did not answer /health in {STARTUP_SECONDS}s:\n{server.log_text()}"
    )


def stop_server(server: Server) -> int:
    """SIGTERM, as a service manager stops it; SIGKILL if it does not stop within 15 s."""
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=15)
    return server.process.returncode


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    _require_serve_extra()
    running = start_server(tmp_path_factory.mktemp("serve"))
    try:
        yield running
    finally:
        stop_server(running)


@pytest.fixture(scope="session")
def asgi_client() -> Iterator[Any]:
    _require_serve_extra()
    from litestar.testing import TestClient

    from infopass_rules.edges.service import create_app

    with TestClient(create_app(), base_url="http://127.0.0.1") as client:
        yield client


@pytest.fixture(scope="session")
def http_client(server: Server) -> Iterator[Any]:
    import httpx

    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


@pytest.fixture(params=["server", "asgi"])
def client(request: pytest.FixtureRequest) -> Any:
    """An httpx-style client of the service: the real server, or the app in-process."""
    if request.param == "server":
        return request.getfixturevalue("http_client")
    return request.getfixturevalue("asgi_client")


@pytest.fixture(scope="session")
def example_files() -> tuple[Path, Path]:
    from infopass_rules.edges.docket.example import example_docket_files

    return example_docket_files()
