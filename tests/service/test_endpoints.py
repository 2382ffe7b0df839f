"""Every endpoint of the service and every kind of error, against the real server (over HTTP on
127.0.0.1) and the same app in-process: the answers are the library's own, bad input is a 422
problem naming its field, and every answer carries ``X-Ruleset-Version``."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import infopass_rules as ir
from infopass_rules.edges.json import dump_history, to_jsonable

PROBLEM = "application/problem+json"
AS_OF = "2019-02-25"
CASE: dict[str, Any] = {
    "receipt_number": "MSC1490012345",
    "office": "MIA",
    "outside_processing_times_on": "2018-12-03",
}


def _schema(name: str) -> dict[str, Any]:
    from infopass_rules.edges.service.schemas import schema

    return schema(name)


def assert_problem(response: Any, status: int, field: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    assert response.headers["x-ruleset-version"] == ir.RULESET_VERSION
    body: dict[str, Any] = response.json()
    jsonschema.validate(body, _schema("problem"))
    assert body["status"] == status
    if field is not None:
        assert body["field"] == field, body
    return body


def expected_decision(document: dict[str, Any]) -> dict[str, Any]:
    case = ir.loads(json.dumps(document["case"]), ir.Case)
    from infopass_rules.edges.json import load_history

    history = load_history(document.get("history", []))
    decision = ir.next_action(case, history, as_of=_dt.date.fromisoformat(document["as_of"]))
    result: dict[str, Any] = json.loads(ir.dumps(decision))
    return result


# --- GET ---------------------------------------------------------------------------------------


def test_health_names_the_rule_set(client: Any) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "version": ir.__version__,
        "ruleset_version": ir.RULESET_VERSION,
    }
    assert response.headers["x-ruleset-version"] == ir.RULESET_VERSION


def test_rules_are_the_rule_sets_own(client: Any) -> None:
    response = client.get("/rules")
    assert response.status_code == 200
    rules = response.json()
    assert [r["id"] for r in rules] == list(ir.RULES)
    validator = jsonschema.Draft202012Validator(_schema("Rule"))
    for rule in rules:
        validator.validate(rule)


def test_one_rule_by_id_and_an_unknown_one(client: Any) -> None:
    rule_id = next(iter(ir.RULES))
    response = client.get(f"/rules/{rule_id}")
    assert response.status_code == 200
    assert response.json() == to_jsonable(ir.RULES[rule_id])
    body = assert_problem(client.get("/rules/NO-SUCH-RULE"), 404, "rule_id")
    assert body["value"] == "NO-SUCH-RULE"


def test_sources_are_every_source(client: Any) -> None:
    response = client.get("/sources")
    assert response.status_code == 200
    assert [s["id"] for s in response.json()] == list(ir.SOURCES)


def test_every_schema_is_a_valid_2020_12_schema(client: Any) -> None:
    from infopass_rules.edges.service.schemas import SCHEMA_NAMES

    for name in SCHEMA_NAMES:
        response = client.get(f"/schemas/{name}")
        assert response.status_code == 200, name
        jsonschema.Draft202012Validator.check_schema(response.json())
    # the library's schemas are served as json_schema builds them: one source of truth
    assert client.get("/schemas/Decision").json() == ir.json_schema(ir.Decision)
    assert client.get("/schemas/Case.json").json() == ir.json_schema(ir.Case)
    assert_problem(client.get("/schemas/Nope"), 404, "name")


def test_the_case_file_schema_takes_kind_tagged_history_the_inquiry_schema_rejects() -> None:
    item = {"kind": "inquiry", "on": "2019-01-07", "channel": "INFOPASS"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(dict(item.items()), ir.json_schema(ir.Inquiry))
    document = {"case": CASE, "history": [item], "as_of": AS_OF}
    jsonschema.validate(document, _schema("case_file"))
    bad = {**document, "history": [{**item, "kind": "phone call"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, _schema("case_file"))


def test_openapi_is_3_1_with_every_path_and_the_library_schemas(client: Any) -> None:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"] == "3.1.0"
    assert set(document["paths"]) >= {
        "/decide",
        "/docket",
        "/record",
        "/plan",
        "/rules",
        "/rules/{rule_id}",
        "/sources",
        "/schemas/{name}",
        "/openapi.json",
        "/health",
        "/",
    }
    components = document["components"]["schemas"]
    decision = {
        k: v
        for k, v in ir.json_schema(ir.Decision).items()
        if k not in ("$schema", "$id", "title", "$defs")
    }
    assert json.dumps(components["Decision"]).replace(
        "#/components/schemas/", "#/$defs/"
    ) == json.dumps(decision)
    assert "no $defs left behind", "#/$defs/" not in json.dumps(document)


def test_unknown_path_and_wrong_method_are_problems(client: Any) -> None:
    assert_problem(client.get("/no/such/thing"), 404)
    body = assert_problem(client.get("/decide"), 405)
    assert "allowed" in body["title"]


# --- POST /decide ------------------------------------------------------------------------------


def test_decide_answers_the_librarys_decision(client: Any) -> None:
    document = {
        "case": CASE,
        "history": [{"kind": "inquiry", "on": "2019-01-07", "channel": "INFOPASS"}],
        "as_of": AS_OF,
    }
    response = client.post("/decide", json=document)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-ruleset-version"] == ir.RULESET_VERSION
    assert response.json() == expected_decision(document)
    jsonschema.validate(response.json(), ir.json_schema(ir.Decision))


@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_decide_is_allowed_from_its_earliest_day_not_the_day_before(
    client: Any, offset: int
) -> None:
    first = client.post("/decide", json={"case": CASE, "as_of": AS_OF}).json()
    earliest = _dt.date.fromisoformat(first["earliest"])
    day = earliest + _dt.timedelta(days=offset)
    decision = client.post("/decide", json={"case": CASE, "as_of": day.isoformat()}).json()
    assert decision["as_of"] == day.isoformat()
    assert decision["earliest"] == first["earliest"]
    assert decision["allowed"] is (offset >= 0)


def test_decide_without_as_of_decides_as_of_today(client: Any) -> None:
    decision = client.post("/decide", json={"case": CASE}).json()
    assert decision["as_of"] in {
        (_dt.date.today() + _dt.timedelta(days=d)).isoformat() for d in (-1, 0)
    }


@pytest.mark.parametrize(
    ("body", "field", "kind"),
    [
        (b"{", None, "InvalidData"),
        (b"[]", "$", "InvalidData"),
        (b'{"case": {}, "extra": 1}', "$", "InvalidData"),
        (
            b'{"case": {"receipt_number": "MSC123", "office": "MIA"}}',
            "$.case.receipt_number",
            "InvalidReceiptNumber",
        ),
        (
            b'{"case": {"receipt_number": "MSC1490012345", "office": "Atlantis"}}',
            "$.case.office",
            "UnknownOffice",
        ),
        (
            b'{"case": {"receipt_number": "MSC1490012345", "office": "MIA"},'
            b' "as_of": "2019-02-30"}',
            "$.as_of",
            "InvalidValue",
        ),
        (
            b'{"case": {"receipt_number": "MSC1490012345", "office": "MIA"}, "as_of": 20190225}',
            "$.as_of",
            "InvalidValue",
        ),
        (
            b'{"case": {"receipt_number": "MSC1490012345", "office": "MIA"},'
            b' "history": [{"on": "2019-01-07", "channel": "INFOPASS"}]}',
            "$.history[0].kind",
            "InvalidData",
        ),
        (
            b'{"case": {"receipt_number": "MSC1490012345", "office": "MIA", "pressing": '
            + b"9" * 5000
            + b"}}",
            "$.case.pressing",
            "InvalidData",
        ),
        (b"[" * 100_000 + b"]" * 100_000, None, "InvalidData"),
        (b'{"case": 1e999}', "$.case", "InvalidData"),
        (b'{"case": "\xff\xfe"}', None, "InvalidData"),
        (b'{"case": {"receipt_number": "MSC1490012345", "office": "MIA"}}', None, "MissingFact"),
    ],
    ids=[
        "malformed",
        "not-an-object",
        "unknown-key",
        "receipt",
        "office",
        "impossible-day",
        "day-as-number",
        "history-without-kind",
        "huge-number",
        "deep-nesting",
        "infinity",
        "not-utf8",
        "missing-fact",
    ],
)
def test_decide_bad_input_is_a_422_problem_naming_the_field(
    client: Any, body: bytes, field: str | None, kind: str
) -> None:
    response = client.post("/decide", content=body, headers={"content-type": "application/json"})
    problem = assert_problem(response, 422)
    assert problem["kind"] == kind
    if field is not None:
        assert problem["field"] == field
    assert problem["detail"]
    assert len(response.content) < 10_000  # a problem never echoes a huge input back


def test_decide_wrong_content_type_is_415(client: Any) -> None:
    response = client.post(
        "/decide", content=b"case=1", headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert_problem(response, 415)
    assert_problem(client.post("/decide", content=b"{}"), 415)


def test_a_body_over_the_limit_is_413(client: Any) -> None:
    from infopass_rules.edges.service import DEFAULT_MAX_BODY_BYTES

    big = b'{"case": "' + b"x" * DEFAULT_MAX_BODY_BYTES + b'"}'
    body = assert_problem(
        client.post("/decide", content=big, headers={"content-type": "application/json"}), 413
    )
    assert body["limit"] == DEFAULT_MAX_BODY_BYTES


def test_the_limit_is_configurable(asgi_client: Any) -> None:
    from litestar.testing import TestClient

    from infopass_rules.edges.service import create_app

    with TestClient(create_app(max_body_bytes=2048)) as small:
        ok = small.post("/decide", json={"case": CASE, "as_of": AS_OF})
        assert ok.status_code == 200
        over = small.post(
            "/decide", content=b" " * 2049, headers={"content-type": "application/json"}
        )
        assert_problem(over, 413)
        assert over.json()["limit"] == 2048


@pytest.mark.parametrize("size", [0, 1023, -5, True, "10"])
def test_create_app_refuses_a_limit_that_is_no_size(asgi_client: Any, size: object) -> None:
    from infopass_rules.edges.service import create_app

    with pytest.raises(ir.InvalidValue, match="max_body_bytes"):
        create_app(max_body_bytes=size)  # type: ignore[arg-type]


# --- POST /docket ------------------------------------------------------------------------------


def _upload(files: tuple[Path, Path]) -> dict[str, Any]:
    cases, history = files
    return {
        "cases": (cases.name, cases.read_bytes(), "text/csv"),
        "history": (history.name, history.read_bytes(), "text/csv"),
    }


def _example_report() -> Any:
    from infopass_rules.edges.docket.example import EXAMPLE_AS_OF

    return ir.decide_docket(ir.example_docket(), as_of=EXAMPLE_AS_OF)


def test_docket_upload_is_the_librarys_report(
    client: Any, example_files: tuple[Path, Path]
) -> None:
    response = client.post(f"/docket?as_of={AS_OF}&format=json", files=_upload(example_files))
    assert response.status_code == 200, response.text
    document = response.json()
    expected = _example_report()
    assert document["as_of"] == AS_OF
    assert document["ruleset_version"] == ir.RULESET_VERSION
    assert len(document["rows"]) == len(expected.rows())
    assert [r["receipt_number"] for r in document["rows"]] == [
        r["receipt_number"] for r in expected.rows()
    ]
    assert document["counts"] == {a.name: n for a, n in expected.counts.items()}


def test_docket_csv_and_html(client: Any, example_files: tuple[Path, Path]) -> None:
    csv_answer = client.post(f"/docket?as_of={AS_OF}&format=csv", files=_upload(example_files))
    assert csv_answer.status_code == 200
    assert csv_answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv_answer.headers["content-disposition"]
    assert csv_answer.text.splitlines()[0].startswith("receipt_number")
    assert len(csv_answer.text.splitlines()) >= 41
    html_answer = client.post(f"/docket?as_of={AS_OF}&format=html", files=_upload(example_files))
    assert html_answer.status_code == 200
    assert html_answer.headers["content-type"].startswith("text/html")
    assert "MSC1891000001" in html_answer.text


def test_docket_as_json_keeps_a_bad_row_as_its_error(client: Any) -> None:
    body = {
        "cases": [CASE, {"receipt_number": "NOPE", "office": "MIA"}],
        "history": [
            {
                "receipt_number": CASE["receipt_number"],
                "kind": "inquiry",
                "on": "2019-01-07",
                "channel": "INFOPASS",
            }
        ],
    }
    response = client.post(f"/docket?as_of={AS_OF}", json=body)
    assert response.status_code == 200, response.text
    rows = response.json()["rows"]
    assert len(rows) == 2
    assert rows[0]["error"] is None
    assert rows[0]["action"]
    assert rows[1]["error"]
    assert "cases.jsonl:2" in rows[1]["error"]


def test_docket_form_fields_map_the_firms_columns(client: Any) -> None:
    cases = b"A-Number,Field Office,outside_processing_times_on\nMSC1490012345,MIA,2018-12-03\n"
    response = client.post(
        f"/docket?as_of={AS_OF}",
        files={"cases": ("export.csv", cases, "text/csv")},
        data={"columns": "A-Number=receipt_number, Field Office=office"},
    )
    assert response.status_code == 200, response.text
    (row,) = response.json()["rows"]
    assert row["error"] is None
    assert row["action"] == "INQUIRE"


@pytest.mark.parametrize(
    ("query", "body", "field"),
    [
        ("?format=xml", {"cases": []}, "format"),
        ("?format=json&format=csv", {"cases": []}, "format"),
        ("?as_of=2019-13-01", {"cases": []}, "as_of"),
        ("?as_of=yesterday", {"cases": []}, "as_of"),
        ("", {"history": []}, "$"),
        ("", {"cases": {}}, "$.cases"),
        ("", {"cases": [], "columns": 5}, "columns"),
        ("", {"cases": [], "sheets": 5}, "$"),
    ],
)
def test_docket_bad_request_is_a_422_problem(
    client: Any, query: str, body: Any, field: str
) -> None:
    assert_problem(client.post(f"/docket{query}", json=body), 422, field)


def test_docket_upload_without_cases_and_of_another_type(client: Any) -> None:
    assert_problem(
        client.post("/docket", files={"history": ("h.csv", b"x", "text/csv")}), 422, "cases"
    )
    assert_problem(
        client.post("/docket", content=b"a,b", headers={"content-type": "text/csv"}), 415
    )


def test_docket_malformed_multipart_is_no_500(client: Any) -> None:
    response = client.post(
        "/docket",
        content=b'--xyz\r\nContent-Disposition: form-data; name="cases"\r\n\r\nabc',
        headers={"content-type": "multipart/form-data; boundary=xyz"},
    )
    assert_problem(response, 422, "body")
    no_boundary = client.post(
        "/docket", content=b"--b\r\n", headers={"content-type": "multipart/form-data"}
    )
    assert "boundary" in assert_problem(no_boundary, 422, "body")["detail"]
    too_many = {f"field{i}": "x" for i in range(1001)}
    over = client.post("/docket", files={"cases": ("c.csv", b"a", "text/csv")}, data=too_many)
    assert_problem(over, 422, "body")


# --- POST /record and /plan --------------------------------------------------------------------


def test_record_in_html_and_markdown(client: Any) -> None:
    document = {"case": CASE, "as_of": AS_OF}
    html_answer = client.post("/record?format=html", json=document)
    assert html_answer.status_code == 200, html_answer.text
    assert html_answer.headers["content-type"].startswith("text/html")
    record = ir.escalation_record(
        ir.loads(json.dumps(CASE), ir.Case), as_of=_dt.date.fromisoformat(AS_OF)
    )
    assert html_answer.text == record.to_html()
    markdown = client.post("/record?format=markdown", json=document)
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text == record.to_markdown()


def test_record_from_the_pages_form_field(client: Any) -> None:
    document = json.dumps({"case": CASE, "as_of": AS_OF})
    response = client.post("/record", data={"case_file": document})
    assert response.status_code == 200, response.text
    assert "MSC1490012345" in response.text
    assert_problem(client.post("/record", data={"other": "x"}), 422, "case_file")


def test_record_to_a_recipient_or_a_clear_refusal(client: Any) -> None:
    import inspect

    supported = "to" in inspect.signature(ir.escalation_record).parameters
    response = client.post("/record?to=ombudsman", json={"case": CASE, "as_of": AS_OF})
    if supported:
        assert response.status_code == 200, response.text
    else:
        assert_problem(response, 422, "to")
    assert_problem(client.post("/record?to=press", json={"case": CASE}), 422, "to")
    assert_problem(client.post("/record?format=pdf", json={"case": CASE}), 422, "format")


def _plan_body() -> dict[str, Any]:
    report = _example_report()
    docket = ir.example_docket()
    cases = [to_jsonable(c) for c in docket.cases]
    history = [
        {"receipt_number": number, **item}
        for number, items in docket.history.items()
        for item in dump_history(items)
    ]
    return {
        "cases": cases,
        "history": history,
        "as_of": report.as_of.isoformat(),
        "attorneys": ["Ana Diaz", "Ben Cho"],
        "start": report.as_of.isoformat(),
    }


def test_plan_as_json_and_as_a_calendar(client: Any) -> None:
    body = _plan_body()
    response = client.post("/plan?format=json", json=body)
    assert response.status_code == 200, response.text
    plan = response.json()
    assert "appointments" in plan
    calendar = client.post("/plan?format=ics", json=body)
    assert calendar.status_code == 200, calendar.text
    assert calendar.headers["content-type"].startswith("text/calendar")
    assert calendar.text.startswith("BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"attorneys": []}, "attorneys"),
        ({"attorneys": "Ana"}, "attorneys"),
        ({"attorneys": None}, "attorneys"),
        ({"horizon_days": 0}, "horizon_days"),
        ({"horizon_days": 10**9}, "horizon_days"),
        ({"start": "soon"}, "start"),
    ],
)
def test_plan_bad_request_is_a_422_problem(client: Any, change: dict[str, Any], field: str) -> None:
    body = {**_plan_body(), **change}
    if change.get("attorneys", "") is None:
        del body["attorneys"]
    assert_problem(client.post("/plan", json=body), 422, field)


# --- the page, without a browser ---------------------------------------------------------------


def test_the_page_is_a_form_without_scripts(client: Any) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert 'enctype="multipart/form-data"' in response.text
    assert "<script" not in response.text


def test_the_page_reports_the_upload_today_first(
    client: Any, example_files: tuple[Path, Path]
) -> None:
    response = client.post("/", files=_upload(example_files), data={"as_of": AS_OF})
    assert response.status_code == 200, response.text
    page = response.text
    for row in _example_report().rows():
        if row["receipt_number"]:
            assert row["receipt_number"] in page
    states = [part.split('"', 1)[0] for part in page.split('<tr class="')[1:]]
    order = {"overdue": 0, "today": 0, "waiting": 1, "nothing": 2, "error": 3}
    ranks = [order[s] for s in states if s in order]
    assert ranks == sorted(ranks)
    assert ranks[0] == 0
    assert 'id="download-csv"' in page
    assert 'action="record?format=html"' in page
    # the report's own HTML: its words, and its one sorting script allowed by its hash only
    assert "overdue since " in page
    assert "CONTACT_CENTER, E_REQUEST" not in page
    import base64
    import hashlib
    import re

    (script,) = re.findall(r"<script>(.*?)</script>", page, re.S)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert response.headers["content-security-policy"].endswith(f"script-src 'sha256-{digest}'")


def test_the_page_escapes_what_the_files_hold(client: Any) -> None:
    cases = b'receipt_number,office\n"<script>alert(1)</script>",MIA\n'
    response = client.post(
        "/", files={"cases": ("c.csv", cases, "text/csv")}, data={"as_of": AS_OF}
    )
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;" in response.text


def test_the_page_shows_a_problem_as_a_page(client: Any) -> None:
    response = client.post(
        "/", files={"cases": ("c.csv", b"a,b\n1,2\n", "text/csv")}, data={"as_of": "2019-02-31"}
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "could not be read" in response.text
    assert response.headers["x-ruleset-version"] == ir.RULESET_VERSION


def test_the_page_carries_the_firms_own_columns(client: Any) -> None:
    cases = (
        b"receipt_number,office,outside_processing_times_on,Client\n"
        b"MSC1490012345,MIA,2018-12-03,Ana <Perez>\n"
    )
    response = client.post(
        "/", files={"cases": ("c.csv", cases, "text/csv")}, data={"as_of": AS_OF}
    )
    assert response.status_code == 200, response.text
    assert '<th scope="col">Client</th>' in response.text
    assert "Ana &lt;Perez&gt;" in response.text


def test_docket_upload_with_the_firms_date_format(client: Any) -> None:
    cases = b"Receipt,Office,Outside since\nMSC1490012345,MIA,12/03/2018\n"
    columns = "Receipt=receipt_number, Office=office, Outside since=outside_processing_times_on"
    upload = {"cases": ("export.csv", cases, "text/csv")}
    response = client.post(
        f"/docket?as_of={AS_OF}", files=upload, data={"columns": columns, "date_format": "us"}
    )
    assert response.status_code == 200, response.text
    (row,) = response.json()["rows"]
    assert row["error"] is None
    assert row["earliest"] == "2018-12-03"
    # without the format, a US date is never guessed: the row says what to pass
    guessed = client.post(f"/docket?as_of={AS_OF}", files=upload, data={"columns": columns})
    assert guessed.status_code == 200
    (row,) = guessed.json()["rows"]
    assert row["action"] is None
    assert "date_format" in row["error"]


def test_plan_from_an_upload_with_its_form_fields(
    client: Any, example_files: tuple[Path, Path]
) -> None:
    response = client.post(
        "/plan?format=json",
        files=_upload(example_files),
        data={
            "attorneys": "Ana Diaz, Ben Cho",
            "as_of": AS_OF,
            "start": "2019-02-26",
            "horizon_days": "30",
        },
    )
    assert response.status_code == 200, response.text
    plan = response.json()
    days = [a["on"] for a in plan["appointments"]] + [c["on"] for c in plan["calls"]]
    assert days
    assert min(days) >= "2019-02-26"
    assert max(days) <= "2019-03-28"
    missing_attorneys = client.post("/plan", files=_upload(example_files), data={"as_of": AS_OF})
    assert_problem(missing_attorneys, 422, "attorneys")


def test_plan_keeps_each_cases_own_attorney_column(client: Any) -> None:
    body = {
        "cases": [{**CASE, "Attorney": "Ben Cho"}],
        "as_of": AS_OF,
        "attorneys": ["Ana Diaz", "Ben Cho"],
        "attorney_column": "Attorney",
        "horizon_days": 60,
    }
    response = client.post("/plan", json=body)
    assert response.status_code == 200, response.text
    plan = response.json()
    held = [a["attorney"] for a in plan["appointments"]] + [c["attorney"] for c in plan["calls"]]
    assert held == ["Ben Cho"]
    assert_problem(
        client.post("/plan", json={**body, "attorney_column": " "}), 422, "attorney_column"
    )


def test_form_fields_given_twice_or_of_the_wrong_kind(client: Any) -> None:
    twice = [
        ("cases", ("a.csv", b"receipt_number,office\n", "text/csv")),
        ("cases", ("b.csv", b"receipt_number,office\n", "text/csv")),
    ]
    assert_problem(client.post("/docket", files=twice), 422, "cases")
    as_file = {
        "cases": ("a.csv", b"receipt_number,office\n", "text/csv"),
        "columns": ("m.txt", b"A=office", "text/plain"),
    }
    assert_problem(client.post("/docket", files=as_file), 422, "columns")


def test_the_cases_as_a_text_field_and_an_empty_history(client: Any) -> None:
    cases = "receipt_number,office,outside_processing_times_on\nMSC1490012345,MIA,2018-12-03\n"
    response = client.post(
        f"/docket?as_of={AS_OF}",
        data={"cases": cases},
        files={"history": ("", b"", "application/octet-stream")},
    )
    assert response.status_code == 200, response.text
    (row,) = response.json()["rows"]
    assert row["action"] == "INQUIRE"


def test_a_fault_of_the_service_is_a_500_without_its_traceback(
    monkeypatch: pytest.MonkeyPatch, asgi_client: Any
) -> None:
    from litestar.testing import TestClient

    from infopass_rules.edges.service import app as service_app
    from infopass_rules.edges.service import create_app

    def broken(report: Any, fmt: str) -> str:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(service_app, "render_report", broken)
    with TestClient(create_app()) as fresh:
        response = fresh.post(f"/docket?as_of={AS_OF}", json={"cases": [CASE]})
    body = assert_problem(response, 500)
    assert "secret" not in response.text
    assert "log" in body["detail"]


def test_plan_as_of_given_in_the_query_and_the_body_is_refused(client: Any) -> None:
    body = {"cases": [CASE], "as_of": AS_OF, "attorneys": ["Ana Diaz"]}
    assert_problem(client.post(f"/plan?as_of={AS_OF}", json=body), 422, "as_of")
    assert_problem(client.post("/plan", json={**body, "as_of": "2019-02-29"}), 422, "as_of")


def test_library_pages_allow_their_own_scripts_only(
    client: Any, example_files: tuple[Path, Path]
) -> None:
    import base64
    import hashlib
    import re

    answer = client.post(f"/docket?as_of={AS_OF}&format=html", files=_upload(example_files))
    policy = answer.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    for script in re.findall(r"<script>(.*?)</script>", answer.text, re.S):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "unsafe-inline'; script" not in policy  # scripts only by hash
    record = client.post("/record", json={"case": CASE, "as_of": AS_OF})
    assert "script-src" not in record.headers["content-security-policy"]
