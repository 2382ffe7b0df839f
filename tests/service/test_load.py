"""A bounded load test of the real server: 32 clients at once, 50 requests each (decisions, and a
whole docket every tenth request). No request may fail, every answer must be the right one, and
the server's memory (its RSS, read with psutil on its pid) may not grow by 200 MB or more: a
stateless service that keeps nothing must not keep what it was sent.

Marked ``load`` (slow): CI runs it.
"""

from __future__ import annotations

import concurrent.futures
import datetime as _dt
from pathlib import Path
from typing import Any

import pytest

from tests.service.conftest import Server, require, start_server, stop_server

pytestmark = pytest.mark.load

CLIENTS = 32
REQUESTS_PER_CLIENT = 50
MAX_RSS_GROWTH = 200 * 1024 * 1024


def _case_file(n: int) -> dict[str, Any]:
    outside = _dt.date(2018, 1, 1) + _dt.timedelta(days=n % 300)
    return {
        "case": {
            "receipt_number": f"MSC14{n:08d}",
            "office": "MIA",
            "outside_processing_times_on": outside.isoformat(),
        },
        "history": [{"kind": "inquiry", "on": "2019-01-07", "channel": "INFOPASS"}],
        "as_of": "2019-02-25",
    }


def _docket_body(files: tuple[Path, Path]) -> dict[str, Any]:
    import csv

    cases_path, history_path = files

    def rows(path: Path) -> list[dict[str, str]]:
        with path.open(newline="", encoding="utf-8") as f:
            return [{k: v for k, v in row.items() if v != ""} for row in csv.DictReader(f)]

    return {"cases": rows(cases_path), "history": rows(history_path)}


@pytest.fixture
def own_server(tmp_path: Path) -> Any:
    require("psutil", "httpx", "litestar", "uvicorn")
    running = start_server(tmp_path)
    try:
        yield running
    finally:
        stop_server(running)


def test_32_clients_50_requests_each_no_failure_bounded_memory(
    own_server: Server, example_files: tuple[Path, Path]
) -> None:
    import httpx
    import psutil

    docket = _docket_body(example_files)
    expected_rows = len(docket["cases"])
    process = psutil.Process(own_server.pid)

    def client(k: int) -> list[str]:
        failures = []
        with httpx.Client(base_url=own_server.url, timeout=120) as http:
            for i in range(REQUESTS_PER_CLIENT):
                n = k * REQUESTS_PER_CLIENT + i
                if i % 10 == 9:
                    answer = http.post("/docket?as_of=2019-02-25", json=docket)
                    ok = answer.status_code == 200 and len(answer.json()["rows"]) == expected_rows
                else:
                    body = _case_file(n)
                    answer = http.post("/decide", json=body)
                    ok = (
                        answer.status_code == 200
                        and answer.json()["receipt_number"] == body["case"]["receipt_number"]
                    )
                if not ok:
                    failures.append(
                        f"{answer.request.url}: {answer.status_code} {answer.text[:200]}"
                    )
        return failures

    warm = client(CLIENTS)  # warm up: the first docket loads the rule set's caches
    assert not warm, warm[:5]
    before = process.memory_info().rss
    with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(client, range(CLIENTS)))
    after = process.memory_info().rss
    failures = [f for result in results for f in result]
    assert not failures, failures[:5]
    assert own_server.process.poll() is None, own_server.log_text()
    print(f"server RSS: {before / 2**20:.0f} MiB before, {after / 2**20:.0f} MiB after")
    assert after - before < MAX_RSS_GROWTH, (before, after)
    assert httpx.get(own_server.url + "/health").status_code == 200
