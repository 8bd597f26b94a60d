#!/usr/bin/env bash
# The long forms of the stack's reliability tests (issue 10; docs/reliability.md), in one command.
#
#   bench/reliability.sh                 failover under load (10 cycles) and the soak (600 s), ~17 min
#   bench/reliability.sh failover|soak   only one of them
#
# CI runs the short forms of the same tests (3 cycles, 60 s) in ./mvnw verify; this script runs them
# with longer settings through the same Maven command and keeps their reports:
# bench/results/reliability-<UTC timestamp>/{failover-under-load,soak}.txt and maven.txt.
# Settings: RELIABILITY_CYCLES (default 10), RELIABILITY_SOAK_SECONDS (default 600),
# MVN_OFFLINE=1 to add -o. Needs a JDK 17; the stack runs as child processes on free loopback ports.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CYCLES=${RELIABILITY_CYCLES:-10}
SOAK_SECONDS=${RELIABILITY_SOAK_SECONDS:-600}

TESTS=()
for arg in "$@"; do
  case $arg in
    failover) TESTS+=(FailoverUnderLoadIT) ;;
    soak) TESTS+=(SoakIT) ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown test '$arg' (failover, soak)" >&2; exit 2 ;;
  esac
done
[ ${#TESTS[@]} -gt 0 ] || TESTS=(FailoverUnderLoadIT SoakIT)
IT=$(IFS=,; echo "${TESTS[*]}")

RESULTS=$ROOT/bench/results/reliability-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS"
REPORTS=$ROOT/stack-tests/target/reliability
rm -f "$REPORTS"/*.txt

OFFLINE=()
[ "${MVN_OFFLINE:-0}" = 1 ] && OFFLINE=(-o)

echo "reliability: $IT (cycles $CYCLES, soak $SOAK_SECONDS s); results in ${RESULTS#"$ROOT"/}"
status=0
(cd "$ROOT" && ./mvnw -B "${OFFLINE[@]}" -pl stack-tests -am verify \
    -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test="$IT" -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dreliability.failover.cycles="$CYCLES" -Dreliability.soak.seconds="$SOAK_SECONDS") \
  >"$RESULTS/maven.txt" 2>&1 || status=$?

cp "$REPORTS"/*.txt "$RESULTS"/ 2>/dev/null || true
for report in "$RESULTS"/failover-under-load.txt "$RESULTS"/soak.txt; do
  [ -f "$report" ] && cat "$report"
done
if [ "$status" != 0 ]; then
  echo "reliability: FAILED (maven status $status); see ${RESULTS#"$ROOT"/}/maven.txt" >&2
  grep -E '^\[ERROR\]' "$RESULTS/maven.txt" | head -20 >&2 || true
fi
exit "$status"
