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
# missing. Uses loopback ports 18080 (HTTP), 19092 (Kafka) and 15432 (PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-3}
ORDERS=${2:-2000}
WARMUP=300
APP=target/quarkus-app
HTTP_PORT=18080
KAFKA_PORT=19092
PG_PORT=15432
WORK=$(mktemp -d)

cleanup() {
  [[ -n "${APP_PID:-}" ]] && kill "$APP_PID" 2>/dev/null || true
  [[ -n "${PG_PID:-}" ]] && kill "$PG_PID" 2>/dev/null || true
  [[ -n "${BROKER_PID:-}" ]] && kill "$BROKER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

[[ -f $APP/quarkus-run.jar ]] || ./mvnw -B -q package -DskipTests
# The standalone PostgreSQL runs from the test classpath.
./mvnw -B -q test-compile

now_ms() { date +%s%3N; }

wait_port() { # port log timeout-s
  local deadline=$(( $(now_ms) + $3 * 1000 ))
  until (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null; do
    (( $(now_ms) < deadline )) || { cat "$2" >&2; exit 1; }
    sleep 0.1
  done
}

fulfilled() {
  curl -s "localhost:$HTTP_PORT/q/metrics" \
    | awk '/^junction_fulfilment_orders_total\{.*outcome="fulfilled"/ { n = $2 } END { printf "%d", n }'
}

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

echo "Starting Kafka (localhost:$KAFKA_PORT) and PostgreSQL (localhost:$PG_PORT) ..."
java -cp "$APP/lib/boot/*:$APP/lib/main/*:$APP/app/*" \
  dev.junction.kafka.embedded.EmbeddedKafkaBroker $KAFKA_PORT "$WORK/broker" > "$WORK/broker.log" 2>&1 &
BROKER_PID=$!
./mvnw -B -q exec:exec@postgres -Dport=$PG_PORT -Ddir="$WORK/pg" > "$WORK/pg.log" 2>&1 &
PG_PID=$!
wait_port $KAFKA_PORT "$WORK/broker.log" 60
wait_port $PG_PORT "$WORK/pg.log" 120

echo "Starting Junction (localhost:$HTTP_PORT) ..."
env -u KAFKA_BOOTSTRAP_SERVERS java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Dquarkus.http.port=$HTTP_PORT -Dkafka.bootstrap.servers=localhost:$KAFKA_PORT \
  -Dquarkus.datasource.jdbc.url=jdbc:postgresql://localhost:$PG_PORT/postgres \
  -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password=postgres \
  -Dinventory.stand-in.enabled=true -Dinventory.url=http://localhost:$HTTP_PORT/stand-in/inventory \
  -Dquarkus.log.category.\"dev.junction\".level=WARN -Dquarkus.log.category.\"org.apache.camel.yaml\".level=WARN \
  -jar $APP/quarkus-run.jar > "$WORK/app.log" 2>&1 &
APP_PID=$!
deadline=$(( $(now_ms) + 120000 ))
until curl -sf "localhost:$HTTP_PORT/q/health/ready" > /dev/null; do
  (( $(now_ms) < deadline )) || { cat "$WORK/app.log" >&2; exit 1; }
  sleep 0.2
done

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
dead=$(curl -s "localhost:$HTTP_PORT/q/metrics" \
  | awk '/^junction_fulfilment_orders_total\{.*outcome="dead-lettered"/ { n = $2 } END { printf "%d", n }')

echo
echo "Order fulfilment, Kafka -> inventory (HTTP) -> PostgreSQL -> Kafka: $RUNS runs of $ORDERS orders"
echo "($(nproc) cores, $(java -version 2>&1 | head -1), 2 lines per order, one consumer thread)"
printf '%-28s %s\n' "orders/s per run" "${rates[*]}"
printf '%-28s %s\n' "orders/s median" "$(printf '%s\n' "${rates[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')"
printf '%-28s %s\n' "dead-lettered (must be 0)" "$dead"
