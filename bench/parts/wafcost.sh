# Part 3b, WAF cost (issue 9, item 3): one request mix through the gateway with its WAF off and
# on (Prevention; the Power Pages preset, then the Full preset), beside nginx as a reverse proxy
# to the same app node without and with ModSecurity + the OWASP CRS (paranoia level 1, blocking).
#
# The gateway's WAF is switched at run time through /_edge/admin/waf (the harness's stack keeps
# its policy under $STACK_HOME). nginx runs once, from a throwaway configuration under $SCRATCH,
# with two servers on free loopback ports: a plain proxy and the same proxy with ModSecurity on.
# When the ModSecurity module or the CRS is missing, or ModSecurity does not answer a script
# injection with 403, the ModSecurity rows say "peer unavailable: <reason>" and the gateway is
# measured all the same.

# The mix, taken in turn by every wrk connection: a rendered page, a search with an ordinary term,
# and a Web API read with OData options, as a Power Pages visitor's browser sends them.
WAFCOST_PATHS=("/about/" "/?q=hello%20world" "/_api/accounts?\$select=name&\$filter=statecode%20eq%200&\$top=5")
WAFCOST_ODATA_OPTIONS=('$filter' '$select' '$expand' '$orderby' '$apply' '$top' '$skip' '$skiptoken' '$count' '$search' fetchXml)
WAFCOST_ATTACK='/?q=%3Cscript%3Ealert(1)%3C/script%3E'
# Ordinary text in several scripts ("café crème ✓ Привет 你好"): our WAF must let it through, as
# Front Door's DRS does (CRS 920270 checks bytes; docs/waf.md). Recorded for ModSecurity, not required.
WAFCOST_UNICODE='/?q=caf%C3%A9%20cr%C3%A8me%20%E2%9C%93%20%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82%20%E4%BD%A0%E5%A5%BD'
MODSEC_MODULE=${BENCH_MODSEC_MODULE:-/usr/lib/nginx/modules/ngx_http_modsecurity_module.so}   # overridable to try the degraded form
CRS_SETUP=/etc/modsecurity/crs/crs-setup.conf
CRS_RULES=/usr/share/modsecurity-crs/rules

