#!/usr/bin/env bash
# A local persistent Zeebe broker (the real distribution io.camunda:camunda-zeebe:8.6.0, fetched from
# Maven Central by its coordinates), with its data on disk and its gateway on 127.0.0.1:26500.
#   deploy/local-broker/broker.sh start|stop|status
# Environment: MCC_RUNTIME (default deploy/.runtime), ZEEBE_GATEWAY_PORT (26500), ZEEBE_MONITORING_PORT (9600),
# ZEEBE_REST_PORT (8088; the broker's own REST server, kept off the app's 8080), ZEEBE_DATA_DIR
# (default deploy/.runtime/broker-data). The broker's data and the app's database belong together:
# job keys are unique within one broker's history only.
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/lib/jdk.sh
. deploy/lib/service.sh

VERSION=8.6.0
RUNTIME=${MCC_RUNTIME:-$PWD/deploy/.runtime}
HOME_DIR="$RUNTIME/camunda-zeebe-$VERSION"
DATA_DIR="${ZEEBE_DATA_DIR:-$RUNTIME/broker-data}"
PID_FILE="$RUNTIME/broker.pid"
LOG_FILE="$RUNTIME/broker.log"
GATEWAY_PORT=${ZEEBE_GATEWAY_PORT:-26500}
MONITORING_PORT=${ZEEBE_MONITORING_PORT:-9600}
NAME=broker

fetch() {
  [ -x "$HOME_DIR/bin/broker" ] && return 0
  mkdir -p "$RUNTIME"
  echo "Fetching io.camunda:camunda-zeebe:$VERSION (tar.gz) with Maven..."
  mvn -B -q dependency:copy -Dartifact="io.camunda:camunda-zeebe:$VERSION:tar.gz" -DoutputDirectory="$RUNTIME"
  tar xzf "$RUNTIME/camunda-zeebe-$VERSION.tar.gz" -C "$RUNTIME"
  rm -f "$RUNTIME/camunda-zeebe-$VERSION.tar.gz"
}

start() {
  fetch
  mkdir -p "$DATA_DIR"
  ZEEBE_BROKER_DATA_DIRECTORY="$DATA_DIR" \
  ZEEBE_BROKER_NETWORK_HOST=127.0.0.1 \
  ZEEBE_BROKER_GATEWAY_ENABLE=true \
  ZEEBE_BROKER_GATEWAY_NETWORK_HOST=127.0.0.1 \
  ZEEBE_BROKER_GATEWAY_NETWORK_PORT="$GATEWAY_PORT" \
  SERVER_ADDRESS=127.0.0.1 \
  SERVER_PORT="${ZEEBE_REST_PORT:-8088}" \
  MANAGEMENT_SERVER_ADDRESS=127.0.0.1 \
  MANAGEMENT_SERVER_PORT="$MONITORING_PORT" \
  JAVA_OPTS="${ZEEBE_JAVA_OPTS:--Xmx1g}" \
    nohup "$HOME_DIR/bin/broker" > "$LOG_FILE" 2>&1 &
  echo $! > "$PID_FILE"
  service_wait "http://127.0.0.1:$MONITORING_PORT/ready" "http://127.0.0.1:$MONITORING_PORT/actuator/health/readiness"
  echo "broker ready: gateway 127.0.0.1:$GATEWAY_PORT, data in $DATA_DIR, log $LOG_FILE"
}

service_main "$@"
