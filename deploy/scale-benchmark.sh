#!/usr/bin/env bash
# National scale, in one run (issue 13's figures), each printed next to its target:
#   1. intake: the app and a bare in-process engine on the same models — report → first task visible,
#      task completed → next task visible (p50, p95, sequential) and a burst from 8 clients (cases/s);
#   2. matching: a found child against 100,000 open missing reports (p50, p95);
#   3. dashboards and the county report at 1,000,000 cases, each next to its bare indexed SQL;
#   4. size: resident memory with 10,000 open cases, restart times until back in service.
# Long (the 1M seed alone takes a while the first time; it is reused). Measures; asserts nothing.
#   deploy/scale-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== 1. intake (target: latency p50 ratio <= 3.0, burst ratio >= 0.70)"
deploy/intake-benchmark.sh 40 400 8 40
echo "== 2. matching (100,000 open records; p95 reported)"
deploy/matching-benchmark.sh 100000 30
echo "== 3. dashboards and reports at 1,000,000 cases"
deploy/benchmark.sh 1000000 30
echo "== 4. memory and restart at 10,000 open cases (target: < 1024 MiB resident, back in service < 60 s)"
deploy/size-benchmark.sh 10000
