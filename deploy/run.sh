#!/usr/bin/env bash
# Runs the system on its embedded default: in-process Zeebe engine, embedded database, demo users.
# Open http://localhost:8080 (PORT=... to change). Extra arguments go to Spring Boot, e.g.
#   deploy/run.sh --spring.profiles.active=postgres
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/lib/jdk.sh
mvn -B -q -DskipTests package
exec "$JAVA_HOME/bin/java" -jar app/target/missing-children-app-0.1.0-SNAPSHOT.jar "$@"
