#!/usr/bin/env bash
# Benchmark of `3scale-doctor serve` at fleet scale (not a test).
#
# Loopback fakes, in processes of their own:
#   - the demo's setup (bench/DemoSetup.java, its own JVM): gateway stand-in writing an nginx error
#     log, API, 3scale backend answering as apisonator, APIcast management API;
#   - a silent API (accepts connections, never answers) and a refused port (python3).
# For each size N (default 50 150 500) it writes N profiles: 60 % the healthy demo setup, 20 % with
# the API silent (the api hop waits for its 2.5 s read timeout and fails), 20 % with the 3scale backend
# refusing. Then bench/ServeBench.java starts serve on them in a JVM with the launcher's settings
# and -Xmx256m (serial collector, later compilation), lets one interval pass (first runs spread
# over it), and measures INTERVALS intervals while scraping /metrics every 15 s: runs per second,
# the schedule lag of every scheduled run (exact, from the scheduler's events), runs per profile,
# process CPU, heap (peak in use, live after a full GC), /metrics size and scrape time.
# A run with no profile is the baseline the figures are compared with; growth is N / 50.
#
# Usage: [INTERVAL=30] [INTERVALS=3] [MAX_CONCURRENT=32] bench/serve-bench.sh [N...]
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
JAR="$HERE/diag-cli/target/3scale-doctor.jar"
INTERVAL=${INTERVAL:-30}
INTERVALS=${INTERVALS:-3}
MAX_CONCURRENT=${MAX_CONCURRENT:-32}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(50 150 500)
JAVA_FLAGS=(-Xmx256m -XX:+UseSerialGC -XX:CompileThresholdScaling=3)

"$HERE/3scale-doctor" --version >/dev/null   # builds the jar when missing
WORK=$(mktemp -d /tmp/3scale-doctor-serve-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- the healthy setup: the demo's world, with upstream timeouts a loaded machine cannot hit
java -Xmx256m -cp "$JAR" "$HERE/bench/DemoSetup.java" >"$WORK/demo.out" 2>&1 &
pids+=($!)
for _ in $(seq 600); do grep -q '^profile ' "$WORK/demo.out" && break; sleep 0.1; done
demo_profile=$(sed -n 's/^profile //p' "$WORK/demo.out" | head -1)
[ -n "$demo_profile" ] || { cat "$WORK/demo.out"; exit 1; }

# --- a silent API and a refused port
python3 - "$WORK/ports" <<'PY' &
import os, socket, sys, threading
silent = socket.socket(); silent.bind(("127.0.0.1", 0)); silent.listen(1024)
refused = socket.socket(); refused.bind(("127.0.0.1", 0)); port = refused.getsockname()[1]; refused.close()
held = []
def accept():
    while True:
        conn, _ = silent.accept(); held.append(conn)   # never answers, never closes
threading.Thread(target=accept, daemon=True).start()
with open(sys.argv[1] + ".tmp", "w") as f: f.write("%d %d\n" % (silent.getsockname()[1], port))
os.replace(sys.argv[1] + ".tmp", sys.argv[1])
threading.Event().wait()
PY
pids+=($!)
for _ in $(seq 100); do [ -f "$WORK/ports" ] && break; sleep 0.05; done
read -r silent_port refused_port <"$WORK/ports"

profiles() { # DIR N
  mkdir -p "$1"
  for i in $(seq 1 "$2"); do
    f=$(printf '%s/p%04d.yaml' "$1" "$i")
    case $((i % 5)) in
      1) awk -v p="$silent_port" '/^api:/{a=1} a&&/^  url:/{sub(/[0-9]+$/,p); a=0} {print}' \
           "$demo_profile" >"$f" ;;
      2) sed -E "s#^(  backend: )http://127.0.0.1:[0-9]+#\\1http://127.0.0.1:$refused_port#" "$demo_profile" >"$f" ;;
      *) cp "$demo_profile" "$f" ;;
    esac
  done
}

bench() { # N INTERVALS
  local dir="$WORK/profiles-$1"
  rm -rf "$dir"; mkdir -p "$dir"
  [ "$1" -gt 0 ] && profiles "$dir" "$1"
  java "${JAVA_FLAGS[@]}" -cp "$JAR" "$HERE/bench/ServeBench.java" "$dir" "$INTERVAL" "$2" "$MAX_CONCURRENT"
}

