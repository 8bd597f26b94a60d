# Part 2, failover: a steady client load through the gateway (traffic manager routing) and,
# at the same time, through HAProxy (active + backup server, the profile's check settings) in
# front of the same two app nodes, while the primary is killed (kill -9) or made to fail its
# health probe (503). Each request is logged as "start_epoch status region".

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
    kill) kill -9 "$(stack_pid app-node-northeurope)" ;;
    503) chaos "$PRIMARY_URL" PUT '{"failHealth":true}' ;;
  esac
  echo "$fault fault ($scenario)" >>"$dir/$tag-events.txt"
  for path in gateway haproxy; do
    wait_for "$dir/$tag-$path.txt" westeurope "$fault" "$FAILOVER_TIMEOUT" \
      || say "failover $tag: $path did not reach westeurope within ${FAILOVER_TIMEOUT}s"
  done
  sleep 2
  case $scenario in
    kill) stack up -d >>"$RESULTS/stack-output.txt" 2>&1 || die "the primary did not restart" ;;
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

part_failover() {
  local dir=$RESULTS/failover scenario n profile tol interval timeout ttl formula
  mkdir -p "$dir"
  stack_running || stack_up
  wait_primary_serving 120
  profile=$(curl -s "$TM_URL/api/profiles/contoso")
  echo "$profile" >"$dir/profile.json"
  printf '%s\n' "curl -s $TM_URL/api/profiles/contoso   # -> failover/profile.json" >>"$RESULTS/commands.txt"
  tol=$(jq -r '.properties.monitorConfig.toleratedNumberOfFailures' <<<"$profile")
  interval=$(jq -r '.properties.monitorConfig.intervalInSeconds' <<<"$profile")
  timeout=$(jq -r '.properties.monitorConfig.timeoutInSeconds' <<<"$profile")
  ttl=$(jq -r '.properties.dnsConfig.ttl' <<<"$profile")
  formula=$(( (tol + 1) * interval + timeout + ttl ))
  haproxy_start "$interval" "$((tol + 1))" 1 "$timeout"

  for scenario in $FAILOVER_SCENARIOS; do
    for n in $(seq 1 "$FAILOVER_RUNS"); do
      say "failover: $scenario, run $n of $FAILOVER_RUNS"
      sample_load "failover $scenario run $n"
      one_failover "$dir" "$scenario" "$n"
    done
  done
  haproxy_stop

  local col what ours peer cmd
  for scenario in $FAILOVER_SCENARIOS; do
    case $scenario in
      kill) what="primary killed (kill -9)"
            cmd="kill -9 <primary pid>; restored by ./stack up -d" ;;
      503)  what="primary answers 503 to probes"
            cmd="curl -X PUT -H 'X-Admin-Key: $ADMIN_KEY' -d '{\"failHealth\":true}' $PRIMARY_URL/_services/chaos; restored by DELETE" ;;
    esac
    cmd="$cmd; clients: curl -s -m 2 every ~0.1 s to $GATEWAY_URL/ and to HAProxy (haproxy.cfg)"
    for col in 1 2 4; do
      ours=$(awk -v c="$col" '{print $c}' "$dir/$scenario-gateway.tsv" | numbers | median)
      peer=$(awk -v c="$col" '{print $c}' "$dir/$scenario-haproxy.tsv" | numbers | median)
      case $col in
        1) record failover "$what: time to first request served by the secondary (formula $formula s)" "$ours" "$peer" "HAProxy active+backup" s "$cmd" ;;
        2) record failover "$what: failed requests until the primary is restored" "$ours" "$peer" "HAProxy active+backup" requests "$cmd" ;;
        4) record failover "$what: failback, restore to first request served by the primary" "$ours" "$peer" "HAProxy active+backup" s "$cmd" ;;
      esac
    done
  done
  note failover "Formula from GET /api/profiles/contoso: (toleratedNumberOfFailures $tol + 1) x intervalInSeconds $interval + timeoutInSeconds $timeout + TTL $ttl = $formula s. HAProxy runs \`check inter ${interval}s fall $((tol + 1)) rise 1\`, \`timeout check ${timeout}s\`, \`option httpchk GET /_services/health\` against the same two nodes, loaded at the same time as the gateway, so both see the same fault. Medians of $FAILOVER_RUNS runs per scenario; per-run figures in failover/<scenario>-<path>.tsv (failover_s failed total failback_s failed_after_restore), every request in failover/<scenario>-run<n>-<path>.txt."
  note failover "Failed requests count everything not answered 200 (including curl time-outs after 2 s) between the fault and the restore; the client sends about 10 requests a second, so the count scales with that rate. Failback after a kill is measured from the moment ./stack up -d returns (it polls the node's health once a second)."
}
