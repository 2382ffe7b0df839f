"""The ASGI application: :func:`build_app` wires the routes of the service to the library.

Every handler reads its input with :mod:`~infopass_rules.edges.service.inputs` (bad input is a
library error), runs the library in a worker thread (deciding a docket is CPU work: the event loop
stays free for ``/health``) and answers with the library's own JSON or text. The exception
handlers turn every error into a problem (RFC 9457): a library error is 422 with its field, value
and expected; an HTTP condition (404, 405, 413, 415) its own status; anything else 500 with no
detail (the traceback goes to the log, never to the client). A ``before_send`` hook puts
``X-Ruleset-Version`` on every answer, errors included.

The service keeps nothing between requests: no session, no cache of input, no file written.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import anyio.to_thread
from litestar import Litestar, MediaType, Request, Response, get, post
from litestar.datastructures import MutableScopeHeaders, UploadFile
from litestar.exceptions import HTTPException

import infopass_rules.edges.service.inputs as inputs
from infopass_rules.edges.service.limits import (
    DEFAULT_MAX_BODY_BYTES,
    MAX_ATTORNEYS,
    MAX_HORIZON_DAYS,
)
from infopass_rules.edges.service.problems import (
    PROBLEM_JSON,
    Problem,
    from_library_error,
    problem,
)
from infopass_rules.errors import InfopassRulesError, InvalidData, InvalidValue

if TYPE_CHECKING:
    from litestar.types import Message, Scope

    from infopass_rules.edges.docket.model import DocketReport
    from infopass_rules.times.table import ProcessingTimes

__all__ = ["DEFAULT_MAX_BODY_BYTES", "build_app"]


_JSON = "application/json"
_MULTIPART = "multipart/form-data"
_FORM = "application/x-www-form-urlencoded"
_REPORT_FORMATS = ("json", "csv", "html")
_RECORD_FORMATS = ("html", "markdown")
_RECORD_TO = ("fod", "ombudsman", "congress")
_PLAN_FORMATS = ("json", "ics")
#: The most parts a form may have (Litestar's default, said in errors).
_MAX_FORM_PARTS = 1000
_log = logging.getLogger("infopass_rules.service")

T = TypeVar("T")


def _json_response(content: str | bytes, status: int = 200) -> Response[bytes]:
    body = content.encode("utf-8") if isinstance(content, str) else content
    return Response(body, status_code=status, media_type=MediaType.JSON)


def _problem_response(doc: Problem, headers: dict[str, str] | None = None) -> Response[bytes]:
    body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    return Response(body, status_code=int(doc["status"]), media_type=PROBLEM_JSON, headers=headers)


def _on_library_error(_: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
    assert isinstance(exc, InfopassRulesError)
    return _problem_response(from_library_error(exc))


def _on_http_error(request: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    if status == 413:
        limit = request.app.state.get("max_body_bytes")
        detail = f"The request body is larger than the limit of {limit} bytes."
        return _problem_response(problem(413, detail, limit=limit))
    if status >= 500:
        return _on_unexpected(request, exc)
    headers = dict(exc.headers or {})  # 405: Allow
    return _problem_response(problem(status, str(exc.detail)), headers=headers)


def _on_unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
    _log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return _problem_response(problem(500, "The service failed; the error is in its log."))


def _content_type(request: Request[Any, Any, Any], accepted: tuple[str, ...]) -> str:
    media, _ = request.content_type
    media = media.lower()
    if media not in accepted:
        raise HTTPException(
            status_code=415,
            detail=f"The body must be {' or '.join(accepted)}; got {media or 'no Content-Type'}.",
        )
    return media


async def _thread(fn: Callable[[], T]) -> T:
    return await anyio.to_thread.run_sync(fn)


async def _form(request: Request[Any, Any, Any]) -> dict[str, list[object]]:
    """The form's fields, each a list of values (text, or an upload's bytes and name)."""
    expected = f"a {_MULTIPART} body of at most {_MAX_FORM_PARTS} parts"
    try:
        form = await request.form()
    except HTTPException as exc:
        if exc.status_code == 413:  # the body is over the limit: said as such
            raise
        # a malformed form (no boundary, broken framing, too many parts) is bad input
        raise InvalidData(
            f"is not a valid form body ({exc.detail})", field="body", expected=expected
        ) from None
    except Exception as exc:  # whatever the parser trips on is bad input, never a 500
        raise InvalidData(
            f"is not a valid form body ({type(exc).__name__})", field="body", expected=expected
        ) from None
    fields: dict[str, list[object]] = {}
    for key, value in form.multi_items():
        fields.setdefault(key, []).append(value)
    return fields


def _one(fields: dict[str, list[object]], name: str) -> object:
    values = fields.get(name, [])
    if len(values) > 1:
        raise InvalidValue("is given more than once", field=name, expected="one value")
    return values[0] if values else None


def _text_field(fields: dict[str, list[object]], name: str) -> str | None:
    value = _one(fields, name)
    if value is None:
        return None
    if isinstance(value, UploadFile):
        raise InvalidValue("is a file, not a text field", field=name, expected="text")
    return str(value)


async def _file_field(fields: dict[str, list[object]], name: str) -> io.BytesIO | None:
    """The file uploaded as ``name`` (or a text field holding a file's text), named for the
    docket reader. A browser sends a file input left empty as a part with no file name and no
    content: that is no file."""
    value = _one(fields, name)
    data, filename = b"", None
    if isinstance(value, UploadFile):
        data, filename = await value.read(), value.filename
    elif value is not None:
        data = str(value).encode("utf-8", "surrogatepass")
    if value is None or (not data and not filename):
        return None
    return inputs.named_upload(data, filename, f"{name}.csv" if filename else name)


async def _docket_input(
    request: Request[Any, Any, Any], extra: dict[str, Callable[[object], object]] | None = None
) -> tuple[inputs.DocketInput, dict[str, object], list[object]]:
    """The docket of a JSON or multipart request, the ``extra`` fields and the ``as_of``
    values of the form (a form may carry its day as a field)."""
    media = _content_type(request, (_JSON, _MULTIPART))
    if media == _JSON:
        raw = await request.body()
        got, checked = inputs.docket_from_json(raw, extra=extra)
        return got, checked, []
    fields = await _form(request)
    cases = await _file_field(fields, "cases")
    if cases is None:
        raise InvalidValue("is missing", field="cases", expected="a CSV or JSON Lines file")
    history = await _file_field(fields, "history")
    options = inputs.reader_options(
        {k: _text_field(fields, k) for k in ("columns", "history_columns", "date_format")}
    )
    checked = {}
    for key, check in (extra or {}).items():
        text = _text_field(fields, key)
        if text is not None and text != "":
            checked[key] = check(text)
    return (cases, history, options), checked, list(fields.get("as_of", []))


def _decide(
    docket_input: inputs.DocketInput, as_of: _dt.date, times: ProcessingTimes | None
) -> DocketReport:
    from infopass_rules.edges.docket import decide_docket, read_docket

    cases, history, options = docket_input
    docket = read_docket(cases, history, **options)
    return decide_docket(docket, as_of=as_of, processing_times=times)


def render_report(report: DocketReport, fmt: str) -> str:
    """The report in ``fmt`` (json: one document, csv, html: a self-contained page), as the
    report renders itself (the ``docket --format`` outputs)."""
    return report.render(fmt)


def _report_response(report: DocketReport, fmt: str) -> Response[bytes]:
    text = render_report(report, fmt)
    day = report.as_of.isoformat()
    if fmt == "csv":
        return Response(
            text.encode("utf-8"),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="docket-{day}.csv"'},
        )
    if fmt == "html":
        from infopass_rules.edges.service.page import document_headers

        return Response(
            text.encode("utf-8"),
            media_type="text/html; charset=utf-8",
            headers=document_headers(text),
        )
    return _json_response(text)


def _attorneys_json(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise InvalidValue(
            "is not a list of names", field="attorneys", value=value, expected='["A", "B"]'
        )
    return _attorneys(value)


def _attorneys(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        names = [a.strip() for a in value.split(",") if a.strip()]
    elif isinstance(value, list) and all(isinstance(a, str) for a in value):
        names = [a.strip() for a in value if a.strip()]
    else:
        raise InvalidValue(
            "is not a list of names",
            field="attorneys",
            value=value,
            expected='["A", "B"] (JSON) or "A,B" (a form field)',
        )
    if not names or len(names) > MAX_ATTORNEYS:
        raise InvalidValue(
            "must name at least one attorney",
            field="attorneys",
            value=value,
            expected=f"1 to {MAX_ATTORNEYS} names",
        )
    return tuple(names)


def _horizon(value: object) -> int:
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 6:
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_HORIZON_DAYS:
        raise InvalidValue(
            "is not a number of days",
            field="horizon_days",
            value=value,
            expected=f"an integer from 1 to {MAX_HORIZON_DAYS}",
        )
    return value


def _attorney_column(value: object) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        raise InvalidValue(
            "is not a column name",
            field="attorney_column",
            value=value,
            expected="the name of a carried column of the case file",
        )
    return value.strip()


def build_app(
    *, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES, processing_times: ProcessingTimes | None = None
) -> Litestar:
    """The service's ASGI app (see :func:`infopass_rules.edges.service.create_app`)."""
    import infopass_rules.edges.service.page as page
    from infopass_rules._version import __version__
    from infopass_rules.edges.json import to_jsonable
    from infopass_rules.edges.service.schemas import SCHEMA_NAMES, openapi_document, schema

    if (
        isinstance(max_body_bytes, bool)
        or not isinstance(max_body_bytes, int)
        or max_body_bytes < 1024
    ):
        raise InvalidValue(
            "is not a size in bytes",
            field="max_body_bytes",
            value=max_body_bytes,
            expected="an integer of at least 1024",
        )
    from infopass_rules.sources.rulebook import load_rulebook

    book = load_rulebook()
    ruleset_version = book.version
    version_header = ruleset_version.encode("ascii")
    times = processing_times

    # What never changes while the service runs is built once, at start.
    rules_list = [to_jsonable(rule) for rule in book.rules.values()]
    rules_by_id = {rule["id"]: rule for rule in rules_list}
    rules_body = json.dumps(rules_list, ensure_ascii=False).encode("utf-8")
    sources_body = json.dumps(
        [to_jsonable(s) for s in book.sources.values()], ensure_ascii=False
    ).encode("utf-8")
    openapi_body = json.dumps(
        openapi_document(
            version=__version__, ruleset_version=ruleset_version, max_body_bytes=max_body_bytes
        ),
        ensure_ascii=False,
    ).encode("utf-8")
    health_body = json.dumps(
        {"status": "ok", "version": __version__, "ruleset_version": ruleset_version}
    ).encode("utf-8")

    @post("/decide", status_code=200)
    async def decide(request: Request[Any, Any, Any]) -> Response[bytes]:
        """The next allowed action for one case: the Decision JSON."""
        from infopass_rules.edges.json import dumps
        from infopass_rules.engine.next_action import next_action

        _content_type(request, (_JSON,))
        raw = await request.body()

        def work() -> str:
            case, history, as_of = inputs.read_case_input(raw)
            day = as_of or _dt.date.today()
            return dumps(next_action(case, history, as_of=day, processing_times=times))

        return _json_response(await _thread(work))

    @post("/docket", status_code=200)
    async def docket(request: Request[Any, Any, Any]) -> Response[bytes]:
        """The docket's report, in JSON (one document), CSV or HTML."""
        query = request.query_params
        fmt = inputs.choice(query.getall("format", []), "format", _REPORT_FORMATS, "json")
        got, _, form_as_of = await _docket_input(request)
        as_of = inputs.as_of_or_today([*query.getall("as_of", []), *form_as_of], "as_of")
        report = await _thread(lambda: _decide(got, as_of, times))
        return _report_response(report, fmt)

    async def _case_for_record(request: Request[Any, Any, Any]) -> bytes | str:
        media = _content_type(request, (_JSON, _MULTIPART, _FORM))
        if media == _JSON:
            return await request.body()
        fields = await _form(request)
        text = _text_field(fields, "case_file")
        if text is None:
            raise InvalidValue(
                "is missing",
                field="case_file",
                expected='a form field holding {"case": ..., "history": ...}',
            )
        return text

    @post("/record", status_code=200)
    async def record(request: Request[Any, Any, Any]) -> Response[bytes]:
        """The escalation record of one case, in HTML or Markdown."""
        import inspect

        from infopass_rules.edges.record import escalation_record

        query = request.query_params
        fmt = inputs.choice(query.getall("format", []), "format", _RECORD_FORMATS, "html")
        to = inputs.choice(query.getall("to", []), "to", _RECORD_TO, "")
        raw = await _case_for_record(request)

        def work() -> str:
            case, history, as_of = inputs.read_case_input(raw)
            options: dict[str, Any] = {}
            if to:
                if "to" not in inspect.signature(escalation_record).parameters:
                    raise InvalidValue(
                        "is not supported by this version",
                        field="to",
                        value=to,
                        expected="the record without it",
                    )
                options["to"] = to
            made = escalation_record(
                case, history, as_of=as_of or _dt.date.today(), processing_times=times, **options
            )
            return made.to_html() if fmt == "html" else made.to_markdown()

        text = await _thread(work)
        if fmt == "html":
            return Response(
                text.encode("utf-8"),
                media_type="text/html; charset=utf-8",
                headers=page.document_headers(text),
            )
        return Response(text.encode("utf-8"), media_type="text/markdown; charset=utf-8")

    @post("/plan", status_code=200)
    async def plan(request: Request[Any, Any, Any]) -> Response[bytes]:
        """The plan of the docket's calls and appointments, as JSON or an iCalendar file."""
        query = request.query_params
        fmt = inputs.choice(query.getall("format", []), "format", _PLAN_FORMATS, "json")
        json_body = request.content_type[0].lower() == _JSON
        extra: dict[str, Callable[[object], object]] = {
            "attorneys": _attorneys_json if json_body else _attorneys,
            "start": lambda x: inputs.a_day(x, "start"),
            "horizon_days": _horizon,
            "attorney_column": _attorney_column,
        }
        if json_body:  # a form's as_of is read with the form's other fields
            extra["as_of"] = lambda x: x
        got, checked, form_as_of = await _docket_input(request, extra)
        if "attorneys" not in checked:
            raise InvalidValue(
                "is missing", field="attorneys", expected="the attorneys to plan for"
            )
        given = [checked["as_of"]] if "as_of" in checked else []
        as_of = inputs.as_of_or_today([*query.getall("as_of", []), *form_as_of, *given], "as_of")

        def work() -> bytes:
            from infopass_rules.edges.ical import to_ics
            from infopass_rules.edges.json import dumps
            from infopass_rules.planning.docket_plan import plan_docket

            report = _decide(got, as_of, times)
            options: dict[str, Any] = {
                "attorneys": checked["attorneys"],
                "start": checked.get("start", as_of),
            }
            if "horizon_days" in checked:
                options["horizon_days"] = checked["horizon_days"]
            if "attorney_column" in checked:
                options["attorney_column"] = checked["attorney_column"]
            made = plan_docket(report, **options)
            if fmt == "ics":
                waiting = [
                    (c, d) for c, d in report.pairs() if not d.allowed and d.earliest is not None
                ]
                return to_ics(plan=made, decisions=waiting)
            return dumps(made).encode("utf-8")

        body = await _thread(work)
        if fmt == "ics":
            return Response(
                body,
                media_type="text/calendar; charset=utf-8",
                headers={"Content-Disposition": 'attachment; filename="plan.ics"'},
            )
        return _json_response(body)

    @get("/rules")
    async def rules() -> Response[bytes]:
        """Every rule of the rule set, with its sources and effective dates."""
        return _json_response(rules_body)

    @get("/rules/{rule_id:str}")
    async def rule(request: Request[Any, Any, Any]) -> Response[bytes]:
        """One rule, by its id."""
        rule_id = str(request.path_params["rule_id"])
        found = rules_by_id.get(rule_id)
        if found is None:
            return _problem_response(
                problem(404, "There is no rule of that id.", field="rule_id", value=rule_id[:100])
            )
        return _json_response(json.dumps(found, ensure_ascii=False))

    @get("/sources")
    async def sources() -> Response[bytes]:
        """Every source the rules rest on."""
        return _json_response(sources_body)

    @get("/schemas/{name:str}")
    async def schemas(request: Request[Any, Any, Any]) -> Response[bytes]:
        """A JSON Schema (2020-12) of the service's inputs and outputs."""
        name = str(request.path_params["name"])
        if name.endswith(".json"):
            name = name[: -len(".json")]
        if name not in SCHEMA_NAMES:
            return _problem_response(
                problem(
                    404,
                    "There is no schema of that name.",
                    field="name",
                    value=name[:100],
                    expected="one of " + ", ".join(SCHEMA_NAMES),
                )
            )
        return Response(
            json.dumps(schema(name), ensure_ascii=False).encode("utf-8"),
            media_type="application/schema+json",
        )

    @get("/openapi.json")
    async def openapi() -> Response[bytes]:
        """The OpenAPI 3.1 document of the service."""
        return _json_response(openapi_body)

    @get("/health")
    async def health() -> Response[bytes]:
        """Whether the service answers, and with which rule set."""
        return _json_response(health_body)

    @get("/")
    async def home() -> Response[bytes]:
        """The docket page: upload the two files, read the report."""
        return Response(
            page.upload_page().encode("utf-8"),
            media_type="text/html; charset=utf-8",
            headers=page.PAGE_HEADERS,
        )

    @post("/", status_code=200)
    async def home_report(request: Request[Any, Any, Any]) -> Response[bytes]:
        """The docket page with the report of the files uploaded (a plain form POST)."""
        try:
            got, checked, form_as_of = await _docket_input(request, {"attorneys": _attorneys})
            as_of = inputs.as_of_or_today(form_as_of, "as_of")
            made = await _thread(lambda: _page_report(got, as_of, checked))
        except InfopassRulesError as exc:
            return Response(
                page.error_page(exc).encode("utf-8"),
                status_code=422,
                media_type="text/html; charset=utf-8",
                headers=page.PAGE_HEADERS,
            )
        # The report's own HTML, with its sorting script allowed by its hash.
        return Response(
            made.encode("utf-8"),
            media_type="text/html; charset=utf-8",
            headers=page.document_headers(made),
        )

    def _page_report(got: inputs.DocketInput, as_of: _dt.date, checked: dict[str, object]) -> str:
        from infopass_rules.edges.docket import decide_docket, read_docket

        cases, history, options = got
        read = read_docket(cases, history, **options)
        report = decide_docket(read, as_of=as_of, processing_times=times)
        from infopass_rules.edges.ical import to_ics
        from infopass_rules.planning.docket_plan import plan_docket

        # The calendar: the days the waiting actions become allowed, and with attorneys named,
        # the plan of their calls and bookings.
        attorneys = cast("tuple[str, ...] | None", checked.get("attorneys"))
        waiting = [(c, d) for c, d in report.pairs() if not d.allowed and d.earliest]
        made = plan_docket(report, attorneys=attorneys, start=as_of) if attorneys else None
        calendar = to_ics(plan=made, decisions=waiting)
        return page.report_page(
            report, docket=read, calendar=calendar, csv_text=render_report(report, "csv")
        )

    async def add_headers(message: Message, scope: Scope) -> None:
        if message["type"] == "http.response.start":
            headers = MutableScopeHeaders.from_message(message)
            headers["X-Ruleset-Version"] = version_header.decode("ascii")
            headers["X-Content-Type-Options"] = "nosniff"

    app = Litestar(
        route_handlers=[
            decide,
            docket,
            record,
            plan,
            rules,
            rule,
            sources,
            schemas,
            openapi,
            health,
            home,
            home_report,
        ],
        exception_handlers={
            InfopassRulesError: _on_library_error,
            HTTPException: _on_http_error,
            Exception: _on_unexpected,
        },
        before_send=[add_headers],
        request_max_body_size=max_body_bytes,
        multipart_form_part_limit=_MAX_FORM_PARTS,
        openapi_config=None,
        debug=False,
    )
    app.state.max_body_bytes = max_body_bytes
    return app
