#!/usr/bin/env bash
# The benchmark set with short defaults, one after the other, then one table of the ratios each printed against its
# peer in the same run, beside issue 23's targets. Each script's full output is kept in bench/out/<name>.txt.
#   startup               bench/startup.sh RUNS_STARTUP                         (Junction / Camel Main)
#   http-intake           WARMUP=60 bench/http-intake.sh 20 16 2, without the ceiling (Junction / Camel Main)
#   kafka-pipeline        bench/kafka-pipeline.sh 10000 2                       (Junction route / raw client relay)
#   fulfilment            bench/fulfilment-throughput.sh 2 500                  (Junction / JDBC batch baseline)
#   fulfilment-scale-out  PARTITIONS=4 CONSUMERS=4 bench/fulfilment-throughput.sh 2 500
# About 25 minutes on the 2-core machine. Usage: bench/run-all.sh [NAME...]   (default: all of them). Needs wrk
# (apt-get install -y wrk; http-intake refuses clearly without it). The machine is shared and noisy: read the ratios,
# not the absolute figures, and repeat a run whose per-run figures disagree.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT=bench/out
mkdir -p "$OUT"
NAMES=("$@")
(( ${#NAMES[@]} )) || NAMES=(startup http-intake kafka-pipeline fulfilment fulfilment-scale-out)

run() { # name command...: runs one benchmark, its output to $OUT/name.txt and the terminal
  local name=$1; shift
  [[ " ${NAMES[*]} " == *" $name "* ]] || return 0
  echo "=== $name: $*"
  if ! "$@" 2>&1 | tee "$OUT/$name.txt"; then
    echo "=== $name FAILED (see $OUT/$name.txt)"
    FAILED+=("$name")
  fi
}
FAILED=()

run startup bench/startup.sh "${RUNS_STARTUP:-3}"
run http-intake env WARMUP=60 SERVERS="junction peer" bench/http-intake.sh 20 16 2
run kafka-pipeline bench/kafka-pipeline.sh 10000 2
run fulfilment bench/fulfilment-throughput.sh 2 500
run fulfilment-scale-out env PARTITIONS=4 CONSUMERS=4 bench/fulfilment-throughput.sh 2 500

# A ratio line of a script's output: "<label>   <number>"; prints the number.
figure() { # name label
  [[ -f $OUT/$1.txt ]] || { echo "-"; return; }
  grep -F -- "$2" "$OUT/$1.txt" | tail -1 | awk '{ print $NF }' | grep . || echo "-"
}

echo
echo "Summary (ratios against the peer measured in the same script run; $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'))"
printf '%-58s %9s   %s\n' "figure" "measured" "target"
row() { printf '%-58s %9s   %s\n' "$1" "$2" "$3"; }
row "HTTP intake req/s, Junction / Camel Main" "$(figure http-intake 'Junction / Camel Main (req/s)')" ">= 1.0"
row "HTTP intake CPU per request, Junction / Camel Main" \
  "$(figure http-intake 'Junction / Camel Main (CPU per request)')" "(<= 1.0 for the above)"
row "startup to the first accepted order, Junction / Camel Main" \
  "$(figure startup 'Junction (external) / Camel Main: first order')" "<= 0.8"
row "startup with AppCDS, Junction / Camel Main" \
  "$(figure startup 'Junction (external, AppCDS) / Camel Main: first order')" "(reported)"
row "RSS after the first order, Junction / Camel Main" "$(figure startup 'Junction (external) / Camel Main: RSS')" "<= 1.0"
row "Kafka -> transform -> Kafka msg/s, Junction / raw relay" \
  "$(figure kafka-pipeline 'Junction / raw client relay (msg/s)')" ">= 0.7"
row "Kafka -> SQL fulfilment orders/s, Junction / JDBC batch" "$(figure fulfilment 'Junction / baseline')" ">= 0.3"
row "  the same, 4 partitions x 4 consumers" "$(figure fulfilment-scale-out 'Junction / baseline')" "(measured)"
(( ${#FAILED[@]} == 0 )) || { echo "failed: ${FAILED[*]}"; exit 1; }
