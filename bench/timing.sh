# Sourced by the logs benchmarks: timing of interleaved rounds. Needs WORK (a scratch directory)
# and round (the current round's number) set by the caller.

# timed NAME COMMAND...: runs COMMAND under /usr/bin/time -v, appends its wall and CPU seconds to
# $WORK/NAME.wall and $WORK/NAME.cpu and keeps the report as $WORK/NAME.time.N.
timed() {
  local name=$1
  shift
  local report="$WORK/$name.time.$round"
  /usr/bin/time -v -o "$report" "$@" || true
  awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$report" >> "$WORK/$name.wall"
  awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f\n", s}' "$report" >> "$WORK/$name.cpu"
}

# median FILE: the median of the numbers in FILE, one a line.
median() { sort -n "$1" | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# peak_mib NAME: the largest peak resident set size of NAME's rounds, in MiB.
peak_mib() { cat "$WORK"/"$1".time.* | awk -F': ' '/Maximum resident set size/ {if ($2 > m) m = $2} END {printf "%d", m / 1024}'; }
