# Shared helpers of the benchmark harness (sourced by bench/run.sh; not run on its own).
#
# Every figure goes through `record`, which appends one line to $RESULTS/summary.tsv:
#   part <TAB> metric <TAB> ours <TAB> peer <TAB> peer name <TAB> unit <TAB> command
# and bench/lib/report.sh turns that file into BENCHMARKS.md.

say() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

now() { printf '%s' "$EPOCHREALTIME"; }          # seconds since the epoch, microseconds

# Everything the harness starts in the background, so that the EXIT trap can stop it.
BENCH_PIDS=()
track() { BENCH_PIDS+=("$1"); }

# record PART METRIC OURS PEER PEER_NAME UNIT COMMAND
record() {
  local IFS=$'\t'
  printf '%s\n' "$*" >>"$RESULTS/summary.tsv"
}

# note PART TEXT: a sentence that goes into BENCHMARKS.md under the part (skips, hooks, caveats).
note() { printf '%s\t%s\n' "$1" "$2" >>"$RESULTS/notes.tsv"; }

# Logs the exact command into commands.txt, runs it, and saves its output to FILE.
# run_logged FILE CMD...
run_logged() {
  local file=$1; shift
  printf '%s\n' "$*" >>"$RESULTS/commands.txt"
  "$@" >"$file" 2>&1
}

# the lines of stdin that hold a figure (drops the runs that produced none)
numbers() { grep -v 'n/a' || true; }

# median of the numbers on stdin (one per line); "n/a" when there are none
median() {
  sort -g | awk '{v[NR]=$1} END {
    if (NR == 0) { print "n/a"; exit }
    if (NR % 2) print v[(NR+1)/2]; else printf "%.3f\n", (v[NR/2] + v[NR/2+1]) / 2 }'
}

# ratio A B = A/B with two decimals, or n/a
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    if (a == "n/a" || b == "n/a" || a == "" || b == "" || b + 0 == 0) print "n/a"; else printf "%.2f\n", a / b }'
}

# wrk's output -> "rps p50_ms p99_ms errors" (errors = non-2xx/3xx answers + socket errors)
parse_wrk() {
  awk '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v)-2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v)-2) + 0
      if (v ~ /m$/)  return substr(v, 1, length(v)-1) * 60000
      if (v ~ /s$/)  return substr(v, 1, length(v)-1) * 1000
      return v
    }
    /Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { err += $NF }
    /Socket errors:/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
    END { printf "%s %s %s %d\n", (rps == "" ? "n/a" : rps), (p50 == "" ? "n/a" : p50), (p99 == "" ? "n/a" : p99), err }
  ' "$1"
}

# wrk_once NAME URL DIR N: one bounded wrk run, raw output in DIR/NAME-runN.txt, its
# "rps p50 p99 errors" appended to DIR/NAME.tsv; the command is left in WRK_CMD
wrk_once() {
  local name=$1 url=$2 dir=$3 n=$4 cmd
  cmd=(wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --latency "$url")
  run_logged "$dir/$name-run$n.txt" "${cmd[@]}" || die "wrk failed: ${cmd[*]}"
  parse_wrk "$dir/$name-run$n.txt" >>"$dir/$name.tsv"
  WRK_CMD="${cmd[*]}"
}

# column N of DIR/NAME.tsv, median over the runs
med() { awk -v c="$3" '{print $c}' "$1/$2.tsv" | numbers | median; }

warm_up() { wrk -t1 -c4 -d"${WARMUP_SECONDS}s" "$1" >/dev/null 2>&1 || true; }

# Installs the Debian peers the harness compares against, when missing (as root, no sudo).
install_tools() {
  local missing=() pkg
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || missing+=(nginx)
  command -v haproxy >/dev/null || missing+=(haproxy)
  command -v curl >/dev/null || missing+=(curl)
  command -v jq >/dev/null || missing+=(jq)
  # The WAF cost part's peer: without it that part reports "peer unavailable" and goes on.
  local optional=()
  dpkg -s libnginx-mod-http-modsecurity >/dev/null 2>&1 || optional+=(libnginx-mod-http-modsecurity)
  dpkg -s modsecurity-crs >/dev/null 2>&1 || optional+=(modsecurity-crs)
  [ ${#missing[@]} -eq 0 ] && [ ${#optional[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    [ ${#missing[@]} -eq 0 ] || die "missing ${missing[*]}: install them (apt-get install -y ${missing[*]} ${optional[*]}) or run as root"
    say "not installed: ${optional[*]} (the WAF cost part will measure without ModSecurity)"
    return 0
  fi
  say "installing ${missing[*]} ${optional[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  # Other jobs on the machine may hold the dpkg lock: wait for it rather than fail.
  if ! apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${missing[@]}" "${optional[@]}" >/dev/null; then
    apt-get -o DPkg::Lock::Timeout=300 update -qq
    if [ ${#missing[@]} -gt 0 ]; then apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${missing[@]}" >/dev/null; fi
    if [ ${#optional[@]} -gt 0 ] && ! apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${optional[@]}" >/dev/null; then
      say "could not install ${optional[*]} (the WAF cost part will measure without ModSecurity)"
    fi
  fi
  # Debian's packages may start their own daemons on :80; the harness runs its own instances.
  for pkg in nginx haproxy; do
    if command -v service >/dev/null; then service "$pkg" stop >/dev/null 2>&1 || true; fi
  done
}

build_jars() {
  local jar missing=false
  for jar in metadata-store/target/metadata-store app-node/target/app-node \
             traffic-manager/target/traffic-manager gateway/target/gateway; do
    [ -f "$ROOT/$jar-0.1.0-SNAPSHOT.jar" ] || missing=true
  done
  $missing || return 0
  say "building the jars (./mvnw -q -B -DskipTests package)"
  (cd "$ROOT" && ./mvnw -q -B -DskipTests package) || die "the build failed"
}

machine_info() {
  {
    echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "nproc: $(nproc)"
    echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
    echo "cpu: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
    echo "kernel: $(uname -sr)"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "git commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (with local changes)')"
  } >"$RESULTS/machine.txt"
  {
    echo "java: $(java -version 2>&1 | head -1)"
    echo "nginx: $(nginx -v 2>&1 | sed 's/^nginx version: //')"
    echo "haproxy: $(haproxy -v 2>&1 | head -1)"
    echo "wrk: $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}')"
    echo "curl: $(curl --version | head -1 | awk '{print $1, $2}')"
    if docker info >/dev/null 2>&1; then
      echo "docker: $(docker version --format '{{.Server.Version}}' 2>/dev/null)"
    fi
    echo "JAVA_OPTS of the local stack: ${JAVA_OPTS:-(the default, from .env)}"
  } >"$RESULTS/versions.txt"
}

# The load average while the harness runs tells the reader how busy the machine was.
sample_load() { printf '%s %s\n' "$1" "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS/load.txt"; }
