#!/usr/bin/env sh
# Replays the WAF corpora (../shared/corpora/waf) and the benign Power Pages set through the
# WAF engine's inspection (module waf-engine) for each preset; writes bench/waf/results/<preset>.md.
# Usage (from the repository root): bench/waf/run.sh [Full] [PowerPages]
# Called by bench/run.sh with BENCH_OUT and --smoke: the replay is short (seconds), so a smoke run
# replays the Full preset only and leaves its report under BENCH_OUT as summary.md.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
if [ "${1:-}" = "--smoke" ]; then shift; set -- Full; WAF_HOSTILE_BODIES=${WAF_HOSTILE_BODIES:-4}; fi
./mvnw -q -B -pl waf-engine -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/waf-bench.classpath
cd waf-engine
java -cp "target/classes:target/test-classes:$(cat target/waf-bench.classpath)" \
  -Dwaf.bench=../bench/waf -Dwaf.corpora="${WAF_CORPORA:-../../shared/corpora}" \
  dev.powerpages.emulator.waf.corpus.CorpusReplayer "$@"
# CPU per hostile 128 KB body through the Full preset (issue 16: at most 20 ms); fewer bodies in a smoke run.
java -cp "target/classes:target/test-classes:$(cat target/waf-bench.classpath)" -Dwaf.bench=../bench/waf \
  dev.powerpages.emulator.waf.HostileBodyCost "${WAF_HOSTILE_BODIES:-20}"
if [ -n "${BENCH_OUT:-}" ]; then
  { for preset in ${*:-Full PowerPages}; do cat "$root/bench/waf/results/$preset.md"; echo; done
    cat "$root/bench/waf/results/hostile-cpu.md"; } > "$BENCH_OUT/summary.md"
fi
