#!/usr/bin/env bash
# Benchmark (not a test) for "dependents do not wait twice": every hop silent (the API, the gateway,
# the 3scale backend and the admin portal accept connections and never answer), how long does
# `3scale-doctor run` take beyond the JVM's start, in read timeouts? The goal is at most 1.2.
#
#   ratio = (median wall time of `run`  -  median wall time of `--version`) / timeouts.read
#
# Both are measured in the same run, interleaved (ROUNDS rounds, medians), so machine load hits
# them alike, with the JVM options the ./3scale-doctor launcher uses (serial collector, later
# compilation, a class-data archive made by the launcher's own training run). BASELINE_JAR=
# path/to/other/3scale-doctor.jar times another build (e.g. main's) the same way, in the same
# rounds, for a before/after comparison.
# Usage: bench/silent-bench.sh [ROUNDS]   (default 5; READ=5s sets timeouts.read, default 5s)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
rounds="${1:-5}"
read_timeout="${READ:-5s}"
jar="$root/diag-cli/target/3scale-doctor.jar"
work="$(mktemp -d /tmp/3scale-doctor-silent.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

"$root/3scale-doctor" --version >/dev/null   # builds the jar on first use

# Four listeners that accept and hold every connection without a word.
cat >"$work/silent.py" <<'PY'
import socket, sys, threading
ports, held = [], []
for _ in range(4):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(128)
    ports.append(s)
    threading.Thread(target=lambda s=s: [held.append(s.accept()) for _ in iter(int, 1)],
                     daemon=True).start()
with open(sys.argv[1], "w") as f:
    f.write(" ".join(str(s.getsockname()[1]) for s in ports) + "\n")
threading.Event().wait()
PY
python3 "$work/silent.py" "$work/ports" &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/ports" ] && break; sleep 0.05; done
read -r api_port gw_port backend_port admin_port <"$work/ports"

cat >"$work/profile.yaml" <<YAML
gateway:
  url: http://127.0.0.1:$gw_port
api:
  url: http://127.0.0.1:$api_port
client:
  path: /hello
threescale:
  backend: http://127.0.0.1:$backend_port
  serviceId: "42"
  serviceToken: bench-service-token-0000
  admin: http://bench-admin-token-0000@127.0.0.1:$admin_port
credentials:
  userKey: bench-user-key-00000000
timeouts:
  connect: 1s
  read: $read_timeout
  total: 60s
YAML

read_seconds=$(python3 -c "
import re,sys; m=re.fullmatch(r'(\d+(?:\.\d+)?)(ms|s)', sys.argv[1]); v=float(m.group(1))
print(v/1000 if m.group(2)=='ms' else v)" "$read_timeout")

# seconds one command takes, wall clock
wall() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  python3 -c "print(($end - $start) / 1e9)"
}

jars=("$jar")
[ -n "${BASELINE_JAR:-}" ] && jars+=("$BASELINE_JAR")
opts=(-XX:+UseSerialGC -XX:CompileThresholdScaling=3)
declare -A runs versions archives
n=0
for j in "${jars[@]}"; do
  n=$((n + 1))
  archives[$j]="$work/$n.jsa"
  # The launcher's training run (bin/3scale-doctor): the command tree, the checks, the log reader.
  printf 'checks\nlogs %s --format json\n' "$root/samples/logs/upstream-timeout.log" \
    | java "${opts[@]}" -XX:ArchiveClassesAtExit="${archives[$j]}" -jar "$j" shell >/dev/null 2>&1 || true
done
doctor() {
  local j="$1"
  shift
  java "${opts[@]}" -XX:SharedArchiveFile="${archives[$j]}" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -jar "$j" "$@"
}
for _ in $(seq "$rounds"); do
  for j in "${jars[@]}"; do
    versions[$j]+="$(wall doctor "$j" --version) "
    runs[$j]+="$(wall doctor "$j" run --config "$work/profile.yaml" --format json) "
  done
done
doctor "$jar" run --config "$work/profile.yaml" --format json >"$work/report.json" || true

median() { python3 -c "import statistics,sys; print(statistics.median(map(float, sys.argv[1:])))" $1; }
echo "every hop silent, timeouts.read = $read_timeout, $rounds rounds (medians, wall clock):"
for j in "${jars[@]}"; do
  v=$(median "${versions[$j]}")
  r=$(median "${runs[$j]}")
  python3 -c "
import sys
v, r, t = $v, $r, $read_seconds
print(f'  {sys.argv[1]}')
print(f'    --version {v:6.2f} s   run {r:6.2f} s   run - start {r - v:6.2f} s   ratio {(r - v) / t:4.2f} x timeouts.read')
" "$j"
done
python3 - "$work/report.json" "$read_seconds" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); t = float(sys.argv[2])
d = r["diagnosis"]
print(f"  in-process durationMs {r['durationMs']} ms = {r['durationMs'] / 1000 / t:.2f} x timeouts.read;"
      f" diagnosis {d['status']} at {d['likelyFailurePoint']} ({d['cause']})")
waited = [x["id"] for x in r["results"] if x["durationMs"] >= 0.8 * t * 1000]
print("  checks that waited a read timeout:", ", ".join(waited))
PY