modsec_odata_exclusions() {
  local o out=""
  for o in "${WAFCOST_ODATA_OPTIONS[@]}"; do out+="!ARGS:$o|!ARGS_NAMES:$o|"; done
  printf '%s' "${out%|}"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

http_code() { curl -s -o /dev/null -m 10 -w '%{http_code}' "$1" 2>/dev/null || true; }

# The reason ModSecurity + CRS cannot be the peer here, or nothing when it can.
modsec_unavailable() {
  [ -f "$MODSEC_MODULE" ] || { echo "the nginx ModSecurity module is not installed (apt-get install libnginx-mod-http-modsecurity)"; return; }
  [ -f "$CRS_SETUP" ] && [ -d "$CRS_RULES" ] || { echo "the OWASP CRS is not installed (apt-get install modsecurity-crs)"; return; }
}

# wafcost_nginx_start ORIGIN_URL WITH_MODSEC(0|1): nginx with a plain proxy on $WAFCOST_PLAIN_PORT
# and, with 1, the same proxy with ModSecurity on $WAFCOST_MODSEC_PORT.
wafcost_nginx_start() {
  local dir=$SCRATCH/nginx-waf origin=${1#http://} modsec=$2 load="" server=""
  mkdir -p "$dir/logs" "$dir/tmp" "$dir/modsec"
  if [ "$modsec" = 1 ]; then
    load="load_module $MODSEC_MODULE;"
    # ModSecurity's own settings (Debian ships no modsecurity.conf for libmodsecurity3), then the
    # CRS as Debian installs it, at paranoia level 1 in its default anomaly-scoring (blocking) mode.
    cat >"$dir/modsec/main.conf" <<EOF
SecRuleEngine On
SecRequestBodyAccess On
SecRequestBodyLimit 13107200
SecRequestBodyNoFilesLimit 131072
SecRequestBodyLimitAction Reject
SecRule REQUEST_HEADERS:Content-Type "@rx ^(?:application(?:/soap\+|/)|text/)xml" "id:200000,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML"
SecRule REQUEST_HEADERS:Content-Type "@rx ^application/json" "id:200001,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
SecResponseBodyAccess Off
SecTmpDir $dir/tmp
SecDataDir $dir/tmp
SecAuditEngine RelevantOnly
SecAuditLogRelevantStatus "^(?:5|4(?!04))"
SecAuditLogParts ABIJDEFHZ
SecAuditLogType Serial
SecAuditLog $dir/logs/modsec_audit.log
SecArgumentSeparator &
SecCookieFormat 0
Include $CRS_SETUP
SecAction "id:900000,phase:1,nolog,pass,t:none,setvar:tx.paranoia_level=1"
Include $CRS_RULES/*.conf
# The exclusion both gateway presets declare (WafPreset): the Web API's OData system query options
# are not inspected by the SQL injection rules (CRS 942360 reads "\$select" as SQL).
SecRuleUpdateTargetByTag "attack-sqli" "$(modsec_odata_exclusions)"
EOF
    cp "$dir/modsec/main.conf" "$RESULTS/wafcost/modsecurity.conf"
    server="
  server {
    listen 127.0.0.1:$WAFCOST_MODSEC_PORT;
    modsecurity on;
    modsecurity_rules_file $dir/modsec/main.conf;
$(nginx_proxy_location)
  }"
  fi
  {
    # load_module belongs to nginx's main context, before everything else.
    echo "$load"
    nginx_config_head "$dir" "$origin"
    cat <<EOF
  server {
    listen 127.0.0.1:$WAFCOST_PLAIN_PORT;
$(nginx_proxy_location)
  }$server
}
EOF
  } >"$dir/nginx.conf"
  cp "$dir/nginx.conf" "$RESULTS/wafcost/nginx.conf"
  printf '%s\n' "nginx -p $dir -c $dir/nginx.conf   # config: wafcost/nginx.conf, wafcost/modsecurity.conf" >>"$RESULTS/commands.txt"
  nginx -p "$dir" -c "$dir/nginx.conf" >"$dir/logs/start.txt" 2>&1 || return 1
  NGINX_PID_FILE=$dir/nginx.pid   # the harness's exit trap stops it (nginx_stop)
  wait_port "$WAFCOST_PLAIN_PORT" nginx
}

# The gateway's WAF policy: off, or on in Prevention with the managed rules of a preset.
waf_policy() { # waf_policy off|PowerPages|Full
  local body
  case $1 in
    off) body='{"properties":{"policySettings":{"enabledState":"Disabled"}}}' ;;
    PowerPages) body=$(jq -c '{properties: {policySettings: {enabledState: "Enabled", mode: "Prevention"}, managedRules: .}}' "$RESULTS/wafcost/powerpages-managed-rules.json") ;;
    Full) body=$(jq -c '{properties: {policySettings: {enabledState: "Enabled", mode: "Prevention"}, managedRules: .}}' "$RESULTS/wafcost/full-managed-rules.json") ;;
  esac
  curl -s -f -m 10 -X PATCH "$GATEWAY_URL/_edge/admin/waf" -H "X-Admin-Key: $ADMIN_KEY" \
    -H 'Content-Type: application/merge-patch+json' -d "$body" >"$RESULTS/wafcost/policy-$1.json" \
    || die "PATCH /_edge/admin/waf ($1) failed"
}

# wrk over the mix; like wrk_once (bench/lib/common.sh) with the mix script
wrk_mix() { # wrk_mix NAME URL DIR N
  local name=$1 url=$2 dir=$3 n=$4 cmd
  cmd=(wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --latency -s "$dir/mix.lua" "$url")
  run_logged "$dir/$name-run$n.txt" "${cmd[@]}" || die "wrk failed: ${cmd[*]}"
  parse_wrk "$dir/$name-run$n.txt" >>"$dir/$name.tsv"
  local shown="${cmd[*]}"
  WRK_CMD=${shown//$dir\//wafcost/}
}

part_wafcost() {
  local dir=$RESULTS/wafcost target n path code reason="" with_modsec=0
  mkdir -p "$dir"
  stack_running || stack_up
  wait_primary_serving

  {
    echo '-- The WAF cost mix (bench/parts/wafcost.sh): each connection takes the paths in turn.'
    printf 'local paths = {'; printf '"%s", ' "${WAFCOST_PATHS[@]}"; echo '}'
    echo 'local i = 0'
    echo 'request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end'
  } >"$dir/mix.lua"

  # The presets' managed rules as the gateway itself states them: Power Pages' from the policy it
  # starts with (gateway.waf.preset, default PowerPages), the Full preset's as WafPreset builds it
  # (the SQLI group on, with the Web API's OData options excluded from it).
  curl -s -f -m 10 "$GATEWAY_URL/_edge/admin/waf" -H "X-Admin-Key: $ADMIN_KEY" >"$dir/policy-start.json" \
    || die "GET /_edge/admin/waf failed"
  jq '.properties.managedRules' "$dir/policy-start.json" >"$dir/powerpages-managed-rules.json"
  jq --argjson options "$(printf '%s\n' "${WAFCOST_ODATA_OPTIONS[@]}" | jq -R . | jq -s -c .)" \
    '.managedRuleSets |= map(if .ruleSetType == "Microsoft_DefaultRuleSet" then .ruleGroupOverrides = [{ruleGroupName: "SQLI",
        exclusions: ($options | map({matchVariable: "QueryStringArgNames", selectorMatchOperator: "Equals", selector: .}))}] else . end)' \
    "$dir/powerpages-managed-rules.json" >"$dir/full-managed-rules.json"

  WAFCOST_PLAIN_PORT=$(free_port); WAFCOST_MODSEC_PORT=$(free_port)
  reason=$(modsec_unavailable)
  if [ -z "$reason" ]; then
    if wafcost_nginx_start "$PRIMARY_URL" 1; then
      with_modsec=1
    else
      reason="nginx did not start with ModSecurity: $(tr '\n' ' ' <"$SCRATCH/nginx-waf/logs/start.txt" | cut -c1-200)"
      nginx_stop
    fi
  fi
  if [ "$with_modsec" = 0 ]; then
    wafcost_nginx_start "$PRIMARY_URL" 0 || die "nginx did not start (see $SCRATCH/nginx-waf/logs)"
  fi
  if [ "$with_modsec" = 1 ]; then
    code=$(http_code "http://127.0.0.1:$WAFCOST_MODSEC_PORT$WAFCOST_ATTACK")
    if [ "$code" != 403 ]; then
      reason="ModSecurity + CRS answered $code, not 403, to GET $WAFCOST_ATTACK: it is not blocking"
      with_modsec=0
    fi
  fi

  declare -A url=([gateway-off]="$GATEWAY_URL" [gateway-powerpages]="$GATEWAY_URL" [gateway-full]="$GATEWAY_URL"
                  [nginx]="http://127.0.0.1:$WAFCOST_PLAIN_PORT")
  declare -A policy=([gateway-off]=off [gateway-powerpages]=PowerPages [gateway-full]=Full)
  local targets=(gateway-off gateway-powerpages gateway-full nginx)
  if [ "$with_modsec" = 1 ]; then url[nginx-modsecurity]="http://127.0.0.1:$WAFCOST_MODSEC_PORT"; targets+=(nginx-modsecurity); fi

  # Every target must answer the whole mix with 200 (a WAF blocking its own benign mix would look
  # fast), and each WAF must block the script injection with 403, before anything is measured.
  : >"$dir/checks.txt"
  for target in "${targets[@]}"; do
    [ -n "${policy[$target]:-}" ] && waf_policy "${policy[$target]}"
    for path in "${WAFCOST_PATHS[@]}" "$WAFCOST_ATTACK" "$WAFCOST_UNICODE"; do
      code=$(http_code "${url[$target]}$path")
      printf '%s %s %s\n' "$target" "$code" "$path" >>"$dir/checks.txt"
      if [ "$path" = "$WAFCOST_UNICODE" ]; then
        case $target in nginx-modsecurity) ;; *) [ "$code" = 200 ] || die "$target answered $code to $path (ordinary text), not 200 (see wafcost/checks.txt)" ;; esac
      elif [ "$path" = "$WAFCOST_ATTACK" ]; then
        case $target in gateway-off|nginx) ;; *) [ "$code" = 403 ] || die "$target answered $code to $path, not 403 (see wafcost/checks.txt)" ;; esac
      else
        [ "$code" = 200 ] || die "$target answered $code to $path, not 200 (see wafcost/checks.txt)"
      fi
    done
    wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WARMUP_SECONDS}s" -s "$dir/mix.lua" "${url[$target]}" >/dev/null 2>&1 || true
  done

  # The targets take turns run by run (as in the overhead part), each gateway run with its policy;
  # each round starts one target later, so that the JVM still warming up (or a burst of other load)
  # does not always land on the same target.
  declare -A cmd
  local k count=${#targets[@]}
  for n in $(seq 1 "$RUNS"); do
    for k in $(seq 0 $((count - 1))); do
      target=${targets[$(((k + n - 1) % count))]}
      [ -n "${policy[$target]:-}" ] && waf_policy "${policy[$target]}"
      wrk_mix "$target" "${url[$target]}" "$dir" "$n"
      cmd[$target]=$WRK_CMD
    done
  done
  waf_policy off
  nginx_stop

  declare -A rps p50 p99
  for target in "${targets[@]}"; do
    rps[$target]=$(med "$dir" "$target" 1); p50[$target]=$(med "$dir" "$target" 2); p99[$target]=$(med "$dir" "$target" 3)
  done
  local errs
  errs=$(cat "$dir"/*.tsv | awk '{s += $4} END {print s + 0}')
  local peer="nginx + ModSecurity 3 + CRS $(dpkg-query -W -f '${Version}' modsecurity-crs 2>/dev/null | cut -d- -f1) (PL1, blocking)"
  local unavailable="peer unavailable: $reason"
  local m_rps=n/a m_p50=n/a m_p99=n/a m_kept=n/a m_added=n/a
  if [ "$with_modsec" = 1 ]; then
    m_rps=${rps[nginx-modsecurity]}; m_p50=${p50[nginx-modsecurity]}; m_p99=${p99[nginx-modsecurity]}
    m_kept=$(ratio "$m_rps" "${rps[nginx]}")
    m_added=$(awk -v a="$m_p50" -v b="${p50[nginx]}" 'BEGIN {printf "%.2f", a - b}')
  else
    peer=$unavailable
  fi
  local both preset key
  both="ours: ${cmd[gateway-off]}; peer: ${cmd[nginx]}"
  record wafcost "requests/s, WAF off (plain proxy)" "${rps[gateway-off]}" "${rps[nginx]}" "nginx reverse proxy" "req/s" "$both"
  record wafcost "p50 latency, WAF off" "${p50[gateway-off]}" "${p50[nginx]}" "nginx reverse proxy" "ms" "$both"
  record wafcost "p99 latency, WAF off" "${p99[gateway-off]}" "${p99[nginx]}" "nginx reverse proxy" "ms" "$both"
  for preset in powerpages full; do
    key=gateway-$preset
    local label
    label=$([ $preset = powerpages ] && echo "Power Pages preset" || echo "Full preset")
    both="ours: ${cmd[$key]} (WAF on, Prevention, $label); peer: ${cmd[nginx-modsecurity]:-not run}"
    record wafcost "requests/s, WAF on ($label)" "${rps[$key]}" "$m_rps" "$peer" "req/s" "$both"
    record wafcost "p50 latency, WAF on ($label)" "${p50[$key]}" "$m_p50" "$peer" "ms" "$both"
    record wafcost "p99 latency, WAF on ($label)" "${p99[$key]}" "$m_p99" "$peer" "ms" "$both"
    record wafcost "requests/s kept with the WAF on (on / off), $label" "$(ratio "${rps[$key]}" "${rps[gateway-off]}")" "$m_kept" "$peer" "fraction" "$both"
    record wafcost "p50 latency added by the WAF (on - off), $label" \
      "$(awk -v a="${p50[$key]}" -v b="${p50[gateway-off]}" 'BEGIN {printf "%.2f", a - b}')" "$m_added" "$peer" "ms" "$both"
  done

  {
    echo "Each target alone (medians of $RUNS runs of ${WRK_SECONDS}s, ${WRK_CONNECTIONS} connections, ${WRK_THREADS} threads; raw: wafcost/<target>-run<n>.txt):"
    echo
    echo "| target | requests/s | p50 ms | p99 ms | requests/s relative to its WAF-off proxy |"
    echo "| --- | ---: | ---: | ---: | ---: |"
    for target in "${targets[@]}"; do
      local base=gateway-off
      case $target in nginx*) base=nginx ;; esac
      echo "| $target | ${rps[$target]} | ${p50[$target]} | ${p99[$target]} | $(ratio "${rps[$target]}" "${rps[$base]}") |"
    done
    [ "$with_modsec" = 1 ] || echo "| nginx-modsecurity | $unavailable | | | |"
  } >"$dir/summary.md"

  note wafcost "Mix: each wrk connection requests in turn $(printf '`%s` ' "${WAFCOST_PATHS[@]}")(wafcost/mix.lua): a rendered page, an ordinary search and a Web API read with OData options. Every target answered all three with 200, and every WAF GET $WAFCOST_ATTACK with 403, before the runs (wafcost/checks.txt)."
  note wafcost "Gateway: one process; its WAF switched through PATCH /_edge/admin/waf before each run (off; Enabled + Prevention with the Power Pages preset's managed rules; the same with the Full preset's), wafcost/policy-*.json. nginx: one worker, upstream keep-alive, one server without and one with ModSecurity (wafcost/nginx.conf, wafcost/modsecurity.conf: SecRuleEngine On, SecRequestBodyAccess On, Debian's crs-setup.conf and rules, tx.paranoia_level=1, anomaly scoring). The ratio column compares the two WAFs' relative costs: ours kept / ModSecurity kept."
  [ "$with_modsec" = 1 ] || note wafcost "ModSecurity + CRS not measured: $reason."
  [ "$errs" = 0 ] || note wafcost "WARNING: $errs requests failed (non-2xx/3xx or socket errors) across the runs; see wafcost/*.txt."
}
