"""Benchmark: the HTTP service beside the integration it replaces, in one run.

A firm's software that wanted a decision before the service ran ``python -m infopass_rules next
CASE.json --json`` once per case: a new process each time (the interpreter, the import, the rule
set loaded, one decision, the JSON printed). The service loads all that once and answers over
HTTP on loopback. This run measures, on this machine:

- ``POST /decide``: requests per second with ``--clients`` concurrent clients (threads, one
  keep-alive connection each) and the latency of one request (p50, p99) from one client alone;
- ``POST /docket`` with a docket of 1,000 cases (the bundled example docket's 40 cases repeated
  under new receipt numbers, their history with them) as JSON: dockets per second and p50/p99;
- the per-case process: ``next CASE.json --json`` run ``--processes`` times: p50/p99 of one
  process, cases per second one after another, and what 1,000 cases cost that way (the median
  times 1,000: the estimate of a docket of 1,000 cases decided the old way).

The server is started as a user starts it (``python -m infopass_rules serve --port N``) and
stopped at the end. Not a test: figures vary by machine; quote the ratios of one run. The last
line is JSON with the figures.

    python benchmarks/bench_service.py
    python benchmarks/bench_service.py --requests 4000 --clients 16 --processes 40
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def _case_file(n: int) -> dict[str, Any]:
    return {
        "case": {
            "receipt_number": f"MSC14{n % 10**8:08d}",
            "office": "MIA",
            "outside_processing_times_on": f"2018-{1 + n % 12:02d}-{1 + n % 28:02d}",
        },
        "history": [{"kind": "inquiry", "on": "2019-01-07", "channel": "INFOPASS"}],
        "as_of": "2019-02-25",
    }


def _docket(cases: int) -> dict[str, Any]:
    """A docket of ``cases`` cases: the example docket's, repeated under new receipt numbers."""
    from infopass_rules.edges.docket.example import example_docket_files

    cases_path, history_path = example_docket_files()

    def rows(path: Path) -> list[dict[str, str]]:
        with path.open(newline="", encoding="utf-8") as f:
            return [{k: v for k, v in r.items() if v != ""} for r in csv.DictReader(f)]

    base_cases, base_history = rows(cases_path), rows(history_path)
    out_cases: list[dict[str, str]] = []
    out_history: list[dict[str, str]] = []
    copy = 0
    while len(out_cases) < cases:
        renumber = {}
        for row in base_cases:
            if len(out_cases) == cases:
                break
            old = row["receipt_number"]
            new = f"{old[:3]}{(int(old[3:]) + copy * 1_000_000) % 10**10:010d}"
            renumber[old] = new
            out_cases.append({**row, "receipt_number": new})
        out_history += [
            {**h, "receipt_number": renumber[h["receipt_number"]]}
            for h in base_history
            if h["receipt_number"] in renumber
        ]
        copy += 1
    return {"cases": out_cases, "history": out_history}


def _start(port: int) -> subprocess.Popen[bytes]:
    import httpx

    server = subprocess.Popen(
        [sys.executable, "-m", "infopass_rules", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def _timed(http: Any, path: str, body: Any) -> float:
    start = time.perf_counter()
    answer = http.post(path, json=body)
    elapsed = time.perf_counter() - start
    if answer.status_code != 200:
        raise SystemExit(f"{path}: {answer.status_code} {answer.text[:300]}")
    return elapsed


def _throughput(url: str, path: str, bodies: list[Any], clients: int) -> float:
    """Requests per second of ``bodies`` sent by ``clients`` threads."""
    import httpx

    chunks = [bodies[k::clients] for k in range(clients)]

    def run(chunk: list[Any]) -> None:
        with httpx.Client(base_url=url, timeout=300) as http:
            for body in chunk:
                _timed(http, path, body)

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        list(pool.map(run, chunks))
    return len(bodies) / (time.perf_counter() - start)


def _latencies(url: str, path: str, bodies: list[Any]) -> list[float]:
    import httpx

    with httpx.Client(base_url=url, timeout=300) as http:
        _timed(http, path, bodies[0])  # a warm connection
        return [_timed(http, path, b) for b in bodies]


def _per_process(runs: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for n in range(runs):
            path = Path(folder) / f"case{n}.json"
            path.write_text(json.dumps(_case_file(n)), encoding="utf-8")
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "infopass_rules", "next", str(path), "--json"],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="/decide requests (load)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--latency", type=int, default=500, help="/decide requests, one client")
    parser.add_argument("--dockets", type=int, default=20, help="/docket requests of 1,000 cases")
    parser.add_argument("--processes", type=int, default=30, help="`next` processes")
    args = parser.parse_args()

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = _start(port)
    try:
        decide_bodies = [_case_file(n) for n in range(args.requests)]
        _throughput(url, "/decide", decide_bodies[:200], args.clients)  # warm up
        decide_rps = _throughput(url, "/decide", decide_bodies, args.clients)
        decide_lat = _latencies(url, "/decide", decide_bodies[: args.latency])
        docket = _docket(1000)
        docket_path = "/docket?as_of=2019-02-25&format=json"
        docket_lat = _latencies(url, docket_path, [docket] * args.dockets)
        docket_rps = _throughput(url, docket_path, [docket] * args.dockets, min(args.clients, 2))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    process_times = _per_process(args.processes)

    ms = 1000.0
    figures = {
        "cpus": os.cpu_count(),
        "decide_rps": round(decide_rps, 1),
        "decide_clients": args.clients,
        "decide_p50_ms": round(statistics.median(decide_lat) * ms, 2),
        "decide_p99_ms": round(_percentile(decide_lat, 0.99) * ms, 2),
        "docket_1000_per_s": round(docket_rps, 2),
        "docket_1000_p50_ms": round(statistics.median(docket_lat) * ms, 1),
        "docket_1000_p99_ms": round(_percentile(docket_lat, 0.99) * ms, 1),
        "next_process_p50_ms": round(statistics.median(process_times) * ms, 1),
        "next_process_p99_ms": round(_percentile(process_times, 0.99) * ms, 1),
        "next_cases_per_s": round(1 / statistics.mean(process_times), 2),
        "next_1000_cases_s": round(statistics.median(process_times) * 1000, 1),
    }
    figures["decide_speedup_vs_next"] = round(
        figures["next_process_p50_ms"] / figures["decide_p50_ms"], 1
    )
    figures["docket_speedup_vs_next"] = round(
        figures["next_1000_cases_s"] * ms / figures["docket_1000_p50_ms"], 1
    )
    print(
        f"POST /decide: {figures['decide_rps']} requests/s with {args.clients} clients; "
        f"one client p50 {figures['decide_p50_ms']} ms, p99 {figures['decide_p99_ms']} ms"
    )
    print(
        f"POST /docket (1,000 cases, JSON): {figures['docket_1000_per_s']} dockets/s; "
        f"p50 {figures['docket_1000_p50_ms']} ms, p99 {figures['docket_1000_p99_ms']} ms"
    )
    print(
        f"`next CASE.json --json`, a process per case: p50 {figures['next_process_p50_ms']} ms, "
        f"p99 {figures['next_process_p99_ms']} ms, {figures['next_cases_per_s']} cases/s; "
        f"1,000 cases ~{figures['next_1000_cases_s']} s"
    )
    print(
        f"one decision: the service {figures['decide_speedup_vs_next']}x faster than a "
        f"process; 1,000 cases: {figures['docket_speedup_vs_next']}x"
    )
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
