# Part 3, footprint: time from `./stack up -d` to all five services healthy, and the resident
# memory (VmRSS from /proc) of each service; the same for the compose stack where Docker works.

# rss_snapshot FILE LABEL: appends "LABEL svc=MiB ... total=MiB" for the local stack
rss_snapshot() {
  local svc pid total=0 line="$2" v
  for svc in "${STACK_SERVICES[@]}"; do
    pid=$(stack_pid "$svc")
    v=$( [ -n "$pid" ] && rss_mib "$pid" || echo n/a)
    line+=" $svc=$v"
    [ "$v" != n/a ] && total=$(awk -v a="$total" -v b="$v" 'BEGIN {print a + b}')
  done
  echo "$line total=$total" >>"$1"
}

# value of key K in the last line of FILE that starts with LABEL
rss_of() { { grep "^$2 " "$1" || true; } | tail -1 | tr ' ' '\n' | awk -F= -v k="$3" '$1 == k {print $2}'; }

# started_snapshot FILE LABEL: appends "LABEL svc=seconds ..." from each service's "Started ... in N seconds" log line
started_snapshot() {
  local svc line="$2" v
  for svc in "${STACK_SERVICES[@]}"; do
    v=$(grep -o 'Started [A-Za-z]* in [0-9.]*' "$STACK_HOME/logs/$svc.log" 2>/dev/null | tail -1 | awk '{print $4}')
    line+=" $svc=${v:-n/a}"
  done
  echo "$line" >>"$1"
}

# median of key K over the lines of FILE that start with PREFIX
median_of() { { grep "^$2" "$1" || true; } | tr ' ' '\n' | awk -F= -v k="$3" '$1 == k && $2 != "n/a" {print $2}' | median; }

