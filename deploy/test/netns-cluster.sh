#!/usr/bin/env bash
# Multi-host test on real network namespaces: one Linux network namespace per node (coordinator,
# 3 mix nodes, 2 dead-drop shards) plus one for the clients, joined by veth pairs to a bridge that
# lives in a namespace of its own. Addresses come from 198.18.0.0/15 (reserved for benchmark
# networks) and no namespace has a route to anything else, so all traffic stays between them.
#
# Each node runs the packaged distribution (deploy/target/sotto-VERSION.tar.gz) from its own
# "host" folder holding only what that node needs (never the CA key). The bots chat through the
# cluster while a fault campaign runs: kill -9 of the coordinator, of a mix and of a dead-drop
# shard (each restarted), a mix paused with SIGSTOP, a mix cut off the network, and the links
# into a mix (from the coordinator and the mix before it) holding every byte 1,000 ms each way
# until SLOW_ROUNDS rounds (default 20) have been delivered over them.
# The test passes when no message was lost, the coordinator's Prometheus endpoint counted the
# aborted rounds and rounds kept being delivered over the slow link; it prints the rounds lost per
# fault. Everything is torn down on exit, failure or Ctrl-C.
#
# The slow link is a small TCP proxy (deploy/test/delay-proxy.py, python3) in front of mix-2, not
# tc netem, which many kernels (containers, microVMs) lack; mix-2 is restarted behind it first
# (a fault row of its own). Without python3 that fault is skipped.
#
#   deploy/test/netns-cluster.sh [--strict] [--tarball FILE] [--keep]
#     --strict (or STRICT=1): fail, instead of skipping, where namespaces cannot be made
#     --keep: leave the work folder (configs, logs) for inspection
set -euo pipefail

STRICT=${STRICT:-0}
SLOW_ROUNDS=${SLOW_ROUNDS:-20}
SLOW_MS=1000
KEEP=0
TARBALL=
while [ $# -gt 0 ]; do
  case $1 in
    --strict) STRICT=1 ;;
    --keep) KEEP=1 ;;
    --tarball) TARBALL=$2; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

root=$(cd "$(dirname "$0")/../.." && pwd)
say() { printf '[netns %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { say "FAILED: $*"; exit 1; }

# --- can we make namespaces at all? ---------------------------------------------------------
id=$(( $$ % 100000 ))
probe="sotto-probe-$id"
if ! ip netns add "$probe" 2>/dev/null; then
  msg="cannot create network namespaces here (needs root with CAP_SYS_ADMIN and iproute2)"
  if [ "$STRICT" = 1 ]; then die "$msg"; fi
  say "SKIPPED: $msg; run with --strict to make this an error"
  exit 0
fi
ip netns del "$probe"

if [ -z "$TARBALL" ]; then
  TARBALL=$(ls "$root"/deploy/target/sotto-*.tar.gz 2>/dev/null | head -1 || true)
fi
[ -n "$TARBALL" ] && [ -f "$TARBALL" ] \
  || die "no distribution tarball; build it with ./mvnw package (or pass --tarball FILE)"

# --- the network ----------------------------------------------------------------------------
net=198.18.0
BR="sotto-br-$id"
# node name, namespace, last address byte
NODES=(coordinator mix-1 mix-2 mix-3 deaddrop-1 deaddrop-2 clients)
declare -A IP=([coordinator]=10 [mix-1]=11 [mix-2]=12 [mix-3]=13 [deaddrop-1]=21 \
  [deaddrop-2]=22 [clients]=30)
ns() { echo "sotto-$1-$id"; }

work=$(mktemp -d /tmp/sotto-netns.XXXXXX)
declare -A PID=()
made=()

cleanup() {
  status=$?
  trap - EXIT INT TERM
  for n in "${!PID[@]}"; do kill -TERM "${PID[$n]}" 2>/dev/null || true; done
  sleep 1
  for n in "${!PID[@]}"; do kill -KILL "${PID[$n]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$status" != 0 ]; then
    for f in "$work"/logs/*.log; do
      [ -f "$f" ] || continue
      echo "----- last lines of $(basename "$f")"
      tail -n 15 "$f"
    done
  fi
  for n in "${made[@]}"; do ip netns del "$n" 2>/dev/null || true; done
  if [ "$KEEP" = 1 ]; then say "work folder kept: $work"; else rm -rf "$work"; fi
  say "torn down (${#made[@]} namespaces removed)"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "bridge namespace $BR, node addresses $net.0/24"
ip netns add "$BR"; made+=("$BR")
ip -n "$BR" link add br0 type bridge
ip -n "$BR" link set br0 up
for n in "${NODES[@]}"; do
  N=$(ns "$n")
  ip netns add "$N"; made+=("$N")
  # The veth pair is created straight into the two namespaces: nothing appears in this one.
  ip link add "v$n" netns "$BR" type veth peer name eth0 netns "$N"
  ip -n "$BR" link set "v$n" master br0 up
  ip -n "$N" link set lo up
  ip -n "$N" addr add "$net.${IP[$n]}/24" dev eth0
  ip -n "$N" link set eth0 up
done
for n in "${NODES[@]}"; do
  routes=$(ip -n "$(ns "$n")" route show | grep -vc "^$net.0/24 " || true)
  [ "$routes" = 0 ] || die "namespace of $n has a route beyond $net.0/24"
done

# --- the distribution and the cluster's files -------------------------------------------------
mkdir -p "$work/dist" "$work/logs"
tar xzf "$TARBALL" -C "$work/dist"
sotto=$(ls -d "$work"/dist/sotto-*/bin/sotto)
export SOTTO_JAVA_OPTS="-Xmx256m -XX:+UseSerialGC"
say "installed $("$sotto" --version)"

