#!/usr/bin/env bash
# A county pilot on one machine: the app with the postgres profile (database $PGDATABASE, default "mcc",
# created if missing; schema "mcc") and its in-process engine, whose log and state live in
# $MCC_ENGINE_DIR (default deploy/.runtime/engine). Runs in the background. No demo users (MCC_DEMO_DATA=true
# to have them on a trial database): make the first administrator with deploy/create-admin.sh.
#   deploy/pilot.sh start|stop|kill|status      (kill: SIGKILL, as a power cut or an OOM killer would)
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/lib/jdk.sh
. deploy/lib/service.sh

RUNTIME=${MCC_RUNTIME:-$PWD/deploy/.runtime}
PID_FILE="$RUNTIME/app.pid"
LOG_FILE="$RUNTIME/app.log"
JAR=app/target/missing-children-app-0.1.0-SNAPSHOT.jar
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-mcc}
export PORT=${PORT:-8080}
NAME=app

start() {
  mkdir -p "$RUNTIME"
  [ -f "$JAR" ] || mvn -B -q -DskipTests package
  psql -d postgres -tAc "select 1 from pg_database where datname = '$PGDATABASE'" | grep -q 1 \
    || psql -d postgres -c "create database \"$PGDATABASE\"" >/dev/null
  # A bounded heap keeps the app's resident memory under 1 GiB (10,000 open cases: deploy/size-benchmark.sh);
  # out of memory, it stops rather than limp on (the service manager starts it again).
  # shellcheck disable=SC2086
  nohup "$JAVA_HOME/bin/java" ${MCC_JAVA_OPTS:--Xmx512m -XX:+ExitOnOutOfMemoryError} -jar "$JAR" \
    --spring.profiles.active=postgres \
    --mcc.engine.embedded.directory="${MCC_ENGINE_DIR:-$RUNTIME/engine}" \
    --mcc.engine.embedded.port="${MCC_ENGINE_PORT:-26500}" \
    --mcc.demo-data.enabled="${MCC_DEMO_DATA:-false}" >> "$LOG_FILE" 2>&1 &
  echo $! > "$PID_FILE"
  service_wait "http://127.0.0.1:$PORT/actuator/health"
  echo "app up: http://127.0.0.1:$PORT (log $LOG_FILE)"
}

case "${1:-}" in
  kill) if service_running; then kill -9 "$(cat "$PID_FILE")"; while service_running; do sleep 0.2; done; echo "$NAME killed (SIGKILL)"; fi; rm -f "$PID_FILE" ;;
  *) service_main "$@" ;;
esac
