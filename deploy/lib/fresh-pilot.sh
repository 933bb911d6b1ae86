# Sourced by restart-check.sh and faults.sh: starts a county pilot (deploy/pilot.sh) on a new database
# and a new engine directory of its own, and stops it when the script exits.
#   fresh_pilot NAME DATABASE PORT ENGINE_PORT
fresh_pilot() {
  export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres} PGDATABASE="$2"
  export PORT=${PORT:-$3} MCC_ENGINE_PORT=${MCC_ENGINE_PORT:-$4}
  export MCC_RUNTIME="${MCC_RUNTIME:-$PWD/deploy/.runtime}/$1"
  export BASE_URL="http://127.0.0.1:$PORT"
  # the checks sign in as the demo users, on their own throwaway database
  export MCC_DEMO_DATA=true
  rm -rf "$MCC_RUNTIME"
  psql -h "$PGHOST" -U "$PGUSER" -d postgres -qc "drop database if exists \"$PGDATABASE\"" >/dev/null 2>&1
  deploy/pilot.sh start
  trap 'fresh_pilot_cleanup; deploy/pilot.sh stop' EXIT
}

# A script may redefine this to undo what it did to the database (runs before the app stops).
fresh_pilot_cleanup() { :; }
