#!/usr/bin/env bash
# Startup and footprint of the packaged Junction jar (java -jar target/quarkus-app/quarkus-run.jar).
#
# Measures, over RUNS runs each (median, min, max):
#   - time from process start to the first 202 from POST /api/v1/orders (routes up, Kafka producer connected), and to
#     /q/health/ready answering UP;
#   - resident set size (VmRSS) right after that first order.
# Modes:
#   external  Kafka runs in its own process (the embedded broker class started standalone), Junction is given
#             KAFKA_BOOTSTRAP_SERVERS: what a deployment looks like.
#   embedded  java -Djunction.embedded=true -jar ...: Junction starts its own broker in-process (demo mode); its time
#             and RSS include the broker.
#   appcds    external, with a JDK class-data archive (-XX:SharedArchiveFile) that one training run of external mode
#             wrote when it stopped (-XX:ArchiveClassesAtExit): classes loaded from the archive, not from the jars.
# Both modes use a standalone PostgreSQL 16 (the binaries the tests use; ./mvnw exec:exec@postgres) and the stand-in
# inventory, which the packaged jar needs besides Kafka.
# And the peer: plain Camel Main 4.17.0 (bench/camel-main-peer) running routes/order-intake.yaml unchanged against the
# same external broker, measured the same way (it has no readiness endpoint and needs no database); the ratios
# compare it with external mode.
# Usage: bench/startup.sh [RUNS]   (default 5). Builds the jar and the peer first if they are missing. Ports: see
# bench/lib.sh, and 19093 for the embedded broker, plus a random controller port per broker.
RUNS=${1:-5}
source "$(dirname "$0")/lib.sh"
JAVA_OPTS=(-Djava.util.logging.manager=org.jboss.logmanager.LogManager "${BENCH_AUTH[@]}")
ORDER='{"orderId":"o-bench-1","customerId":"c-1","currency":"EUR","shipping":{"method":"express","country":"DE"},"lines":[{"sku":"SKU-1","quantity":1,"unitPrice":1.00}]}'

wait_for() { # url method expected-status timeout-s
  local deadline=$(( $(now_ms) + $4 * 1000 ))
  while (( $(now_ms) < deadline )); do
    local code
    if [[ $2 == POST ]]; then
      code=$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
        "${INTAKE_CURL_HEADERS[@]}" -d "$ORDER" "$1" || true)
    else
      code=$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "$1" || true)
    fi
    [[ $code == "$3" ]] && return 0
    sleep 0.02
  done
  echo "timed out waiting for $2 $1 -> $3" >&2
  return 1
}

rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

stats() { # prints "median min max" of the numbers given
  (( $# > 0 )) || { printf -- '- - -'; return; }
  printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%d %d %d", m, a[1], a[NR] }'
}

run_mode() { # mode
  local mode=$1 order_ms=() ready_ms=() rss=()
  for ((i = 1; i <= RUNS; i++)); do
    if [[ $mode == peer ]]; then
      local t0; t0=$(now_ms)
      start_peer -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
      wait_for "http://localhost:$PEER_PORT/api/v1/orders" POST 202 120
      order_ms+=($(( $(now_ms) - t0 )))
      rss+=("$(rss_mb $PEER_PID)")
      stop_pid $PEER_PID; PEER_PID=
      continue
    fi
    local args=("${JAVA_OPTS[@]}" -Dquarkus.http.port=$HTTP_PORT
      -Dquarkus.datasource.jdbc.url=$PG_URL
      -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password=postgres
      -Dinventory.stand-in.enabled=true -Dinventory.url=http://localhost:$HTTP_PORT/stand-in/inventory)
    # appcds: external mode with the class-data archive a training run wrote (JDK dynamic AppCDS).
    [[ $mode == appcds ]] && args+=(-XX:SharedArchiveFile="$WORK/junction.jsa")
    [[ $mode == appcds-training ]] && args+=(-XX:ArchiveClassesAtExit="$WORK/junction.jsa")
    if [[ $mode == embedded ]]; then
      args+=(-Djunction.embedded=true -Djunction.embedded.kafka.port=$((KAFKA_PORT + 1))
        -Djunction.embedded.kafka.data-dir="$WORK/embedded-$i")
    else
      args+=(-Dkafka.bootstrap.servers=localhost:$KAFKA_PORT)
    fi
    local t0; t0=$(now_ms)
    # A KAFKA_BOOTSTRAP_SERVERS from the caller's shell would turn the embedded runs into external ones.
    env -u KAFKA_BOOTSTRAP_SERVERS java "${args[@]}" "${BENCH_JUNCTION_OPTS[@]}" -jar $APP/quarkus-run.jar > "$WORK/app-$mode-$i.log" 2>&1 &
    APP_PID=$!
    wait_for "http://localhost:$HTTP_PORT/api/v1/orders" POST 202 120
    order_ms+=($(( $(now_ms) - t0 )))
    rss+=("$(rss_mb $APP_PID)")
    wait_for "http://localhost:$HTTP_PORT/q/health/ready" GET 200 30
    ready_ms+=($(( $(now_ms) - t0 )))
    kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=
  done
  printf '%-9s %-34s %s\n' "$mode" "first order accepted (ms)" "$(stats "${order_ms[@]}")"
  printf '%-9s %-34s %s\n' "$mode" "readiness UP (ms)" "$(stats "${ready_ms[@]}")"
  printf '%-9s %-34s %s\n' "$mode" "RSS after first order (MiB)" "$(stats "${rss[@]}")"
  MEDIAN_ORDER_MS[$mode]=$(median "${order_ms[@]}")
  MEDIAN_RSS[$mode]=$(median "${rss[@]}")
}
declare -A MEDIAN_ORDER_MS MEDIAN_RSS

build_peer
intake_headers
start_services

echo
echo "Startup and footprint, $RUNS runs per mode: Junction (packaged jar) and plain Camel Main (the same order-intake.yaml)"
printf '%-9s %-34s %s\n' "mode" "measure" "median min max"
run_mode external
run_mode embedded
run_mode peer
# AppCDS: one training run of external mode writes the archive when it stops; then RUNS runs use it.
RUNS_WANTED=$RUNS RUNS=1
run_mode appcds-training > /dev/null
RUNS=$RUNS_WANTED
[[ -s $WORK/junction.jsa ]] || { echo "the AppCDS training run wrote no archive" >&2; exit 1; }
run_mode appcds
printf '%-44s %s\n' "Junction (external) / Camel Main: first order" \
  "$(ratio "${MEDIAN_ORDER_MS[external]}" "${MEDIAN_ORDER_MS[peer]}")"
printf '%-44s %s\n' "Junction (external) / Camel Main: RSS" "$(ratio "${MEDIAN_RSS[external]}" "${MEDIAN_RSS[peer]}")"
printf '%-44s %s\n' "Junction (external, AppCDS) / Camel Main: first order" \
  "$(ratio "${MEDIAN_ORDER_MS[appcds]}" "${MEDIAN_ORDER_MS[peer]}")"
machine_header
