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
. deploy/lib/fresh-pilot.sh
# the database fault turns connections off: they are always turned on again
fresh_pilot_cleanup() { psql -h "$PGHOST" -U "$PGUSER" -d postgres -qc "alter database mcc_faults allow_connections true" >/dev/null 2>&1 || true; }
fresh_pilot faults mcc_faults 8087 26587
for fault in $faults; do
  node deploy/faults.mjs "$fault" "$reports" "$clients"
done
