"""The HTTP service: the library behind a small JSON API and one page, for firm software in any
language and for people who would rather upload a spreadsheet than run a command.

``python -m infopass_rules serve [--host 127.0.0.1] [--port 8000]`` runs it (the ``serve`` extra:
``pip install 'infopass-rules[serve]'``); :func:`create_app` is the ASGI application, for any
ASGI server. The service is stateless: it keeps nothing between requests, writes no file and
binds the loopback interface unless told otherwise. It has no authentication and no TLS of its
own: put it behind the firm's proxy (docs/service.md).

The modules: :mod:`~.app` (the routes), :mod:`~.inputs` (reading requests),
:mod:`~.problems` (RFC 9457 errors), :mod:`~.schemas` (input schemas and the OpenAPI document,
from :func:`~infopass_rules.edges.schema.json_schema`), :mod:`~.page` (the docket page) and
:mod:`~.server` (running it with uvicorn). Litestar and uvicorn are imported only here, never by
``import infopass_rules``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from litestar import Litestar

    from infopass_rules.times.table import ProcessingTimes

from infopass_rules.edges.service.limits import DEFAULT_MAX_BODY_BYTES

__all__ = ["DEFAULT_MAX_BODY_BYTES", "create_app"]


def create_app(
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    processing_times: ProcessingTimes | None = None,
) -> Litestar:
    """The service's ASGI application.

    Args:
        max_body_bytes: the largest request body read (default 10 MB); a larger one is
            answered 413 before it is read whole.
        processing_times: published processing times the decisions use (loaded once, at start;
            ``serve --processing-times PATH``).

    Returns:
        A Litestar application (ASGI 3).

    Raises:
        InvalidValue: ``max_body_bytes`` is not an integer of at least 1024.
        InfopassRulesError: the ``serve`` extra (Litestar, or icalendar for the calendars the
            service gives) is not installed: refused at start, not on every request.
    """
    try:
        import icalendar  # noqa: F401  (the page's calendar, POST /plan?format=ics)

        from infopass_rules.edges.service.app import build_app
    except ImportError as exc:
        from infopass_rules.errors import InvalidValue

        raise InvalidValue(
            f"needs the serve extra, which is not installed ({exc.name})",
            field="serve",
            expected="pip install 'infopass-rules[serve]'",
        ) from None
    return build_app(max_body_bytes=max_body_bytes, processing_times=processing_times)
