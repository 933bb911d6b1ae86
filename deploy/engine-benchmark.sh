#!/usr/bin/env bash
# Restart times of the in-process engine with N open cases (default 1,000 and 10,000): creation rate,
# restart after a clean stop, restart after a crash with every case in the log's tail, disk use.
#   deploy/engine-benchmark.sh [sizes, comma-separated]     e.g. deploy/engine-benchmark.sh 1000,10000,100000
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/lib/jdk.sh
sizes="${1:-1000,10000}"
mvn -B -pl app -am test -Dtest=EngineRestartBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.open="$sizes" 2>&1 \
  | grep -E '^engine benchmark|BUILD FAILURE|ERROR\]'
