#!/usr/bin/env bash
# Memory and restart at size: a county pilot (PostgreSQL + the in-process engine on disk, the JVM
# options of deploy/pilot.sh) gets N open cases (default 10,000) reported by a partner system from 8
# clients, each to its first task; then prints the app's resident memory, and how long a clean restart
# and a restart after SIGKILL take until the app is back in service (a new report has its first task
# in the tasklist). Uses its own new database (mcc_size) and engine directory; measures, asserts nothing.
#   deploy/size-benchmark.sh [open]
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/lib/fresh-pilot.sh
export MCC_PARTNER_REQUESTS_PER_MINUTE=6000
fresh_pilot size-benchmark mcc_size 8091 26591
node deploy/size-benchmark.mjs "${1:-10000}"
