"""Every repository path that README.md and CONTRIBUTING.md name exists in the repository.

A path is named in inline code, in a fenced code block (comments aside) or as a link target, and
looks like a path: it has a ``/`` or ends with a known file extension. A path whose first part is
a top-level entry of the repository (``infopass_rules/``, ``tests/``, ``docs/``, ``scripts/``,
``benchmarks/``, ``.ci/``, ``README.md``...) must exist from the repository root; any other is
named relative to a folder the text is about (``data/rules.toml`` under ``sources/``, ``case.py``
under ``facts/``) and must be the end of a repository path. ``<name>`` stands for any one part.

The code, data, tests and docs cite the project's own documents: every ``docs/<page>.md`` they name
exists, and none cites the product's specification (``RULES.md``, ``API.md``), which is not in
the repository.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ("README.md", "CONTRIBUTING.md")

#: Named in the documents, but not paths of the repository.
NOT_IN_REPOSITORY = frozenset(
    {
        "../shared/data",  # the shared data folder beside the repository, not in it
        "../shared/data/",
        "yesterday.json",  # the user's previous report, in a usage example
        "plan.ics",  # the calendar a usage example writes
        "/decide",  # the service's endpoints: URL paths, not files
        "/docket",
        "/record",
        "/plan",
        "/openapi.json",
        ".venv/bin/activate",  # the virtual environment a usage example makes
        "docs/_build/html",  # what the documentation build writes
    }
)

#: File extensions that make a name without a ``/`` a path.
EXTENSIONS = (
    ".py",
    ".md",
    ".toml",
    ".csv",
    ".json",
    ".jsonl",
    ".ipynb",
    ".sh",
    ".cfg",
    ".txt",
    ".ics",
    ".yml",
    ".yaml",
    ".html",
)

#: Where a relative name is looked for: the repository's own trees, not what builds and runs add.
TREES = ("infopass_rules", "tests", "docs", "scripts", "benchmarks", ".ci")
GENERATED = {"__pycache__", "_build", "jupyter_execute", ".ipynb_checkpoints"}

FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.M | re.S)
INLINE = re.compile(r"`([^`]+)`")
LINK = re.compile(r"\]\(([^)\s]+)\)")
SEPARATORS = re.compile(r"[\s\"'(),;=\[\]{}|]+")


def _looks_like_a_path(token: str) -> bool:
    if "://" in token or token.startswith(("mailto:", "#", "-")):
        return False
    return "/" in token or token.endswith(EXTENSIONS)


def _tokens(text: str) -> list[str]:
    return [t.rstrip(".:") for t in SEPARATORS.split(text) if t]


def named_paths(text: str) -> list[str]:
    """The path-like names of a Markdown text, in order, each once."""
    found: list[str] = []
    for block in FENCE.findall(text):
        for line in block.splitlines():
            found += _tokens(line.split("#", 1)[0])
    prose = FENCE.sub("", text)
    for span in INLINE.findall(prose):
        found += _tokens(span)
    for target in LINK.findall(prose):
        found.append(target.split("#", 1)[0])
    return [p for p in dict.fromkeys(found) if _looks_like_a_path(p)]


@cache
def _repository_paths() -> tuple[str, ...]:
    """Every file and folder of the repository's trees, as a path from the root ending in ``/``
    for a folder (so that ``facts/`` and ``json/`` can be matched as the end of one)."""
    paths: list[str] = []
    for tree in TREES:
        for path in (ROOT / tree).rglob("*"):
            parts = path.relative_to(ROOT).parts
            if GENERATED & set(parts) or any(p.endswith(".egg-info") for p in parts):
                continue
            paths.append("/".join(parts) + ("/" if path.is_dir() else ""))
    return tuple(paths)


def _pattern(name: str) -> str:
    """A name as a regular expression: ``<name>`` is any one part, and a folder matches with or
    without its final ``/``."""
    pieces = re.split(r"<[^<>/]+>", name.rstrip("/"))
    return "[^/]+".join(re.escape(piece) for piece in pieces) + "/?"


def exists(name: str) -> bool:
    """Whether a name is a repository path: from the root when its first part is a top-level
    entry of the repository, else the end (after a ``/``) of a path in the repository's trees."""
    if (ROOT / name.split("/", 1)[0]).exists():
        if "<" not in name:
            return (ROOT / name).exists()
        rooted = re.compile(_pattern(name))
        return any(rooted.fullmatch(p) for p in _repository_paths())
    ending = re.compile(f"(?:^|/){_pattern(name)}$")
    return any(ending.search(p) for p in _repository_paths())


