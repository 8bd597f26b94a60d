# Parts 5 and 6, the edge: the CDN (bench/cdn) and WAF (bench/waf) harnesses are written
# separately; this calls each one's run.sh when it exists and otherwise says it was not measured.
#
# What a part script gets (environment):
#   BENCH_OUT      a directory of its own under this run's results, for its raw outputs
#   BENCH_SMOKE    1 for the short CI run (the script also gets --smoke as its argument), else 0
#   BENCH_ROOT     the repository
#   the bench ports (STORE_PORT ... GATEWAY_PORT, exported by bench/lib/stack.sh) and STACK_HOME;
#   the harness's own stack is stopped before the call, so the script may start its own.
# What it may leave: BENCH_OUT/summary.md (markdown, copied into BENCHMARKS.md under its part)
# and/or lines in BENCH_OUT/summary.tsv in the format of bench/lib/common.sh's `record`
# (part, metric, ours, peer, peer name, unit, command), which join the main tables.

run_edge_part() { # run_edge_part NAME
  local name=$1 script=$ROOT/bench/$1/run.sh out=$RESULTS/$1 rc=0
  if [ ! -f "$script" ]; then
    note "$name" "Not measured: bench/$name/run.sh does not exist in this checkout."
    record "$name" "(part not measured)" "not measured" "n/a" "-" "-" "bench/$name/run.sh missing"
    return 0
  fi
  mkdir -p "$out"
  stack_down
  say "$name: bash bench/$name/run.sh $([ "$SMOKE" = 1 ] && echo --smoke)"
  printf '%s\n' "bash bench/$name/run.sh $([ "$SMOKE" = 1 ] && echo --smoke)   # output: $name/output.txt" >>"$RESULTS/commands.txt"
  BENCH_OUT=$out BENCH_SMOKE=$SMOKE BENCH_ROOT=$ROOT \
    bash "$script" $([ "$SMOKE" = 1 ] && echo --smoke) >"$out/output.txt" 2>&1 || rc=$?
  if [ "$rc" != 0 ]; then
    note "$name" "bench/$name/run.sh exited with status $rc; its output is in $name/output.txt."
    EDGE_FAILED=1
  fi
  if [ -f "$out/summary.tsv" ]; then cat "$out/summary.tsv" >>"$RESULTS/summary.tsv"; fi
  if [ ! -f "$out/summary.md" ] && [ ! -f "$out/summary.tsv" ]; then
    note "$name" "bench/$name/run.sh left no summary; its output is in $name/output.txt."
  fi
}

part_cdn() { run_edge_part cdn; }
part_waf() { run_edge_part waf; }
