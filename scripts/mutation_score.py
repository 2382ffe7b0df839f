"""The mutation score per module and overall, from mutmut's results.

``mutmut run`` exits 0 whatever survives; this reads the results it leaves
(``mutants/<path>.meta``) and prints, per module, the mutants killed (a test failed, timed out
or the type checker refused the mutant), survived (including "no tests": no test reached it)
and those listed as equivalent in ``docs/mutation-survivors.md``, then the overall figure.

    python scripts/mutation_score.py                      # the runs of scripts/mutation.sh
    python scripts/mutation_score.py ladder engine        # only these modules
    python scripts/mutation_score.py --mutants mutants    # one plain `mutmut run` here
    python scripts/mutation_score.py --list               # name every survivor

Exit status: 0 when every module reaches ``--threshold`` (default 99%) counting equivalent
mutants as killed, 1 otherwise, 2 when there is no result to read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SURVIVORS_DOC = ROOT / "docs" / "mutation-survivors.md"
DEFAULT_WORKDIR = Path("/tmp/infopass-mutation")

# mutmut's exit codes (mutmut.stats.status_by_exit_code): what counts as detected.
KILLED = {1, 3, 36, 37, -24, 24, 152, 255, -11, -9}
SURVIVED = {0, 5, 33}
NOT_RUN = {None, 2, 34}  # not checked, interrupted, skipped: left out of the score
# mutmut names a method's mutants "xǁClassǁmethod__mutmut_N".
_MUTANT = re.compile(r"`(infopass_rules\.[A-Za-z0-9_.ǁ]+__mutmut_\d+)`")


@dataclass
class Score:
    module: str
    killed: int = 0
    survived: list[str] = field(default_factory=list)
    equivalent: list[str] = field(default_factory=list)
    not_run: int = 0
    suspicious: int = 0

    @property
    def total(self) -> int:
        return self.killed + len(self.survived) + len(self.equivalent) + self.suspicious

    def percent(self, *, with_equivalent: bool) -> float:
        if not self.total:
            return 100.0
        done = self.killed + (len(self.equivalent) if with_equivalent else 0)
        return 100.0 * done / self.total


def equivalent_mutants(doc: Path = SURVIVORS_DOC) -> set[str]:
    """The mutant names listed (in backticks) in the survivors' document."""
    return set(_MUTANT.findall(doc.read_text("utf-8"))) if doc.is_file() else set()


def score_meta(module: str, meta: Path, equivalent: set[str]) -> Score:
    data = json.loads(meta.read_text("utf-8"))
    score = Score(module)
    for name, code in sorted(data["exit_code_by_key"].items()):
        if code in KILLED:
            score.killed += 1
        elif code in NOT_RUN:
            score.not_run += 1
        elif name in equivalent:
            score.equivalent.append(name)
        elif code in SURVIVED:
            score.survived.append(name)
        else:  # suspicious: neither a clear kill nor a clear survival
            score.suspicious += 1
    return score


def find_metas(mutants: Path) -> Iterable[tuple[str, Path]]:
    for meta in sorted(mutants.glob("infopass_rules/**/*.py.meta")):
        yield meta.name.removesuffix(".py.meta"), meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="modules to report (default: all found)")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--mutants", type=Path, help="one mutmut 'mutants' folder to read")
    parser.add_argument("--threshold", type=float, default=99.0)
    parser.add_argument("--list", action="store_true", help="name every survivor")
    args = parser.parse_args(argv)

    equivalent = equivalent_mutants()
    found: dict[str, Path] = {}
    if args.mutants:
        found.update(find_metas(args.mutants))
    else:
        for run in sorted(args.workdir.glob("*/repo/mutants")):
            for module, meta in find_metas(run):
                if module == run.parent.parent.name:
                    found[module] = meta
    wanted = args.modules or sorted(found)
    scores = [score_meta(m, found[m], equivalent) for m in wanted if m in found]
    missing = [m for m in wanted if m not in found] + [s.module for s in scores if not s.total]
    scores = [s for s in scores if s.total]
    if not scores:
        print(f"no mutmut results for {', '.join(wanted) or 'any module'}", file=sys.stderr)
        return 2

    head = f"{'module':<18}{'mutants':>8}{'killed':>8}{'surv.':>7}{'equiv.':>7}{'susp.':>7}"
    print(head + f"{'score':>9}{'+equiv.':>9}")
    for s in [*scores, _overall(scores)]:
        print(
            f"{s.module:<18}{s.total:>8}{s.killed:>8}{len(s.survived):>7}{len(s.equivalent):>7}"
            f"{s.suspicious:>7}{s.percent(with_equivalent=False):>8.1f}%"
            f"{s.percent(with_equivalent=True):>8.1f}%"
        )
    for m in missing:
        print(f"{m:<18}  (no results)")
    if args.list:
        for s in scores:
            for name in s.survived:
                print(f"survived: {name}")
    below = [s for s in scores if s.percent(with_equivalent=True) < args.threshold]
    return 1 if below or missing else 0


def _overall(scores: list[Score]) -> Score:
    total = Score("OVERALL")
    for s in scores:
        total.killed += s.killed
        total.survived += s.survived
        total.equivalent += s.equivalent
        total.not_run += s.not_run
        total.suspicious += s.suspicious
    return total


if __name__ == "__main__":
    sys.exit(main())
