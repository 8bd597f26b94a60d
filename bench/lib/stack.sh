# The stack under test, started by ./stack on ports that are not the contract's, so that the
# harness never collides with a stack someone already runs on 8070/8080/8081/8082/8090.

# Each port is the contract's, read from the stack's wiring file (.env), plus 10000 (BENCH_<NAME> sets one of them).
declare -A CONTRACT_PORTS
while IFS='=' read -r name value; do
  case $name in *_PORT) CONTRACT_PORTS[$name]=$value ;; esac
done <"$ROOT/.env"
bench_port() { local own="BENCH_$1"; echo "${!own:-$((CONTRACT_PORTS[$1] + 10000))}"; }

export STORE_PORT=$(bench_port STORE_PORT)
export NORTHEUROPE_PORT=$(bench_port NORTHEUROPE_PORT)
export WESTEUROPE_PORT=$(bench_port WESTEUROPE_PORT)
export TRAFFIC_MANAGER_PORT=$(bench_port TRAFFIC_MANAGER_PORT)
export GATEWAY_PORT=$(bench_port GATEWAY_PORT)
export STORE_TLS_PORT=$(bench_port STORE_TLS_PORT)
NGINX_PORT=${BENCH_NGINX_PORT:-18084}
HAPROXY_PORT=${BENCH_HAPROXY_PORT:-18085}
NGINX_STATIC_PORT=${BENCH_NGINX_STATIC_PORT:-18086}
ADMIN_KEY=emulator-admin-key

STORE_URL=http://127.0.0.1:$STORE_PORT
PRIMARY_URL=http://127.0.0.1:$NORTHEUROPE_PORT
SECONDARY_URL=http://127.0.0.1:$WESTEUROPE_PORT
TM_URL=http://127.0.0.1:$TRAFFIC_MANAGER_PORT
GATEWAY_URL=http://127.0.0.1:$GATEWAY_PORT

STACK_SERVICES=(metadata-store app-node-northeurope app-node-westeurope traffic-manager gateway)

# Hook (issue 9, part 6): once the app node's simulated cross-region latency is merged
# (node.primary-region), BENCH_CROSS_REGION=1 starts every node with northeurope as the primary
# region, so westeurope pays the simulated latency on its store calls and northeurope does not.
if [ "${BENCH_CROSS_REGION:-1}" = 1 ]; then
  export NODE_PRIMARY_REGION=northeurope
fi

# The traffic manager's DNS server (UDP) and resource-manager endpoint on ports of their own, beside a running ./stack.
export DNS_PORT=$(bench_port DNS_PORT)
export RESOURCE_MANAGER_PORT=$(bench_port RESOURCE_MANAGER_PORT)

stack() { (cd "$ROOT" && ./stack "$@"); }

stack_up() {
  printf '%s\n' "STACK_HOME=$STACK_HOME STORE_PORT=$STORE_PORT NORTHEUROPE_PORT=$NORTHEUROPE_PORT WESTEUROPE_PORT=$WESTEUROPE_PORT TRAFFIC_MANAGER_PORT=$TRAFFIC_MANAGER_PORT GATEWAY_PORT=$GATEWAY_PORT ./stack up -d" >>"$RESULTS/commands.txt"
  stack up -d >>"$RESULTS/stack-output.txt" 2>&1 || { tail -n 60 "$RESULTS/stack-output.txt" >&2; die "./stack up -d failed (see $RESULTS/stack-output.txt)"; }
}

stack_down() { stack down >>"$RESULTS/stack-output.txt" 2>&1 || true; }

stack_running() { [ -n "$(stack_pid gateway)" ]; }

stack_pid() {
  local f=$STACK_HOME/pids/$1.pid
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"
  return 0
}

# status code and X-PP-Region of one request: "200 northeurope"
probe_region() {
  curl -s -o /dev/null -m 2 -w '%{http_code} %header{x-pp-region}' "$1" 2>/dev/null || true
}

# Waits until the traffic manager names the primary as Online (probes have run) and the gateway
# serves from it, so that every part starts from the steady state.
wait_primary_serving() {
  local deadline=$((SECONDS + ${1:-90}))
  until curl -s -m 2 "$TM_URL/api/profiles/contoso/resolve" | grep -q '"endpoint":"northeurope".*"endpointMonitorStatus":"Online"' \
        && [ "$(probe_region "$GATEWAY_URL/")" = "200 northeurope" ]; do
    [ $SECONDS -ge $deadline ] && die "the gateway did not serve from northeurope within ${1:-90}s"
    sleep 1
  done
}

chaos() { # chaos NODE_URL METHOD [JSON]
  curl -s -m 5 -X "$2" -H "X-Admin-Key: $ADMIN_KEY" -H 'Content-Type: application/json' \
    ${3:+--data "$3"} "$1/_services/chaos" >/dev/null
}

# RSS of a process tree's main process, in MiB, from /proc
rss_mib() { awk '/^VmRSS:/ {printf "%.1f\n", $2/1024}' "/proc/$1/status" 2>/dev/null || echo n/a; }
