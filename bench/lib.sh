# Sourced by the benchmarks: the packaged jar, a standalone Kafka broker and PostgreSQL 16 on loopback, Junction
# started against them, and cleanup of all of it on exit. Uses loopback ports 18080 (HTTP), 19092 (Kafka) and
# 15432 (PostgreSQL).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

APP=target/quarkus-app
HTTP_PORT=18080
KAFKA_PORT=19092
PG_PORT=15432
PG_URL=jdbc:postgresql://localhost:$PG_PORT/postgres
WORK=$(mktemp -d)

# PostgreSQL runs under Maven (exec:exec forks the server's JVM, which starts the postgres processes): each service
# gets a process group of its own (setsid), and the whole group is stopped.
cleanup() {
  [[ -n "${APP_PID:-}" ]] && kill "$APP_PID" 2>/dev/null || true
  [[ -n "${PG_PID:-}" ]] && kill -- -"$PG_PID" 2>/dev/null || true
  [[ -n "${BROKER_PID:-}" ]] && kill -- -"$BROKER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

[[ -f $APP/quarkus-run.jar ]] || ./mvnw -B -q package -DskipTests
# The standalone PostgreSQL runs from the test classpath.
./mvnw -B -q test-compile

now_ms() { date +%s%3N; }

# The benchmarks' API client, with both roles (intake, operator): its key, and the configuration that accepts it
# (only its SHA-256 hash is configured, as in production).
BENCH_KEY=bench-api-key
BENCH_AUTH=(-Djunction.auth.api-keys.bench.hashes=$(printf %s "$BENCH_KEY" | sha256sum | cut -d' ' -f1)
  -Djunction.auth.api-keys.bench.roles=intake,operator)

wait_port() { # port log timeout-s
  local deadline=$(( $(now_ms) + $3 * 1000 ))
  until (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null; do
    (( $(now_ms) < deadline )) || { cat "$2" >&2; exit 1; }
    sleep 0.1
  done
}

# Kafka's own KRaft server (the class dev mode embeds, started on its own) and PostgreSQL 16 (the tests' binaries).
start_services() {
  echo "Starting Kafka (localhost:$KAFKA_PORT) and PostgreSQL (localhost:$PG_PORT) ..."
  for port in $KAFKA_PORT $PG_PORT; do
    if (echo > /dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo "Port $port is in use already" >&2; exit 1; fi
  done
  setsid java -cp "$APP/lib/boot/*:$APP/lib/main/*:$APP/app/*" \
    dev.junction.kafka.embedded.EmbeddedKafkaBroker $KAFKA_PORT "$WORK/broker" > "$WORK/broker.log" 2>&1 &
  BROKER_PID=$!
  setsid ./mvnw -B -q exec:exec@postgres -Dport=$PG_PORT -Ddir="$WORK/pg" > "$WORK/pg.log" 2>&1 &
  PG_PID=$!
  wait_port $KAFKA_PORT "$WORK/broker.log" 60
  wait_port $PG_PORT "$WORK/pg.log" 120
}

# Junction against those services (stand-in inventory, Junction's own logs at WARN), with extra JVM arguments
# first (-Xmx..., -D...); returns once it is ready, with its pid in APP_PID and its log in $WORK/app.log.
start_junction() {
  echo "Starting Junction (localhost:$HTTP_PORT) $*"
  env -u KAFKA_BOOTSTRAP_SERVERS java -Djava.util.logging.manager=org.jboss.logmanager.LogManager "${BENCH_AUTH[@]}" "$@" \
    -Dquarkus.http.port=$HTTP_PORT -Dkafka.bootstrap.servers=localhost:$KAFKA_PORT \
    -Dquarkus.datasource.jdbc.url=$PG_URL -Dquarkus.datasource.username=postgres \
    -Dquarkus.datasource.password=postgres \
    -Dinventory.stand-in.enabled=true -Dinventory.url=http://localhost:$HTTP_PORT/stand-in/inventory \
    -Dquarkus.log.category.\"dev.junction\".level=WARN \
    -jar $APP/quarkus-run.jar > "$WORK/app.log" 2>&1 &
  APP_PID=$!
  local deadline=$(( $(now_ms) + 120000 ))
  until curl -sf "localhost:$HTTP_PORT/q/health/ready" > /dev/null; do
    (( $(now_ms) < deadline )) || { cat "$WORK/app.log" >&2; exit 1; }
    sleep 0.2
  done
}

metric() { # name label-filter (a regex on the labels): the value of that series at /q/metrics, 0 when absent
  curl -s "localhost:$HTTP_PORT/q/metrics" \
    | awk -v name="$1" -v labels="$2" 'index($0, name "{") == 1 && $0 ~ labels { n = $2 } END { printf "%d", n }'
}

sql() { # statement; H2's shell speaks to any JDBC database whose driver is on the class path
  java -cp "$APP/lib/main/*" org.h2.tools.Shell -url "$PG_URL" -user postgres -password postgres -sql "$1"
}

peak_rss_kib() { # pid: the process's peak resident set size so far
  awk '/^VmHWM/ { print $2 }' "/proc/$1/status"
}
