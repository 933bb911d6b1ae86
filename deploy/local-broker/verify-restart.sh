#!/usr/bin/env bash
# Shows that the app runs a case to closure on the local persistent broker, and that an open case and
# its tasks survive a restart of both. Starts the broker and the app (short follow-up timer), drives
# the case over the API, then stops both.
set -euo pipefail
cd "$(dirname "$0")/../.."
export MCC_POLICY_FOLLOWUPSCHEDULE=PT5S
# Its own broker data and database, both new: an engine's history and its database belong together.
export ZEEBE_DATA_DIR="${MCC_RUNTIME:-$PWD/deploy/.runtime}/verify-broker-data" PGDATABASE=mcc_verify
rm -rf "$ZEEBE_DATA_DIR"
psql -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -d postgres -qc "drop database if exists mcc_verify" >/dev/null
deploy/local-broker/broker.sh start
deploy/local-broker/app.sh start
trap 'deploy/local-broker/app.sh stop; deploy/local-broker/broker.sh stop' EXIT
node deploy/local-broker/verify-restart.mjs
