"""The service as a firm runs it: ``python -m infopass_rules serve`` from a clean install of
``.[serve]`` alone (no test or development extras beside it), answering on loopback, used as a
system and as a person would use it, then stopped as a service manager stops it (SIGTERM).

Standard library only, so that nothing it needs hides a package the ``serve`` extra lacks. It
checks what each kind of user first does:

- ``GET /health``: the rule set's version, the same as the ``X-Ruleset-Version`` header;
- ``POST /decide``: a decision as JSON; bad input: 422 ``application/problem+json`` naming the
  field;
- ``POST /plan?format=ics``: a calendar (the ``ical`` part of the extra);
- ``POST /`` as the page's form posts it: the firm's own export (``examples/firm``), its
  column mapping, US dates and attorneys, giving the report page with one row per case and its
  calendar.

Run with the environment's Python: ``python .ci/service_smoke.py``. The server runs in a
folder of its own, so it is the installed package that answers, never the clone's source tree.
Exits non-zero on any failure.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIRM = ROOT / "examples" / "firm"
AS_OF = "2026-12-07"


def _expect(holds: bool, what: object) -> None:
    """Fail the run, saying what was got, when ``holds`` is false (plain, so ``-O`` keeps it)."""
    if not holds:
        sys.exit(f"service smoke test failed: {what!r}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _post(url: str, body: bytes, content_type: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, body, {"Content-Type": content_type}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _json(url: str, payload: Any) -> tuple[int, dict[str, str], bytes]:
    return _post(url, json.dumps(payload).encode("utf-8"), "application/json")


def _multipart(fields: dict[str, str], files: dict[str, Path]) -> tuple[bytes, str]:
    """A form as a browser posts it (multipart/form-data)."""
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(head.encode("utf-8") + value.encode("utf-8") + b"\r\n")
    for name, path in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{path.name}"\r\nContent-Type: text/csv\r\n\r\n'
        )
        parts.append(head.encode("utf-8") + path.read_bytes() + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _mapping(table: dict[str, str]) -> str:
    """A TOML table of the firm's columns as the page's text field takes it."""
    return ", ".join(f"{header}={field}" for header, field in table.items())


def _check(base: str) -> None:
    with urllib.request.urlopen(f"{base}/health", timeout=5) as answer:
        health = json.load(answer)
        version = answer.headers["X-Ruleset-Version"]
    _expect(health["status"] == "ok", health)
    _expect(health["ruleset_version"] == version, (health, version))
    print("GET /health:", health)

    case = {
        "receipt_number": "MSC1490012345",
        "office": "MIA",
        "form": "I-485",
        "issue": "CASE_DELAY",
        "received_on": "2015-01-02",
        "outside_processing_times_on": "2016-01-01",
    }
    status, headers, body = _json(
        f"{base}/decide", {"case": case, "history": [], "as_of": "2016-02-01"}
    )
    decision = json.loads(body)
    _expect(status == 200, body)
    _expect((decision["action"], decision["step"]) == ("INQUIRE", 1), decision)
    _expect(headers["x-ruleset-version"] == version, headers)
    print("POST /decide:", decision["action"], "step", decision["step"], decision["earliest"])

    status, headers, body = _json(f"{base}/decide", {"case": {**case, "office": 3}})
    problem = json.loads(body)
    _expect(status == 422, body)
    _expect(headers["content-type"] == "application/problem+json", headers)
    _expect(problem["field"] == "$.case.office", problem)
    print("POST /decide, bad office:", status, problem["detail"])

    plan = {
        "cases": [case],
        "history": [],
        "as_of": AS_OF,
        "attorneys": ["A. Diaz"],
        "start": AS_OF,
    }
    status, headers, body = _json(f"{base}/plan?format=ics", plan)
    _expect(status == 200, body[:300])
    _expect(headers["content-type"].startswith("text/calendar"), headers)
    _expect(body.startswith(b"BEGIN:VCALENDAR"), body[:300])
    _expect(b"BEGIN:VEVENT" in body, body[:300])
    print("POST /plan?format=ics:", body.count(b"BEGIN:VEVENT"), "events")

    columns = tomllib.loads((FIRM / "columns.toml").read_text("utf-8"))
    form, content_type = _multipart(
        {
            "as_of": AS_OF,
            "columns": _mapping(columns["columns"]),
            "history_columns": _mapping(columns["history_columns"]),
            "date_format": "us",
            "attorneys": "J. Alvarez, R. Chen",
        },
        {"cases": FIRM / "cases.csv", "history": FIRM / "history.csv"},
    )
    status, headers, body = _post(f"{base}/", form, content_type)
    page = body.decode("utf-8")
    _expect(status == 200, page[:2000])
    cases = len((FIRM / "cases.csv").read_text("utf-8").strip().splitlines()) - 1
    rows = page.count(" data-order=")  # one report row per case, errors included
    _expect(rows == cases, f"{rows} rows for {cases} cases")
    _expect('id="download-ics"' in page, "no calendar to download")
    _expect('id="download-csv"' in page, "no CSV to download")
    print(f"POST / (the page, the firm's export): {rows} rows for {cases} cases, a calendar")


def main() -> int:
    away = tempfile.mkdtemp()  # not the clone: python -m puts the working folder on the path
    where = subprocess.run(
        [sys.executable, "-c", "import infopass_rules; print(infopass_rules.__file__)"],
        cwd=away,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    installed = "site-packages" in Path(where).parts
    _expect(installed, f"not the installed package but the clone's source answers: {where}")
    print("the installed package:", where)
    port = _free_port()
    command = [sys.executable, "-m", "infopass_rules", "serve", "--port", str(port)]
    server = subprocess.Popen(command, cwd=away)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/health", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None:
                    sys.exit(f"serve exited with {server.returncode}")
                time.sleep(0.2)
        else:
            sys.exit("serve did not answer /health within 60 s")
        _check(base)
    finally:
        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=30)
    # uvicorn shuts down gracefully, then ends by the signal it caught, as a service should.
    print("serve stopped with status", code)
    return 0 if code in (0, -signal.SIGTERM) else 1


if __name__ == "__main__":
    sys.exit(main())
