#!/usr/bin/env bash
# HTTP intake: POST /api/v1/orders (about 1 KB of JSON, a unique order each) through validation -> choice -> Kafka,
# at a fixed concurrency, with wrk (bench/intake-order.lua). Three servers, one after the other on the same machine:
#   Junction    the packaged jar (routes/order-intake.yaml; acks=all, synchronous sends), its fulfilment pointed at
#               an unused topic so that only the intake works (the peer has no fulfilment either)
#   Camel Main  plain Camel Main 4.17.0 running the same order-intake.yaml and publisher route with Junction's beans
#               (bench/camel-main-peer)
#   ceiling     a bare Vert.x server reading each body and answering 202 (no validation, no Kafka)
# Each gets a WARMUP-second warm-up, then RUNS runs of DURATION seconds; the table shows medians, and the ratios
# Junction/peer and Junction/ceiling. "CPU ms/req" is the server process's CPU time (user + system) over a run divided
# by the requests it answered: on this shared 2-core machine it moves far less from run to run than req/s does. A run
# with any answer other than 2xx fails the script.
# Usage: bench/http-intake.sh [DURATION] [CONNECTIONS] [RUNS]   (defaults 30, 16, 3; WARMUP=30, THREADS=2 and
# SERVERS="junction peer ceiling", the ones to measure, from the environment). Needs wrk (apt-get install -y wrk).
# Headers for the intake: BENCH_INTAKE_HEADERS (see bench/lib.sh).
DURATION=${1:-30}
CONNECTIONS=${2:-16}
RUNS=${3:-3}
WARMUP=${WARMUP:-30}
THREADS=${THREADS:-2}
SERVERS=${SERVERS:-junction peer ceiling}
source "$(dirname "$0")/lib.sh"
require_wrk
build_peer
intake_headers
SAMPLE='{"orderId":"o-warm-1","customerId":"c-1","currency":"EUR","shipping":{"method":"express","country":"DE"},"lines":[{"sku":"SKU-1","quantity":1,"unitPrice":1.00}]}'
failed=0

load() { # port seconds run-prefix: one wrk run, prints its RESULT line
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "${2}s" --timeout 10s "${INTAKE_CURL_HEADERS[@]}" \
    -s bench/intake-order.lua "http://localhost:$1/api/v1/orders" -- "$3" | grep '^RESULT'
}

field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<< "$2"; }

measure() { # label port pid
  local rps=() p50=() p99=() cpu=() bad=0 line before
  load "$2" "$WARMUP" "warm-$2-$(date +%s%N)" > /dev/null
  for ((i = 1; i <= RUNS; i++)); do
    before=$(cpu_ms "$3")
    line=$(load "$2" "$DURATION" "run$i-$2-$(date +%s%N)")
    rps+=("$(field rps "$line")") p50+=("$(field p50_ms "$line")") p99+=("$(field p99_ms "$line")")
    cpu+=("$(awk -v c=$(( $(cpu_ms "$3") - before )) -v n="$(field requests "$line")" 'BEGIN { printf "%.3f", c / n }')")
    bad=$(( bad + $(field non2xx "$line") + $(field socket_errors "$line") ))
  done
  RPS[$1]=$(median "${rps[@]}") P50[$1]=$(median "${p50[@]}") P99[$1]=$(median "${p99[@]}") BAD[$1]=$bad
  CPU[$1]=$(median "${cpu[@]}")
  ROWS+=("$(printf '%-12s %9s %9s %9s %10s %7s   %s' "$1" "${RPS[$1]}" "${P50[$1]}" "${P99[$1]}" "${CPU[$1]}" "$bad" "${rps[*]}")")
  (( bad == 0 )) || failed=1
}
declare -A RPS P50 P99 BAD CPU
ROWS=()

start_services
if [[ " $SERVERS " == *" junction "* ]]; then
  start_junction -Dfulfilment.topics=bench.fulfilment.off
  [[ $(post_order $HTTP_PORT "$SAMPLE") == 202 ]] || { echo "Junction does not accept the sample order" >&2; exit 1; }
  measure Junction $HTTP_PORT $APP_PID
  stop_junction
fi

if [[ " $SERVERS " == *" peer "* ]]; then
  start_peer
  deadline=$(( $(now_ms) + 120000 ))
  until [[ $(post_order $PEER_PORT "$SAMPLE") == 202 ]]; do
    (( $(now_ms) < deadline )) || { tail -50 "$WORK/peer.log" >&2; exit 1; }
    sleep 0.2
  done
  measure "Camel Main" $PEER_PORT $PEER_PID
  stop_pid $PEER_PID; PEER_PID=
fi

if [[ " $SERVERS " == *" ceiling "* ]]; then
  start_ceiling
  measure ceiling $CEILING_PORT $CEILING_PID
  stop_pid $CEILING_PID; CEILING_PID=
fi

echo
echo "HTTP intake, POST /api/v1/orders (~1 KB), $CONNECTIONS connections, $THREADS wrk threads, $RUNS x ${DURATION}s after ${WARMUP}s warm-up"
machine_header
printf '%-12s %9s %9s %9s %10s %7s   %s\n' "" "req/s" "p50 ms" "p99 ms" "CPU ms/req" "non-2xx" "req/s per run"
printf '%s\n' "${ROWS[@]}"
printf '%-36s %s\n' "Junction / Camel Main (req/s)" "$(ratio "${RPS[Junction]:-0}" "${RPS[Camel Main]:-0}")"
printf '%-36s %s\n' "Junction / Camel Main (CPU per request)" "$(ratio "${CPU[Junction]:-0}" "${CPU[Camel Main]:-0}")"
printf '%-36s %s\n' "Junction / ceiling (req/s)" "$(ratio "${RPS[Junction]:-0}" "${RPS[ceiling]:-0}")"
exit $failed
