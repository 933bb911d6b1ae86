#!/usr/bin/env bash
# Shows that open cases survive restarts of a county pilot (PostgreSQL + the in-process engine with its
# files on disk): reports a case, accepts it, kills the app with SIGKILL, starts it, stops it cleanly,
# starts it again, checks each time that the case is at the same step with the same task and due time,
# and runs the case to closure (the follow-up schedule shortened to one visit after 5 s by configuration).
# Uses its own new database (mcc_restart) and engine directory.
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/lib/fresh-pilot.sh
export MCC_POLICY_FOLLOWUPSCHEDULE=PT5S
fresh_pilot restart-check mcc_restart 8089 26589
node deploy/restart-check.mjs
