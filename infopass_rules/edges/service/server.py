"""``python -m infopass_rules serve``: the service under uvicorn, on the loopback interface unless
told otherwise."""

from __future__ import annotations

import argparse
from typing import Any

from infopass_rules.errors import InvalidValue

__all__ = ["add_serve_command", "run_serve"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def add_serve_command(commands: Any) -> None:
    """Add the ``serve`` subcommand to ``commands`` (an argparse subparsers object)."""
    serve = commands.add_parser(
        "serve", help="run the HTTP service (the serve extra: uvicorn and Litestar)"
    )
    serve.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"the address to bind (default {DEFAULT_HOST}: this machine only)",
    )
    serve.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        help=f"the port (default {DEFAULT_PORT}; 0: any free port)",
    )
    serve.add_argument(
        "--max-body-bytes",
        type=_size,
        default=None,
        metavar="N",
        help="the largest request body read (default 10 MB)",
    )
    serve.add_argument(
        "--processing-times",
        metavar="PATH",
        help="USCIS processing times (a file or folder), loaded once at start",
    )


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"not a port: {text!r} (0 to 65535)")
    return int(text)


def _size(text: str) -> int:
    if not text.isdigit() or int(text) < 1024 or len(text) > 15:
        raise argparse.ArgumentTypeError(f"not a size in bytes: {text!r} (at least 1024)")
    return int(text)


def run_serve(args: argparse.Namespace) -> int:  # pragma: no cover - the server's own process
    # (tests/service start it as a user does, in a subprocess coverage does not follow)
    """Serve until interrupted (SIGINT or SIGTERM: uvicorn finishes the requests under way)."""
    from infopass_rules.edges.service import create_app
    from infopass_rules.edges.service.limits import DEFAULT_MAX_BODY_BYTES

    times = None
    if args.processing_times is not None:
        from infopass_rules.times.table import load_processing_times

        times = load_processing_times(args.processing_times)
    app = create_app(
        max_body_bytes=args.max_body_bytes or DEFAULT_MAX_BODY_BYTES, processing_times=times
    )
    try:
        import uvicorn
    except ImportError:
        raise InvalidValue(
            "needs the serve extra, which is not installed (uvicorn)",
            field="serve",
            expected="pip install 'infopass-rules[serve]'",
        ) from None
    config = uvicorn.Config(
        app,
        host=args.host,
        port=args.port,
        log_level="info",
        access_log=False,
        server_header=False,
        lifespan="on",
    )
    server = uvicorn.Server(config)
    server.run()
    # uvicorn returns (after logging why) when it could not bind, or when it was stopped.
    return 0 if server.started else 1
