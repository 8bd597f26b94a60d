#!/usr/bin/env bash
# The proxied page, CPU per request (issue 16, target 2b; docs/benchmarks.md "The edge at nginx's pace"):
#   bench/proxy/run.sh BASELINE.jar [CANDIDATE.jar]      (ROUNDS=3 SECONDS_PER_RUN=8 WARMUP_SECONDS=30 by default)
# CANDIDATE_ARGS / BASELINE_ARGS: extra Spring Boot arguments for one of the two (a property lever measured alone);
# CANDIDATE_JAVA_OPTS / BASELINE_JAVA_OPTS: JVM options added for one of the two (e.g. .env's GATEWAY_JAVA_OPTS).
# One nginx serves a 1.7 KB page and the traffic manager's resolve answer (the origin, which costs nearly
# nothing, so the proxy's own cost shows); a second nginx is the reverse proxy to compare with (one worker,
# upstream keep-alive); each gateway jar runs with the launcher's JVM options, CDN and WAF off. The targets take
# turns round by round (candidate, nginx, baseline), `wrk -t2 -c$CONNECTIONS`, and for each run the CPU the proxy process
# spent (utime+stime from /proc/<pid>/stat) is divided by the requests it answered: a figure that moves far less
# with the machine's load than requests/s do. The load average is printed with every row.
# CONNECTIONS (default 32): wrk's connections; 16 is the harness's overhead part, where each connection waits on a
# rendering app node and the proxies handle fewer requests per wake-up (docs/benchmarks.md "The proxied page, sixth
# round").
# Ports: PROXY_BENCH_PORT (default 9700) and the next ones. JAVA (default: java on the PATH).
# APP_NODE=127.0.0.1:PORT: the origin is that app node (e.g. a ./stack on ports of your own), which renders each page
# (/about/, as the harness's overhead part), instead of the static nginx page: the traffic manager's answer names it,
# nginx proxies to it, and "direct" fetches from it.
# JFR=file.jfr: the candidate (the baseline when there is none) records a JFR profile (settings=profile) through the
# measured rounds, for bench/proxy/jfr-shares.py; its CPU figures then carry the profiler's cost, so compare builds in
# a run without it.
# WAF=Full (or PowerPages): both gateways with that preset's managed rules in Prevention (as bench/parts/wafcost.sh sets
# them through /_edge/admin/waf), wafcost's request mix (a page, an ordinary search, a Web API read with OData options)
# instead of the one page, and a third target: nginx with ModSecurity 3 + the OWASP CRS (PL1, blocking; wafcost's
# settings) in the same nginx as the reverse proxy. Every WAF must answer the mix with 200 and a script injection with
# 403, and the gateways ordinary text in other scripts with 200, before anything is measured
# (docs/benchmarks.md "WAF on through the fast path").
set -euo pipefail

BASELINE=${1:?usage: bench/proxy/run.sh BASELINE.jar [CANDIDATE.jar]}
CANDIDATE=${2:-}
ROUNDS=${ROUNDS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-8}
# Until the JIT has compiled the proxy path: on this 2-core machine under other work, C2 still took 40 % of the
# gateway's CPU after 35 s of load; 30 s at the measured concurrency, then the compiler threads' share is printed.
WARMUP_SECONDS=${WARMUP_SECONDS:-30}
CONNECTIONS=${CONNECTIONS:-32}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:--XX:+UseSerialGC -Xms32m -Xmx384m}
BASE_PORT=${PROXY_BENCH_PORT:-9700}
ORIGIN_PORT=$BASE_PORT NGINX_PORT=$((BASE_PORT + 1)) BASELINE_PORT=$((BASE_PORT + 2)) CANDIDATE_PORT=$((BASE_PORT + 3))
MODSEC_PORT=$((BASE_PORT + 4))
WAF=${WAF:-}
SCRATCH=$(mktemp -d /tmp/proxy-bench.XXXXXX)
chmod 755 "$SCRATCH"
PATH_UNDER_TEST=/page/
APP_NODE=${APP_NODE:-}
UPSTREAM=127.0.0.1:$ORIGIN_PORT
if [[ -n $APP_NODE ]]; then
  UPSTREAM=$APP_NODE PATH_UNDER_TEST=/about/
fi

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for conf in origin proxy; do
    [[ -f "$SCRATCH/$conf.pid" ]] && kill "$(cat "$SCRATCH/$conf.pid")" 2>/dev/null || true
  done
}
trap cleanup EXIT

mkdir -p "$SCRATCH/www/page" "$SCRATCH/www/api/profiles/contoso" "$SCRATCH/tmp"
python3 -c 'print("<!doctype html><html><head><title>Page</title></head><body>" + "<p>Lorem ipsum dolor sit amet.</p>\n" * 48 + "</body></html>")' \
  > "$SCRATCH/www/page/index.html"
