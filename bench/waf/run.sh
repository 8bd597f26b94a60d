#!/usr/bin/env sh
# Replays the WAF corpora (../shared/corpora/waf) and the benign Power Pages set through the
# gateway's WAF inspection for each preset; writes bench/waf/results/<preset>.md.
# Usage (from the repository root): bench/waf/run.sh [Full] [PowerPages]
# Called by bench/run.sh with BENCH_OUT and --smoke: the replay is short (seconds), so a smoke run
# replays the Full preset only and leaves its report under BENCH_OUT as summary.md.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
if [ "${1:-}" = "--smoke" ]; then shift; set -- Full; fi
./mvnw -q -B -pl gateway -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/waf-bench.classpath
cd gateway
java -cp "target/classes:target/test-classes:$(cat target/waf-bench.classpath)" \
  -Dwaf.bench=../bench/waf -Dwaf.corpora="${WAF_CORPORA:-../../shared/corpora}" \
  dev.powerpages.emulator.gateway.waf.corpus.CorpusReplayer "$@"
if [ -n "${BENCH_OUT:-}" ]; then
  { for preset in ${*:-Full PowerPages}; do cat "$root/bench/waf/results/$preset.md"; echo; done; } > "$BENCH_OUT/summary.md"
fi
