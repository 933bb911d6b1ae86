#!/usr/bin/env bash
# The app against the local broker (no embedded engine) and PostgreSQL (database $PGDATABASE, default
# "mcc", created if missing; schema "mcc").
#   deploy/local-broker/app.sh start|stop|status
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/lib/jdk.sh

RUNTIME=${MCC_RUNTIME:-$PWD/deploy/.runtime}
PID_FILE="$RUNTIME/app.pid"
LOG_FILE="$RUNTIME/app.log"
JAR=app/target/missing-children-app-0.1.0-SNAPSHOT.jar
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-mcc}
export PORT=${PORT:-8080}

running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

start() {
  if running; then echo "app already running (pid $(cat "$PID_FILE"))"; return 0; fi
  mkdir -p "$RUNTIME"
  [ -f "$JAR" ] || mvn -B -q -DskipTests package
  psql -d postgres -tAc "select 1 from pg_database where datname = '$PGDATABASE'" | grep -q 1 \
    || psql -d postgres -c "create database \"$PGDATABASE\"" >/dev/null
  nohup "$JAVA_HOME/bin/java" -jar "$JAR" \
    --spring.profiles.active=postgres \
    --mcc.engine.embedded.enabled=false \
    --camunda.client.grpc-address="http://127.0.0.1:${ZEEBE_GATEWAY_PORT:-26500}" \
    --mcc.demo-data.enabled="${MCC_DEMO_DATA:-true}" > "$LOG_FILE" 2>&1 &
  echo $! > "$PID_FILE"
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1; then
      echo "app up: http://127.0.0.1:$PORT (log $LOG_FILE)"
      return 0
    fi
    running || { echo "app exited; see $LOG_FILE" >&2; tail -30 "$LOG_FILE" >&2; return 1; }
    sleep 1
  done
  echo "app not up after 120 s; see $LOG_FILE" >&2
  return 1
}

stop() {
  if running; then
    kill "$(cat "$PID_FILE")"
    for _ in $(seq 1 60); do running || break; sleep 1; done
    running && kill -9 "$(cat "$PID_FILE")" || true
    echo "app stopped"
  fi
  rm -f "$PID_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) running && echo "running (pid $(cat "$PID_FILE"))" || echo "stopped" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
