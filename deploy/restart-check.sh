#!/usr/bin/env bash
# Shows that open cases survive restarts of a county pilot (PostgreSQL + the in-process engine with its
# files on disk): reports a case, accepts it, kills the app with SIGKILL, starts it, stops it cleanly,
# starts it again, checks each time that the case is at the same step with the same task and due time,
# and runs the case to closure (the follow-up schedule shortened to one visit after 5 s by configuration).
# Uses its own new database (mcc_restart) and engine directory.
set -euo pipefail
cd "$(dirname "$0")/.."
export MCC_POLICY_FOLLOWUPSCHEDULE=PT5S PGDATABASE=mcc_restart PORT=${PORT:-8089} MCC_ENGINE_PORT=${MCC_ENGINE_PORT:-26589}
export MCC_RUNTIME="${MCC_RUNTIME:-$PWD/deploy/.runtime}/restart-check"
export BASE_URL="http://127.0.0.1:$PORT"
rm -rf "$MCC_RUNTIME"
psql -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -d postgres -qc "drop database if exists mcc_restart" >/dev/null
deploy/pilot.sh start
trap 'deploy/pilot.sh stop' EXIT
node deploy/restart-check.mjs
