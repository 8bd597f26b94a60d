#!/usr/bin/env bash
# CDN conformance and hit throughput, ours beside nginx proxy_cache, in one run:
#   bench/cdn/run.sh            (from the repository root or anywhere)
# Installs http-cache-tests@0.4.5 into a scratch folder (never into the Maven build), runs its
# origin server on loopback, starts the gateway jar with the CDN on in Front Door route-caching
# mode routed straight to that origin (a route override property instead of the traffic
# manager), starts nginx with its own config, pid and temp paths under the scratch folder, runs
# the suite against both and writes bench/cdn/results/. Needs node/npm, nginx and (for
# throughput) wrk: apt-get install nginx wrk.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# Called by bench/run.sh with BENCH_OUT (where this run's results go) and --smoke (a short check
# that the harness works: a 2 s throughput run, results only under BENCH_OUT).
SMOKE=0
[[ "${1:-}" == "--smoke" ]] && SMOKE=1
RESULTS="${BENCH_OUT:-$HERE/results}"
SCRATCH="${CDN_BENCH_SCRATCH:-$(mktemp -d /tmp/cdn-bench.XXXXXX)}"
SUITE_VERSION=0.4.5
if [[ $SMOKE == 1 ]]; then WRK_SECONDS="${WRK_SECONDS:-2}"; else WRK_SECONDS="${WRK_SECONDS:-10}"; fi
mkdir -p "$RESULTS" "$SCRATCH/nginx" "$SCRATCH/www/bench"
# mktemp -d makes a 0700 folder; nginx started as root runs its workers as another user
# (www-data), which must reach the static file and the cache and temp folders under it.
chmod 755 "$SCRATCH"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [[ -f "$SCRATCH/nginx/nginx.pid" ]]; then kill "$(cat "$SCRATCH/nginx/nginx.pid")" 2>/dev/null || true; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { for _ in $(seq 1 120); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done; echo "timed out waiting for $1" >&2; return 1; }

echo "== scratch: $SCRATCH"
if [[ ! -d "$SCRATCH/node_modules/http-cache-tests" ]]; then
  (cd "$SCRATCH" && npm install --silent --no-audit --no-fund "http-cache-tests@$SUITE_VERSION" >/dev/null)
fi
SUITE="$SCRATCH/node_modules/http-cache-tests"

JAR="$(ls "$ROOT"/gateway/target/gateway-*.jar 2>/dev/null | grep -v original | head -1 || true)"
if [[ -z "$JAR" || -n "${REBUILD:-}" ]]; then
  (cd "$ROOT" && ./mvnw -q -B -pl gateway -am package -DskipTests)
  JAR="$(ls "$ROOT"/gateway/target/gateway-*.jar | grep -v original | head -1)"
fi

ORIGIN_PORT=$(free_port); GATEWAY_PORT=$(free_port); NGINX_PORT=$(free_port); STATIC_PORT=$(free_port)
PIPELINE_PORT=$(free_port)

# The suite's origin server (it reads its port and protocol from npm's config variables).
(cd "$SUITE" && npm_config_port=$ORIGIN_PORT npm_package_config_protocol=http npm_config_protocol=http \
  npm_config_pidfile="$SCRATCH/origin.pid" exec node server/server.mjs >"$SCRATCH/origin.log" 2>&1) &
pids+=($!)

# A static file for the throughput run (3 KB of CSS, served by nginx as the origin).
python3 -c 'print(".rule { margin: 0; padding: 0; }\n" * 100, end="")' > "$SCRATCH/www/bench/static.css"

sed -e "s#@SCRATCH@#$SCRATCH#g" -e "s#@NGINX_PORT@#$NGINX_PORT#g" -e "s#@ORIGIN_PORT@#$ORIGIN_PORT#g" \
  -e "s#@STATIC_PORT@#$STATIC_PORT#g" "$HERE/nginx.conf.template" > "$SCRATCH/nginx/nginx.conf"
nginx -p "$SCRATCH/nginx" -c "$SCRATCH/nginx/nginx.conf" -e "$SCRATCH/nginx/error.log"

