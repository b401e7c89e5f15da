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
# is missing. Ports: see bench/lib.sh.
ROWS=${1:-1000000}
BATCH=${2:-1000}
HEAP=${3:-256m}
source "$(dirname "$0")/lib.sh"

start_services
start_junction -Xmx$HEAP "-Dinventory-sync.schedule=0/5 * * * * ?" -Dinventory-sync.batch-size=$BATCH \
  -Dinventory-sync.target.kafka=true -Dinventory-sync.target.http=false

echo "Inserting $ROWS changed rows ..."
sql "INSERT INTO inventory_item (sku, warehouse, quantity, updated_at)
     SELECT 'SKU-' || g, 'W' || (g % 7), g % 1000, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00' + g * INTERVAL '1 millisecond'
     FROM generate_series(1, $ROWS) g" > /dev/null

first=0 peak=0
deadline=$(( $(now_ms) + 1800000 ))
while :; do
  count=$(metric junction_sync_rows_total 'job="inventory-sync"')
  (( first == 0 && count > 0 )) && first=$(now_ms)
  hwm=$(peak_rss_kib $APP_PID)
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
