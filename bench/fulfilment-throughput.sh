#!/usr/bin/env bash
# Order fulfilment throughput on the Kafka -> SQL path, with Junction's embedded-style services on one machine.
#
# Runs the packaged jar against a standalone Kafka broker (Kafka's own KRaft server, as dev mode embeds it), a
# standalone PostgreSQL 16 (the binaries the tests use) and the stand-in inventory (in Junction, over loopback HTTP).
# Each run publishes ORDERS order records straight to orders.standard (2 lines each; per order: 2 reservation
# calls, 4 rows written (order, lines, key, outbox event), 1 event published and marked published) and measures how
# fast fulfilment drains them: from the first order fulfilled to the last
# (junction_fulfilment_orders_total{outcome="fulfilled"} at /q/metrics). A warm-up batch runs first.
# Then the baseline, bench/JdbcFulfilmentBaseline.java, RUNS times over every record of the topic (fresh consumer
# group, emptied tables): a plain consumer loop writing the same rows (order, lines, idempotency key, outbox event)
# in one JDBC batch and transaction per poll, without inventory calls or publishing events. Rows/s counts the order
# row and its line rows.
#
# Usage: bench/fulfilment-throughput.sh [RUNS] [ORDERS]   (defaults 3 and 2000). Builds the jar first if it is
# missing. Ports: see bench/lib.sh. The scale-out path: PARTITIONS (orders.standard is created with that many, default
# 1) and CONSUMERS (Junction's fulfilment.consumer.count, default 1) from the environment; the baseline stays one
# consumer.
RUNS=${1:-3}
ORDERS=${2:-2000}
WARMUP=300
PARTITIONS=${PARTITIONS:-1}
CONSUMERS=${CONSUMERS:-1}
source "$(dirname "$0")/lib.sh"

fulfilled() { metric junction_fulfilment_orders_total 'outcome="fulfilled"'; }

# Waits until the fulfilled counter reaches target; prints the ms between its first move past base and target.
drain_ms() { # base target timeout-s
  local deadline=$(( $(now_ms) + $3 * 1000 )) first=0 count
  while (( $(now_ms) < deadline )); do
    count=$(fulfilled)
    (( first == 0 && count > $1 )) && first=$(now_ms)
    if (( count >= $2 )); then echo $(( $(now_ms) - first )); return 0; fi
    sleep 0.05
  done
  echo "timed out: $(fulfilled) of $2 orders fulfilled" >&2
  return 1
}

start_services
java -cp "$APP/lib/main/*" org.apache.kafka.tools.TopicCommand --bootstrap-server localhost:$KAFKA_PORT --create \
  --if-not-exists --topic orders.standard --partitions "$PARTITIONS" --replication-factor 1 > /dev/null
start_junction -Dfulfilment.consumer.count="$CONSUMERS"

stamp=$(date +%s)
orders_file "warmup-$stamp" $WARMUP "$WORK/warmup.txt"
publish "$WORK/warmup.txt"
drain_ms 0 $WARMUP 300 > /dev/null

rates=()
done_so_far=$WARMUP
for ((i = 1; i <= RUNS; i++)); do
  orders_file "run$i-$stamp" "$ORDERS" "$WORK/run.txt"
  publish "$WORK/run.txt"
  ms=$(drain_ms $done_so_far $(( done_so_far + ORDERS )) 900)
  done_so_far=$(( done_so_far + ORDERS ))
  rates+=("$(awk -v n="$ORDERS" -v ms="$ms" 'BEGIN { printf "%.0f", (n - 1) * 1000 / ms }')")
done
dead=$(metric junction_dead_letters_recorded_total 'route="fulfil-order"')
stop_junction

echo "Baseline: plain consumer + JDBC batch loop over the same $done_so_far records ..."
baseline=()
for ((i = 1; i <= RUNS; i++)); do
  sql "TRUNCATE fulfilment_event, fulfilment_order_line, fulfilment_order, CAMEL_MESSAGEPROCESSED" > /dev/null
  read -r written ms <<< "$(java -cp "$APP/lib/main/*" bench/JdbcFulfilmentBaseline.java localhost:$KAFKA_PORT \
    orders.standard "baseline-$i-$stamp" $done_so_far "$PG_URL" postgres postgres 2> "$WORK/baseline.log")"
  baseline+=("$(awk -v n="$written" -v ms="$ms" 'BEGIN { printf "%.0f", n * 1000 / ms }')")
done
junction_median=$(median "${rates[@]}")
baseline_median=$(median "${baseline[@]}")

echo
echo "Order fulfilment, Kafka -> inventory (HTTP) -> PostgreSQL -> Kafka: $RUNS runs of $ORDERS orders"
echo "(2 lines per order: 3 rows; $PARTITIONS partition(s), $CONSUMERS Junction consumer thread(s), one baseline consumer)"
machine_header
printf '%-44s %-22s %10s %8s\n' "" "orders/s per run" "orders/s" "rows/s"
printf '%-44s %-22s %10s %8s\n' "Junction fulfilment (HTTP x2, SQL, event)" "${rates[*]}" "$junction_median" \
  "$(awk -v m="$junction_median" 'BEGIN { printf "%.0f", m * 3 }')"
printf '%-44s %-22s %10s %8s\n' "plain consumer + JDBC batch per poll" "${baseline[*]}" "$baseline_median" \
  "$(awk -v m="$baseline_median" 'BEGIN { printf "%.0f", m * 3 }')"
printf '%-44s %s\n' "Junction / baseline" "$(ratio "$junction_median" "$baseline_median")"
printf '%-44s %s\n' "dead-lettered by Junction (must be 0)" "$dead"
(( dead == 0 )) || exit 1
