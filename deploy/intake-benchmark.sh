#!/usr/bin/env bash
# Intake benchmark: the app and the bare in-process engine side by side, on the project's own models:
# report -> first task in the tasklist (p50, p95, sequential), task completed -> next task there, and a
# burst of reports from several clients (cases/s), with the ratios app/bare. Uses the PostgreSQL at
# PGHOST:PGPORT (database "test", schema mcc_bench_intake, emptied at start), or with "h2" as the fifth
# argument the app's default database (embedded H2 on disk, in a directory of its own).
# Both sides are first warmed up with bursts until the JIT compiler has settled (at most the given number
# of rounds; a server in service has its code compiled and its tables analysed); the burst's CPU is split
# by threads, per case, for both sides.
#   deploy/intake-benchmark.sh [sequential reports] [burst] [clients] [max warm-up bursts] [postgres|h2]
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/lib/jdk.sh
mvn -B -pl app -am test -Dtest=IntakeBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.reports="${1:-40}" -Dbench.burst="${2:-400}" -Dbench.clients="${3:-8}" -Dbench.warmup="${4:-40}" -Dbench.database="${5:-postgres}" 2>&1 \
  | grep -E '^(Intake benchmark|measure |report |task |burst|warm-up)|BUILD FAILURE|ERROR\]'
