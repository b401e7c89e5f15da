#!/usr/bin/env bash
# Soak: steady intake and fulfilment for a long time, to show that nothing grows and nothing is lost.
#
# Runs the packaged jar against a standalone Kafka broker and PostgreSQL 16 (bench/lib.sh), with the heap Kubernetes
# gives it (-Xmx256m, kubernetes/base), and posts RATE orders per second over HTTP (bench/IntakeLoad.java, open loop)
# for MINUTES minutes; fulfilment reserves their lines at the stand-in inventory, writes them to SQL and publishes
# their events. Every minute it prints the heap in use, the live set (the heap after a full collection), the
# resident set and how many orders were accepted and fulfilled. At the end it waits for fulfilment to catch up and
# checks:
#   - every order answered 202 is in fulfilment_order, once (0 lost), and none was dead-lettered;
#   - the resident set and the live heap of the last five minutes against minutes 5-10 (after warm-up): the growth
#     is printed, and more than GROWTH_LIMIT (default 1.15) fails the run.
#
# Usage: bench/soak.sh [MINUTES] [RATE]   (defaults 30 and 20: about half of what fulfilment sustains on the 2-core
# machine bench/RESULTS.md was measured on). Ports: see bench/lib.sh.
MINUTES=${1:-30}
RATE=${2:-20}
GROWTH_LIMIT=${GROWTH_LIMIT:-1.15}
source "$(dirname "$0")/lib.sh"

(( MINUTES >= 12 )) || { echo "A soak needs at least 12 minutes: warm-up, then two windows to compare" >&2; exit 1; }

fulfilled() { metric junction_fulfilment_orders_total 'outcome="fulfilled"'; }
sum_metric() { # name label-filter: the sum of the matching series at /q/metrics
  # The value is the last field: label values may hold spaces (id="G1 Eden Space"); text/plain has no exemplars.
  curl -s -H 'Accept: text/plain' "localhost:$HTTP_PORT/q/metrics" \
    | awk -v name="$1" -v labels="$2" 'index($0, name "{") == 1 && $0 ~ labels { n += $NF } END { printf "%d", n }'
}
rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$APP_PID/status"; }
mib() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }

start_services
start_junction -Xmx256m -Dfulfilment.consumer.count=1
stamp=$(date +%s)
java bench/IntakeLoad.java "http://localhost:$HTTP_PORT/api/v1/orders" "$RATE" $(( MINUTES * 60 )) 10000 64 \
  "soak-$stamp" "$WORK/accepted.txt" > "$WORK/load.log" 2>&1 &
LOAD_PID=$!

echo
echo "Soak: $RATE orders/s over HTTP for $MINUTES min, intake -> Kafka -> fulfilment -> PostgreSQL and events"
printf '%6s %10s %12s %9s %10s %10s %6s\n' "minute" "heap MiB" "live MiB" "RSS MiB" "accepted" "fulfilled" "dead"
rss=() live=()
for ((minute = 1; minute <= MINUTES; minute++)); do
  sleep 60
  heap=$(sum_metric jvm_memory_used_bytes 'area="heap"')
  # The live set: the heap in use right after a full collection (one a minute, a pause of a few tens of ms; G1's
  # own live-data gauge moves only after a concurrent cycle, which a 256 MiB heap at this rate may never start).
  jcmd "$APP_PID" GC.run > /dev/null
  live_bytes=$(sum_metric jvm_memory_used_bytes 'area="heap"')
  rss+=("$(rss_kib)")
  live+=("$live_bytes")
  accepted=$(sum_metric junction_route_exchanges_total 'outcome="success".*route="post-order"')
  printf '%6d %10s %12s %9s %10s %10s %6s\n' "$minute" "$(mib "$heap")" "$(mib "$live_bytes")" \
    "$(( ${rss[-1]} / 1024 ))" "$accepted" "$(fulfilled)" "$(metric junction_dead_letters_recorded_total '')"
done
wait "$LOAD_PID" || true
LOAD_PID=
tail -3 "$WORK/load.log"

accepted=$(wc -l < "$WORK/accepted.txt")
deadline=$(( $(now_ms) + 300000 ))
until (( $(sql_value "SELECT COUNT(*) FROM fulfilment_order WHERE order_id LIKE 'soak-$stamp-%'") >= accepted )); do
  (( $(now_ms) < deadline )) || break
  sleep 2
done
recorded=$(sql_value "SELECT COUNT(*) FROM fulfilment_order WHERE order_id LIKE 'soak-$stamp-%'")
distinct=$(sql_value "SELECT COUNT(DISTINCT order_id) FROM fulfilment_order WHERE order_id LIKE 'soak-$stamp-%'")
dead=$(metric junction_dead_letters_recorded_total '')
stop_junction

# Windows: minutes 5-10 (warmed up) and the last five.
window_median() { # from to values...
  local from=$1 to=$2; shift 2; local values=("$@"); median "${values[@]:from-1:to-from+1}"
}
rss_early=$(window_median 5 10 "${rss[@]}"); rss_late=$(window_median $(( MINUTES - 4 )) "$MINUTES" "${rss[@]}")
live_early=$(window_median 5 10 "${live[@]}"); live_late=$(window_median $(( MINUTES - 4 )) "$MINUTES" "${live[@]}")
rss_growth=$(ratio "$rss_late" "$rss_early")
live_growth=$(ratio "$live_late" "$live_early")

echo
machine_header
printf '%-52s %s\n' "orders answered 202" "$accepted"
printf '%-52s %s\n' "of those in fulfilment_order (must be all, once)" "$recorded ($distinct distinct)"
printf '%-52s %s\n' "dead-lettered (must be 0)" "$dead"
printf '%-52s %s\n' "RSS, median of the last 5 min / minutes 5-10" \
  "$rss_growth ($(( rss_late / 1024 )) / $(( rss_early / 1024 )) MiB)"
printf '%-52s %s\n' "live heap (after a full GC), last 5 min / minutes 5-10" \
  "$live_growth ($(mib "$live_late") / $(mib "$live_early") MiB)"
failed=0
(( recorded == accepted && distinct == accepted )) \
  || { echo "LOST OR DOUBLED: $accepted accepted, $recorded rows"; failed=1; }
(( dead == 0 )) || { echo "DEAD-LETTERED: $dead"; failed=1; }
for growth in "$rss_growth" "$live_growth"; do
  awk -v g="$growth" -v limit="$GROWTH_LIMIT" 'BEGIN { exit !(g == "-" || g > limit) }' \
    && { echo "GROWTH above $GROWTH_LIMIT: $growth"; failed=1; }
done
exit $failed
