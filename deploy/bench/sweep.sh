#!/usr/bin/env bash
# The measurements behind docs/performance.md: crypto per core and scaling, the 1,000-user
# default, 10,000 users at p99, and the 1,000 -> 50,000 sweep with its plot.
#   deploy/bench/sweep.sh OUTDIR [USERS...]      (default users: 1000 2000 5000 10000 20000 50000)
# Build first: ./mvnw -q -o -pl deploy -am package -DskipTests
# NICE=-10 (as root) runs everything, openssl included, ahead of other work on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:?output directory}; shift
users=("$@"); [ ${#users[@]} -gt 0 ] || users=(1000 2000 5000 10000 20000 50000)
mkdir -p "$out"
run() { nice -n "${NICE:-0}" java -Xmx12g -cp 'deploy/target/sotto.jar:deploy/target/lib/*' org.sotto.launcher.Sotto "$@"; }
log() { echo "== $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg): $*" | tee -a "$out/log.txt"; }
log "bench crypto --threads 2 (nice ${NICE:-0})"
run bench crypto --threads 2 2>&1 | grep -v ' INFO ' | tee "$out/crypto.txt"
for n in "${users[@]}"; do
  rounds=${ROUNDS:-8}; [ "$n" -ge 20000 ] && rounds=4
  [ "$n" -eq 10000 ] && rounds=${ROUNDS_10K:-30}
  log "bench round --users $n --rounds $rounds"
  run bench round --users "$n" --noise 1000 --rounds "$rounds" --stats-json "$out/round-$n.json" \
    2>&1 | grep -v ' INFO \| WARN ' | tee "$out/round-$n.txt" || true
done
log "bench plot"
run bench plot --out "$out/scaling.png" "$out"/round-*.json | tee "$out/plot.txt"
log done
