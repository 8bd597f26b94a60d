# Part 1, gateway overhead: one rendered page fetched directly from the primary app node,
# through the gateway, and through nginx as a plain reverse proxy to the same node.

part_overhead() {
  local dir=$RESULTS/overhead path=/about/ target n
  mkdir -p "$dir"
  stack_running || stack_up
  wait_primary_serving
  nginx_start "$PRIMARY_URL"

  declare -A url=([direct]="$PRIMARY_URL$path" [gateway]="$GATEWAY_URL$path" [nginx]="http://127.0.0.1:$NGINX_PORT$path")
  # Each target is warmed at the measured concurrency, long enough for the JVMs' JIT to have compiled the path
  # (docs/benchmarks.md, "The edge at nginx's pace": after 5 s at 4 connections the gateway's C2 compiler threads
  # still took 30-50 % of its CPU, so the runs measured the compiler as much as the proxy).
  local warm=${BENCH_OVERHEAD_WARMUP_SECONDS:-$((WARMUP_SECONDS >= 5 ? 30 : WARMUP_SECONDS))}
  for target in direct gateway nginx; do
    [ "$(probe_region "${url[$target]}")" = "200 northeurope" ] || die "$target did not serve $path from northeurope"
    wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${warm}s" "${url[$target]}" >/dev/null 2>&1 || true
  done
  # The runs of the three targets take turns, so that a burst of other load on the machine
  # spreads over all three rather than landing on one.
  declare -A cmd
  for n in $(seq 1 "$RUNS"); do
    for target in direct gateway nginx; do
      wrk_once "$target" "${url[$target]}" "$dir" "$n"
      cmd[$target]=$WRK_CMD
    done
  done
  nginx_stop

  local d_rps d_p50 d_p99 g_rps g_p50 g_p99 x_rps x_p50 x_p99 errs
  d_rps=$(med "$dir" direct 1); d_p50=$(med "$dir" direct 2); d_p99=$(med "$dir" direct 3)
  g_rps=$(med "$dir" gateway 1); g_p50=$(med "$dir" gateway 2); g_p99=$(med "$dir" gateway 3)
  x_rps=$(med "$dir" nginx 1); x_p50=$(med "$dir" nginx 2); x_p99=$(med "$dir" nginx 3)
  errs=$(cat "$dir"/*.tsv | awk '{s += $4} END {print s + 0}')

  local both="ours: ${cmd[gateway]}; peer: ${cmd[nginx]}"
  record overhead "requests/s, page $path through the proxy" "$g_rps" "$x_rps" "nginx reverse proxy" "req/s" "$both"
  record overhead "p50 latency through the proxy" "$g_p50" "$x_p50" "nginx reverse proxy" "ms" "$both"
  record overhead "p99 latency through the proxy" "$g_p99" "$x_p99" "nginx reverse proxy" "ms" "$both"
  record overhead "p50 latency added to the direct fetch (proxy p50 - direct p50)" \
    "$(awk -v a="$g_p50" -v b="$d_p50" 'BEGIN {printf "%.2f", a - b}')" \
    "$(awk -v a="$x_p50" -v b="$d_p50" 'BEGIN {printf "%.2f", a - b}')" "nginx reverse proxy" "ms" "$both; direct: ${cmd[direct]}"
  record overhead "requests/s kept from the direct fetch (proxy / direct)" \
    "$(ratio "$g_rps" "$d_rps")" "$(ratio "$x_rps" "$d_rps")" "nginx reverse proxy" "fraction" "$both; direct: ${cmd[direct]}"
  note overhead "Direct from the app node (no proxy): $d_rps req/s, p50 $d_p50 ms, p99 $d_p99 ms (\`${cmd[direct]}\`). Medians of $RUNS runs of ${WRK_SECONDS}s each, ${WRK_CONNECTIONS} connections, ${WRK_THREADS} threads, after a ${warm}s warm-up of each target at the same concurrency; the three targets take turns run by run. nginx: one worker, upstream keep-alive (\`nginx.conf\`)."
  [ "$errs" = 0 ] || note overhead "WARNING: $errs requests failed (non-2xx/3xx or socket errors) across the runs; see overhead/*.txt."
}
