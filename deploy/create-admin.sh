#!/usr/bin/env bash
# Makes the first administrator of a database that has none (a county pilot or production: the
# postgres profile creates no demo users). Run once, with the app's database settings:
#   deploy/create-admin.sh USERNAME "Full Name" [--spring.profiles.active=postgres] [other settings]
# The password is read from MCC_ADMIN_PASSWORD or asked twice on the console (12 or more characters).
# Refuses when the database has an administrator already; the other users are made on the Users page.
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/lib/jdk.sh
[ $# -ge 2 ] || { echo "usage: deploy/create-admin.sh USERNAME \"Full Name\" [settings]" >&2; exit 2; }
username=$1 name=$2
shift 2
JAR=app/target/missing-children-app-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || mvn -B -q -DskipTests package
exec "$JAVA_HOME/bin/java" -cp "$JAR" -Dloader.main=ke.childprotection.security.CreateAdministrator \
  org.springframework.boot.loader.launch.PropertiesLauncher \
  --mcc.admin.username="$username" --mcc.admin.full-name="$name" "$@"
