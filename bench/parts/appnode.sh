# Part 4, app node: pages rendered per second by one node with a warm cache, after a cache clear,
# and on the secondary (whose store path is slower once the simulated cross-region latency exists).
#
# Settings:
#   BENCH_CLEAR_CACHE="POST /_services/about/clear-cache"   method and path that clear a node's
#       cache (sent with X-Admin-Key; the default); set it empty to skip the "after a cache clear" rows.
#   BENCH_CROSS_REGION=1   (the default) starts the nodes with NODE_PRIMARY_REGION=northeurope
#       (bench/lib/stack.sh), so the secondary pays the simulated cross-region latency on its store calls.
BENCH_CLEAR_CACHE=${BENCH_CLEAR_CACHE-POST /_services/about/clear-cache}

clear_cache() { # clear_cache NODE_URL
  local method=${BENCH_CLEAR_CACHE%% *} path=${BENCH_CLEAR_CACHE#* } code
  code=$(curl -s -o /dev/null -w '%{http_code}' -m 10 -X "$method" -H "X-Admin-Key: $ADMIN_KEY" "$1$path")
  case $code in 2??) ;; *) die "clearing the cache with $BENCH_CLEAR_CACHE on $1 answered $code" ;; esac
}

# appnode_runs NAME URL [clear NODE_URL]: $RUNS wrk runs; with "clear", the cache is cleared
# right before each run, so the run starts cold and refills it
appnode_runs() {
  local name=$1 url=$2 n
  for n in $(seq 1 "$RUNS"); do
    [ "${3:-}" = clear ] && clear_cache "$4"
    wrk_once "$name" "$url" "$DIR" "$n"
  done
  APPNODE_CMD[$name]=$WRK_CMD
}

part_appnode() {
  DIR=$RESULTS/appnode
  local path=/ name
  mkdir -p "$DIR"
  stack_running || stack_up
  wait_primary_serving
  declare -gA APPNODE_CMD=()

  # Reference peer: nginx serving a page the node rendered, as a static file.
  nginx_start "$PRIMARY_URL"
  curl -s -o "$SCRATCH/nginx/www/index.html" "$PRIMARY_URL$path"
  # The secondary has served nothing yet while the primary has just carried the other parts'
  # load: both nodes get the same, longer warm-up so that the JIT compiler has done its work on
  # each, and the runs take turns so that the machine's load falls on both alike.
  local n
  for name in "$PRIMARY_URL$path" "$SECONDARY_URL$path"; do
    WARMUP_SECONDS=$((WARMUP_SECONDS * 3)) warm_up "$name"
  done
  warm_up "http://127.0.0.1:$NGINX_STATIC_PORT/index.html"
  for n in $(seq 1 "$RUNS"); do
    wrk_once northeurope-warm "$PRIMARY_URL$path" "$DIR" "$n"; APPNODE_CMD[northeurope-warm]=$WRK_CMD
    wrk_once westeurope-warm "$SECONDARY_URL$path" "$DIR" "$n"; APPNODE_CMD[westeurope-warm]=$WRK_CMD
    wrk_once nginx-static "http://127.0.0.1:$NGINX_STATIC_PORT/index.html" "$DIR" "$n"; APPNODE_CMD[nginx-static]=$WRK_CMD
  done
  nginx_stop

  local ne we st cross
  ne=$(med "$DIR" northeurope-warm 1); we=$(med "$DIR" westeurope-warm 1); st=$(med "$DIR" nginx-static 1)
  record appnode "home page renders/s, northeurope, warm cache" "$ne" "$st" "nginx, the same HTML as a static file" "req/s" \
    "ours: ${APPNODE_CMD[northeurope-warm]}; peer: ${APPNODE_CMD[nginx-static]}"
  record appnode "home page p50 latency, northeurope, warm cache" "$(med "$DIR" northeurope-warm 2)" "$(med "$DIR" nginx-static 2)" \
    "nginx, the same HTML as a static file" ms "ours: ${APPNODE_CMD[northeurope-warm]}; peer: ${APPNODE_CMD[nginx-static]}"
  if [ "${BENCH_CROSS_REGION:-1}" = 1 ]; then cross="with simulated cross-region latency"; else cross="no simulated latency: hook off"; fi
  record appnode "home page renders/s, westeurope (secondary, $cross), warm cache" "$we" "$ne" "northeurope (primary), same run" "req/s" \
    "${APPNODE_CMD[westeurope-warm]}; ${APPNODE_CMD[northeurope-warm]}"

  if [ -n "${BENCH_CLEAR_CACHE:-}" ]; then
    appnode_runs northeurope-cleared "$PRIMARY_URL$path" clear "$PRIMARY_URL"
    appnode_runs westeurope-cleared "$SECONDARY_URL$path" clear "$SECONDARY_URL"
    record appnode "home page renders/s, northeurope, run starting right after a cache clear" "$(med "$DIR" northeurope-cleared 1)" "$ne" \
      "the same node, warm cache" "req/s" "curl -X ${BENCH_CLEAR_CACHE%% *} $PRIMARY_URL${BENCH_CLEAR_CACHE#* }; ${APPNODE_CMD[northeurope-cleared]}"
    record appnode "home page renders/s, westeurope ($cross), right after a cache clear" "$(med "$DIR" westeurope-cleared 1)" \
      "$(med "$DIR" northeurope-cleared 1)" "northeurope after a cache clear" "req/s" \
      "curl -X ${BENCH_CLEAR_CACHE%% *} $SECONDARY_URL${BENCH_CLEAR_CACHE#* }; ${APPNODE_CMD[westeurope-cleared]}"
  else
    record appnode "home page renders/s after a cache clear" "not measured" "n/a" "-" "req/s" \
      "hook: set BENCH_CLEAR_CACHE (see bench/parts/appnode.sh) once the app node can clear its cache"
    note appnode "After a cache clear: not measured. The app node in this build has no cache-clear endpoint (GET $PRIMARY_URL/_services/about answered $(curl -s -o /dev/null -w '%{http_code}' "$PRIMARY_URL/_services/about")). Hook: BENCH_CLEAR_CACHE='POST <path>' bench/run.sh appnode."
  fi
  if [ "${BENCH_CROSS_REGION:-1}" != 1 ]; then
    note appnode "Cross-region latency: the hook is off (BENCH_CROSS_REGION=1 starts the nodes with NODE_PRIMARY_REGION=northeurope once the app node supports it), so westeurope runs the same code path as northeurope here and the ratio shows only the noise between two identical nodes."
  fi
  note appnode "Medians of $RUNS wrk runs of ${WRK_SECONDS}s on the home page ($path), each node fetched directly (no gateway), after a $((WARMUP_SECONDS * 3))s warm-up of each node; the targets take turns run by run. The nginx row is a ceiling, not a like-for-like peer: it serves bytes the node rendered once."
}
