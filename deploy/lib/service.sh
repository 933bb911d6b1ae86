# Sourced by the deploy scripts: one background service with a pid file and a log file.
# Needs NAME, PID_FILE, LOG_FILE set by the caller.

service_running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

# service_wait URL...: waits until one of the URLs answers, or the service exits, or 120 s pass.
service_wait() {
  local url
  for _ in $(seq 1 120); do
    for url in "$@"; do
      if curl -sf "$url" >/dev/null 2>&1; then return 0; fi
    done
    service_running || { echo "$NAME exited; see $LOG_FILE" >&2; tail -30 "$LOG_FILE" >&2; return 1; }
    sleep 1
  done
  echo "$NAME not ready after 120 s; see $LOG_FILE" >&2
  return 1
}

service_stop() {
  if service_running; then
    kill "$(cat "$PID_FILE")"
    for _ in $(seq 1 60); do service_running || break; sleep 1; done
    service_running && kill -9 "$(cat "$PID_FILE")" || true
    echo "$NAME stopped"
  fi
  rm -f "$PID_FILE"
}

# service_main start|stop|status: dispatches to the caller's start function.
service_main() {
  case "${1:-}" in
    start) if service_running; then echo "$NAME already running (pid $(cat "$PID_FILE"))"; else start; fi ;;
    stop) service_stop ;;
    status) service_running && echo "$NAME running (pid $(cat "$PID_FILE"))" || echo "$NAME stopped" ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
  esac
}
