#!/usr/bin/env bash
# Benchmark of `3scale-doctor logs` on a production-like APIcast error log at info level, against
# the grep an engineer types for the common failures.
#
# bench/apicast_error_log.py writes SIZE_MB megabytes (default 1024, at least 400) of what a busy
# APIcast logs at info level: mostly benign lines (keepalive closes, rewrite_log notices, the
# backend client's 200s, cache writes) and about 3 % failures, some of them multi-line Lua
# errors. Then ROUNDS rounds (default 5), interleaved so a slow spell of a shared machine hits
# every command alike, each timing:
#   grep -c -E 'timed out|Connection refused|...' FILE > out   the ten patterns below, LC_ALL=C;
#                                   its output goes to a file: GNU grep stops at the first match
#                                   when it writes to /dev/null
#   3scale-doctor logs FILE --format json > out                through the launcher, as users run it
# The table shows medians of wall and CPU time and the doctor's largest peak RSS (/usr/bin/time -v);
# the ratios are doctor / grep. Both also read a log of half the size: the ratio there shows what
# the doctor's fixed start-up costs, and its memory that it stays flat.
#
# Usage: [ROUNDS=5] bench/logs-production-bench.sh [SIZE_MB]   (builds the doctor first if needed)
set -euo pipefail

SIZE_MB=${1:-1024}
ROUNDS=${ROUNDS:-5}
if ((SIZE_MB < 400)); then
  echo "SIZE_MB must be at least 400" >&2
  exit 2
fi
HERE=$(cd "$(dirname "$0")/.." && pwd)
DOCTOR="$HERE/3scale-doctor"
"$DOCTOR" --version > /dev/null   # builds the jar and its class-data archive when missing
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
LOG="$WORK/error.log"
HALF="$WORK/half.log"

python3 "$HERE/bench/apicast_error_log.py" "$LOG" "$SIZE_MB"
python3 "$HERE/bench/apicast_error_log.py" "$HALF" $((SIZE_MB / 2))
# What an engineer types for the common failures: timeouts, refused, no live upstreams, could not
# be resolved, no resolver defined, service not found for host, failed to get list of services,
# lua entry thread aborted, SSL handshake failed, prematurely closed.
PATTERN='timed out|Connection refused|no live upstreams|could not be resolved|no resolver defined'
PATTERN+='|service not found for host|failed to get list of services|lua entry thread aborted'
PATTERN+='|SSL_do_handshake\(\) failed|prematurely closed'
bytes=$(stat -c %s "$LOG")
echo "file: $((bytes / 1048576)) MiB, $(wc -l < "$LOG") lines; half: $(($(stat -c %s "$HALF") / 1048576)) MiB"
cat "$LOG" "$HALF" > /dev/null   # warm the page cache
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

. "$HERE/bench/timing.sh"

export LC_ALL=C
for ((round = 1; round <= ROUNDS; round++)); do
  timed grep sh -c "grep -c -E '$PATTERN' '$LOG' > '$WORK/grep.out'"
  timed doctor sh -c "'$DOCTOR' logs '$LOG' --format json > '$WORK/doctor.json'"
  timed grephalf sh -c "grep -c -E '$PATTERN' '$HALF' > '$WORK/grephalf.out'"
  timed half sh -c "'$DOCTOR' logs '$HALF' --format json > '$WORK/half.json'"
done

summary=$(python3 - "$WORK/doctor.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
findings = [r for r in d["results"] if r["id"] != "errorlog.read"]
read = next(r for r in d["results"] if r["id"] == "errorlog.read")["evidence"]
print("%s entries, %s benign lines recognised, %d findings (%s entries), diagnosis %s" % (
    read["entries"], read.get("benignEntries", "0"), len(findings), sum(int(f["evidence"]["count"]) for f in findings),
    d["diagnosis"]["status"]))
PY
)
t_grep=$(median "$WORK/grep.wall")
t_doctor=$(median "$WORK/doctor.wall")
c_grep=$(median "$WORK/grep.cpu")
c_doctor=$(median "$WORK/doctor.cpu")
echo "load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $ROUNDS rounds, medians"
printf '\n%-46s %8s %8s %10s\n' "command" "wall s" "cpu s" "peak MiB"
printf '%-46s %8.2f %8.2f %10s   (%s matching lines)\n' "grep -c -E 'ten patterns' FILE > out" "$t_grep" "$c_grep" "-" "$(cat "$WORK/grep.out")"
printf '%-46s %8.2f %8.2f %10s\n' "3scale-doctor logs FILE --format json" "$t_doctor" "$c_doctor" "$(peak_mib doctor)"
printf '%-46s %8.2f %8.2f %10s\n' "grep -c -E 'ten patterns' HALF > out" "$(median "$WORK/grephalf.wall")" "$(median "$WORK/grephalf.cpu")" "-"
printf '%-46s %8.2f %8.2f %10s\n' "3scale-doctor logs HALF --format json" "$(median "$WORK/half.wall")" "$(median "$WORK/half.cpu")" "$(peak_mib half)"
echo "doctor: $summary"
printf '\ndoctor / grep at %d MiB: wall %.2f, cpu %.2f\n' "$SIZE_MB" "$(echo "$t_doctor / $t_grep" | bc -l)" "$(echo "$c_doctor / $c_grep" | bc -l)"
printf 'doctor / grep at %d MiB: wall %.2f, cpu %.2f\n' $((SIZE_MB / 2)) "$(echo "$(median "$WORK/half.wall") / $(median "$WORK/grephalf.wall")" | bc -l)" "$(echo "$(median "$WORK/half.cpu") / $(median "$WORK/grephalf.cpu")" | bc -l)"
