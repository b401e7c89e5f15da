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
# is missing. Needs about 2 x SIZE_MB of disk. Ports: see bench/lib.sh.
SIZE_MB=${1:-1024}
HEAP=${2:-256m}
BATCH=${3:-1000}
source "$(dirname "$0")/lib.sh"

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

start_services
mkdir -p "$WORK/catalog/inbox"
start_junction -Xmx$HEAP -Dcatalog-import.dir="$WORK/catalog" -Dcatalog-import.batch-size=$BATCH

echo "Importing $RECORDS records ..."
start=$(now_ms) peak=0
mv "$WORK/catalog.csv" "$WORK/catalog/inbox/catalog.csv"
deadline=$(( start + 7200000 ))
until ls "$WORK/catalog/done" 2>/dev/null | grep -q 'catalog.csv$'; do
  [[ -z "$(ls "$WORK/catalog/failed" 2>/dev/null)" ]] || { echo "the import failed" >&2; tail -50 "$WORK/app.log" >&2; exit 1; }
  hwm=$(peak_rss_kib $APP_PID)
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
seconds() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }
echo
echo "Catalog import, ${SIZE_MB} MB CSV ($RECORDS records, $rejected rejected), batches of $BATCH, -Xmx$HEAP"
echo "($(nproc) cores, $(java -version 2>&1 | head -1))"
printf '%-38s %10s %9s %13s\n' "" "records/s" "seconds" "peak RSS MiB"
printf '%-38s %10s %9s %13s\n' "Junction (validate, upsert, rejects)" "$(rate $RECORDS $junction_ms)" \
  "$(seconds $junction_ms)" "$(( peak / 1024 ))"
printf '%-38s %10s %9s %13s\n' "plain JDBC batch loop (valid only)" "$(rate $VALID $baseline_ms)" \
  "$(seconds $baseline_ms)" "$(( $(cat "$WORK/baseline.rss") / 1024 ))"
