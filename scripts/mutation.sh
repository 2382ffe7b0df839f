#!/usr/bin/env bash
# Mutation testing of the rule, limit, calendar and processing-times code with mutmut (>= 3).
#
#   bash scripts/mutation.sh                   # every module below, one after the other
#   bash scripts/mutation.sh ladder routing    # only these modules
#   MUTATION_REF=HEAD bash scripts/mutation.sh # the committed tree instead of the working tree
#   python scripts/mutation_score.py           # the score per module and overall (exit 1 below 99%)
#
# Each module runs in its own copy of the repository (under $MUTATION_WORKDIR, default
# /tmp/infopass-mutation/<module>), so the working tree is never touched and runs can go on
# while others edit. The copy's setup.cfg narrows mutmut to that module and to the test folders
# that exercise it (the table below), which keeps a run to minutes. mutmut exits 0 whatever
# survives: read the score with scripts/mutation_score.py. Survivors judged equivalent are
# listed, with the reason, in docs/mutation-survivors.md.
#
# Environment: PYTHON (default: python), MUTMUT (default: the mutmut beside PYTHON),
# MUTATION_JOBS (mutmut --max-children, default 2), MUTATION_WORKDIR, MUTATION_REF.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${MUTATION_WORKDIR:-/tmp/infopass-mutation}"
python="${PYTHON:-python}"
mutmut="${MUTMUT:-$(dirname "$(command -v "$python")")/mutmut}"
jobs="${MUTATION_JOBS:-2}"
shared="$(cd "$repo/.." && pwd)/shared"

# module -> the test folders (and files) that exercise it: the folder mirroring the module, the
# layers above it that reach it, and the bad-input catalogue (mutmut then runs, for each mutant,
# those of these tests that reach the mutated function).
declare -A TESTS=(
  [trace]="tests/rules tests/engine tests/properties/test_threads_and_memory.py"
  [reasoning]="tests/rules tests/engine tests/properties/test_bad_inputs.py"
  [triage]="tests/rules tests/engine tests/properties/test_bad_inputs.py"
  [regimes]="tests/rules tests/engine tests/properties/test_bad_inputs.py"
  [eligibility]="tests/rules tests/engine tests/times tests/properties/test_bad_inputs.py"
  [policy]="tests/facts tests/rules tests/engine tests/properties/test_bad_inputs.py"
  [district]="tests/rules tests/engine tests/properties/test_bad_inputs.py"
  [registry]="tests/rules tests/engine tests/properties/test_bad_inputs.py tests/planning"
  [ladder]="tests/rules tests/engine tests/properties/test_bad_inputs.py"
  [contact_center]="tests/rules tests/engine tests/properties/test_bad_inputs.py"
  [remedies]="tests/rules tests/engine tests/edges/test_record_recipients.py"
  [history]="tests/engine tests/rules tests/properties/test_bad_inputs.py"
  [routing]="tests/engine tests/rules tests/properties/test_bad_inputs.py"
  [advice]="tests/engine tests/rules tests/properties/test_bad_inputs.py"
  [assemble]="tests/engine tests/rules tests/properties/test_bad_inputs.py"
  [next_action]="tests/engine tests/rules tests/properties/test_bad_inputs.py"
  [limits]="tests/planning tests/properties/test_bad_inputs.py"
  [schedule]="tests/planning tests/properties/test_bad_inputs.py"
  [requests]="tests/planning tests/properties/test_bad_inputs.py"
  [plan]="tests/planning tests/properties/test_bad_inputs.py"
  [calendar]="tests/planning tests/properties/test_bad_inputs.py"
  [table]="tests/times tests/engine tests/properties/test_bad_inputs.py"
  [published]="tests/times tests/engine tests/properties/test_bad_inputs.py"
  [durations]="tests/times tests/properties/test_bad_inputs.py"
  [ordering]="tests/facts tests/engine tests/planning"
  [converted]="tests/facts tests/edges/test_docket.py tests/edges/test_docket_report.py"
)
# module (its file's base name, as scripts/mutation_score.py names it) -> its file
declare -A PATHS=(
  [trace]=rules/trace
  [reasoning]=rules/reasoning
  [triage]=rules/triage
  [regimes]=rules/regimes
  [eligibility]=rules/eligibility
  [policy]=rules/policy
  [district]=rules/districts/district
  [registry]=rules/districts/registry
  [ladder]=rules/districts/ladder
  [contact_center]=rules/contact_center
  [remedies]=rules/remedies
  [history]=engine/history
  [routing]=engine/routing
  [advice]=engine/advice
  [assemble]=engine/assemble
  [next_action]=engine/next_action
  [limits]=planning/limits
  [schedule]=planning/schedule
  [requests]=planning/requests
  [plan]=planning/plan
  [calendar]=planning/calendar
  [table]=times/table
  [published]=times/published
  [durations]=times/durations
  [ordering]=facts/ordering
  [converted]=facts/converted
)
# The engine's rooms (engine/history, routing, advice, assemble) beside its core (next_action).
ORDER=(trace reasoning triage regimes eligibility policy district registry ladder contact_center
  history routing advice assemble next_action limits schedule requests plan calendar table
  published durations ordering converted)

