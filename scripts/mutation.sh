#!/usr/bin/env bash
# Mutation testing of the plain-Python rules with mutmut 3 (configured under [tool.mutmut] in
# pyproject.toml): each mutant is a changed copy of one function, run against only the fast
# tests that reach that function. Module by module, at low priority, on at most JOBS cores
# (default 2); results are kept in mutants/ so a second run only tries what changed.
#
#   bash scripts/mutation.sh                      # every module in the config
#   bash scripts/mutation.sh domain.dates storage.audit
#
# Then `python scripts/mutation_score.py` prints the score by module; a surviving mutant is
# shown with `.venv/bin/mutmut show NAME`. Not run in CI: the whole set takes about an hour.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash scripts/setup.sh
.venv/bin/python -m pip install -q -e ".[mutation]"
unset RMP_TEST_PG_URL RMP_REQUIRE_PG  # the rules' tests need no server
mkdir -p mutants
# mutmut 3.8 keeps which tests reach which function in mutants/mutmut-stats.json and does not
# notice tests added since: drop that map when a test is newer, or their kills go uncounted.
if [ -f mutants/mutmut-stats.json ] && \
   [ -n "$(find tests -name '*.py' -newer mutants/mutmut-stats.json -print -quit)" ]; then
  rm -f mutants/mutmut-stats.json
fi

if [ $# -eq 0 ]; then
  mapfile -t modules < <(.venv/bin/python scripts/mutation_score.py --modules)
else
  modules=("$@")
fi
for module in "${modules[@]}"; do
  echo "== rmp_desktop.$module"
  nice -n 15 .venv/bin/mutmut run --max-children "${JOBS:-2}" "rmp_desktop.$module.*" \
    > "mutants/last-run-${module}.log" 2>&1 || { tail -20 "mutants/last-run-${module}.log"; exit 1; }
done
.venv/bin/python scripts/mutation_score.py
