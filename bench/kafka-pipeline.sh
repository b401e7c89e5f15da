#!/usr/bin/env bash
# Kafka pipeline: Kafka -> transform -> Kafka, acks=all, offsets committed only after the records were passed on
# (at least once). Three pipelines on the same standalone broker, one after the other:
#   Junction    a route file added to a copy of routes/ (bench-pipeline: kafka consumer with Junction's offset
#               commits after each poll, wrap the value, publish with the component's settings: acks=all,
#               idempotent, synchronous sends) -- what a route author gets; afterwards its consumer group must have
#               committed every record (lag 0)
#   raw client  bench/KafkaProbe.java relay: plain consumer -> producer loop, the poll's records sent at once, flush,
#               commitSync -- what a hand-written at-least-once loop does
#   Kafka tools Kafka's own ProducerPerformance (acks=all) and ConsumerPerformance, each alone: the broker's limit
# The pipelines are measured by bench/KafkaProbe.java pipeline: MESSAGES records of SIZE bytes sent as fast as the
# producer can (msg/s from first send to last arrival, backlog included), then RATE records/s for 20 s (end-to-end
# p50/p99, producer send to consumer receipt, the same process's clock). Medians of RUNS runs after a warm-up.
# Every record must arrive: a missing one fails the script.
# Usage: bench/kafka-pipeline.sh [MESSAGES] [RUNS] [RATE] [SIZE]   (defaults 20000, 3, 200, 1024)
MESSAGES=${1:-20000}
RUNS=${2:-3}
RATE=${3:-200}
SIZE=${4:-1024}
source "$(dirname "$0")/lib.sh"
build_peer
BOOTSTRAP=localhost:$KAFKA_PORT
failed=0

field() { sed -E "s/.*(^| )$1=([^ ]+).*/\2/" <<< "$2"; }

measure() { # label in out: warm-up, then RUNS x (throughput, latency)
  local rate=() p50=() p99=() line missing=0
  probe pipeline $BOOTSTRAP "$2" "$3" $(( MESSAGES / 4 )) 0 $SIZE > /dev/null
  for ((i = 1; i <= RUNS; i++)); do
    line=$(probe pipeline $BOOTSTRAP "$2" "$3" $MESSAGES 0 $SIZE)
    rate+=("$(field msgs_per_s "$line")"); missing=$(( missing + $(field missing "$line") ))
    line=$(probe pipeline $BOOTSTRAP "$2" "$3" $(( RATE * 20 )) $RATE $SIZE)
    p50+=("$(field p50_ms "$line")") p99+=("$(field p99_ms "$line")"); missing=$(( missing + $(field missing "$line") ))
  done
  RATES[$1]=$(median "${rate[@]}")
  ROWS+=("$(printf '%-34s %9s %11s %11s %8s   %s' "$1" "${RATES[$1]}" "$(median "${p50[@]}")" \
    "$(median "${p99[@]}")" "$missing" "${rate[*]}")")
  (( missing == 0 )) || failed=1
}
declare -A RATES
ROWS=()

start_services

# Junction, with the benchmark route beside the shipped ones; fulfilment pointed at an unused topic.
cp -r routes "$WORK/routes"
cat > "$WORK/routes/bench-pipeline.yaml" <<'YAML'
# Benchmark pipeline (bench/kafka-pipeline.sh): bench.pipeline.in -> wrap -> bench.pipeline.out, at least once.
- route:
    id: bench-pipeline
    description: Wraps each record of bench.pipeline.in and publishes it to bench.pipeline.out, keyed as it came
    from:
      uri: kafka:bench.pipeline.in
      parameters:
        groupId: bench-pipeline
        autoOffsetReset: earliest
        autoCommitEnable: false
        allowManualCommit: true
        kafkaManualCommitFactory: "#syncOffsetCommits"
        breakOnFirstError: true
        maxPollRecords: 500
      steps:
        - removeHeaders:
            pattern: "*"
            excludePattern: kafka.KEY
        - setBody:
            simple: '{"pipeline":"junction","payload":${body}}'
        - to:
            uri: kafka:bench.pipeline.out
