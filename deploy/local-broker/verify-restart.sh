#!/usr/bin/env bash
# Shows that the app runs a case to closure on the local persistent broker, and that an open case and
# its tasks survive a restart of both. Starts the broker and the app (short follow-up timer), drives
# the case over the API, then stops both.
set -euo pipefail
cd "$(dirname "$0")/../.."
export MCC_POLICY_FOLLOWUPSCHEDULE=PT5S
deploy/local-broker/broker.sh start
deploy/local-broker/app.sh start
trap 'deploy/local-broker/app.sh stop; deploy/local-broker/broker.sh stop' EXIT
node deploy/local-broker/verify-restart.mjs