"$sotto" cluster init --out "$work/cluster" --name netns \
  --coordinator-host "$net.${IP[coordinator]}" \
  --mix-hosts "$net.${IP[mix-1]},$net.${IP[mix-2]},$net.${IP[mix-3]}" \
  --deaddrop-hosts "$net.${IP[deaddrop-1]},$net.${IP[deaddrop-2]}" \
  --same-port --base-port 7000 --metrics-port 9100 --health-port 7070 \
  --round-interval-ms 1000 --noise-mu 20 --noise-b 4 > "$work/logs/cluster-init.log"

# Each host gets its node's folder, the descriptor and the CA certificate: never the CA key.
declare -A CONFIG=()
for n in coordinator mix-1 mix-2 mix-3 deaddrop-1 deaddrop-2; do
  host="$work/hosts/$n"
  mkdir -p "$host/ca"
  cp -r "$work/cluster/$n" "$host/"
  cp "$work/cluster/descriptor.yaml" "$host/"
  cp "$work/cluster/ca/ca.crt" "$host/ca/"
  CONFIG[$n]=$(ls "$host/$n"/*.yaml)
done
mkdir -p "$work/hosts/clients"
cp "$work/cluster/descriptor.yaml" "$work/hosts/clients/"
"$sotto" config check "${CONFIG[@]}" | sed 's/^/  /'

role() { case $1 in coordinator) echo coordinator ;; mix-*) echo mixnode ;; *) echo deaddrop ;; esac; }

start() {
  local n=$1
  ip netns exec "$(ns "$n")" "$sotto" "$(role "$n")" --config "${CONFIG[$n]}" \
    >> "$work/logs/$n.log" 2>&1 &
  PID[$n]=$!
}

await_listening() {
  local n=$1 before=$2 count
  # Generous: six JVMs starting at once on a small, busy machine take a while.
  for _ in $(seq 1 480); do
    count=$(grep -c 'listening on' "$work/logs/$n.log" 2>/dev/null) || true
    if [ "${count:-0}" -gt "$before" ]; then
      return 0
    fi
    kill -0 "${PID[$n]}" 2>/dev/null || die "$n exited during start-up"
    sleep 0.25
  done
  die "$n did not start listening within 120 s"
}

for n in deaddrop-1 deaddrop-2 mix-1 mix-2 mix-3 coordinator; do start "$n"; done
for n in deaddrop-1 deaddrop-2 mix-1 mix-2 mix-3 coordinator; do await_listening "$n" 0; done
say "cluster up: coordinator, 3 mix nodes, 2 dead-drop shards, each in its own namespace"

# --- Prometheus scrapes, from the clients' namespace -------------------------------------------
scrape() { # node -> the node's /metrics text
  local url="http://$net.${IP[$1]}:9100/metrics"
  if command -v curl >/dev/null 2>&1; then
    ip netns exec "$(ns clients)" curl -fsS --max-time 5 "$url"
  else
    ip netns exec "$(ns clients)" bash -c "exec 3<>/dev/tcp/$net.${IP[$1]}/9100 &&
      printf 'GET /metrics HTTP/1.0\r\nHost: x\r\n\r\n' >&3 && sed '1,/^\r\$/d' <&3"
  fi
}
metric_sum() { # metric name (prefix of the series), scrape text on stdin
  awk -v m="$1" '$1 == m || index($1, m "{") == 1 { s += $NF } END { printf "%d\n", s }'
}

# --- clients chatting through a fault campaign ------------------------------------------------
# Each fault hits one role while the bots chat; the campaign waits for rounds to abort (or, for a
# pause too short to abort, for the fault's time to pass), ends the fault, and waits for rounds to
# be delivered again. Rounds lost per fault are the rounds the coordinator counted as aborted
# between the fault's start and the first delivered round after it (rounds that failed to open
# included, which clients never see); recovery is the time from the fault's end to that round.
ip netns exec "$(ns clients)" "$sotto" bots --descriptor "$work/hosts/clients/descriptor.yaml" \
  --pairs 10 --rounds 360 --patience-seconds 240 --stats-json "$work/bots.json" \
  > "$work/logs/bots.log" 2>&1 &
PID[bots]=$!

count_lines() { local n; n=$(grep -c "$1" "$work/logs/bots.log" 2>/dev/null) || true; echo "${n:-0}"; }
delivered_lines() { count_lines ' ok'; }
aborted_lines() { count_lines 'aborted:'; }
wait_for() { # description, seconds, condition...
  local what=$1 secs=$2; shift 2
  for _ in $(seq 1 $((secs * 4))); do
    if "$@"; then return 0; fi
    kill -0 "${PID[bots]}" 2>/dev/null || die "the bots stopped while waiting for $what"
    sleep 0.25
  done
  die "no $what within $secs s"
}
at_least() { [ "$("$1")" -ge "$2" ]; }

declare -a REPORT=()
# name, command that starts the fault, command that ends it, and what happens meanwhile: "aborts"
# (rounds must abort), "delivers" (SLOW_ROUNDS rounds must still be delivered), or anything else
# (a pause of 5 s)
fault() {
  local name=$1 begin=$2 end=$3 expect=$4 aborted_before delivered_before ended counted_before
  local counted_after delivered_at_start during
  aborted_before=$(aborted_lines)
  delivered_at_start=$(delivered_lines)
  counted_before=$(scrape coordinator | metric_sum sotto_rounds_aborted_total)
  say "fault: $name"
  eval "$begin"
  if [ "$expect" = aborts ]; then
    wait_for "aborted rounds during '$name'" 45 at_least aborted_lines $((aborted_before + 2))
  elif [ "$expect" = delivers ]; then
    wait_for "$SLOW_ROUNDS delivered rounds during '$name'" $((30 + 3 * SLOW_ROUNDS)) \
      at_least delivered_lines $((delivered_at_start + SLOW_ROUNDS))
  else
    sleep 5
  fi
  during=$(( $(delivered_lines) - delivered_at_start ))
  eval "$end"
  ended=$(date +%s)
  delivered_before=$(delivered_lines)
  wait_for "delivered rounds after '$name'" 200 at_least delivered_lines $((delivered_before + 1))
  counted_after=$(scrape coordinator | metric_sum sotto_rounds_aborted_total)
  # a restarted coordinator counts from 0 again: then all it counted is this fault's (while it is
  # down no round runs, so none is counted lost; the recovery column shows what its restart cost)
  [ "$counted_after" -ge "$counted_before" ] || counted_before=0
  REPORT+=("$(printf '%-38s %6d %9d %9d' "$name" $(( counted_after - counted_before )) \
    $(( $(date +%s) - ended )) "$during")")
  wait_for "delivered rounds after '$name'" 60 at_least delivered_lines $((delivered_before + 3))
  say "recovered from '$name'"
}
bridge_link() { ip -n "$BR" link set "v$1" "$2"; }
# mix-2 behind a TCP proxy in its namespace that owns mix-2's address and port and can hold every
# byte SLOW_MS each way: mix-2 itself moves to 127.0.0.1:7100 (stopped and started again)
proxied_mix2() {
  kill -TERM "${PID[mix-2]}"; wait "${PID[mix-2]}" 2>/dev/null || true
  sed -i "s/^listen: .*/listen: 127.0.0.1:7100/" "${CONFIG[mix-2]}"
  ip netns exec "$(ns mix-2)" python3 "$root/deploy/test/delay-proxy.py" \
    "$net.${IP[mix-2]}:7000" 127.0.0.1:7100 "$SLOW_MS" >> "$work/logs/delay-proxy.log" 2>&1 &
  PID[proxy]=$!
  start mix-2
}