def _named() -> list[tuple[str, str]]:
    return [
        (document, path)
        for document in DOCUMENTS
        for path in named_paths((ROOT / document).read_text(encoding="utf-8"))
    ]


@pytest.mark.parametrize(
    ("document", "path"), [n for n in _named() if n[1] not in NOT_IN_REPOSITORY]
)
def test_the_path_exists(document: str, path: str) -> None:
    assert exists(path), f"{document} names {path!r}, which is not in the repository"


def test_each_exception_is_still_named() -> None:
    # An exception no document names any more is dropped from NOT_IN_REPOSITORY, which stays short.
    named = {path for _, path in _named()}
    assert named >= NOT_IN_REPOSITORY


def test_the_paths_are_found_in_prose_code_and_links() -> None:
    text = (
        "See `infopass_rules/facts/` and `case.py`, run\n\n```bash\n"
        "bash .ci/docs   # or scripts/not_checked.sh\n```\n\n"
        "the [guide](docs/index.md#top), `ir.Policy(...)`, `module:function`,\n"
        "[Hypothesis](https://hypothesis.readthedocs.io) and `tests/rules/<name>/`."
    )
    assert named_paths(text) == [
        ".ci/docs",
        "infopass_rules/facts/",
        "case.py",
        "tests/rules/<name>/",
        "docs/index.md",
    ]


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("infopass_rules/sources/data/rules.toml", True),
        ("infopass_rules/data/rules.toml", False),  # from the root: the whole path must exist
        ("data/rules.toml", True),  # relative: the end of a repository path
        ("data/nowhere.toml", False),
        ("ta/rules.toml", False),  # the end after a "/", not of a name
        ("miami/", True),
        ("tests/rules/<name>/test_ladder.py", True),
        ("tests/rules/<name>/test_nothing.py", False),
    ],
)
def test_what_exists_means(name: str, found: bool) -> None:
    assert exists(name) is found


#: The product's specification files: beside the repository, never in it, so never cited by it.
SPECIFICATION = re.compile(r"\b(?:RULES|API)\.md\b")
#: A project document named in the code, data, tests or docs.
DOCUMENT = re.compile(r"\bdocs/[\w/.-]+?\.md\b")
#: The files whose text is searched; the changelog keeps its history as it was written.
CITING = (".py", ".toml", ".md", ".ipynb")


def _citing_files() -> list[Path]:
    files = [ROOT / "README.md", ROOT / "CONTRIBUTING.md"]
    for tree in TREES:
        for path in sorted((ROOT / tree).rglob("*")):
            parts = path.relative_to(ROOT).parts
            if path.is_file() and path.suffix in CITING and not GENERATED & set(parts):
                files.append(path)
    return files


def test_nothing_cites_the_specification() -> None:
    citing = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _citing_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SPECIFICATION.search(line) and path.name != "test_docs_paths.py"
    ]
    assert citing == [], "cite the project's docs instead of the specification: " + ", ".join(
        citing
    )


def test_every_document_cited_exists() -> None:
    missing = sorted(
        {
            f"{path.relative_to(ROOT)} names {name}"
            for path in _citing_files()
            for name in DOCUMENT.findall(path.read_text(encoding="utf-8"))
            if not (ROOT / name).is_file() and "_build" not in name
        }
    )
    assert missing == []


@pytest.mark.parametrize(
    ("line", "cites"),
    [
        ("(RULES.md section 7: the remedies)", True),
        ("the contract (API.md, Errors)", True),
        ("(docs/concepts/remedies.md)", False),
        ("MY_RULES.md_x", False),
    ],
)
def test_what_citing_the_specification_means(line: str, cites: bool) -> None:
    assert bool(SPECIFICATION.search(line)) is cites
