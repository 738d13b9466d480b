#!/usr/bin/env bash
# Runs the embedded health-check sample with the doctor's jar; builds both when missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cli="$root/diag-cli/target/3scale-doctor.jar"
samples="$root/samples/target/samples-0.1.0.jar"
if [ ! -f "$cli" ] || [ ! -f "$samples" ]; then
  (cd "$root" && mvn -B -q -DskipTests -pl diag-cli,samples -am package >&2)
fi
exec java -cp "$samples:$cli" io.threescaledoctor.samples.EmbeddedHealthCheck "$@"