wait_for "delivered rounds" 90 at_least delivered_lines 5
say "bots chatting: $(delivered_lines) rounds delivered"
fault "kill -9 coordinator, restart" \
  'kill -KILL "${PID[coordinator]}"; wait "${PID[coordinator]}" 2>/dev/null || true; sleep 3' \
  'start coordinator; await_listening coordinator 1' pause
fault "kill -9 mix-2, restart" \
  'kill -KILL "${PID[mix-2]}"; wait "${PID[mix-2]}" 2>/dev/null || true' \
  'start mix-2; await_listening mix-2 1' aborts
fault "kill -9 deaddrop-1, restart" \
  'kill -KILL "${PID[deaddrop-1]}"; wait "${PID[deaddrop-1]}" 2>/dev/null || true' \
  'start deaddrop-1; await_listening deaddrop-1 1' aborts
fault "SIGSTOP mix-1 for 5 s" \
  'kill -STOP "${PID[mix-1]}"' 'kill -CONT "${PID[mix-1]}"' pause
fault "partition mix-3 from the bridge" \
  'bridge_link mix-3 down' 'bridge_link mix-3 up' aborts
if command -v python3 >/dev/null 2>&1; then
  fault "restart mix-2 behind a delay proxy" 'proxied_mix2' 'await_listening mix-2 2' pause
  fault "links into mix-2 ${SLOW_MS} ms each way" \
    'kill -USR1 "${PID[proxy]}"' 'kill -USR2 "${PID[proxy]}"' delivers
  grep -h 'opening at once\|aborted' "$work/logs/coordinator.log" | tail -n 8 | sed 's/^/  coordinator | /'
