#!/usr/bin/env bash
# Fault injection: orders flow through Junction while something breaks, and every order is accounted for afterwards.
#
# Scenarios (all by default, or the ones named):
#   kill9          ORDERS order records on orders.standard; once a third is fulfilled, Junction is killed with
#                  kill -9 (no shutdown, no offset commit) and started again
#   kafka-restart  LOAD_RATE orders/s posted to the HTTP intake for LOAD_SECONDS; 15 s in, the broker is stopped for
#                  KAFKA_DOWN_S seconds and started again (same log directory)
#   db-outage      ORDERS order records; once a quarter is fulfilled, PostgreSQL is shut down for DB_DOWN_S seconds
#                  and started again (same data directory); afterwards the dead letters of the outage are replayed
#   http-faults    ORDERS/2 order records against bench/FaultyInventory.java: every 10th reservation call answers 500,
#                  every 100th answers after 3 s, past the response timeout this scenario sets (1 s)
#   burst          the intake at 10 x its sustainable rate (measured first: wrk, 32 connections, 10 s) for
#                  BURST_SECONDS, open loop (bench/IntakeLoad.java: at most 4000 requests in flight, 30 s timeout;
#                  orders finding no free slot are counted as not sent); expects 429/503 for the excess, no crash,
#                  and every order answered 202 on a lane topic
# Conservation, per scenario, over the order ids it sent (the fulfilment ones) or had answered 202 (the HTTP ones):
#   in = delivered (rows in fulfilment_order) + dead-lettered (dead_letter table, or its journal while the database
#   is down), lost = in - both = 0; no order with a line count other than its own and exactly one idempotency key
#   (no double effects in SQL); every delivered order has its event on orders.fulfilled/rejected (duplicates of
#   events are allowed: at least once). A violation fails the script.
# Usage: bench/faults.sh [SCENARIO...]   Environment: ORDERS (600), LOAD_RATE (20), LOAD_SECONDS (60),
#   KAFKA_DOWN_S (10), DB_DOWN_S (30), BURST_SECONDS (10), SETTLE_S (600: how long an order may take to be accounted
#   for). Burst needs wrk (apt-get install -y wrk). Headers for the intake: BENCH_INTAKE_HEADERS (bench/lib.sh).
ORDERS=${ORDERS:-600}
LOAD_RATE=${LOAD_RATE:-20}
LOAD_SECONDS=${LOAD_SECONDS:-60}
KAFKA_DOWN_S=${KAFKA_DOWN_S:-10}
DB_DOWN_S=${DB_DOWN_S:-30}
BURST_SECONDS=${BURST_SECONDS:-10}
SETTLE_S=${SETTLE_S:-600}
SCENARIOS=("$@")
(( ${#SCENARIOS[@]} > 0 )) || SCENARIOS=(kill9 kafka-restart db-outage http-faults burst)
source "$(dirname "$0")/lib.sh"
OPS_KEY=$BENCH_KEY  # the bench client (bench/lib.sh) has the operator role too
STAMP=$(date +%s)
ROWS=()
violations=0

replay_route() { # route: replays its waiting dead letters as one job, waits for it; prints the job's counts
  local job; job=$(curl -s -X POST -H "X-API-Key: $OPS_KEY" -H 'Content-Type: application/json' \
    "localhost:$HTTP_PORT/api/ops/replay-jobs" -d "{\"filter\":{\"route\":\"$1\"}}" | json_field id)
  local status=QUEUED deadline=$(( $(now_ms) + 120000 )) job_json
  while [[ $status == QUEUED || $status == RUNNING ]] && (( $(now_ms) < deadline )); do
    sleep 1
    job_json=$(curl -s -H "X-API-Key: $OPS_KEY" "localhost:$HTTP_PORT/api/ops/replay-jobs/$job?limit=1")
    status=$(json_field status <<< "$job_json")
  done
  local field out="$1:"
  for field in status total replayed replayFailed refused; do out+=" $field=$(json_field $field <<< "$job_json")"; done
  echo "$out"
}

json_field() { # name: a top-level string or number field of the JSON object on stdin (the first one by that name)
  grep -oE "\"$1\":(\"[^\"]*\"|[0-9]+)" | head -1 | cut -d: -f2 | tr -d '"'
}

sql_list() { # query with one column: its values, one a line
  sql "$1" | awk 'NR > 1 && !/^\([0-9]+ rows?,/ && NF { print $1 }'
}

# The order ids of a prefix that reached each outcome, into $WORK/<prefix>.{delivered,dead}
outcomes() { # prefix
  sql_list "SELECT order_id FROM fulfilment_order WHERE order_id LIKE '$1-%'" | sort -u > "$WORK/$1.delivered"
  # Bodies are encrypted at rest: the dead letter's message key (the record key, the orderId) names the order.
  { sql_list "SELECT message_key FROM dead_letter
              WHERE route_id IN ('fulfil-order', 'accept-order') AND status <> 'REPLAYED' AND message_key LIKE '$1-%'"
    # journaled (store down): the entry's messageKey is in plain text beside the encrypted message
    cat "$WORK"/dead-letter-journal/*.json 2>/dev/null | grep -ohE "\"messageKey\":\"$1-[0-9]+\"" \
      | grep -ohE "$1-[0-9]+" || true
  } | sort -u > "$WORK/$1.dead"
}

accounted() { # prefix in-file: how many of the ids in in-file are delivered or dead-lettered
  outcomes "$1"
  sort -u "$WORK/$1.delivered" "$WORK/$1.dead" | comm -12 - <(sort -u "$2") | wc -l
}

await_accounted() { # prefix in-file: waits until every id is delivered or dead-lettered (or SETTLE_S passes)
  local deadline=$(( $(now_ms) + SETTLE_S * 1000 )) total; total=$(sort -u "$2" | wc -l)
  until (( $(accounted "$1" "$2") >= total )); do
    (( $(now_ms) < deadline )) || { echo "  not every order was accounted for within ${SETTLE_S}s" >&2; return 0; }
    sleep 2
  done
}

# Counts and checks one scenario, adds its row to the table
conservation() { # scenario prefix in-file lines-per-order recovery-text
  local name=$1 prefix=$2 in=$3 lines=$4 recovery=$5
  outcomes "$prefix"
  sort -u "$in" > "$WORK/$prefix.in"
  local n_in delivered dead lost both bad_lines keys events distinct_events no_event verdict=ok
  n_in=$(wc -l < "$WORK/$prefix.in")
  delivered=$(comm -12 "$WORK/$prefix.in" "$WORK/$prefix.delivered" | wc -l)
  dead=$(comm -12 "$WORK/$prefix.in" "$WORK/$prefix.dead" | comm -23 - "$WORK/$prefix.delivered" | wc -l)
  both=$(comm -12 "$WORK/$prefix.delivered" "$WORK/$prefix.dead" | wc -l)
  lost=$(sort -u "$WORK/$prefix.delivered" "$WORK/$prefix.dead" | comm -23 "$WORK/$prefix.in" - | wc -l)
  bad_lines=$(sql_value "SELECT count(*) FROM (SELECT o.order_id FROM fulfilment_order o LEFT JOIN fulfilment_order_line l
    ON l.order_id = o.order_id WHERE o.order_id LIKE '$prefix-%' GROUP BY o.order_id HAVING count(l.line_no) <> $lines) x")
  keys=$(sql_value "SELECT count(*) FROM CAMEL_MESSAGEPROCESSED WHERE messageId LIKE '$prefix-%'")
  probe keys localhost:$KAFKA_PORT orders.fulfilled orders.rejected | grep "^$prefix-" > "$WORK/$prefix.events" || true
  events=$(wc -l < "$WORK/$prefix.events")
  distinct_events=$(sort -u "$WORK/$prefix.events" | wc -l)
  # An order recorded whose event could not be published is dead-lettered (its replay publishes the stored event):
  # kept, not missing.
  no_event=$(sort -u "$WORK/$prefix.events" | comm -23 "$WORK/$prefix.delivered" - | comm -23 - "$WORK/$prefix.dead" \
    | wc -l)
  if (( lost > 0 || bad_lines > 0 || keys != $(wc -l < "$WORK/$prefix.delivered") || no_event > 0 )); then
    verdict=VIOLATION; violations=$(( violations + 1 ))
  fi
  ROWS+=("$(printf '%-16s %6s %9s %6s %5s %5s %8s %7s %7s  %-6s %s' "$name" "$n_in" "$delivered" "$dead" "$lost" \
    "$both" "$((events - distinct_events))" "$no_event" "$bad_lines" "$verdict" "$recovery")")
  echo "  $name: in $n_in, delivered $delivered, dead-lettered $dead, lost $lost; $recovery -> $verdict"
}

fulfilled_metric() { metric junction_fulfilment_orders_total 'outcome="fulfilled"'; }

await_metric_at_least() { # value timeout-s
  local deadline=$(( $(now_ms) + $2 * 1000 ))
  until (( $(fulfilled_metric) >= $1 )); do
    (( $(now_ms) < deadline )) || { echo "  fulfilment did not reach $1 orders" >&2; return 1; }
    sleep 0.2
  done
}

seconds_since() { awk -v t="$1" -v now="$(now_ms)" 'BEGIN { printf "%.1f", (now - t) / 1000 }'; }

# ORDERS new orders (ids in $WORK/<prefix>.ids) published to the lane topic; returns once 1/<divisor> of them are
# fulfilled, the moment the Kafka-fed scenarios inject their fault.
publish_until_fulfilled() { # prefix divisor
  orders_file "$1" "$ORDERS" "$WORK/$1.records"
  cut -d'|' -f1 "$WORK/$1.records" > "$WORK/$1.ids"
  local base; base=$(fulfilled_metric)
  publish "$WORK/$1.records"
  await_metric_at_least $(( base + ORDERS / $2 )) 600
}

scenario_kill9() {
  local prefix="kill-$STAMP"
  echo "kill9: $ORDERS orders, kill -9 once a third is fulfilled"
  start_junction
  publish_until_fulfilled "$prefix" 3
  kill9_junction
  local killed; killed=$(now_ms)
  start_junction
  local ready; ready=$(seconds_since "$killed")
  await_accounted "$prefix" "$WORK/$prefix.ids"
  conservation kill9 "$prefix" "$WORK/$prefix.ids" 2 "ready again ${ready}s after the kill"
  stop_junction
}

scenario_kafka_restart() {
  local prefix="kafka-$STAMP"
  echo "kafka-restart: $LOAD_RATE orders/s for ${LOAD_SECONDS}s over HTTP; the broker stops 15 s in for ${KAFKA_DOWN_S}s"
  start_junction
  java -cp "$APP/lib/main/*" bench/IntakeLoad.java "http://localhost:$HTTP_PORT/api/v1/orders" "$LOAD_RATE" \
    "$LOAD_SECONDS" 30000 2000 "$prefix" "$WORK/$prefix.accepted" > "$WORK/$prefix.load" 2>&1 &
  LOAD_PID=$!
  sleep 15
  broker_stop
  sleep "$KAFKA_DOWN_S"
  broker_start
  local up; up=$(now_ms)
  until curl -sf "localhost:$HTTP_PORT/q/health/ready" > /dev/null; do sleep 0.2; done
  local ready; ready=$(seconds_since "$up")
  wait $LOAD_PID; LOAD_PID=
  # The longest stretch of the load (by the second an order was sent) in which no order was accepted
  local gap; gap=$(awk '/^second=/ { split($1, s, "="); if ($0 ~ / s202=/) ok[s[2]] = 1; if (s[2] > last) last = s[2] }
    END { for (i = 0; i <= last; i++) { run = ok[i] ? 0 : run + 1; if (run > max) max = run }; print max + 0 }' "$WORK/$prefix.load")
  local answers; answers=$(tail -1 "$WORK/$prefix.load")
  echo "  load: $answers"
  # Orders the intake could not hand to the broker were answered 503 "has been kept": in the dead-letter store, which
  # Junction owns as much as a 202. They count as in, and a replay job publishes them once the broker is back.
  local kept; kept=$(wc -l < "$WORK/$prefix.accepted.kept")
  cat "$WORK/$prefix.accepted" "$WORK/$prefix.accepted.kept" > "$WORK/$prefix.in-owned"
  await_accounted "$prefix" "$WORK/$prefix.in-owned"
  conservation kafka-restart "$prefix" "$WORK/$prefix.in-owned" 6 \
    "ready ${ready}s after the broker; longest stretch without a 202: ${gap}s; ${kept} kept; load: ${answers#total }"
  # Then what the outage left with the operator: the kept orders (accept-order), and any order whose event could not
  # be published after it was recorded (fulfil-order: its replay finds the order done and publishes the stored event).
  local replayed; replayed="$(replay_route accept-order); $(replay_route fulfil-order)"
  echo "  replayed: $replayed"
  # Replayed, a kept order is published and fulfilled: in fulfilment_order, once.
  local deadline=$(( $(now_ms) + SETTLE_S * 1000 ))
  until (( $(comm -12 <(sort -u "$WORK/$prefix.accepted.kept") <(sql_list "SELECT order_id FROM fulfilment_order
      WHERE order_id LIKE '$prefix-%'" | sort -u) | wc -l) >= kept )) || (( $(now_ms) >= deadline )); do sleep 2; done
  conservation kafka-restart+replay "$prefix" "$WORK/$prefix.in-owned" 6 "after the replays: $replayed"
  stop_junction
}

scenario_db_outage() {
  local prefix="db-$STAMP"
  echo "db-outage: $ORDERS orders, PostgreSQL down ${DB_DOWN_S}s once a quarter is fulfilled"
  start_junction -Djunction.dead-letter.journal.drain-interval-ms=5000
  publish_until_fulfilled "$prefix" 4
  pg_stop
  sleep "$DB_DOWN_S"
  pg_start
  local up at_up; up=$(now_ms); at_up=$(fulfilled_metric)
  await_metric_at_least $(( at_up + 1 )) 300 || true
  local first; first=$(seconds_since "$up")
  await_accounted "$prefix" "$WORK/$prefix.ids"
  local journaled; journaled=$(ls "$WORK/dead-letter-journal" 2>/dev/null | wc -l)
  conservation db-outage "$prefix" "$WORK/$prefix.ids" 2 "fulfilling again ${first}s after the database; $journaled still journaled"
  # The outage's dead letters, replayed once the journal has moved into the store: the orders are then delivered
  local deadline=$(( $(now_ms) + 120000 ))
  while [[ -n "$(ls "$WORK/dead-letter-journal" 2>/dev/null)" ]] && (( $(now_ms) < deadline )); do sleep 1; done
  local replay; replay=$(curl -s -X POST -H "X-API-Key: $OPS_KEY" -H 'Content-Type: application/json' \
    "localhost:$HTTP_PORT/api/ops/dead-letters/replay" -d '{"filter":{"route":"fulfil-order"}}')
  echo "  replay of the outage's dead letters: $replay"
  conservation db-outage+replay "$prefix" "$WORK/$prefix.ids" 2 "after replaying the dead letters"
  stop_junction
}

scenario_http_faults() {
  local prefix="http-$STAMP" count=$(( ORDERS / 2 ))
  echo "http-faults: $count orders against an inventory failing 10% of calls (500) and timing out on 1%"
  java bench/FaultyInventory.java $INVENTORY_PORT 3000 > "$WORK/inventory.log" 2>&1 &
  INVENTORY_PID=$!
  wait_port $INVENTORY_PORT "$WORK/inventory.log" 30
  start_junction -Dinventory.stand-in.enabled=false -Dinventory.url=http://localhost:$INVENTORY_PORT \
    -Dcamel.component.http.response-timeout=1000
  orders_file "$prefix" "$count" "$WORK/$prefix.records"
  cut -d'|' -f1 "$WORK/$prefix.records" > "$WORK/$prefix.ids"
  local started; started=$(now_ms)
  publish "$WORK/$prefix.records"
  await_accounted "$prefix" "$WORK/$prefix.ids"
  local took; took=$(seconds_since "$started")
  local stats; stats=$(curl -s "localhost:$INVENTORY_PORT/stats")
  echo "  inventory: $stats"
  conservation http-faults "$prefix" "$WORK/$prefix.ids" 2 "all accounted for in ${took}s; inventory: $stats"
  stop_junction
  stop_pid $INVENTORY_PID; INVENTORY_PID=
}

scenario_burst() {
  local prefix="burst-$STAMP"
  require_wrk
  intake_headers
  start_junction -Dfulfilment.topics=bench.fulfilment.off
  local sustainable; sustainable=$(wrk -t 2 -c 32 -d 10s --timeout 10s "${INTAKE_CURL_HEADERS[@]}" \
    -s bench/intake-order.lua "http://localhost:$HTTP_PORT/api/v1/orders" -- "$prefix-warm" \
    | sed -nE 's/^RESULT rps=([0-9]+).*/\1/p')
  local rate=$(( sustainable * 10 ))
  echo "burst: sustainable ~$sustainable orders/s (wrk, 32 connections); $rate orders/s for ${BURST_SECONDS}s"
  java -cp "$APP/lib/main/*" bench/IntakeLoad.java "http://localhost:$HTTP_PORT/api/v1/orders" "$rate" \
    "$BURST_SECONDS" 30000 4000 "$prefix" "$WORK/$prefix.accepted" > "$WORK/$prefix.load" 2>&1
  local answers; answers=$(tail -1 "$WORK/$prefix.load")
  echo "  load: $answers"
  local alive=yes
  kill -0 "$APP_PID" 2>/dev/null && curl -sf "localhost:$HTTP_PORT/q/health/ready" > /dev/null || alive=no
  probe keys localhost:$KAFKA_PORT orders.express orders.standard orders.international | grep "^$prefix-[0-9]" \
    | sort -u > "$WORK/$prefix.published" || true
  local accepted lost unanswered shed verdict=ok
  accepted=$(sort -u "$WORK/$prefix.accepted" | wc -l)
  lost=$(sort -u "$WORK/$prefix.accepted" | comm -23 - "$WORK/$prefix.published" | wc -l)
  unanswered=$(sort -u "$WORK/$prefix.accepted" | comm -13 - "$WORK/$prefix.published" | wc -l)
  shed=$( (grep -oE 's(429|503)=[0-9]+' <<< "$answers" || true) | awk -F= '{ n += $2 } END { print n + 0 }')
  if (( lost > 0 )) || [[ $alive == no ]]; then verdict=VIOLATION; violations=$(( violations + 1 )); fi
  local finding="429/503 for the excess: $shed"
  (( shed > 0 )) || finding="no 429/503: the excess was queued, not shed (finding)"
  ROWS+=("$(printf '%-16s %6s %9s %6s %5s %5s %8s %7s %7s  %-6s %s' burst "$accepted" "$accepted" - "$lost" - - - - \
    "$verdict" "alive: $alive; $finding; on a topic without a 202: $unanswered; load: ${answers#total }")")
  echo "  burst: accepted $accepted, lost $lost, alive $alive; $finding"
  stop_junction
}

start_services
for scenario in "${SCENARIOS[@]}"; do
  case $scenario in
    kill9) scenario_kill9 ;;
    kafka-restart) scenario_kafka_restart ;;
    db-outage) scenario_db_outage ;;
    http-faults) scenario_http_faults ;;
    burst) scenario_burst ;;
    *) echo "unknown scenario $scenario" >&2; exit 2 ;;
  esac
done

echo
echo "Fault injection: every order accounted for (in = delivered + dead-lettered, lost = 0)"
machine_header
printf '%-16s %6s %9s %6s %5s %5s %8s %7s %7s  %-6s %s\n' scenario in delivered dead lost both "dup-evts" \
  "no-evt" "sql-dup" result "recovery / notes"
printf '%s\n' "${ROWS[@]}"
echo "(in: orders sent (Kafka scenarios) or answered 202 (HTTP); dead: dead-lettered and not delivered; both: delivered"
echo " and dead-lettered too; dup-evts: repeated outcome events (at least once); no-evt: delivered without an event;"
echo " sql-dup: orders whose rows are not exactly theirs once)"
(( violations == 0 ))