cat > "$SCRATCH/www/api/profiles/contoso/resolve" <<JSON
{"profile":"contoso","fqdn":"contoso.trafficmanager.net","endpoint":"northeurope","target":"$UPSTREAM",
 "url":"http://$UPSTREAM","endpointMonitorStatus":"Online","ttl":300,"allEndpointsDegraded":false,"fallbacks":[]}
JSON
nginx_conf() { # name body [main-context lines]
  cat > "$SCRATCH/$1.conf" <<CONF
${3:-}
worker_processes 1;
pid $SCRATCH/$1.pid;
error_log $SCRATCH/$1.error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $SCRATCH/tmp/$1-body;
    proxy_temp_path $SCRATCH/tmp/$1-proxy;
    fastcgi_temp_path $SCRATCH/tmp/$1-fastcgi;
    uwsgi_temp_path $SCRATCH/tmp/$1-uwsgi;
    scgi_temp_path $SCRATCH/tmp/$1-scgi;
    keepalive_requests 100000;
    $2
}
CONF
  nginx -p "$SCRATCH" -c "$SCRATCH/$1.conf" -e "$SCRATCH/$1.error.log"
}
# The traffic manager's answer under /api/; with WAF set, every other path (the mix's) answers the page.
nginx_conf origin "server { listen 127.0.0.1:$ORIGIN_PORT; root $SCRATCH/www; default_type application/json;
    location /page/ { default_type text/html; }
    location /api/ { }
    location / { default_type text/html; try_files /page/index.html =404; } }"
PROXY_LOCATION="location / { proxy_pass http://origin; proxy_http_version 1.1;
    proxy_set_header Connection \"\"; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; }"
MODSEC_SERVER="" MODSEC_LOAD=""
if [[ -n $WAF ]]; then
  # bench/parts/wafcost.sh's ModSecurity settings and CRS, with the same OData exclusion as the gateway's presets.
  odata=""
  for o in '$filter' '$select' '$expand' '$orderby' '$apply' '$top' '$skip' '$skiptoken' '$count' '$search' fetchXml; do
    odata+="!ARGS:$o|!ARGS_NAMES:$o|"
  done
  cat > "$SCRATCH/modsec.conf" <<CONF
