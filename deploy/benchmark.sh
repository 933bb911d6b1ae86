#!/usr/bin/env bash
# Dashboard benchmark: seeds N synthetic cases (default 1,000,000) with their open tasks into the
# PostgreSQL at PGHOST:PGPORT (database "test", schema mcc_bench; reused when it already holds N) and
# prints p50/p95 of each dashboard and report query next to the bare indexed SQL for the same rows.
#   deploy/benchmark.sh [cases] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/lib/jdk.sh
cases="${1:-1000000}"
runs="${2:-30}"
mvn -B -pl app -am test -Dtest=DashboardBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.cases="$cases" -Dbench.runs="$runs" 2>&1 \
  | grep -E '^(seeded|mcc_bench already|Dashboard benchmark|query  |\(target)|^[a-z].* [0-9]+\.[0-9]+ +[0-9]+\.[0-9]+|BUILD FAILURE|ERROR\]'