else
  say "no python3: the slow-link fault is skipped"
fi

set +e
wait "${PID[bots]}"
bots_status=$?
set -e
unset 'PID[bots]'
sed 's/^/  bots | /' "$work/logs/bots.log" | tail -n 16

# --- verdict --------------------------------------------------------------------------------
stat() { sed -n "s/^ *\"$1\" *: *\([0-9]*\).*/\1/p" "$work/bots.json"; }
[ -f "$work/bots.json" ] || die "the bots wrote no totals"
sent=$(stat messages_sent); got=$(stat messages_delivered); lost=$(stat messages_lost)
inflight=$(stat messages_in_flight); corrupted=$(stat messages_corrupted)

coordinator_metrics=$(scrape coordinator)
aborted=$(metric_sum sotto_rounds_aborted_total <<< "$coordinator_metrics")
rounds=$(metric_sum sotto_rounds_delivered_total <<< "$coordinator_metrics")
clients=$(metric_sum sotto_clients_connected <<< "$coordinator_metrics")
say "coordinator /metrics: sotto_rounds_delivered_total=$rounds sotto_rounds_aborted_total=$aborted"
grep '^sotto_rounds_aborted_total' <<< "$coordinator_metrics" | awk '$NF > 0' | sed 's/^/  /'
for n in mix-1 mix-2 mix-3 deaddrop-1 deaddrop-2; do
  text=$(scrape "$n") || die "cannot scrape $n"
  case $n in
    mix-*) say "$n /metrics: sotto_mix_rounds_total=$(metric_sum sotto_mix_rounds_total <<< "$text") sotto_mix_noise_added_requests_total=$(metric_sum sotto_mix_noise_added_requests_total <<< "$text")" ;;
    *) say "$n /metrics: sotto_deaddrop_rounds_total=$(metric_sum sotto_deaddrop_rounds_total <<< "$text")" ;;
  esac
done

say "messages sent $sent, delivered $got, lost $lost, in flight $inflight, corrupted $corrupted"
[ "$bots_status" = 0 ] || die "the bots reported a problem (exit $bots_status)"
[ "${lost:-1}" = 0 ] && [ "${inflight:-1}" = 0 ] && [ "${corrupted:-1}" = 0 ] \
  && [ "${got:-0}" -gt 0 ] && [ "$got" = "$sent" ] || die "messages were lost or are missing"
[ "$aborted" -ge 6 ] || die "the coordinator's metrics report $aborted aborted rounds, expected >= 6"
[ "$rounds" -gt 0 ] || die "the coordinator's metrics report no delivered round"
[ "$clients" -eq 0 ] || say "note: $clients client sessions still open at the coordinator"
say "fault campaign: rounds lost per fault (messages lost overall: $lost)"
printf '  %-38s %6s %9s %9s\n' "fault" "rounds" "recovery" "delivered"
printf '  %-38s %6s %9s %9s\n' "" "lost" "s to 1st" "during"
printf '  %s\n' "${REPORT[@]}"
say "PASSED: 0 messages lost across ${#REPORT[@]} faults; aborted rounds visible in Prometheus"