modules=("$@")
[ "${#modules[@]}" -gt 0 ] || modules=("${ORDER[@]}")

for mod in "${modules[@]}"; do
  [ -n "${TESTS[$mod]+x}" ] || { echo "unknown module: $mod (one of ${ORDER[*]})" >&2; exit 2; }
  dest="$work/$mod"
  echo "== $mod: copying the repository to $dest/repo"
  rm -rf "$dest/repo"
  mkdir -p "$dest/repo"
  if [ -n "${MUTATION_REF:-}" ]; then
    git -C "$repo" archive "$MUTATION_REF" | tar -x -C "$dest/repo"
  else
    git -C "$repo" ls-files -z --cached --others --exclude-standard \
      | (cd "$repo" && xargs -0 tar -cf - --ignore-failed-read 2>/dev/null) | tar -x -C "$dest/repo"
  fi
  # The tests find the shared USCIS data beside the repository (and beside mutmut's copy).
  ln -sfn "$shared" "$dest/shared"
  ln -sfn "$shared" "$dest/repo/shared"
  # mutmut forks its test runs from a process that has already run the tests unmutated, so
  # each test must start with empty memos, or a mutated function would be served the unmutated
  # answers its memo already holds: every rule, engine and facts module's memos (the citations
  # of a set of rules, the conflict readings, a district's rule book, the templates' field
  # counts, the builders of facts from converted values),
  # the parsed dates and office keys of the processing-times readers, and the tests' own cached
  # tables. (The canonical channel sets of rules.channels are kept: decisions compare them by
  # identity, and a mutant cannot change them.)
  cat >> "$dest/repo/tests/conftest.py" <<'PY'


@pytest.fixture(autouse=True)
def _mutation_fresh_memo():
    import sys

    from infopass_rules.rules import trace
    from infopass_rules.rules.districts import registry
    from infopass_rules.times import published
    from infopass_rules.times.readers import us_dates

    getattr(trace, "TEMPLATE_FIELDS", {}).clear()  # the templates' field counts, a plain dict
    prefixes = ("tests.", "infopass_rules.rules.", "infopass_rules.engine.", "infopass_rules.facts.")
    modules = [m for name, m in list(sys.modules.items()) if name.startswith(prefixes)]
    for module in (registry, published, us_dates, *modules):
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()
    yield
PY
  selection=""
  for t in ${TESTS[$mod]}; do
    [ -e "$dest/repo/$t" ] && selection+=$'\n'"    $t"
  done
  cat > "$dest/repo/setup.cfg" <<CFG
[mutmut]
source_paths =
    infopass_rules
only_mutate =
    infopass_rules/${PATHS[$mod]}.py
pytest_add_cli_args =
    -p
    no:cacheprovider
    --hypothesis-seed=0
    -q
pytest_add_cli_args_test_selection =$selection
CFG
  echo "== $mod: mutmut run (tests:${selection//$'\n'    / })"
  (cd "$dest/repo" && "$mutmut" run --max-children "$jobs" >"$dest/run.log" 2>&1) \
    || echo "!! $mod: mutmut failed, see $dest/run.log" >&2
  "$python" "$repo/scripts/mutation_score.py" --workdir "$work" "$mod" || true
done
