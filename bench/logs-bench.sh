#!/usr/bin/env bash
# Benchmark of `3scale-doctor logs` against the I/O floor (cat) and grep with the same patterns.
#
# Generates a realistic nginx/APIcast error log (known and unknown messages, API and 3scale
# upstreams, Lua tracebacks) of SIZE_MB megabytes (default 1024) in a temp dir, warms the page
# cache, then runs ROUNDS rounds (default 5), each timing in turn:
#   cat FILE > /dev/null                      the I/O floor
#   grep -c -E -f PATTERNS FILE               the same patterns, LC_ALL=C
#   3scale-doctor logs FILE --format json     the launcher, as users run it (-Xmx200m)
#   java -Xmx200m -jar 3scale-doctor.jar ...  the bare jar, without the launcher's JVM settings
#   3scale-doctor logs /dev/null              JVM start and set-up alone
#   java LineFloor FILE                       a cold JVM that only counts the lines, one slice
#                                             per core: the floor for any Java log reader
# Rounds interleave the commands so a slow spell of a shared machine hits all of them alike;
# the table shows medians, the doctor's peak RSS is the largest of its rounds (/usr/bin/time -v).
#
# Usage: [ROUNDS=5] bench/logs-bench.sh [SIZE_MB]   (builds the doctor first if needed)
set -euo pipefail

SIZE_MB=${1:-1024}
ROUNDS=${ROUNDS:-5}
HERE=$(cd "$(dirname "$0")/.." && pwd)
JAR="$HERE/diag-cli/target/3scale-doctor.jar"
DOCTOR="$HERE/3scale-doctor"
CATALOG="$HERE/diag-checks/src/main/resources/io/threescaledoctor/checks/logs/error-log-messages.yaml"
"$DOCTOR" --version > /dev/null   # builds the jar and its class-data archive when missing
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
LOG="$WORK/error.log"
PATTERNS="$WORK/patterns.txt"

python3 - "$WORK/chunk.log" "$CATALOG" "$PATTERNS" <<'PY'
import random, re, sys, datetime
out, catalog, patterns = sys.argv[1], sys.argv[2], sys.argv[3]
# grep gets the first (most distinctive) substring of every catalog entry, as the doctor's
# matcher does, each escaped as an extended regular expression.
keys = []
for m in re.finditer(r'^\s*match:\s*\[(.*)\]\s*$', open(catalog).read(), re.M):
    first = re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))[0]
    if first not in keys:
        keys.append(first)
with open(patterns, 'w') as p:
    for k in keys:
        p.write(re.sub(r'([][.*+?(){}|^$\\])', r'\\\1', k) + '\n')
rnd = random.Random(7)
t = datetime.datetime(2026, 11, 26, 0, 0, 0)
api = ['10.0.0.5:8080', '10.0.0.6:8080', '[2001:db8::5]:8080']
backend = ['52.1.2.3:443', '52.1.2.4:443', '34.9.8.7:443']
tail = ', client: {c}, server: api.example.com, request: "GET /v1/orders/{n}?user_key=0123456789abcdef HTTP/1.1"'
def known():
    c = '192.168.%d.%d' % (rnd.randint(0, 255), rnd.randint(1, 254))
    n = rnd.randint(1, 99999)
    k = rnd.randint(0, 9)
    if k < 3:
        return ('upstream timed out (110: Connection timed out) while reading response header from upstream'
                + tail + ', upstream: "http://%s/v1/orders/%d", host: "api.example.com"') .format(c=c, n=n) % (rnd.choice(api), n)
    if k < 5:
        return ('connect() failed (111: Connection refused) while connecting to upstream' + tail
                + ', subrequest: "/threescale_authrep", upstream: "https://%s/transactions/authrep.xml?service_id=42&user_key=0123456789abcdef", host: "api.example.com"').format(c=c, n=n) % rnd.choice(backend)
    if k < 6:
        return 'no resolver defined to resolve api.internal.example, client: %s, server: _, request: "GET / HTTP/1.1", host: "gw"' % c
    if k < 7:
        return '[lua] find_service.lua:24: find_service(): service not found for host apicast%d.example.com, client: %s, server: _, request: "GET / HTTP/1.1", host: "apicast.example.com"' % (n % 7, c)
    if k < 8:
        return 'recv() failed (104: Connection reset by peer) while reading response header from upstream' + tail.format(c=c, n=n) + ', upstream: "http://%s/v1", host: "api.example.com"' % rnd.choice(api)
    if k < 9:
        return 'upstream prematurely closed connection while reading response header from upstream' + tail.format(c=c, n=n) + ', upstream: "http://%s/v1", host: "api.example.com"' % rnd.choice(api)
    return 'api.internal.example could not be resolved (3: Host not found)' + tail.format(c=c, n=n) + ', host: "gw"'
