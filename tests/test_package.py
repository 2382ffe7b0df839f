"""The package surface: every public name resolves, imports stay light, the type marker ships."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import infopass_rules as ir

HEAVY = ("cattrs", "holidays", "dateutil", "hypothesis", "icalendar", "tomllib", "difflib")


def test_every_public_name_resolves() -> None:
    for name in ir.__all__:
        assert getattr(ir, name) is not None, name
    assert set(ir.__all__) <= set(dir(ir))


def _is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


def test_dir_lists_the_public_api_only() -> None:
    listed = set(dir(ir))
    assert set(ir.__all__) <= listed
    # Nothing else but the module's dunders: no helper it imports (Any, TYPE_CHECKING,
    # annotations, import_module), no private name, no sub-package loaded so far.
    public = {name for name in ir.__all__ if not _is_dunder(name)}  # all but __version__
    assert {name for name in listed if not _is_dunder(name)} == public
    assert not {"Any", "TYPE_CHECKING", "annotations", "import_module", "_LAZY"} & listed
    assert len(ir.__all__) == len(set(ir.__all__))


def test_dir_is_the_same_before_any_name_is_loaded_and_loads_nothing_heavy() -> None:
    code = (
        "import sys, infopass_rules as ir;"
        "names = dir(ir);"
        f"heavy = sorted(m for m in {HEAVY!r} if m in sys.modules);"
        "[getattr(ir, n) for n in ir.__all__];"
        "print(heavy, names == dir(ir))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[] True"


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        ir.no_such_name  # type: ignore[attr-defined]  # noqa: B018


def test_import_loads_no_heavy_module() -> None:
    code = (
        "import sys, infopass_rules, datetime as d;"
        "infopass_rules.Case('MSC1490012345', 'Miami');"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_py_typed_is_shipped() -> None:
    assert (Path(ir.__file__).parent / "py.typed").is_file()


def test_version() -> None:
    assert ir.__version__ == ir.RULESET_VERSION.split("+")[0]


def test_the_readme_example_prints_what_the_readme_says() -> None:
    import contextlib
    import io
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    section = readme[readme.index("## Example") :]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    shown = re.search(r"prints\n\n```text\n(.*?)```", section, re.S)
    assert code is not None
    assert shown is not None
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code.group(1), "README.md", "exec"), {})
    assert out.getvalue() == shown.group(1)


def _extra(name: str) -> set[str]:
    """The distributions an extra of pyproject.toml installs, its own extras expanded."""
    import re
    import tomllib

    pyproject = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())
    extras = pyproject["project"]["optional-dependencies"]
    found: set[str] = set()
    for requirement in extras[name]:
        own = re.fullmatch(r"infopass-rules\[([\w,]+)\]", requirement)
        if own:
            for inner in own.group(1).split(","):
                found |= _extra(inner)
        else:
            found.add(re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower())
    return found


def test_the_serve_extra_installs_all_the_service_uses() -> None:
    # The service gives calendars (the page's download, POST /plan?format=ics), so icalendar
    # comes with it: a clean install of .[serve] once gave a page that failed on every upload.
    # (CI starts the service from such an install: .ci/service_smoke.py.)
    assert _extra("serve") >= {"litestar", "uvicorn", "icalendar"}
