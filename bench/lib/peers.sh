# The peers: nginx as a plain reverse proxy and HAProxy as an active/passive balancer, each run
# from its own configuration under $SCRATCH, on loopback only, stopped by the EXIT trap.

# nginx_config_head DIR ORIGIN: the start of an nginx configuration shared by every nginx the
# benchmarks run: one worker, its files under DIR, no access log, and an upstream "appnode" to
# ORIGIN (host:port) with keep-alive (the gateway pools its origin connections too, so both pay
# the same per request). The caller adds its server blocks and the closing brace of http {}.
nginx_config_head() {
  local dir=$1 origin=$2
  cat <<EOF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  upstream appnode { server $origin; keepalive 32; }
EOF
}

# nginx_proxy_location: a location that forwards everything to the upstream "appnode" as the
# gateway does (HTTP/1.1 with keep-alive, Host kept, X-Forwarded-For added).
nginx_proxy_location() {
  cat <<'EOF'
    location / {
      proxy_pass http://appnode;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
EOF
}

# nginx_start ORIGIN_URL: nginx on $NGINX_PORT proxying everything to ORIGIN_URL.
nginx_start() {
  local dir=$SCRATCH/nginx origin=${1#http://}
  mkdir -p "$dir/logs" "$dir/tmp" "$dir/www"
  {
    nginx_config_head "$dir" "$origin"
    cat <<EOF
  server {
    listen 127.0.0.1:$NGINX_PORT;
$(nginx_proxy_location)
  }
  # A reference for the app node: a page the node rendered, served by nginx as a static file.
  server {
    listen 127.0.0.1:$NGINX_STATIC_PORT;
    root $dir/www;
  }
}
EOF
  } >"$dir/nginx.conf"
  cp "$dir/nginx.conf" "$RESULTS/nginx.conf"
  printf '%s\n' "nginx -p $dir -c $dir/nginx.conf   # config: nginx.conf" >>"$RESULTS/commands.txt"
  nginx -p "$dir" -c "$dir/nginx.conf" || die "nginx did not start (see $dir/logs/error.log)"
  NGINX_PID_FILE=$dir/nginx.pid
  wait_port "$NGINX_PORT" nginx
}

nginx_stop() {
  if [ -n "${NGINX_PID_FILE:-}" ] && [ -f "$NGINX_PID_FILE" ]; then
    kill -QUIT "$(cat "$NGINX_PID_FILE")" 2>/dev/null || true
    local i
    for i in $(seq 1 50); do [ -f "$NGINX_PID_FILE" ] || break; sleep 0.1; done
  fi
  NGINX_PID_FILE=
}

# haproxy_start INTERVAL_S FALL RISE TIMEOUT_S: the primary as active server, the secondary as
# backup, both checked with GET /_services/health as the traffic manager probes them.
haproxy_start() {
  local dir=$SCRATCH/haproxy inter=$1 fall=$2 rise=$3 timeout=$4
  mkdir -p "$dir"
  cat >"$dir/haproxy.cfg" <<EOF
global
  pidfile $dir/haproxy.pid
  maxconn 1024
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  timeout check ${timeout}s
frontend site
  bind 127.0.0.1:$HAPROXY_PORT
  default_backend appnodes
backend appnodes
  option httpchk GET /_services/health
  http-check expect status 200
  server northeurope 127.0.0.1:$NORTHEUROPE_PORT check inter ${inter}s fall $fall rise $rise
  server westeurope 127.0.0.1:$WESTEUROPE_PORT check inter ${inter}s fall $fall rise $rise backup
EOF
  cp "$dir/haproxy.cfg" "$RESULTS/haproxy.cfg"
  printf '%s\n' "haproxy -D -f $dir/haproxy.cfg   # config: haproxy.cfg" >>"$RESULTS/commands.txt"
  haproxy -D -f "$dir/haproxy.cfg" >"$dir/haproxy.out" 2>&1 || die "haproxy did not start: $(cat "$dir/haproxy.out")"
  HAPROXY_PID_FILE=$dir/haproxy.pid
  wait_port "$HAPROXY_PORT" haproxy
}

haproxy_stop() {
  if [ -n "${HAPROXY_PID_FILE:-}" ] && [ -f "$HAPROXY_PID_FILE" ]; then
    local pid
    for pid in $(cat "$HAPROXY_PID_FILE"); do kill -TERM "$pid" 2>/dev/null || true; done
    rm -f "$HAPROXY_PID_FILE"
  fi
  HAPROXY_PID_FILE=
}

wait_port() {
  local i
  for i in $(seq 1 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  die "$2 is not listening on port $1"
}