part_footprint() {
  local dir=$RESULTS/footprint n t0 t1 baseline=1
  mkdir -p "$dir"
  stack_down
  # Compose first: it uses the same host ports, and the local stack stays up for the next parts.
  compose_footprint "$dir"
  # The start-up archives the first ./stack up after a build makes (./stack archives makes them alone): made before
  # the timed starts, and timed on their own (about 0 s when they are current).
  say "footprint: ./stack archives (start-up archives, made once per build)"
  printf '%s\n' "./stack archives" >>"$RESULTS/commands.txt"
  t0=$(now)
  stack archives >>"$RESULTS/stack-output.txt" 2>&1 || true
  t1=$(now)
  # The variant without Spring AOT (STACK_SPRING_AOT=0) has archives of its own (the flag is part of their stamp):
  # made here too, not timed.
  [ "${SMOKE:-0}" = 1 ] || STACK_SPRING_AOT=0 stack archives >>"$RESULTS/stack-output.txt" 2>&1 || true
  note footprint "Start-up archives: \`./stack archives\` took $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s before the timed starts (a first ./stack up after a build spends this once; about 0 s when they were already current)."
  # The launcher as it was before issue 16 (Java on the PATH, the jars as they are, without Spring AOT's generated
  # code) as the per-service peer, its starts alternating with ours; and ours without Spring AOT (STACK_SPRING_AOT=0,
  # the archives as ours), which says what that lever gives. Not in the smoke run, which only checks the harness.
  [ "${SMOKE:-0}" = 1 ] && baseline=0
  for n in $(seq 1 "$FOOTPRINT_RUNS"); do
    if [ "$baseline" = 1 ]; then
      say "footprint: ./stack up -d without start-up archives (STACK_AOT=0), run $n of $FOOTPRINT_RUNS"
      t0=$(now)
      STACK_AOT=0 STACK_SPRING_AOT=0 STACK_JAVA=$(command -v java) stack_up
      t1=$(now)
      awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f\n", b - a}' >>"$dir/stack-up-seconds-without-archives.txt"
      sleep "$FOOTPRINT_SETTLE"
      started_snapshot "$dir/started.txt" "without-archives-run$n"
      rss_snapshot "$dir/rss.txt" "without-archives-run$n"
      stack_down
      say "footprint: ./stack up -d without Spring AOT (STACK_SPRING_AOT=0), run $n of $FOOTPRINT_RUNS"
      t0=$(now)
      STACK_SPRING_AOT=0 stack_up
      t1=$(now)
      awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f\n", b - a}' >>"$dir/stack-up-seconds-without-spring-aot.txt"
      started_snapshot "$dir/started.txt" "without-spring-aot-run$n"
      stack_down
    fi
    say "footprint: ./stack up -d, run $n of $FOOTPRINT_RUNS"
    t0=$(now)
    stack_up
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f\n", b - a}' >>"$dir/stack-up-seconds.txt"
    sleep "$FOOTPRINT_SETTLE"
    started_snapshot "$dir/started.txt" "run$n"
    rss_snapshot "$dir/rss.txt" "after-start-run$n"
    [ "$n" -lt "$FOOTPRINT_RUNS" ] && stack_down
  done
  local up_s
  up_s=$(median <"$dir/stack-up-seconds.txt")

  local svc ours peer
  record footprint "./stack up -d until all five are healthy" "$up_s" "${COMPOSE_UP_S:-n/a}" "docker-compose up -d (same jars)" s \
    "time (STACK_HOME=... ./stack up -d with the bench ports); peer: docker-compose -p ppbench -f footprint/docker-compose.bench.yml up -d, then, as ./stack up -d waits, until the five answer 200 on their health paths (polled every 0.25 s) and the traffic manager sees both regions Online"
  record footprint "./stack up -d until all five are healthy, vs. compose with docker-compose.cgroups.yml" "$up_s" "${COMPOSE_CGROUPS_UP_S:-n/a}" "docker-compose -f docker-compose.yml -f docker-compose.cgroups.yml up -d (same jars and images)" s \
    "as the row above; the peer's containers each in a CPU group of their own at the root (cgroup_parent /, cpu_shares 4096 for the store, 2048 for the others), one start after the default one"
  record footprint "docker-compose up -d until Docker reports all five healthy (what up --wait waits for)" "${COMPOSE_DOCKER_HEALTHY_S:-n/a}" "${COMPOSE_UP_S:-n/a}" "the same start until the five answer and both regions are Online" s \
    "the end of each container's first passing health probe (docker inspect, .State.Health.Log), from the same docker-compose up -d"
  if [ "$baseline" = 1 ]; then
    record footprint "./stack up -d until all five are healthy, vs. without start-up archives" "$up_s" \
      "$(median <"$dir/stack-up-seconds-without-archives.txt")" "./stack up -d, STACK_AOT=0 STACK_SPRING_AOT=0, java on the PATH" s \
      "time ./stack up -d; peer: time STACK_AOT=0 STACK_SPRING_AOT=0 STACK_JAVA=\$(command -v java) ./stack up -d (runs alternate)"
    record footprint "./stack up -d until all five are healthy, vs. without Spring AOT" "$up_s" \
      "$(median <"$dir/stack-up-seconds-without-spring-aot.txt")" "./stack up -d, STACK_SPRING_AOT=0 (archives as ours)" s \
      "time ./stack up -d; peer: time STACK_SPRING_AOT=0 ./stack up -d (runs alternate)"
  fi
  for svc in "${STACK_SERVICES[@]}"; do
    record footprint "Started in (its log), $svc" "$(median_of "$dir/started.txt" run "$svc")" \
      "$( [ "$baseline" = 1 ] && median_of "$dir/started.txt" without-archives "$svc" || echo n/a)" \
      "the same without start-up archives nor Spring AOT (STACK_AOT=0 STACK_SPRING_AOT=0, java on the PATH)" s \
      "grep 'Started .* in' \$STACK_HOME/logs/$svc.log"
  done
  if [ "$baseline" = 1 ]; then
    for svc in "${STACK_SERVICES[@]}"; do
      record footprint "Started in (its log), $svc, vs. without Spring AOT" "$(median_of "$dir/started.txt" run "$svc")" \
        "$(median_of "$dir/started.txt" without-spring-aot "$svc")" "the same with STACK_SPRING_AOT=0 (archives as ours)" s \
        "grep 'Started .* in' \$STACK_HOME/logs/$svc.log"
    done
  fi
  for svc in "${STACK_SERVICES[@]}" total; do
    ours=$(rss_of "$dir/rss.txt" "after-start-run$FOOTPRINT_RUNS" "$svc")
    peer=$( [ -f "$dir/compose-rss.txt" ] && rss_of "$dir/compose-rss.txt" after-start "$svc" || echo n/a)
    record footprint "resident memory after start, $svc" "$ours" "${peer:-n/a}" "the same service in compose" MiB \
      "awk '/VmRSS/' /proc/<pid>/status (pid from \$STACK_HOME/pids; compose: docker inspect -f '{{.State.Pid}}')"
  done
  note footprint "Start-up: median of $FOOTPRINT_RUNS cold starts of the local stack (jars already built; each after ./stack down); per run in footprint/stack-up-seconds.txt. Resident memory is read $FOOTPRINT_SETTLE s after the last start, before any load; footprint/rss.txt also holds a snapshot after all the benchmarks' load when the whole harness runs. The services ran on the JDK ./stack picks (a JDK 25 or newer where it finds one, with its AOT cache; else java on the PATH, with an AppCDS archive; each service's log names it). Local JVM options: ${JAVA_OPTS:-those of .env, the wiring file}; the compose containers start (and their images were trained) with the same ones."
}

