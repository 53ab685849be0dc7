# Sourced by the measuring scripts: start and stop the one-JVM local stack (the process
# ./run-local.sh runs) and find the built jars. Not a command of its own.

STACK_JAR="$(pwd)/local-stack/target/aiguillage-local-stack.jar"
LOAD_JAR="$(pwd)/load-generator/target/load-generator.jar"
# As ./run-local.sh (the code space: docs/performance.md#warm-up); the compiler is each script's.
STACK_OPTIONS=(-XX:+UseSerialGC -Xms256m -Xmx2g -XX:ReservedCodeCacheSize=240m)
STACK_PID=""
# Arguments after the jar: without the demo history (26 weeks played on a fresh data directory,
# some 4 to 5 minutes on two cores), the stack holds exactly what the measurement puts in it.
STACK_ARGS=(--no-demo-history)

stack_require_built() {
  for needed in "$STACK_JAR" "$LOAD_JAR"; do
    [ -f "$needed" ] || { echo "Missing $needed: build first (./mvnw -B -DskipTests package)." >&2; exit 1; }
  done
}

stack_refuse_running() {
  if (exec 3<>/dev/tcp/127.0.0.1/8081) 2>/dev/null; then
    echo "Port 8081 is taken: stop the running local stack first." >&2
    exit 1
  fi
}

# stack_start LOG DATA_DIR [JVM OPTION…] [--jar JAR]: starts the stack and returns once it says
# it is up; STACK_PID is its process, STACK_UP_SECONDS the time from launch to that line.
stack_start() {
  local log="$1" data="$2" jar="$STACK_JAR"
  shift 2
  local options=()
  while [ $# -gt 0 ]; do
    if [ "$1" = "--jar" ]; then
      jar="$2"
      shift 2
    else
      options+=("$1")
      shift
    fi
  done
  local began
  began=$(date +%s.%N)
  java "${STACK_OPTIONS[@]}" "${options[@]}" -Daiguillage.data="$data" -jar "$jar" "${STACK_ARGS[@]}" > "$log" 2>&1 &
  STACK_PID=$!
  until grep -q 'local stack is up in' "$log"; do
    if ! kill -0 "$STACK_PID" 2>/dev/null; then
      echo "The stack stopped before it was up: see $log" >&2
      exit 1
    fi
    sleep 0.2
  done
  STACK_UP_SECONDS=$(echo "$(date +%s.%N) - $began" | bc)
}

# stack_memory FIELD: VmRSS (resident now) or VmHWM (resident at most), in MiB.
stack_memory() {
  awk -v field="$1:" '$1 == field {print int($2 / 1024)}' "/proc/$STACK_PID/status"
}

# load_cell REPORT NAME COLUMN: a cell of the load report's row whose first cell starts with
# NAME (the load generator's markdown tables; column 2 is the first cell).
load_cell() {
  awk -F'|' -v name="$2" -v c="$3" 'index($2, " " name) == 1 {gsub(/ /, "", $c); print $c; exit}' "$1"
}

stack_stop() {
  kill -TERM "$STACK_PID"
  wait "$STACK_PID" 2>/dev/null || true
}
