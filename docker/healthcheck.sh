#!/usr/bin/env bash
# The images' health check (docker/Dockerfile's HEALTHCHECK runs it with `docker exec`; issue 16, target 1): healthy
# once the service answers 200 on its readiness path, on the port it listens on.
#
# Why bash and not curl: each ask was a `curl` process, 20-27 ms of CPU here (libcurl and its TLS library loaded and
# initialised for one plain HTTP GET on localhost), and the first probe asks every quarter second until the service
# answers: about 0.1 CPU-s per second per starting container, 10 CPU-s for the stack's start, spent inside the
# containers' CPU group beside their JVMs (docs/benchmarks.md, "Compose's extra CPU, split"). Bash's /dev/tcp sends the
# same GET from the probe's own shell, and a read with a timeout waits without a `sleep` process: no process per ask.
#
# Why one probe watches for a minute: every probe is a `docker exec` (dockerd, containerd, its shim, `runc exec` and
# runc's init in the container), about 0.1 CPU-s of Docker's work each here, which one probe every 5 s per container
# made (with curl) 11 CPU-s a minute for the idle stack. Docker 20.10 (this machine's and CI's) cannot stop probing
# once healthy nor probe less often after the start (`--start-interval` needs Engine 25). So the probe that follows
# the first answer asks every 5 s itself and returns at the first failure (the next probes, a second apart, ask at
# once: three failures in a row mark the container unhealthy within about 7-9 s of the service failing, where three
# probes 5 s apart took 15 s), or with success after a minute: one `docker exec` per container a minute, not twelve.
port=${SERVER_PORT:-$STACK_IMAGE_PORT}
path=${STACK_IMAGE_HEALTH_PATH:-/actuator/health}

# pause SECONDS: a sleep without a process (a `sleep` is a fork and an exec, four a second while the first probe
# waits): a read with a timeout on a pipe that never delivers (opened read-write, so it never reaches its end either).
exec {never}<> <(:)
pause() { read -r -t "$1" -u "$never" _ || true; }

# answers: one GET of the readiness path; true on 200. The body is read to its end before the socket is closed, so
# that the service sees an orderly close rather than a reset.
answers() {
  local status=
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET %s HTTP/1.1\r\nHost: localhost:%s\r\nUser-Agent: docker-healthcheck\r\nAccept: */*\r\nConnection: close\r\n\r\n' \
    "$path" "$port" >&3
  IFS=' ' read -r -t 3 _ status _ <&3 || status=
  while IFS= read -r -t 3 _ <&3; do :; done
  exec 3<&-
  [ "$status" = 200 ]
}

# After a failed probe (a marker says so) the next success is reported at once, so that a recovered service is healthy
# again within a second, not a minute.
if [ -e /tmp/.answered ]; then
  answers 2>/dev/null || { touch /tmp/.failed; exit 1; }
  [ -e /tmp/.failed ] && { rm -f /tmp/.failed; exit 0; }
  for ((i = 1; i < 12; i++)); do
    pause 5
    answers 2>/dev/null || { touch /tmp/.failed; exit 1; }
  done
  exit 0
fi
# The first probe: until the service answers, every quarter second (Docker's start period lets it take 240 s).
until answers 2>/dev/null; do pause 0.25; done
touch /tmp/.answered
