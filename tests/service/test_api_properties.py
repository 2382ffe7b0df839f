"""Property-based API tests: schemathesis generates requests from the service's own OpenAPI
document (built from ``json_schema``) and sends them to the real server on 127.0.0.1. Whatever
it sends, the server never answers 500, and every answer conforms to the document: its status
is one the operation declares, its media type too, its JSON body validates against the declared
schema (a decision against ``Decision``, a problem against ``problem``), and it carries the
``X-Ruleset-Version`` header the document requires.

Generated requests are mostly invalid (random case files, random dockets), which is the point:
bad input must come back as a declared 4xx problem, never as a crash. Both positive (schema-
conforming) and negative (schema-violating) data are generated.
"""

from __future__ import annotations

from typing import Any

from tests.service.conftest import Server, require

require("schemathesis", "litestar", "uvicorn", module_level=True)  # the dev extra

import schemathesis  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis import checks  # noqa: E402

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]


def _document() -> dict[str, Any]:
    import infopass_rules as ir
    from infopass_rules.edges.service import DEFAULT_MAX_BODY_BYTES
    from infopass_rules.edges.service.schemas import openapi_document

    return openapi_document(
        version=ir.__version__,
        ruleset_version=ir.RULESET_VERSION,
        max_body_bytes=DEFAULT_MAX_BODY_BYTES,
    )


# The document the server serves, built in-process (the test below checks they are the same):
# the operations are known when the tests are collected, before the server starts.
schema = schemathesis.openapi.from_dict(_document())


def test_the_server_serves_this_document(http_client: Any) -> None:
    assert http_client.get("/openapi.json").json() == _document()


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_api_never_fails_and_answers_as_documented(case: Any, server: Server) -> None:
    case.call_and_validate(base_url=server.url, checks=CHECKS, timeout=60)