# The compose stack on the bench ports: the repository's docker-compose.yml with its image names rewritten, under
# its own project name.
compose_footprint() {
  local dir=$1 file=$1/docker-compose.bench.yml t0 t1 svc cid pid
  COMPOSE_UP_S= COMPOSE_DOCKER_HEALTHY_S= COMPOSE_CGROUPS_UP_S=
  if [ "$RUN_COMPOSE" != 1 ]; then
    note footprint "Compose stack not measured in this run (${COMPOSE_SKIP_REASON:-skipped})."
    return 0
  fi
  if ! docker info >/dev/null 2>&1 && [ -f "$ROOT/../shared/tools/offline-docker.sh" ] && [ "$(id -u)" = 0 ]; then
    bash "$ROOT/../shared/tools/offline-docker.sh" >"$dir/offline-docker.txt" 2>&1 || true
  fi
  if ! docker info >/dev/null 2>&1 || ! command -v docker-compose >/dev/null; then
    note footprint "Compose stack not measured: Docker (or docker-compose) is not available on this machine."
    return 0
  fi
  stack_down
  # The bench's ports reach compose as the exported STORE_PORT, ... (bench/lib/stack.sh), which win over .env.
  sed -e "s#image: pp-emulator/#image: pp-emulator-bench/#" "$ROOT/docker-compose.yml" >"$file"
  COMPOSE=(docker-compose -p ppbench --project-directory "$ROOT" -f "$file")
  COMPOSE_STARTED=1
  # The images' base, eclipse-temurin:25-jre (.env), has no registry here: a stand-in from the host's JDK 25, else the
  # Java 17 image (docker/java25-standin.sh says which, and why, in compose-build.txt).
  STACK_JAVA_IMAGE=$(bash "$ROOT/docker/java25-standin.sh" 2>"$dir/compose-build.txt")
  export STACK_JAVA_IMAGE
  say "footprint: building the compose images on $STACK_JAVA_IMAGE (not timed)"
  printf '%s\n' "${COMPOSE[*]} build" >>"$RESULTS/commands.txt"
  "${COMPOSE[@]}" build >>"$dir/compose-build.txt" 2>&1 || { note footprint "Compose stack not measured: the image build failed (footprint/compose-build.txt)."; return 0; }
  say "footprint: docker-compose up -d"
  printf '%s\n' "${COMPOSE[*]} up -d   # then until the five answer their health paths and both regions are Online" >>"$RESULTS/commands.txt"
  t0=$(now)
  "${COMPOSE[@]}" up -d >"$dir/compose-up.txt" 2>&1 || { note footprint "Compose stack not measured: docker-compose up failed (footprint/compose-up.txt)."; compose_down; return 0; }
  # Ready by ./stack up -d's criterion (its wait_healthy, then wait_endpoints_online), so that the two figures compare
  # one thing: each of the five services answers its health path on its host port (200), polled every quarter
  # second, then the traffic manager sees both regions Online. Before, compose waited for Docker to report every
  # container healthy and one region serving: a different criterion (Docker's check runs at its own interval, one
  # region is not both). What Docker itself reports (what `docker compose up --wait` waits for) is read afterwards
  # from each container's health log (the end of its first passing probe), so that no `docker inspect` runs during
  # the start it times.
  local deadline=$((SECONDS + 240)) svc_urls=() cids url
  for svc in "${STACK_SERVICES[@]}"; do
    case $svc in
      metadata-store) url=$STORE_URL/actuator/health ;;
      app-node-northeurope) url=$PRIMARY_URL/_services/health ;;
      app-node-westeurope) url=$SECONDARY_URL/_services/health ;;
      traffic-manager) url=$TM_URL/actuator/health ;;
      gateway) url=$GATEWAY_URL/actuator/health ;;
    esac
    svc_urls+=(-o /dev/null "$url")
  done
  until compose_ready "${svc_urls[@]}"; do
    if [ $SECONDS -ge $deadline ]; then
      note footprint "Compose stack not measured: not all services were healthy with both regions Online after 240 s."
      compose_down; return 0
    fi
    sleep 0.25
  done
  t1=$(now)
  COMPOSE_UP_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')
  # Docker's own view: every container healthy (its first passing probe's end, from its health log; waited for up to
  # 60 s more), in seconds from the same command.
  mapfile -t cids < <("${COMPOSE[@]}" ps -q)
  local cid_ended last=0 ended
  for cid in "${cids[@]}"; do
    for _ in $(seq 1 120); do
      [ "$(docker inspect -f '{{.State.Health.Status}}' "$cid" 2>/dev/null)" = healthy ] && break
      sleep 0.5
    done
    ended=$(docker inspect -f '{{range .State.Health.Log}}{{if eq .ExitCode 0}}{{.End}}{{"\n"}}{{end}}{{end}}' "$cid" | head -1)
    cid_ended=$(date -d "${ended% UTC}" +%s.%N 2>/dev/null || echo 0)
    last=$(awk -v a="$last" -v b="$cid_ended" 'BEGIN {print (b > a ? b : a)}')
  done
  COMPOSE_DOCKER_HEALTHY_S=$(awk -v a="$t0" -v b="$last" 'BEGIN {printf "%.1f", b - a}')
  echo "$COMPOSE_DOCKER_HEALTHY_S" >"$dir/compose-docker-healthy-seconds.txt"
  echo "$COMPOSE_UP_S" >"$dir/compose-up-seconds.txt"
  sleep "$FOOTPRINT_SETTLE"
  local line="after-start" total=0 v
  for svc in "${STACK_SERVICES[@]}"; do
    cid=$("${COMPOSE[@]}" ps -q "$svc")
    pid=$(docker inspect -f '{{.State.Pid}}' "$cid")
    v=$(rss_mib "$pid")
    line+=" $svc=$v"
    [ "$v" != n/a ] && total=$(awk -v a="$total" -v b="$v" 'BEGIN {print a + b}')
  done
  echo "$line total=$total" >"$dir/compose-rss.txt"
  compose_down
  compose_cgroups_start "$dir" "${svc_urls[@]}"
  note footprint "Compose: one start after the images were built on $STACK_JAVA_IMAGE (the build is not timed); timed to the criterion ./stack up -d waits for (the five answer their health paths, polled every 0.25 s, and both regions Online); Docker's own health (the images' checks start 1 s after each container and then ask every quarter second until the first answer: docker/Dockerfile) is the second figure; every service starts at once, as under ./stack."
}

