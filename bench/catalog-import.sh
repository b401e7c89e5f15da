#!/usr/bin/env bash
# Catalog import of a large CSV file with a small heap, against a plain JDBC loop as the baseline.
#
# Generates a catalog CSV of about SIZE_MB megabytes (sku,name,price,currency; every 50th record invalid), starts a
# standalone Kafka broker and PostgreSQL 16 on loopback and Junction with -Xmx${HEAP}, drops the file into the
# import inbox and measures the time until it is in done/, and Junction's peak RSS (VmHWM). Then the same file (valid
# records only) through bench/JdbcCatalogBaseline.java, a plain JDBC batch loop with the same upsert, into an empty
# table, with the same heap.
#
# Usage: bench/catalog-import.sh [SIZE_MB] [HEAP] [BATCH]   (defaults 1024, 256m, 1000). Builds the jar first if it
# is missing. Uses loopback ports 18080 (HTTP), 19092 (Kafka) and 15432 (PostgreSQL), and about 2 x SIZE_MB of disk.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE_MB=${1:-1024}
HEAP=${2:-256m}
BATCH=${3:-1000}
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

sql() { # H2's shell speaks to any JDBC database whose driver is on the class path
  java -cp "$APP/lib/main/*" org.h2.tools.Shell -url "$PG_URL" -user postgres -password postgres -sql "$1"
}

echo "Generating a ${SIZE_MB} MB catalog file ..."
awk -v bytes=$(( SIZE_MB * 1024 * 1024 )) 'BEGIN {
  print "sku,name,price,currency"; size = 24
  for (i = 1; size < bytes; i++) {
    if (i % 50 == 0) line = sprintf("SKU-%09d,Broken record %d,not-a-price,EUR", i, i)
    else line = sprintf("SKU-%09d,Product %d with a name of ordinary length,%d.%02d,EUR", i, i, i % 1000, i % 100)
    print line; size += length(line) + 1
  }
}' > "$WORK/catalog.csv"
RECORDS=$(( $(wc -l < "$WORK/catalog.csv") - 1 ))
grep -v 'not-a-price' "$WORK/catalog.csv" > "$WORK/valid.csv"
VALID=$(( $(wc -l < "$WORK/valid.csv") - 1 ))

echo "Starting Kafka (localhost:$KAFKA_PORT) and PostgreSQL (localhost:$PG_PORT) ..."
java -cp "$APP/lib/boot/*:$APP/lib/main/*:$APP/app/*" \
  dev.junction.kafka.embedded.EmbeddedKafkaBroker $KAFKA_PORT "$WORK/broker" > "$WORK/broker.log" 2>&1 &
BROKER_PID=$!
./mvnw -B -q exec:exec@postgres -Dport=$PG_PORT -Ddir="$WORK/pg" > "$WORK/pg.log" 2>&1 &
PG_PID=$!
wait_port $KAFKA_PORT "$WORK/broker.log" 60
wait_port $PG_PORT "$WORK/pg.log" 120

echo "Starting Junction (-Xmx$HEAP, localhost:$HTTP_PORT) ..."
mkdir -p "$WORK/catalog/inbox"
env -u KAFKA_BOOTSTRAP_SERVERS java -Xmx$HEAP -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Dquarkus.http.port=$HTTP_PORT -Dkafka.bootstrap.servers=localhost:$KAFKA_PORT \
  -Dquarkus.datasource.jdbc.url=$PG_URL -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password=postgres \
  -Dinventory.stand-in.enabled=true -Dinventory.url=http://localhost:$HTTP_PORT/stand-in/inventory \
  -Dcatalog-import.dir="$WORK/catalog" -Dcatalog-import.batch-size=$BATCH \
  -Dquarkus.log.category.\"dev.junction\".level=WARN \
  -jar $APP/quarkus-run.jar > "$WORK/app.log" 2>&1 &
APP_PID=$!
deadline=$(( $(now_ms) + 120000 ))
until curl -sf "localhost:$HTTP_PORT/q/health/ready" > /dev/null; do
  (( $(now_ms) < deadline )) || { cat "$WORK/app.log" >&2; exit 1; }
  sleep 0.2
done

echo "Importing $RECORDS records ..."
start=$(now_ms) peak=0
mv "$WORK/catalog.csv" "$WORK/catalog/inbox/catalog.csv"
deadline=$(( start + 7200000 ))
until ls "$WORK/catalog/done" 2>/dev/null | grep -q 'catalog.csv$'; do
  [[ -z "$(ls "$WORK/catalog/failed" 2>/dev/null)" ]] || { echo "the import failed" >&2; tail -50 "$WORK/app.log" >&2; exit 1; }
  hwm=$(awk '/^VmHWM/ { print $2 }' /proc/$APP_PID/status)
  (( hwm > peak )) && peak=$hwm
  (( $(now_ms) < deadline )) || { echo "timed out" >&2; exit 1; }
  sleep 0.2
done
junction_ms=$(( $(now_ms) - start ))
rejected=$(wc -l < "$WORK/catalog/rejects/catalog.csv.rejects.csv")
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=

echo "Baseline: plain JDBC batch loop over the valid records, into an empty table ..."
sql "TRUNCATE catalog_item" > /dev/null
start=$(now_ms)
/usr/bin/time -f '%M' -o "$WORK/baseline.rss" java -Xmx$HEAP -cp "$APP/lib/main/*" bench/JdbcCatalogBaseline.java \
  "$WORK/valid.csv" "$PG_URL" postgres postgres $BATCH > /dev/null
baseline_ms=$(( $(now_ms) - start ))

rate() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.0f", n * 1000 / ms }'; }
echo
echo "Catalog import, ${SIZE_MB} MB CSV ($RECORDS records, $rejected rejected), batches of $BATCH, -Xmx$HEAP"
echo "($(nproc) cores, $(java -version 2>&1 | head -1))"
printf '%-34s %12s %12s %14s\n' "" "records/s" "seconds" "peak RSS MiB"
printf '%-34s %12s %12s %14s\n' "Junction (validate, upsert, rejects)" "$(rate $RECORDS $junction_ms)" \
  "$(awk -v ms=$junction_ms 'BEGIN { printf "%.1f", ms / 1000 }')" "$(( peak / 1024 ))"
printf '%-34s %12s %12s %14s\n' "plain JDBC batch loop (valid only)" "$(rate $VALID $baseline_ms)" \
  "$(awk -v ms=$baseline_ms 'BEGIN { printf "%.1f", ms / 1000 }')" "$(( $(cat "$WORK/baseline.rss") / 1024 ))"
