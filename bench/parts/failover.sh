# Part 2, failover: a steady client load through the gateway (traffic manager routing) and,
# at the same time, through HAProxy (active + backup server, the profile's check settings) in
# front of the same two app nodes, while the primary is killed (kill -9) or made to fail its
# health probe (503). Each request is logged as "start_epoch status region".
# Scenarios (FAILOVER_SCENARIOS):
#   kill, 503    the demo profile as shipped (TTL-faithful: the gateway keeps an answer for its TTL)
#   kill-fast    the profile's monitor at a 1 s interval and timeout, 1 tolerated failure, TTL 1 s,
#                beside HAProxy's inter 1s fall 2 (issue 16, item 4)
#   kill-retry   the demo profile, the gateway restarted with edge retry on
#                (gateway.origin.edge-retry.enabled): a GET the dead primary cannot take goes to the
#                next endpoint

# client_loop URL FILE: sequential requests, about 10 a second, until killed
client_loop() {
  local url=$1 file=$2 t r
  while true; do
    t=$EPOCHREALTIME
    r=$(curl -s -o /dev/null -m 2 -w '%{http_code} %header{x-pp-region}' "$url" 2>/dev/null) || true
    printf '%s %s\n' "$t" "${r:-000}" >>"$file"
    sleep 0.1
  done
}

start_clients() { # start_clients DIR TAG
  : >"$1/$2-gateway.txt"; : >"$1/$2-haproxy.txt"
  client_loop "$GATEWAY_URL/" "$1/$2-gateway.txt" & CLIENT_PIDS=($!); track $!
  client_loop "http://127.0.0.1:$HAPROXY_PORT/" "$1/$2-haproxy.txt" & CLIENT_PIDS+=($!); track $!
}

stop_clients() { kill "${CLIENT_PIDS[@]}" 2>/dev/null || true; wait "${CLIENT_PIDS[@]}" 2>/dev/null || true; CLIENT_PIDS=(); }

# wait_for FILE REGION SINCE TIMEOUT: until a request started after SINCE was served (200) by REGION
wait_for() {
  local deadline=$((SECONDS + $4))
  until awk -v r="$2" -v s="$3" '$1 >= s && $2 == 200 && $3 == r {found = 1; exit} END {exit !found}' "$1"; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.5
  done
}

# analyse FILE FAULT RESTORED -> "failover_s failed total failback_s"
analyse() {
  awk -v f="$2" -v r="$3" '
    $1 >= f && over == "" && $2 == 200 && $3 == "westeurope" { over = $1 - f }
    $1 >= f && $1 < r { total++; if ($2 != 200) failed++ }
    $1 >= r && back == "" && $2 == 200 && $3 == "northeurope" { back = $1 - r }
    $1 >= r && $2 != 200 { failed_back++ }
    END { printf "%s %d %d %s %d\n", (over == "" ? "n/a" : sprintf("%.1f", over)), failed, total,
                                      (back == "" ? "n/a" : sprintf("%.1f", back)), failed_back }' "$1"
}