# compose_cgroups_start DIR CURL_ARGS...: one more start, with the opt-in docker-compose.cgroups.yml on top (each
# container in a CPU group of its own at the root, weighted by the critical path), timed to the same criterion; only
# where Docker uses the cgroupfs driver, the only one that file is for (the systemd driver refuses its cgroup_parent).
compose_cgroups_start() {
  local dir=$1 t0 t1 deadline=$((SECONDS + 240))
  shift
  COMPOSE_CGROUPS_UP_S=
  if [ "$(docker info -f '{{.CgroupDriver}}' 2>/dev/null)" != cgroupfs ]; then
    note footprint "Compose with docker-compose.cgroups.yml not measured: Docker's cgroup driver here is not cgroupfs."
    return 0
  fi
  COMPOSE+=(-f "$ROOT/docker-compose.cgroups.yml")
  COMPOSE_STARTED=1
  say "footprint: docker-compose up -d with docker-compose.cgroups.yml"
  printf '%s\n' "${COMPOSE[*]} up -d   # then until the five answer their health paths and both regions are Online" >>"$RESULTS/commands.txt"
  t0=$(now)
  "${COMPOSE[@]}" up -d >"$dir/compose-cgroups-up.txt" 2>&1 || { note footprint "Compose with docker-compose.cgroups.yml not measured: docker-compose up failed (footprint/compose-cgroups-up.txt)."; compose_down; return 0; }
  until compose_ready "$@"; do
    if [ $SECONDS -ge $deadline ]; then
      note footprint "Compose with docker-compose.cgroups.yml not measured: not all services were healthy with both regions Online after 240 s."
      compose_down; return 0
    fi
    sleep 0.25
  done
  t1=$(now)
  COMPOSE_CGROUPS_UP_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')
  echo "$COMPOSE_CGROUPS_UP_S" >"$dir/compose-cgroups-up-seconds.txt"
  compose_down
}

# compose_ready CURL_ARGS...: the five services answer 200 on their health paths and the traffic manager's demo profile
# sees every region Online (./stack's wait_healthy and wait_endpoints_online, one round of each).
compose_ready() {
  local statuses
  [ "$(curl -s -m 2 -w '%{http_code}\n' "$@" 2>/dev/null | grep -c '^200$')" -eq "${#STACK_SERVICES[@]}" ] || return 1
  statuses=$(curl -s -m 2 "$TM_URL/api/profiles/contoso" | grep -o '"endpointMonitorStatus":"[A-Za-z]*"' || true)
  [ -n "$statuses" ] && ! grep -qv '"Online"' <<<"$statuses"
}

compose_down() {
  [ "${COMPOSE_STARTED:-0}" = 1 ] || return 0
  "${COMPOSE[@]}" down -v >>"$RESULTS/footprint/compose-down.txt" 2>&1 || true
  COMPOSE_STARTED=0
}
