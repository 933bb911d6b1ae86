#!/usr/bin/env bash
# Runs every test: process tests (Zeebe Process Test), unit tests, integration and end-to-end tests
# against the PostgreSQL at PGHOST:PGPORT (default 127.0.0.1:5432, database "test", user "postgres"),
# and the Chromium browser test (needs /usr/bin/chromium, or CHROMIUM=path).
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/lib/jdk.sh
exec mvn -B verify "$@"