YAML
start_junction -Djunction.routes.dir="$WORK/routes" -Dfulfilment.topics=bench.fulfilment.off
measure "Junction route" bench.pipeline.in bench.pipeline.out
# At least once means the offsets move only behind what was passed on: once it all arrived, nothing may be left.
lag=$(java -cp "$APP/lib/main/*" org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server $BOOTSTRAP \
  --describe --group bench-pipeline 2> /dev/null \
  | awk '$1 == "bench-pipeline" { rows++; lag += ($4 ~ /^[0-9]+$/) ? $6 : $5 } END { print rows ? lag : "unknown" }')
echo "Junction route: records left uncommitted after the runs: $lag"
[[ $lag == 0 ]] || { echo "the pipeline route left $lag records uncommitted" >&2; failed=1; }
stop_junction

java -cp "$APP/lib/main/*" bench/KafkaProbe.java relay $BOOTSTRAP bench.relay.in bench.relay.out bench-relay \
  9223372036854775807 2> "$WORK/relay.log" &
LOAD_PID=$!
measure "raw client relay (KafkaProbe)" bench.relay.in bench.relay.out
stop_pid $LOAD_PID; LOAD_PID=

# Kafka's own tools, on a topic of their own, RUNS times each
prod=() cons=() prod_p99=()
for ((i = 1; i <= RUNS; i++)); do
  line=$(java -cp "$PEER/kafka-tools/*:$PEER/lib/*" org.apache.kafka.tools.ProducerPerformance --topic bench.perf \
    --num-records $MESSAGES --record-size $SIZE --throughput -1 \
    --producer-props bootstrap.servers=$BOOTSTRAP acks=all enable.idempotence=true 2> "$WORK/perf.log" | tail -1)
  prod+=("$(sed -E 's/.* ([0-9.]+) records\/sec.*/\1/' <<< "$line" | cut -d. -f1)")
  prod_p99+=("$(sed -E 's/.* ([0-9]+) ms 99th.*/\1/' <<< "$line")")
  line=$(java -cp "$PEER/kafka-tools/*:$PEER/lib/*" org.apache.kafka.tools.ConsumerPerformance \
    --bootstrap-server $BOOTSTRAP --topic bench.perf --messages $MESSAGES --group "bench-perf-$i" 2>> "$WORK/perf.log" | tail -1)
  cons+=("$(awk -F', ' '{ printf "%.0f", $6 }' <<< "$line")")
done
ROWS+=("$(printf '%-34s %9s %11s %11s %8s   %s' "Kafka ProducerPerformance" "$(median "${prod[@]}")" "-" \
  "$(median "${prod_p99[@]}")*" "-" "${prod[*]}")")
ROWS+=("$(printf '%-34s %9s %11s %11s %8s   %s' "Kafka ConsumerPerformance" "$(median "${cons[@]}")" "-" "-" "-" \
  "${cons[*]}")")

echo
echo "Kafka -> transform -> Kafka, acks=all, at least once; $MESSAGES records of $SIZE bytes, latency at $RATE/s, $RUNS runs"
machine_header
printf '%-34s %9s %11s %11s %8s   %s\n' "" "msg/s" "e2e p50 ms" "e2e p99 ms" "missing" "msg/s per run"
printf '%s\n' "${ROWS[@]}"
echo "(* ProducerPerformance: send-to-acknowledgement latency at full speed, not end to end)"
printf '%-44s %s\n' "Junction / raw client relay (msg/s)" "$(ratio "${RATES[Junction route]}" "${RATES[raw client relay (KafkaProbe)]}")"
printf '%-44s %s\n' "Junction / ProducerPerformance (msg/s)" "$(ratio "${RATES[Junction route]}" "$(median "${prod[@]}")")"
exit $failed
