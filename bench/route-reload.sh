#!/usr/bin/env bash
# Hot reload latency: from saving a route file to the new behaviour answering over HTTP.
#
# Each of EDITS edits rewrites one route file (bench-reload.yaml, a platform-http route answering its version), then
# polls the route every 10 ms until it answers the new version; also the time until a broken edit shows as refused in
# GET /api/ops/route-files. Prints median, min and max.
# Usage:
#   bench/route-reload.sh prod [EDITS]  the packaged jar against a standalone Kafka and PostgreSQL (bench/lib.sh),
#                                       JUNCTION_ROUTES_RELOAD_ENABLED=true, routes from a copy of routes/ (default 20)
#   bench/route-reload.sh dev [EDITS]   against dev mode already running on localhost:8080 (./mvnw quarkus:dev); the
#                                       file is written to routes/ and deleted afterwards
# The reload interval is Junction's default (junction.routes.reload.interval, 500 ms) unless INTERVAL is set.
MODE=${1:-prod}
EDITS=${2:-20}
INTERVAL=${INTERVAL:-500ms}
set -euo pipefail

if [[ $MODE == dev ]]; then
  cd "$(dirname "$0")/.."
  BASE=http://localhost:8080
  KEY=dev-operator-key
  ROUTES=routes
  trap 'rm -f routes/bench-reload.yaml' EXIT
  now_ms() { date +%s%3N; }
  curl -sf $BASE/q/health/ready > /dev/null || { echo "Start dev mode first: ./mvnw quarkus:dev" >&2; exit 1; }
else
  source "$(dirname "$0")/lib.sh"
  BASE=http://localhost:$HTTP_PORT
  KEY=$BENCH_KEY
  ROUTES=$WORK/routes
  cp -r routes "$ROUTES"
  start_services
  start_junction -Djunction.routes.dir="$ROUTES" -Djunction.routes.reload.enabled=true \
    -Djunction.routes.reload.interval=$INTERVAL
fi

route_file() { # version text
  cat <<YAML
# Benchmark route: answers its version.
- route:
    id: bench-reload
    description: Answers its version
    from:
      uri: platform-http:/bench/reload
      steps:
        - setBody:
            constant: "$1"
YAML
}

await_answer() { # expected body; prints the ms it took from $SAVED
  local deadline=$(( $(now_ms) + 30000 ))
  until [[ $(curl -s --max-time 2 "$BASE/bench/reload" || true) == "$1" ]]; do
    (( $(now_ms) < deadline )) || { echo "no answer '$1' within 30 s" >&2; curl -s -H "X-API-Key: $KEY" "$BASE/api/ops/route-files" >&2; curl -s -i "$BASE/bench/reload" >&2; exit 1; }
    sleep 0.01
  done
  echo $(( $(now_ms) - SAVED ))
}

stats() { # prints "median min max"
  printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%d %d %d", m, a[1], a[NR] }'
}

SAVED=$(now_ms); route_file "v0" > "$ROUTES/bench-reload.yaml"; await_answer "v0" > /dev/null
live=() refused=()
for ((i = 1; i <= EDITS; i++)); do
  sleep 0.$((RANDOM % 10))   # saves land anywhere within the polling interval
  SAVED=$(now_ms); route_file "v$i" > "$ROUTES/bench-reload.yaml"
  live+=("$(await_answer "v$i")")
  # Every fifth edit, a broken one: how long until it is reported refused (the route keeps answering v$i)
  if (( i % 5 == 0 )); then
    SAVED=$(now_ms); route_file "v$i" | sed 's/- setBody:/- setBodyy:/' > "$ROUTES/bench-reload.yaml"
    deadline=$(( $(now_ms) + 30000 ))
    until curl -s -H "X-API-Key: $KEY" "$BASE/api/ops/route-files" | grep -q '"refused":\[[^]]*bench-reload.yaml'; do
      (( $(now_ms) < deadline )) || { echo "broken edit never reported" >&2; exit 1; }
      sleep 0.01
    done
    refused+=($(( $(now_ms) - SAVED )))
    [[ $(curl -s "$BASE/bench/reload") == "v$i" ]] || { echo "a broken edit took the route down" >&2; exit 1; }
  fi
done
rm -f "$ROUTES/bench-reload.yaml"

read -r lm lmin lmax <<< "$(stats "${live[@]}")"
read -r rm rmin rmax <<< "$(stats "${refused[@]}")"
echo
echo "Hot reload, $MODE mode ($(nproc) cores, $(java -version 2>&1 | head -1)), ${EDITS} edits, reload interval ${INTERVAL}"
printf '%-44s %8s %8s %8s\n' "" "median" "min" "max"
printf '%-44s %6d ms %5d ms %5d ms\n' "save -> new version answering" "$lm" "$lmin" "$lmax"
printf '%-44s %6d ms %5d ms %5d ms\n' "broken save -> refused (old version answering)" "$rm" "$rmin" "$rmax"
