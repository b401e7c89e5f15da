#!/usr/bin/env bash
# Order fulfilment throughput on the Kafka -> SQL path, with Junction's embedded-style services on one machine.
#
# Runs the packaged jar against a standalone Kafka broker (Kafka's own KRaft server, as dev mode embeds it), a
# standalone PostgreSQL 16 (the binaries the tests use) and the stand-in inventory (in Junction, over loopback HTTP).
# Each run publishes ORDERS order records (2 lines each: 2 reservation calls, 3 rows and 1 event per order) straight
# to orders.standard and measures how fast fulfilment drains them: from the first order fulfilled to the last
# (junction_fulfilment_orders_total{outcome="fulfilled"} at /q/metrics). A warm-up batch runs first.
#
# Usage: bench/fulfilment-throughput.sh [RUNS] [ORDERS]   (defaults 3 and 2000). Builds the jar first if it is
# missing. Ports: see bench/lib.sh.
RUNS=${1:-3}
ORDERS=${2:-2000}
WARMUP=300
source "$(dirname "$0")/lib.sh"

fulfilled() { metric junction_fulfilment_orders_total 'outcome="fulfilled"'; }

orders_file() { # prefix count file
  awk -v prefix="$1" -v count="$2" 'BEGIN {
    for (i = 1; i <= count; i++) {
      id = prefix "-" i
      printf "%s|{\"orderId\":\"%s\",\"customerId\":\"c-bench\",\"currency\":\"EUR\",\"shipping\":{\"method\":\"standard\",\"country\":\"DE\"},\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPrice\":9.99},{\"sku\":\"SKU-2\",\"quantity\":2,\"unitPrice\":19.99}]}\n", id, id
    }
  }' > "$3"
}

# Kafka's console producer, from the jar's own libraries (it embeds a broker for demos, so they are there).
publish() { # file
  java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$APP/lib/boot/*:$APP/lib/main/*" \
    kafka.tools.ConsoleProducer --bootstrap-server localhost:$KAFKA_PORT \
    --topic orders.standard --producer-property acks=all --property parse.key=true --property 'key.separator=|' \
    < "$1" > /dev/null
}

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
start_junction

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

echo
echo "Order fulfilment, Kafka -> inventory (HTTP) -> PostgreSQL -> Kafka: $RUNS runs of $ORDERS orders"
echo "($(nproc) cores, $(java -version 2>&1 | head -1), 2 lines per order, one consumer thread)"
printf '%-28s %s\n' "orders/s per run" "${rates[*]}"
printf '%-28s %s\n' "orders/s median" "$(printf '%s\n' "${rates[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')"
printf '%-28s %s\n' "dead-lettered (must be 0)" "$dead"