# The gateway: CDN on, Front Door route caching, the site route sent to the suite's origin and a
# second route for the throughput file. No traffic manager is involved (tm:// is not used).
# Heuristic freshness is off (default-ttl 0s): the suite expects a cache not to invent a
# lifetime; run with FRONT_DOOR_DEFAULT_TTL=1 to measure Front Door's 1-3 day default instead.
TTL_ARGS=(--gateway.cdn.default-ttl-min=0s --gateway.cdn.default-ttl-max=0s)
if [[ -n "${FRONT_DOOR_DEFAULT_TTL:-}" ]]; then TTL_ARGS=(); fi
# Node's server closes idle keep-alive connections after 5 s; a pooled connection kept longer is
# found closed on reuse (502), so the bench drops idle origin connections after 2 s.
start_gateway() { # port log [extra arguments]
local port=$1 log=$2; shift 2
java -Xmx256m -jar "$JAR" --server.port="$port" \
  --management.server.port=0 \
  --spring.cloud.gateway.server.webflux.httpclient.pool.max-idle-time=2s \
  --spring.cloud.gateway.server.webflux.routes[0].id=suite \
  --spring.cloud.gateway.server.webflux.routes[0].uri="http://127.0.0.1:$ORIGIN_PORT" \
  --spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/** \
  --spring.cloud.gateway.server.webflux.routes[1].id=bench \
  --spring.cloud.gateway.server.webflux.routes[1].uri="http://127.0.0.1:$STATIC_PORT" \
  --spring.cloud.gateway.server.webflux.routes[1].predicates[0]=Path=/bench/** \
  --spring.cloud.gateway.server.webflux.routes[1].order=-1 \
  --gateway.cdn.enabled=true --gateway.cdn.caching-rule=FrontDoorRoute \
  --gateway.cdn.settings-file="$SCRATCH/cdn-settings.json" --gateway.cdn.site-settings.enabled=false \
  "${TTL_ARGS[@]}" --logging.level.root=WARN "$@" >"$log" 2>&1 &
pids+=($!)
}
start_gateway "$GATEWAY_PORT" "$SCRATCH/gateway.log"
# The same gateway with every hit through Spring WebFlux's pipeline (gateway.cdn.fast-hits=false, docs/cdn.md
# "Fast hits"), for the throughput rows only: what the fast-hit shortcut gives, in the same run.
start_gateway "$PIPELINE_PORT" "$SCRATCH/gateway-pipeline.log" --gateway.cdn.fast-hits=false

wait_http "http://127.0.0.1:$ORIGIN_PORT/"
wait_http "http://127.0.0.1:$NGINX_PORT/bench/static.css"
wait_http "http://127.0.0.1:$GATEWAY_PORT/_edge/health"
wait_http "http://127.0.0.1:$PIPELINE_PORT/_edge/health"

run_suite() { # name base-url
  echo "== http-cache-tests against $1 ($2)"
  (cd "$SUITE" && npm_config_base="$2" npm_package_config_base="$2" npm_config_id= npm_package_config_id= \
    node --no-warnings cli.mjs) > "$RESULTS/$1.json"
}
run_suite gateway "http://127.0.0.1:$GATEWAY_PORT"
run_suite nginx "http://127.0.0.1:$NGINX_PORT"

{
  echo "# CDN conformance: http-cache-tests $SUITE_VERSION, gateway (FrontDoorRoute) vs nginx $(nginx -v 2>&1 | sed 's#.*/##') proxy_cache"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores by bench/cdn/run.sh; raw results: gateway.json, nginx.json."
  echo "A required test counts as passed when it passed and the tests it depends on passed (cache-tests.fyi's rule); browser-only tests are not counted."
  echo
  node "$HERE/summarize.mjs" "$SUITE" "gateway=$RESULTS/gateway.json" "nginx=$RESULTS/nginx.json"
} > "$RESULTS/conformance.md"

