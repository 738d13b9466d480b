#!/usr/bin/env bash
# Benchmark (not a test). Starts the healthy scenario on loopback (a real nginx authorizing with
# auth_request against a fake 3scale backend, proxying to a fake API) and measures in one run:
#   (a) `3scale-doctor run` on it vs the sum of the same checks run one after another
#       (`run --only ID` per check, each a fresh JVM: what running the tools by hand costs), and
#       in-process: the report's durationMs vs the sum of its checks' durationMs;
#   (b) `3scale-doctor --version` vs a bare `java` hello-world start.
# Uses hyperfine when installed (apt-get install -y hyperfine), else a date +%s%N loop.
# Usage: bench/run-bench.sh [RUNS]   (default 10 runs per measurement)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
runs="${1:-10}"
jar="$root/diag-cli/target/3scale-doctor.jar"
out="$root/bench/out"
mkdir -p "$out"
work="$(mktemp -d /tmp/3scale-doctor-bench.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

"$root/3scale-doctor" --version >/dev/null   # builds the jar on first use
doctor=(java -jar "$jar")

# --- the healthy scenario
python3 "$root/bench/fake_upstreams.py" "$work/ports" &
pids+=($!)
for _ in $(seq 100); do [ -f "$work/ports" ] && break; sleep 0.05; done
read -r api_port backend_port <"$work/ports"
gw_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
token="bench-service-token"
user=""; [ "$(id -u)" = 0 ] && user="user root;"
cat >"$work/nginx.conf" <<NGINX
$user
worker_processes 1;
error_log $work/error.log warn;
pid $work/nginx.pid;
events { worker_connections 64; }
http {
  access_log $work/access.log;
  client_body_temp_path $work/client_body; proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi; uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
  server {
    listen 127.0.0.1:$gw_port;
    location = /threescale_authorize {
      internal;
      proxy_pass http://127.0.0.1:$backend_port/transactions/authorize.xml?service_token=$token&service_id=42&user_key=\$user_key;
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
    }
    location / {
      set \$user_key \$arg_user_key;
      auth_request /threescale_authorize;
      proxy_pass http://127.0.0.1:$api_port;
    }
  }
}
NGINX
/usr/sbin/nginx -p "$work" -c nginx.conf -g 'daemon off;' >"$work/nginx.console" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$gw_port") 2>/dev/null && break; sleep 0.05
done
cat >"$work/profile.yaml" <<YAML
vantage: gateway
gateway:
  url: http://127.0.0.1:$gw_port
  errorLog: $work/error.log
  accessLog: $work/access.log
  nginxConf: $work/nginx.conf
api:
  url: http://127.0.0.1:$api_port
client:
  path: /hello
threescale:
  backend: http://127.0.0.1:$backend_port
  serviceId: "42"
  serviceToken: $token
credentials:
  userKey: bench-user-key
timeouts:
  connect: 1s
  read: 2s
  total: 15s
YAML

report="$out/last-report.json"
set +e
"${doctor[@]}" run --config "$work/profile.yaml" --format json >"$report"
code=$?
set -e
read -r status ids inproc sum_checks < <(python3 - "$report" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ran = [x for x in r["results"] if x["status"] != "SKIP"]
print(r["diagnosis"]["status"], ",".join(x["id"] for x in ran) or "-",
      r["durationMs"], sum(x["durationMs"] for x in ran))
PY
)
echo "report of the measured run: $report"
echo "healthy scenario: diagnosis $status (exit $code); checks that ran: ${ids//,/ }"
[ "$status" = HEALTHY ] || echo "WARNING: the scenario is not HEALTHY, timings below measure a failing run"

# --- Hello world
mkdir -p "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' \
  >"$work/hello/Hello.java"
javac -d "$work/hello" "$work/hello/Hello.java"

# mean seconds of one command line
mean() {
  if command -v hyperfine >/dev/null; then
    hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$work/h.json" "$1" >/dev/null 2>&1
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$work/h.json"
  else
    local start end
    start=$(date +%s%N)
    for _ in $(seq "$runs"); do bash -c "$1" >/dev/null 2>&1 || true; done
    end=$(date +%s%N)
    python3 -c "print(($end - $start) / 1e9 / $runs)"
  fi
}

q() { printf '%q ' "$@"; }
full=$(mean "$(q "${doctor[@]}" run --config "$work/profile.yaml" --format json)")
sum=0
per_check=""
if [ "$ids" != "-" ]; then
  for id in ${ids//,/ }; do
    t=$(mean "$(q "${doctor[@]}" run --config "$work/profile.yaml" --format json --only "$id")")
    per_check+="$(printf '    %-34s %7.3f s\n' "$id" "$t")"$'\n'
    sum=$(python3 -c "print($sum + $t)")
  done
fi
version=$(mean "$(q "${doctor[@]}" --version)")
hello=$(mean "$(q java -cp "$work/hello" Hello)")

python3 - "$full" "$sum" "$inproc" "$sum_checks" "$version" "$hello" "$runs" "$per_check" <<'PY' | tee "$out/bench-$(date -u +%Y%m%dT%H%M%SZ).txt"
import os, sys
full, total, inproc, sum_checks, version, hello = map(float, sys.argv[1:7])
runs, per_check = sys.argv[7], sys.argv[8]
def ratio(a, b): return f"{a / b:.2f}x" if b else "n/a"
print(f"3scale-doctor benchmark ({runs} runs each, mean wall-clock; {os.cpu_count()} CPUs,"
      f" load average {os.getloadavg()[0]:.1f} at the end)")
print(f"(a) run on the healthy setup          {full:7.3f} s")
print(f"    sum of 'run --only ID' per check  {total:7.3f} s")
print(per_check.rstrip("\n"))
print(f"    ratio run / sum                   {ratio(full, total)}   (below 1: one run beats running checks one by one)")
print(f"    in-process: report durationMs {inproc:.0f} ms vs sum of checks' durationMs {sum_checks:.0f} ms"
      f" = {ratio(inproc, sum_checks)}")
print(f"(b) 3scale-doctor --version           {version:7.3f} s")
print(f"    java Hello (bare JVM start)       {hello:7.3f} s")
print(f"    ratio --version / hello           {ratio(version, hello)}")
PY
