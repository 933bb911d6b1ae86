#!/usr/bin/env bash
# Fault benchmark on a county pilot (PostgreSQL + the in-process engine on disk), on its own new
# database (mcc_faults) and engine directory:
#   1. REPORTS reports from CLIENTS clients, each with an Idempotency-Key and retried until answered,
#      while the app is killed with SIGKILL twice and restarted; then once more with every case open.
#   2. The same while the database refuses and drops every connection for 20 s.
# Each prints cases acknowledged, lost, duplicated, stuck, tasks lost and deadlines moved (all 0 but the
# first) and fails when any is not.
#   deploy/faults.sh [reports] [clients] [faults]    default 500 reports, 8 clients, "kill database"
set -euo pipefail
cd "$(dirname "$0")/.."
reports="${1:-500}"
clients="${2:-8}"
faults="${3:-kill database}"
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres} PGDATABASE=mcc_faults
export PORT=${PORT:-8087} MCC_ENGINE_PORT=${MCC_ENGINE_PORT:-26587}
export MCC_RUNTIME="${MCC_RUNTIME:-$PWD/deploy/.runtime}/faults"
export BASE_URL="http://127.0.0.1:$PORT"
rm -rf "$MCC_RUNTIME"
psql -h "$PGHOST" -U "$PGUSER" -d postgres -qc "drop database if exists mcc_faults" >/dev/null
deploy/pilot.sh start
trap 'psql -h "$PGHOST" -U "$PGUSER" -d postgres -qc "alter database mcc_faults allow_connections true" >/dev/null 2>&1; deploy/pilot.sh stop' EXIT
for fault in $faults; do
  node deploy/faults.mjs "$fault" "$reports" "$clients"
done
