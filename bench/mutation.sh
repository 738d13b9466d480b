#!/usr/bin/env bash
# Mutation testing (PIT) of the decision code, and each module's score. Not a test and not part of
# the default `mvn -B verify`: about 8 minutes on 2 cores. Each module's `mutation` profile lists
# the classes mutated and the tests that judge them; docs/mutation.md has the scores measured and
# the mutants left alive on purpose.
#
# Usage: bench/mutation.sh [extra Maven args]   e.g. -Dmutation.threshold=0 to measure only
# Reports: diag-core/target/pit-reports/index.html, diag-checks/target/pit-reports/index.html
set -euo pipefail
cd "$(dirname "$0")/.."
# Surefire's run is skipped (PIT runs the tests itself); -am builds the modules' test jars.
status=0
mvn -B -Pmutation verify -Dmaven.test.skip.exec=true -pl diag-core,diag-checks -am "$@" || status=$?
for module in diag-core diag-checks; do
  xml="$module/target/pit-reports/mutations.xml"
  [ -f "$xml" ] || continue
  total=$(grep -c '<mutation ' "$xml" || true)
  killed=$(grep -c "status='KILLED'\|status='TIMED_OUT'\|status='MEMORY_ERROR'" "$xml" || true)
  echo "$module: $killed of $total mutants killed ($((100 * killed / (total > 0 ? total : 1))) %)"
done
exit "$status"
