#!/usr/bin/env bash
# Matching benchmark: N open missing reports (default 100,000) in the PostgreSQL at PGHOST:PGPORT
# (database "test", schema mcc_bench_match; reused when it holds N), then p50/p95 of finding and scoring
# a found child's candidates by the index, next to scoring every open report.
#   deploy/matching-benchmark.sh [open reports] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/lib/jdk.sh
mvn -B -pl app -am test -Dtest=MatchingBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.open="${1:-100000}" -Dbench.runs="${2:-30}" 2>&1 \
  | grep -E '^(Matching benchmark|matching by|seeded|mcc_bench_match)|BUILD FAILURE|ERROR\]'