def unknown():
    k = rnd.randint(0, 3)
    if k == 0:
        return 'open() "/usr/share/nginx/html/favicon.ico" failed (2: No such file or directory), client: 10.1.1.%d, server: _, request: "GET /favicon.ico HTTP/1.1", host: "gw"' % rnd.randint(1, 254)
    if k == 1:
        return 'an upstream response is buffered to a temporary file /var/cache/nginx/proxy_temp/1/00/%010d while reading upstream, client: 10.1.1.9, server: _, request: "GET /export HTTP/1.1", upstream: "http://10.0.0.5:8080/export", host: "gw"' % rnd.randint(0, 10**9)
    if k == 2:
        return '[lua] policy_chain.lua:190: load_policy(): failed to load policy: custom_rate_limit version: builtin, context: ngx.timer'
    return 'client %d.%d.%d.%d closed keepalive connection' % (10, 1, rnd.randint(0, 255), rnd.randint(1, 254))
levels = ['error'] * 6 + ['warn'] * 3 + ['info']
with open(out, 'w') as f:
    size = 0
    while size < 64 * 1024 * 1024:
        t += datetime.timedelta(milliseconds=rnd.randint(0, 400))
        pid = rnd.choice([23, 24, 25, 26])
        head = '%s [%s] %d#%d: *%d ' % (t.strftime('%Y/%m/%d %H:%M:%S'), rnd.choice(levels), pid, pid, rnd.randint(1, 10**7))
        r = rnd.random()
        if r < 0.70:
            line = head + known() + '\n'
        elif r < 0.995:
            line = head + unknown() + '\n'
        else:
            line = (head + 'lua entry thread aborted: runtime error: /opt/app/src/apicast/policy/custom.lua:66: attempt to index a nil value\n'
                    'stack traceback:\ncoroutine 0:\n  [C]: in function \'error\'\n  /opt/app/src/apicast/policy/custom.lua:66: in function \'access\'\n')
        f.write(line)
        size += len(line)
PY

chunk_mb=$(( $(stat -c %s "$WORK/chunk.log") / 1048576 ))
copies=$(( (SIZE_MB + chunk_mb - 1) / chunk_mb ))
for ((i = 0; i < copies; i++)); do cat "$WORK/chunk.log"; done > "$LOG"
rm -f "$WORK/chunk.log"
bytes=$(stat -c %s "$LOG")
echo "file: $LOG  $((bytes / 1048576)) MiB, $(wc -l < "$LOG") lines, $(wc -l < "$PATTERNS") patterns"
cat "$LOG" > /dev/null   # warm the page cache
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

. "$HERE/bench/timing.sh"

javac -d "$WORK" "$HERE/bench/LineFloor.java"
export LC_ALL=C
for ((round = 1; round <= ROUNDS; round++)); do
  timed cat sh -c "cat '$LOG' > /dev/null"
  # grep's output goes to a file: GNU grep stops at the first match when it writes to /dev/null.
  timed grep sh -c "grep -c -E -f '$PATTERNS' '$LOG' > '$WORK/grep.out'"
  timed doctor sh -c "THREESCALE_DOCTOR_JAVA_OPTS=-Xmx200m '$DOCTOR' logs '$LOG' --format json > '$WORK/doctor.json'"
  timed jar sh -c "java -Xmx200m -jar '$JAR' logs '$LOG' --format json > '$WORK/jar.json'"
  timed start sh -c "'$DOCTOR' logs /dev/null > /dev/null 2>&1"
  timed floor sh -c "java -XX:+UseSerialGC -cp '$WORK' LineFloor '$LOG' > '$WORK/floor.out'"
done

grep_count=$(cat "$WORK/grep.out")
doctor_count=$(python3 -c "import json; d=json.load(open('$WORK/doctor.json')); print(sum(int(r['evidence']['count']) for r in d['results'] if r['id'] != 'errorlog.read'))")
t_cat=$(median "$WORK/cat.wall")
t_grep=$(median "$WORK/grep.wall")
t_doctor=$(median "$WORK/doctor.wall")
t_jar=$(median "$WORK/jar.wall")
t_start=$(median "$WORK/start.wall")

echo "load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $ROUNDS rounds, medians"
printf '\n%-44s %8s %8s %10s\n' "command" "wall s" "cpu s" "wall/cat"
row() { # LABEL NAME NOTE
  local t
  t=$(median "$WORK/$2.wall")
  printf '%-44s %8.2f %8.2f %9.2fx   %s\n' "$1" "$t" "$(median "$WORK/$2.cpu")" "$(echo "$t / $t_cat" | bc -l)" "$3"
}
row "cat FILE > /dev/null" cat ""
row "grep -c -E -f PATTERNS FILE" grep "($grep_count matching lines)"
row "3scale-doctor logs FILE --format json" doctor "($doctor_count lines in findings, peak RSS $(peak_mib doctor) MiB)"
row "java -Xmx200m -jar 3scale-doctor.jar logs" jar "(no launcher: default GC, no class-data archive)"
row "3scale-doctor logs /dev/null (start-up)" start ""
row "java LineFloor FILE (Java floor)" floor "($(cat "$WORK/floor.out") lines counted)"
printf '\ndoctor / grep (wall) = %.2f;  doctor / cat (wall) = %.2f\n' "$(echo "$t_doctor / $t_grep" | bc -l)" "$(echo "$t_doctor / $t_cat" | bc -l)"
