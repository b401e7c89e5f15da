#!/usr/bin/env bash
# Inventory sync throughput and memory: ROWS changed rows synced from PostgreSQL to Kafka in batches, by the packaged
# jar on a small, fixed heap.
#
# Starts a standalone Kafka broker and PostgreSQL 16 on loopback, then Junction with -Xmx${HEAP} and the sync firing
# every 5 s (Kafka target only, batches of BATCH rows). Inserts ROWS rows into inventory_item in one transaction and
# measures how long the sync takes to deliver them all (junction_sync_rows_total at /q/metrics), and Junction's peak
# RSS (VmHWM) over the run.
#
# Usage: bench/inventory-sync.sh [ROWS] [BATCH] [HEAP]   (defaults 1000000, 1000, 256m). Builds the jar first if it
# is missing. Uses loopback ports 18080 (HTTP), 19092 (Kafka) and 15432 (PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${1:-1000000}
BATCH=${2:-1000}
HEAP=${3:-256m}
APP=target/quarkus-app
HTTP_PORT=18080
KAFKA_PORT=19092
PG_PORT=15432
PG_URL=jdbc:postgresql://localhost:$PG_PORT/postgres
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

synced() {
  curl -s "localhost:$HTTP_PORT/q/metrics" \
    | awk '/^junction_sync_rows_total\{.*job="inventory-sync"/ { n = $2 } END { printf "%d", n }'
}

sql() { # statement; H2's shell speaks to any JDBC database whose driver is on the class path
  java -cp "$APP/lib/main/*" org.h2.tools.Shell -url "$PG_URL" -user postgres -password postgres -sql "$1"
}

echo "Starting Kafka (localhost:$KAFKA_PORT) and PostgreSQL (localhost:$PG_PORT) ..."
java -cp "$APP/lib/boot/*:$APP/lib/main/*:$APP/app/*" \
  dev.junction.kafka.embedded.EmbeddedKafkaBroker $KAFKA_PORT "$WORK/broker" > "$WORK/broker.log" 2>&1 &
BROKER_PID=$!
./mvnw -B -q exec:exec@postgres -Dport=$PG_PORT -Ddir="$WORK/pg" > "$WORK/pg.log" 2>&1 &
PG_PID=$!
wait_port $KAFKA_PORT "$WORK/broker.log" 60
wait_port $PG_PORT "$WORK/pg.log" 120

echo "Starting Junction (-Xmx$HEAP, localhost:$HTTP_PORT) ..."
env -u KAFKA_BOOTSTRAP_SERVERS java -Xmx$HEAP -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Dquarkus.http.port=$HTTP_PORT -Dkafka.bootstrap.servers=localhost:$KAFKA_PORT \
  -Dquarkus.datasource.jdbc.url=$PG_URL -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password=postgres \
  -Dinventory.stand-in.enabled=true -Dinventory.url=http://localhost:$HTTP_PORT/stand-in/inventory \
  "-Dinventory-sync.schedule=0/5 * * * * ?" -Dinventory-sync.batch-size=$BATCH \
  -Dinventory-sync.target.kafka=true -Dinventory-sync.target.http=false \
  -Dquarkus.log.category.\"dev.junction\".level=WARN \
  -jar $APP/quarkus-run.jar > "$WORK/app.log" 2>&1 &
APP_PID=$!
deadline=$(( $(now_ms) + 120000 ))
until curl -sf "localhost:$HTTP_PORT/q/health/ready" > /dev/null; do
  (( $(now_ms) < deadline )) || { cat "$WORK/app.log" >&2; exit 1; }
  sleep 0.2
done

echo "Inserting $ROWS changed rows ..."
sql "INSERT INTO inventory_item (sku, warehouse, quantity, updated_at)
     SELECT 'SKU-' || g, 'W' || (g % 7), g % 1000, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00' + g * INTERVAL '1 millisecond'
     FROM generate_series(1, $ROWS) g" > /dev/null

first=0 peak=0
deadline=$(( $(now_ms) + 1800000 ))
while :; do
  count=$(synced)
  (( first == 0 && count > 0 )) && first=$(now_ms)
  hwm=$(awk '/^VmHWM/ { print $2 }' /proc/$APP_PID/status)
  (( hwm > peak )) && peak=$hwm
  (( count >= ROWS )) && break
  (( $(now_ms) < deadline )) || { echo "timed out: $count of $ROWS rows synced" >&2; exit 1; }
  sleep 0.2
done
ms=$(( $(now_ms) - first ))

echo
echo "Inventory sync, PostgreSQL -> Kafka, $ROWS rows in batches of $BATCH, -Xmx$HEAP"
echo "($(nproc) cores, $(java -version 2>&1 | head -1))"
printf '%-28s %s\n' "rows/s" "$(awk -v n="$ROWS" -v ms="$ms" 'BEGIN { printf "%.0f", n * 1000 / ms }')"
printf '%-28s %s\n' "duration (s)" "$(awk -v ms="$ms" 'BEGIN { printf "%.1f", ms / 1000 }')"
printf '%-28s %s\n' "peak RSS (MiB)" "$(( peak / 1024 ))"