if command -v wrk >/dev/null; then
  echo "== hit throughput (wrk -t2 -c32 -d${WRK_SECONDS}s, 3 KB CSS, identity)"
  curl -s -o /dev/null "http://127.0.0.1:$GATEWAY_PORT/bench/static.css"
  curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/bench/static.css"
  curl -s -D - -o /dev/null "http://127.0.0.1:$GATEWAY_PORT/bench/static.css" | grep -i '^x-cache' || true
  curl -s -o /dev/null "http://127.0.0.1:$PIPELINE_PORT/bench/static.css"
  # A short warm-up so the JIT has seen the hit path, then the measured run.
  wrk -t2 -c32 -d3s "http://127.0.0.1:$GATEWAY_PORT/bench/static.css" >/dev/null
  wrk -t2 -c32 -d3s "http://127.0.0.1:$PIPELINE_PORT/bench/static.css" >/dev/null
  gw=$(wrk -t2 -c32 -d"${WRK_SECONDS}s" "http://127.0.0.1:$GATEWAY_PORT/bench/static.css")
  ng=$(wrk -t2 -c32 -d"${WRK_SECONDS}s" "http://127.0.0.1:$NGINX_PORT/bench/static.css")
  pipeline=$(wrk -t2 -c32 -d"${WRK_SECONDS}s" "http://127.0.0.1:$PIPELINE_PORT/bench/static.css")
  # The edge's fixed cost: its own health endpoint, no cache and no origin involved.
  floor=$(wrk -t2 -c32 -d"${WRK_SECONDS}s" "http://127.0.0.1:$GATEWAY_PORT/_edge/health")
  {
    echo "# Cache-hit throughput: gateway CDN vs nginx proxy_cache, same 3 KB file, same run"
    echo
    echo "wrk -t2 -c32 -d${WRK_SECONDS}s on loopback, $(nproc) cores shared with the load generator (and other work on this machine);"
    echo "compare the two figures with each other, not with other machines. $(date -u +%Y-%m-%dT%H:%MZ)."
    echo
    echo "| cache | requests/s | latency avg | |"
    echo "| --- | --- | --- | --- |"
    echo "| gateway | $(awk '/Requests\/sec/{print $2}' <<<"$gw") | $(awk '/Latency/{print $2; exit}' <<<"$gw") | |"
    echo "| nginx | $(awk '/Requests\/sec/{print $2}' <<<"$ng") | $(awk '/Latency/{print $2; exit}' <<<"$ng") | |"
    echo "| gateway, every hit through the WebFlux pipeline (gateway.cdn.fast-hits=false) | $(awk '/Requests\/sec/{print $2}' <<<"$pipeline") | $(awk '/Latency/{print $2; exit}' <<<"$pipeline") | |"
    echo "| gateway /_edge/health (no cache, no origin: the edge's floor) | $(awk '/Requests\/sec/{print $2}' <<<"$floor") | $(awk '/Latency/{print $2; exit}' <<<"$floor") | |"
    echo; echo "Load average at the end of the run: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo; echo '```'; echo "gateway:"; echo "$gw"; echo; echo "nginx:"; echo "$ng"; echo; echo "gateway, pipeline hits:"; echo "$pipeline"; echo; echo "gateway /_edge/health:"; echo "$floor"; echo '```'
  } > "$RESULTS/throughput.md"
fi

# The harness (bench/run.sh) copies summary.md into BENCHMARKS.md under the CDN part.
{ cat "$RESULTS/conformance.md"; [[ -f "$RESULTS/throughput.md" ]] && { echo; cat "$RESULTS/throughput.md"; }; } > "$RESULTS/summary.md"
if [[ -n "${BENCH_OUT:-}" && $SMOKE == 0 ]]; then cp "$RESULTS"/{conformance.md,throughput.md,gateway.json,nginx.json} "$HERE/results/" 2>/dev/null || true; fi
sed -n '1,40p' "$RESULTS/conformance.md"
[[ -f "$RESULTS/throughput.md" ]] && sed -n '1,12p' "$RESULTS/throughput.md"