# one_failover DIR SCENARIO N
one_failover() {
  local dir=$1 scenario=$2 n=$3 tag="$2-run$3" fault restored path
  wait_primary_serving 120
  # HAProxy must be back on the primary too (rise 1: one passing check after a restart).
  local deadline=$((SECONDS + 60))
  until [ "$(probe_region "http://127.0.0.1:$HAPROXY_PORT/")" = "200 northeurope" ]; do
    [ $SECONDS -ge $deadline ] && die "HAProxy did not serve from northeurope"
    sleep 0.5
  done
  start_clients "$dir" "$tag"
  sleep 3
  fault=$(now)
  case $scenario in
    kill*) kill -9 "$(stack_pid app-node-northeurope)" ;;
    503) chaos "$PRIMARY_URL" PUT '{"failHealth":true}' ;;
  esac
  echo "$fault fault ($scenario)" >>"$dir/$tag-events.txt"
  for path in gateway haproxy; do
    wait_for "$dir/$tag-$path.txt" westeurope "$fault" "$FAILOVER_TIMEOUT" \
      || say "failover $tag: $path did not reach westeurope within ${FAILOVER_TIMEOUT}s"
  done
  sleep 2
  case $scenario in
    kill*) stack up -d >>"$RESULTS/stack-output.txt" 2>&1 || die "the primary did not restart" ;;
    503) chaos "$PRIMARY_URL" DELETE ;;
  esac
  # For the kill, ./stack up -d returns within a second of the node's health answering 200.
  restored=$(now)
  echo "$restored primary restored" >>"$dir/$tag-events.txt"
  for path in gateway haproxy; do
    wait_for "$dir/$tag-$path.txt" northeurope "$restored" "$FAILOVER_TIMEOUT" \
      || say "failback $tag: $path did not return to northeurope within ${FAILOVER_TIMEOUT}s"
  done
  sleep 1
  stop_clients
  for path in gateway haproxy; do
    echo "$(analyse "$dir/$tag-$path.txt" "$fault" "$restored")" >>"$dir/$scenario-$path.tsv"
  done
}

# monitor_settings -> "tolerated interval timeout ttl" of the contoso profile as it is now
monitor_settings() {
  curl -s "$TM_URL/api/profiles/contoso" | jq -r '[.properties.monitorConfig.toleratedNumberOfFailures,
    .properties.monitorConfig.intervalInSeconds, .properties.monitorConfig.timeoutInSeconds,
    .properties.dnsConfig.ttl] | map(tostring) | join(" ")'
}

# set_monitor TOLERATED INTERVAL TIMEOUT TTL: the profile's monitor and TTL through the traffic manager's API
set_monitor() {
  local patch
  patch=$(printf '{"properties":{"monitorConfig":{"toleratedNumberOfFailures":%s,"intervalInSeconds":%s,"timeoutInSeconds":%s},"dnsConfig":{"ttl":%s}}}' "$@")
  printf '%s\n' "curl -X PATCH -H 'X-Admin-Key: $ADMIN_KEY' -d '$patch' $TM_URL/api/profiles/contoso" >>"$RESULTS/commands.txt"
  curl -sf -o /dev/null -X PATCH -H "X-Admin-Key: $ADMIN_KEY" -H 'Content-Type: application/json' \
    --data "$patch" "$TM_URL/api/profiles/contoso" || die "the traffic manager refused the monitor settings $patch"
}

# restart_gateway true|false: the gateway again, with edge retry on or off (Spring reads the environment)
restart_gateway() {
  local pid
  pid=$(stack_pid gateway)
  if [ -n "$pid" ]; then
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
  printf '%s\n' "GATEWAY_ORIGIN_EDGERETRY_ENABLED=$1 ./stack up -d   # the gateway only, after stopping it" >>"$RESULTS/commands.txt"
  GATEWAY_ORIGIN_EDGERETRY_ENABLED=$1 stack up -d >>"$RESULTS/stack-output.txt" 2>&1 || die "the gateway did not restart"
}

# describe SCENARIO -> the table's wording and the command that makes the fault
describe() {
  case $1 in
    kill)       WHAT="primary killed (kill -9)"
                CMD="kill -9 <primary pid>; restored by ./stack up -d" ;;
    kill-fast)  WHAT="primary killed (kill -9), monitor 1 s interval, 1 s timeout, 1 tolerated failure, TTL 1 s"
                CMD="kill -9 <primary pid>; restored by ./stack up -d" ;;
    kill-retry) WHAT="primary killed (kill -9), edge retry on"
                CMD="kill -9 <primary pid>; restored by ./stack up -d; gateway run with GATEWAY_ORIGIN_EDGERETRY_ENABLED=true" ;;
    503)        WHAT="primary answers 503 to probes"
                CMD="curl -X PUT -H 'X-Admin-Key: $ADMIN_KEY' -d '{\"failHealth\":true}' $PRIMARY_URL/_services/chaos; restored by DELETE" ;;
  esac
  CMD="$CMD; clients: curl -s -m 2 every ~0.1 s to $GATEWAY_URL/ and to HAProxy (haproxy.cfg)"
}

