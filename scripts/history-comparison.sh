#!/usr/bin/env bash
# Flat cost as data grows: the same load on the one-JVM local stack after N referrals of
# history, for each N in turn, on one data directory. The history goes through the partner API
# only (scripts/load.sh --history); the stack is then stopped (its store compacts its file: the
# size per referral is read then) and started again, so that every load starts from a fresh JVM
# on the stored data. Prints, for each history, the load's
# HTTP accept, intake → first decision and intake → visible in the queue (p50 / p99) and the ratio
# of each p99 to the first history's. The history is filled in steps of FILL_STEP (10,000), the
# stack stopped after each so that the store compacts its file.
#
#   scripts/history-comparison.sh                              # 1,000 then 10,000
#   HISTORIES="1000 100000" RATE=5 SECONDS_OF_LOAD=60 scripts/history-comparison.sh
#
# Run it on a quiet machine. Writes target/history-comparison/report.md. Needs a built tree.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
source scripts/stack-process.sh

HISTORIES="${HISTORIES:-1000 10000}"
RATE="${RATE:-5}"
SECONDS_OF_LOAD="${SECONDS_OF_LOAD:-60}"
CONCURRENCY="${CONCURRENCY:-8}"
FILL_STEP="${FILL_STEP:-10000}"
WORK="$(pwd)/target/history-comparison"
DATA="$WORK/data"
stack_require_built
stack_refuse_running
rm -rf "$WORK"
mkdir -p "$WORK"

figure() { # REPORT NAME → "p50 / p99"
  echo "$(load_cell "$1" "$2" 4) / $(load_cell "$1" "$2" 6)"
}
p99() { # REPORT NAME → p99
  load_cell "$1" "$2" 6
}
history_cell() { # REPORT COLUMN → the cell of the history table's one row
  awk -F'|' 'seen {gsub(/^ +| +$/, "", $c); print $c; exit} /^\| --- /{seen=1}' c="$2" "$1"
}
ratio() { # OURS FIRST → "1.2×"
  if [[ "$1" =~ ^[0-9.]+$ && "$2" =~ ^[0-9.]+$ ]] && [ "$(echo "$2 > 0" | bc)" = 1 ]; then
    printf '%.2f×' "$(echo "$1 / $2" | bc -l)"
  else
    echo "–"
  fi
}

{
  echo "# The same load after growing history ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average before: $(cut -d' ' -f1 /proc/loadavg))"
  echo
  echo "Load: $RATE referrals a second for $SECONDS_OF_LOAD s (one in five on the inbound topic), after a restart on the stored history. Latencies in ms."
  echo
  echo "| history | filled in | database file per referral, compacted as the stack stopped | HTTP accept p50 / p99 | first decision p50 / p99 | visible in the queue p50 / p99 | first decision p99 ratio to the first history | queue p99 ratio |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
} | tee "$WORK/report.md"
filled=0
first_decision=""
first_queue=""
for history in $HISTORIES; do
  # Filled in steps of FILL_STEP, the stack restarted between them: a running store's file grows
  # by 0.2 to 0.7 MB a referral until the stack stops and compacts it (docs/performance.md, "The
  # store's file while it runs"): tens of GB for 100,000 in one run. The filling stack runs with
  # C2, about half the processor a referral of C1 once warm; the loads below keep C1, as before.
  fill_seconds=0
  while [ "$filled" -lt "$history" ]; do
    step=$(( history - filled < FILL_STEP ? history - filled : FILL_STEP ))
    stack_start "$WORK/stack-$history-fill-$filled.log" "$DATA"
    java -XX:+UseSerialGC -Xmx512m -jar "$LOAD_JAR" --data "$DATA" --history "$step" \
      --concurrency "$CONCURRENCY" --drain-seconds 3600 --report "$WORK/history-$history.md" \
      > "$WORK/history-$history.log" 2>&1
    took_step=$(history_cell "$WORK/history-$history.md" 5 | tr -dc '0-9')
    fill_seconds=$(( fill_seconds + ${took_step:-0} ))
    filled=$(( filled + step ))
    stack_stop
  done
  # The store compacts its file as it stops: what the history takes at rest.
  stored=$(history_cell "$WORK/history-$history.md" 6)
  compacted=$(stat -c %s "$DATA/mongo/aiguillage.mv")
  stack_start "$WORK/stack-$history-load.log" "$DATA" -XX:TieredStopAtLevel=1
  java -XX:+UseSerialGC -Xmx512m -jar "$LOAD_JAR" --data "$DATA" --rate "$RATE" --seconds "$SECONDS_OF_LOAD" \
    --drain-seconds 120 --report "$WORK/load-$history.md" > "$WORK/load-$history.log" 2>&1 || true
  stack_stop
  report="$WORK/load-$history.md"
  decision_p99=$(p99 "$report" "intake → first decision")
  queue_p99=$(p99 "$report" "intake → visible in the queue")
  first_decision="${first_decision:-$decision_p99}"
  first_queue="${first_queue:-$queue_p99}"
  took="${fill_seconds} s"
  per=$(printf '%.1f KB (%.1f MiB for %s referrals)' "$(echo "$compacted / $stored / 1000" | bc -l)" \
    "$(echo "$compacted / 1048576" | bc -l)" "$stored")
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$history" "$took" "$per" \
    "$(figure "$report" "HTTP accept")" "$(figure "$report" "intake → first decision")" \
    "$(figure "$report" "intake → visible in the queue")" "$(ratio "$decision_p99" "$first_decision")" \
    "$(ratio "$queue_p99" "$first_queue")" | tee -a "$WORK/report.md"
done
echo
echo "Written to $WORK/report.md (each load's full report beside it)."
