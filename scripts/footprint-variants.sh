#!/usr/bin/env bash
# Start-up time and resident memory of the one-JVM local stack (./run-local.sh's process),
# variant by variant, on one machine in one run: each variant starts the stack on a fresh data
# directory, waits for its "is up" line, notes its resident memory (VmRSS) idle, then runs the
# load generator against it (RATE a second for SECONDS_OF_LOAD s) and notes the highest resident
# memory (VmHWM) and the load's first-decision p50 / p99. The AOT cache variant (Java 24+, JEP 483
# and 515) first records one training run of the same start and load, then starts from the cache.
#
#   scripts/footprint-variants.sh                       # every variant, 5 a second for 30 s
#   RATE=10 SECONDS_OF_LOAD=60 scripts/footprint-variants.sh c1 aot
#
# Variants: c1 (./run-local.sh's options), c1-extracted (the same on the extracted jar, which
# class-data sharing needs), aot (the extracted jar with an AOT cache; its training run is a row
# too), aot-virtual (the same with virtual threads), c2 (tiered compilation,
# the JVM's default), virtual (virtual threads for requests and listeners), lazy (beans created
# when first used). Run it on a quiet machine: the figures are only comparable within one run.
# Writes target/footprint-variants/report.md. Needs a built tree (./mvnw -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
source scripts/stack-process.sh

RATE="${RATE:-5}"
SECONDS_OF_LOAD="${SECONDS_OF_LOAD:-30}"
IDLE_SECONDS="${IDLE_SECONDS:-15}"
WORK="$(pwd)/target/footprint-variants"
C1=(-XX:TieredStopAtLevel=1)
variants=("$@")
if [ ${#variants[@]} -eq 0 ]; then
  variants=(c1 c1-extracted aot c2 virtual lazy aot-virtual)
fi
stack_require_built
stack_refuse_running
rm -rf "$WORK"
mkdir -p "$WORK"
java -Djarmode=tools -jar "$STACK_JAR" extract --destination "$WORK/extracted" > /dev/null
EXTRACTED="$WORK/extracted/$(basename "$STACK_JAR")"

# run NAME [JVM OPTION…] [--jar JAR]: one start, idle, load and stop; prints one table row.
run() {
  local name="$1"
  shift
  local data="$WORK/data-$name" report="$WORK/$name-load.md"
  stack_start "$WORK/$name.log" "$data" "$@"
  sleep "$IDLE_SECONDS"
  local idle
  idle=$(stack_memory VmRSS)
  java -XX:+UseSerialGC -Xmx512m -jar "$LOAD_JAR" --data "$data" --rate "$RATE" --seconds "$SECONDS_OF_LOAD" \
    --drain-seconds 120 --no-baseline --report "$report" > "$WORK/$name-load.log" 2>&1 || true
  local peak
  peak=$(stack_memory VmHWM)
  stack_stop
  local p50 decision="" accepted=""
  p50=$(load_cell "$report" "intake → first decision" 4)
  [ -n "$p50" ] && decision="$p50 / $(load_cell "$report" "intake → first decision" 6) ms"
  [ -n "$(load_cell "$report" stack 4)" ] && accepted="$(load_cell "$report" stack 4) of $(load_cell "$report" stack 3)"
  printf '| %s | %.1f s | %d MiB | %d MiB | %s | %s |\n' "$name" "$STACK_UP_SECONDS" "$idle" "$peak" \
    "${decision:-–}" "${accepted:-–}" | tee -a "$WORK/report.md"
}

# aot NAME [JVM OPTION…]: a training run that writes the AOT cache when it stops, then a run
# from that cache, both on the extracted jar.
aot() {
  local name="$1"
  shift
  run "$name-training" "$@" -XX:AOTCacheOutput="$WORK/$name.aot" --jar "$EXTRACTED"
  if [ ! -f "$WORK/$name.aot" ]; then
    echo "The training run wrote no AOT cache: see $WORK/$name-training.log" >&2
    exit 1
  fi
  run "$name" "$@" -XX:AOTCache="$WORK/$name.aot" --jar "$EXTRACTED"
}

{
  echo "# The one-JVM local stack, variant by variant ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average before: $(cut -d' ' -f1 /proc/loadavg))"
  echo
  echo "Started without the demo history (${STACK_ARGS[*]}). Load: $RATE referrals a second for $SECONDS_OF_LOAD s through the partner API and the inbound topic."
  echo
  echo "| variant | up in (launch to its \"is up\" line) | resident idle | resident at most | first decision p50 / p99 | accepted |"
  echo "| --- | --- | --- | --- | --- | --- |"
} | tee "$WORK/report.md"
for variant in "${variants[@]}"; do
  case "$variant" in
    c1) run c1 "${C1[@]}" ;;
    c1-extracted) run c1-extracted "${C1[@]}" --jar "$EXTRACTED" ;;
    aot) aot aot "${C1[@]}" ;;
    aot-virtual) aot aot-virtual "${C1[@]}" -Dspring.threads.virtual.enabled=true ;;
    c2) run c2 ;;
    virtual) run virtual "${C1[@]}" -Dspring.threads.virtual.enabled=true ;;
    lazy) run lazy "${C1[@]}" -Dspring.main.lazy-initialization=true ;;
    *) echo "Unknown variant $variant" >&2; exit 1 ;;
  esac
done
echo
echo "Written to $WORK/report.md"