part_failover() {
  local dir=$RESULTS/failover scenario n runs shipped tol interval timeout ttl formula col ours peer
  mkdir -p "$dir"
  stack_running || stack_up
  wait_primary_serving 120
  curl -s "$TM_URL/api/profiles/contoso" >"$dir/profile.json"
  printf '%s\n' "curl -s $TM_URL/api/profiles/contoso   # -> failover/profile.json" >>"$RESULTS/commands.txt"
  shipped=$(monitor_settings)

  for scenario in $FAILOVER_SCENARIOS; do
    case $scenario in
      kill-fast)  set_monitor 1 1 1 1 ;;
      kill-retry) restart_gateway true ;;
    esac
    read -r tol interval timeout ttl <<<"$(monitor_settings)"
    formula=$(( (tol + 1) * interval + timeout + ttl ))
    echo "$scenario $tol $interval $timeout $ttl $formula" >>"$dir/monitor-settings.txt"
    haproxy_start "$interval" "$((tol + 1))" 1 "$timeout"
    runs=$FAILOVER_RUNS
    [ "$scenario" = kill-fast ] && runs=$FAILOVER_FAST_RUNS
    for n in $(seq 1 "$runs"); do
      say "failover: $scenario, run $n of $runs"
      sample_load "failover $scenario run $n"
      one_failover "$dir" "$scenario" "$n"
    done
    haproxy_stop
    case $scenario in
      kill-fast)  set_monitor $shipped ;;
      kill-retry) restart_gateway false ;;
    esac

    describe "$scenario"
    for col in 1 2 4; do
      ours=$(awk -v c="$col" '{print $c}' "$dir/$scenario-gateway.tsv" | numbers | median)
      peer=$(awk -v c="$col" '{print $c}' "$dir/$scenario-haproxy.tsv" | numbers | median)
      case $col in
        1) record failover "$WHAT: time to first request served by the secondary (formula $formula s)" "$ours" "$peer" "HAProxy active+backup" s "$CMD" ;;
        2) record failover "$WHAT: failed requests until the primary is restored" "$ours" "$peer" "HAProxy active+backup" requests "$CMD" ;;
        4) record failover "$WHAT: failback, restore to first request served by the primary" "$ours" "$peer" "HAProxy active+backup" s "$CMD" ;;
      esac
    done
    note failover "$scenario: (toleratedNumberOfFailures $tol + 1) x intervalInSeconds $interval + timeoutInSeconds $timeout + TTL $ttl = $formula s (the worst case). HAProxy runs \`check inter ${interval}s fall $((tol + 1)) rise 1\`, \`timeout check ${timeout}s\`, \`option httpchk GET /_services/health\` against the same two nodes."
  done
  note failover "Both paths are loaded at the same time, so both see the same fault. Medians of $FAILOVER_RUNS runs per scenario ($FAILOVER_FAST_RUNS for kill-fast, whose time to the secondary spreads with the probes' and the TTL's phase at the kill); per-run figures in failover/<scenario>-<path>.tsv (failover_s failed total failback_s failed_after_restore), every request in failover/<scenario>-run<n>-<path>.txt, each scenario's monitor settings in failover/monitor-settings.txt."
  note failover "Failed requests count everything not answered 200 (including curl time-outs after 2 s) between the fault and the restore; the client sends about 10 requests a second, so the count scales with that rate. Failback after a kill is measured from the moment ./stack up -d returns (it polls the node's health once a second). HAProxy has no edge retry here (no \`option redispatch\`/\`retry-on\`), so in kill-retry it shows what the same fault costs without one."
}