results="$WORK/results"
: >"$results"
echo "baseline: serve with no profile ($INTERVAL s)..." >&2
echo "0 $(bench 0 1)" >>"$results"
for n in "${SIZES[@]}"; do
  echo "$n profiles: one interval of warm-up, then $INTERVALS x $INTERVAL s..." >&2
  echo "$n $(bench "$n" "$INTERVALS")" >>"$results"
done

mkdir -p "$HERE/bench/out"
python3 - "$results" "$INTERVAL" "$MAX_CONCURRENT" <<'PY' | tee "$HERE/bench/out/serve-bench-$(date -u +%Y%m%dT%H%M%SZ).txt"
import os, sys
rows = []
for line in open(sys.argv[1]):
    n, rest = line.split(" ", 1)
    kv = dict(p.split("=", 1) for p in rest.split())
    rows.append((int(n), kv))
interval, maxc = sys.argv[2], sys.argv[3]
print(f"3scale-doctor serve benchmark: interval {interval} s, jitter 10 %, at most {maxc} runs at once,"
      f" -Xmx256m serial GC; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end")
print("profiles: 60 % healthy demo setup, 20 % API silent (read timeout 2.5 s), 20 % 3scale backend refusing")
cols = [("profiles", "profiles"), ("runs/s", "runs_per_s"), ("expected", "expected_runs_per_s"),
        ("runs/profile min-max", None), ("gap between runs s", "gap"), ("skipped", "skipped_overlap"),
        ("lag p50 ms", "lag_p50_ms"), ("lag p99 ms", "lag_p99_ms"), ("lag max ms", "lag_max_ms"),
        ("run p50 ms", "run_p50_ms"), ("CPU cores", "cpu_cores"), ("CPU ms/run", "cpu_ms_per_run"),
        ("heap peak MB", "heap_used_peak_mb"), ("heap live MB", "heap_after_gc_mb"),
        ("threads", "peak_threads"), ("/metrics series", "metrics_series"),
        ("/metrics KB", "metrics_kb"), ("scrape p50 ms", "metrics_scrape_p50_ms"),
        ("scrape max ms", "metrics_scrape_max_ms")]
print(" | ".join(c for c, _ in cols))
for n, kv in rows:
    cells = []
    for c, k in cols:
        if k is None:
            cells.append(f"{kv.get('runs_per_profile_min')}-{kv.get('runs_per_profile_max')}")
        elif k == "gap":
            cells.append(f"{kv.get('gap_min_s')}-{kv.get('gap_max_s')}")
        else:
            cells.append(kv.get(k, "?"))
    print(" | ".join(cells))
for n, kv in rows:
    print(f"  {n} profiles: verdicts {kv.get('verdicts')}, {kv.get('profiles_run_in_window')} profiles ran in the"
          f" {kv.get('window_s')} s window, GC {kv.get('gc_count')} collections / {kv.get('gc_ms')} ms")
base = next((kv for n, kv in rows if n == 0), None)
small = next((kv for n, kv in rows if n == 50), None)
def f(kv, k): return float(kv[k])
if small:
    for n, kv in rows:
        if n <= 50:
            continue
        print(f"growth 50 -> {n} profiles (x{n / 50:.0f}): runs/s x{f(kv,'runs_per_s')/f(small,'runs_per_s'):.1f},"
              f" CPU x{f(kv,'cpu_cores')/f(small,'cpu_cores'):.1f},"
              f" CPU per run x{f(kv,'cpu_ms_per_run')/f(small,'cpu_ms_per_run'):.2f},"
              f" heap live x{f(kv,'heap_after_gc_mb')/f(small,'heap_after_gc_mb'):.1f}"
              + (f" (above the idle baseline: x{(f(kv,'heap_after_gc_mb')-f(base,'heap_after_gc_mb'))/max(0.001,f(small,'heap_after_gc_mb')-f(base,'heap_after_gc_mb')):.1f})" if base else "")
              + f", lag p99 {kv['lag_p99_ms']} ms vs {small['lag_p99_ms']} ms")
if base:
    print(f"idle baseline (no profile): CPU {base['cpu_cores']} cores, heap live {base['heap_after_gc_mb']} MB,"
          f" peak {base['heap_used_peak_mb']} MB")
PY