SecRuleEngine On
SecRequestBodyAccess On
SecRequestBodyLimit 13107200
SecRequestBodyNoFilesLimit 131072
SecRequestBodyLimitAction Reject
SecResponseBodyAccess Off
SecTmpDir $SCRATCH/tmp
SecDataDir $SCRATCH/tmp
SecAuditEngine Off
SecArgumentSeparator &
SecCookieFormat 0
Include /etc/modsecurity/crs/crs-setup.conf
SecAction "id:900000,phase:1,nolog,pass,t:none,setvar:tx.paranoia_level=1"
Include /usr/share/modsecurity-crs/rules/*.conf
SecRuleUpdateTargetByTag "attack-sqli" "${odata%|}"
CONF
  MODSEC_LOAD="load_module /usr/lib/nginx/modules/ngx_http_modsecurity_module.so;"
  MODSEC_SERVER="server { listen 127.0.0.1:$MODSEC_PORT; modsecurity on; modsecurity_rules_file $SCRATCH/modsec.conf;
    $PROXY_LOCATION }"
fi
nginx_conf proxy "upstream origin { server $UPSTREAM; keepalive 64; }
    server { listen 127.0.0.1:$NGINX_PORT; $PROXY_LOCATION }
    $MODSEC_SERVER" "$MODSEC_LOAD"

start_gateway() { # jar port name java-options [arguments]
  local jar=$1 port=$2 name=$3 options=$4
  shift 4
  # shellcheck disable=SC2086
  "$JAVA" $JAVA_OPTS $options -jar "$jar" --server.port="$port" "$@" \
    --gateway.traffic-manager.url="http://127.0.0.1:$ORIGIN_PORT" \
    --gateway.waf.policy-file="$SCRATCH/$name-waf.json" --gateway.cdn.settings-file="$SCRATCH/$name-cdn.json" \
    --gateway.cdn.site-settings.enabled=false --logging.level.root=WARN >"$SCRATCH/$name.log" 2>&1 &
  pids+=($!)
  pid[$name]=$!
}
declare -A pid url
# shellcheck disable=SC2086
start_gateway "$BASELINE" "$BASELINE_PORT" baseline "${BASELINE_JAVA_OPTS:-}" ${BASELINE_ARGS:-}
url[baseline]="http://127.0.0.1:$BASELINE_PORT$PATH_UNDER_TEST"
targets=(nginx baseline)
if [[ -n $CANDIDATE ]]; then
  # shellcheck disable=SC2086
  start_gateway "$CANDIDATE" "$CANDIDATE_PORT" candidate "${CANDIDATE_JAVA_OPTS:-}" ${CANDIDATE_ARGS:-}
  url[candidate]="http://127.0.0.1:$CANDIDATE_PORT$PATH_UNDER_TEST"
  targets=(candidate nginx baseline)
fi
pid[nginx]=$(pgrep -P "$(cat "$SCRATCH/proxy.pid")" | head -1)
url[nginx]="http://127.0.0.1:$NGINX_PORT$PATH_UNDER_TEST"
url[direct]="http://$UPSTREAM$PATH_UNDER_TEST"
WRK_SCRIPT=()
if [[ -n $WAF ]]; then
  # wafcost's mix, each wrk connection taking the paths in turn; the URLs are the servers' roots.
  cat > "$SCRATCH/mix.lua" <<'LUA'
local paths = {"/about/", "/?q=hello%20world", "/_api/accounts?$select=name&$filter=statecode%20eq%200&$top=5"}
local i = 0
request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end
LUA
  WRK_SCRIPT=(-s "$SCRATCH/mix.lua")
  for target in "${!url[@]}"; do url[$target]=${url[$target]%"$PATH_UNDER_TEST"}; done
  url[nginx-modsec]="http://127.0.0.1:$MODSEC_PORT"
  pid[nginx-modsec]=${pid[nginx]}
  targets=("${targets[@]/nginx/nginx nginx-modsec}")
  read -ra targets <<<"${targets[*]}"
fi

for target in "${targets[@]}"; do
  for _ in $(seq 1 240); do
    curl -sf -o /dev/null "${url[$target]}" && break
    kill -0 "${pid[$target]}" 2>/dev/null || { echo "$target stopped: $SCRATCH/$target.log" >&2; exit 1; }
    sleep 0.5
  done
  curl -sf -o /dev/null "${url[$target]}" || { echo "$target does not answer ${url[$target]}" >&2; exit 1; }
done
if [[ -n $WAF ]]; then
  # The preset's managed rules as the gateway states them, then wafcost's Full preset (the SQLI group on, the Web API's
  # OData options excluded from it); Prevention.
  rules=$(curl -sf "${url[baseline]}/_edge/admin/waf" -H 'X-Admin-Key: emulator-admin-key' | jq -c '.properties.managedRules')
  if [[ $WAF == Full ]]; then
    rules=$(jq -c '.managedRuleSets |= map(if .ruleSetType == "Microsoft_DefaultRuleSet" then .ruleGroupOverrides = [{ruleGroupName: "SQLI",
      exclusions: (["$filter","$select","$expand","$orderby","$apply","$top","$skip","$skiptoken","$count","$search","fetchXml"]
        | map({matchVariable: "QueryStringArgNames", selectorMatchOperator: "Equals", selector: .}))}] else . end)' <<<"$rules")
  fi
  policy=$(jq -c '{properties: {policySettings: {enabledState: "Enabled", mode: "Prevention"}, managedRules: .}}' <<<"$rules")
  for target in "${targets[@]}"; do
    [[ $target == nginx* ]] && continue
    curl -sf -o /dev/null -X PATCH "${url[$target]}/_edge/admin/waf" -H 'X-Admin-Key: emulator-admin-key' \
      -H 'Content-Type: application/merge-patch+json' -d "$policy" || { echo "$target: PATCH /_edge/admin/waf failed" >&2; exit 1; }
  done
  for target in "${targets[@]}"; do
    [[ $target == nginx ]] && continue
    for path in "/about/" "/?q=hello%20world" '/_api/accounts?$select=name&$filter=statecode%20eq%200&$top=5' \
        '/?q=%3Cscript%3Ealert(1)%3C/script%3E' '/?q=caf%C3%A9%20cr%C3%A8me%20%E2%9C%93%20%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82%20%E4%BD%A0%E5%A5%BD'; do
      code=$(curl -s -o /dev/null -w '%{http_code}' "${url[$target]}$path")
      want=200
      [[ $path == *script* ]] && want=403
      [[ $path == *caf* && $target == nginx-modsec ]] && want=$code   # recorded, not required of ModSecurity
      echo "check: $target $code $path"
      [[ $code == "$want" ]] || { echo "$target answered $code to $path, not $want" >&2; exit 1; }
    done
  done
fi
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
compiler_ticks() { # the CPU ticks of the JIT compiler threads (their names hold a space: parse after the ")")
  local task total=0
  for task in /proc/"$1"/task/*; do
    [[ $(cat "$task/comm" 2>/dev/null) == C[12]\ Compiler* ]] || continue
    total=$((total + $(sed 's/.*) //' "$task/stat" | awk '{print $12 + $13}')))
  done
  echo "$total"
}
loop_ticks() { # the CPU ticks of the gateway's event-loop threads (Reactor Netty's, named reactor-http-*): the proxy's
  # own work without the JIT's and the collector's threads, which still take a large share of a loaded machine's cores
  # long after the warm-up (docs/benchmarks.md "The proxied page, seventh round")
  local task total=0
  for task in /proc/"$1"/task/*; do
    [[ $(cat "$task/comm" 2>/dev/null) == reactor-http* ]] || continue
    total=$((total + $(sed 's/.*) //' "$task/stat" | awk '{print $12 + $13}')))
  done
  echo "$total"
}
echo "warm-up: ${WARMUP_SECONDS} s each at the measured concurrency"
for target in "${targets[@]}"; do
  if [[ $target == nginx* ]]; then wrk -t2 -c"$CONNECTIONS" -d5s "${WRK_SCRIPT[@]}" "${url[$target]}" >/dev/null; continue; fi
  c0=$(compiler_ticks "${pid[$target]}") p0=$(cpu_ticks "${pid[$target]}")
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP_SECONDS}s" "${WRK_SCRIPT[@]}" "${url[$target]}" >/dev/null
  c1=$(compiler_ticks "${pid[$target]}") p1=$(cpu_ticks "${pid[$target]}")
  wrk -t2 -c"$CONNECTIONS" -d5s "${WRK_SCRIPT[@]}" "${url[$target]}" >/dev/null
  c2=$(compiler_ticks "${pid[$target]}") p2=$(cpu_ticks "${pid[$target]}")
  echo "$target: JIT compiler threads $(( 100 * (c1 - c0) / (p1 - p0 + 1) )) % of its CPU during the warm-up, $(( 100 * (c2 - c1) / (p2 - p1 + 1) )) % in the 5 s after it"
done

tick=$(getconf CLK_TCK)
JFR=${JFR:-}
profiled=${targets[0]}
[[ $profiled == candidate ]] || profiled=baseline
JCMD="$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jcmd"
if [[ -n $JFR ]]; then
  "$JCMD" "${pid[$profiled]}" JFR.start name=proxy-bench settings=profile >/dev/null
  echo "JFR: recording $profiled through the rounds into $JFR"
fi
echo "| round | target | req/s | p50 ms | CPU µs/req | event loops µs/req | load (1 min) |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for round in $(seq 1 "$ROUNDS"); do
  for target in "${targets[@]}" direct; do
    [[ $target == direct ]] && ((round > 1)) && continue
    before=$([[ $target == direct ]] && echo 0 || cpu_ticks "${pid[$target]}")
    loops_before=$([[ $target == direct || $target == nginx* ]] && echo 0 || loop_ticks "${pid[$target]}")
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "${WRK_SCRIPT[@]}" "${url[$target]}")
    after=$([[ $target == direct ]] && echo 0 || cpu_ticks "${pid[$target]}")
    loops_after=$([[ $target == direct || $target == nginx* ]] && echo 0 || loop_ticks "${pid[$target]}")
    requests=$(awk '/requests in/{print $1}' <<<"$out")
    rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {v = $2; if (v ~ /us$/) {sub(/us$/, "", v); v /= 1000} else if (v ~ /ms$/) sub(/ms$/, "", v);
      else if (v ~ /s$/) {sub(/s$/, "", v); v *= 1000}; printf "%.2f", v}' <<<"$out")
    cpu=$(awk -v a="$after" -v b="$before" -v n="$requests" -v t="$tick" 'BEGIN {printf "%.0f", (a - b) * 1e6 / t / n}')
    loops=$(awk -v a="$loops_after" -v b="$loops_before" -v n="$requests" -v t="$tick" 'BEGIN {printf "%.0f", (a - b) * 1e6 / t / n}')
    [[ $target == direct ]] && cpu="-"
    [[ $target == direct || $target == nginx* ]] && loops="-"
    echo "| $round | $target | $rps | $p50 | $cpu | $loops | $(cut -d' ' -f1 /proc/loadavg) |"
    failed=$(awk '/Non-2xx or 3xx responses/{print $NF}' <<<"$out")
    [[ -z $failed ]] || echo "WARNING: $target answered $failed requests with neither 2xx nor 3xx in round $round" >&2
  done
done
if [[ -n $JFR ]]; then
  "$JCMD" "${pid[$profiled]}" JFR.stop name=proxy-bench filename="$(realpath -m "$JFR")" >/dev/null
fi
