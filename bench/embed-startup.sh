#!/usr/bin/env bash
# Benchmark (not a test) of what embedding costs at start: in a fresh JVM each time, the time to
# build the standard Doctor (diag-core + diag-checks, every ServiceLoader check) timed from main, so
# JVM start is excluded, and then the time of its first run against a loopback setup (the fake API
# and fake 3scale backend of bench/fake_upstreams.py).
#
# Modes: empty (Doctor.builder().build(), no profile), yaml (profileYaml), builder (Profile.builder(),
# where the revision has it). With BASE=REV the same program is also compiled against revision REV
# (a temporary git worktree, built offline) and the rounds interleave both trees, so a slow spell of
# the shared machine hits them alike; the table shows medians and this tree's ratio to BASE's.
#
# Usage: [ROUNDS=15] [BASE=REV] bench/embed-startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
rounds="${ROUNDS:-15}"
work="$(mktemp -d /tmp/3scale-doctor-embed.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -d "$work/base" ]; then git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Compiles the bench program against the checkout in $1; prints the class path to run it with.
prepare() {
  local tree="$1" name="$2"
  (cd "$tree" && mvn -B -q -o -DskipTests -Dspotless.check.skip -pl diag-checks -am package >&2)
  (cd "$tree" && mvn -B -q -o -pl diag-checks dependency:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile="$work/$name.deps" >&2)
  # The tree's own diag-core, never the one in ~/.m2 (another checkout may have installed it).
  local deps
  deps="$(tr ':' '\n' <"$work/$name.deps" | grep -v '/io/threescaledoctor/' | paste -sd: -)"
  local cp="$tree/diag-checks/target/diag-checks-0.1.0.jar:$tree/diag-core/target/diag-core-0.1.0.jar:$deps"
  mkdir -p "$work/$name.classes"
  javac -XDstringConcat=inline -d "$work/$name.classes" -cp "$cp" "$root/bench/EmbedStartup.java"
  if javac -XDstringConcat=inline -d "$work/$name.classes" -cp "$cp:$work/$name.classes" \
    "$root/bench/EmbedStartupBuilder.java" 2>/dev/null; then
    echo "$work/$name.classes:$cp builder"
  else
    echo "$work/$name.classes:$cp"
  fi
}

trees=(this)
read -r this_cp this_builder < <(prepare "$root" this)
if [ -n "${BASE:-}" ]; then
  git -C "$root" worktree add --detach "$work/base" "$BASE" >/dev/null 2>&1
  read -r base_cp base_builder < <(prepare "$work/base" base)
  trees=(base this)
fi

python3 "$root/bench/fake_upstreams.py" "$work/ports" &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/ports" ] && break; sleep 0.05; done
read -r api_port backend_port <"$work/ports"

mkdir -p "$root/bench/out"
results="$work/results.txt"
for round in $(seq "$rounds"); do
  for tree in "${trees[@]}"; do
    cp_var="${tree}_cp"; builder_var="${tree}_builder"
    modes=(empty yaml)
    [ -n "${!builder_var:-}" ] && modes+=(builder)
    for mode in "${modes[@]}"; do
      main=EmbedStartup; [ "$mode" = builder ] && main=EmbedStartupBuilder
      if line=$(java -cp "${!cp_var}" "$main" "$mode" "$api_port" "$backend_port" 2>"$work/err"); then
        echo "$tree $line" >>"$results"
      else
        echo "embed-startup: $tree $mode failed: $(tail -1 "$work/err")" >&2
      fi
    done
  done
done

python3 - "$results" "$rounds" "${BASE:-}" <<'PY' | tee "$root/bench/out/embed-startup-$(date -u +%Y%m%dT%H%M%SZ).txt"
import os, statistics, sys
from collections import defaultdict
path, rounds, base = sys.argv[1], sys.argv[2], sys.argv[3]
build, run, status = defaultdict(list), defaultdict(list), {}
for line in open(path):
    tree, mode, b, r, s = line.split()
    build[(tree, mode)].append(float(b)); run[(tree, mode)].append(float(r)); status[(tree, mode)] = s
print(f"embedding start-up, {rounds} rounds, medians in ms (fresh JVM each; JVM start excluded);"
      f" {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end")
print(f"{'tree':6} {'mode':8} {'build':>8} {'first run':>10}  diagnosis")
for (tree, mode) in sorted(build, key=lambda k: (k[1], k[0] != "base")):
    print(f"{tree:6} {mode:8} {statistics.median(build[(tree, mode)]):8.1f}"
          f" {statistics.median(run[(tree, mode)]):10.1f}  {status[(tree, mode)]}")
if base:
    print(f"ratios this / base ({base}):")
    for mode in ("empty", "yaml"):
        if ("base", mode) in build and ("this", mode) in build:
            b = statistics.median(build[("this", mode)]) / statistics.median(build[("base", mode)])
            r = statistics.median(run[("this", mode)]) / statistics.median(run[("base", mode)])
            print(f"  {mode:8} build {b:.2f}x   first run {r:.2f}x")
    if ("this", "builder") in build and ("base", "yaml") in build:
        b = statistics.median(build[("this", "builder")]) / statistics.median(build[("base", "yaml")])
        print(f"  builder (this) vs yaml (base): build {b:.2f}x")
PY
