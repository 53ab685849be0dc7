#!/usr/bin/env bash
# Builds what is needed and starts the local stack: a Kafka broker (KRaft, 9092), the embedded
# MongoDB server (27017), the four services (8081-8084) and demo data (six months of demo history
# on a first start: docs/demo-history.md). Ctrl-C stops it; data
# stays in ./data (set AIGUILLAGE_DATA to use another directory).
#   ./run-local.sh --processes   each part (broker, database, authorization server, each service)
#                                in its own JVM, so one can be killed, paused or restarted alone.
#   ./run-local.sh --no-demo-history   starts without playing the demo history.
#   ./run-local.sh --check-invariants   checks the running stack's invariants (docs/reliability.md)
#                                and exits with 1 when one is broken.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/java-home.sh
./mvnw -q -B -DskipTests -pl local-stack -am package
jar=local-stack/target/aiguillage-local-stack.jar
# The client compiler only, with the code space the JVM reserves for both compilers: in the 48 MB
# it reserves for the client compiler alone, every few megabytes of new code start a full
# collection, seconds of stops in the first minute of load (docs/performance.md#warm-up).
options=(-XX:+UseSerialGC -Xms256m -Xmx2g -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=240m
  -Daiguillage.data="${AIGUILLAGE_DATA:-data}")
case " $* " in
  *" --processes "* | *" --check-invariants "*)
    exec java "${options[@]}" -jar "$jar" "$@"
    ;;
esac
# The stack in one JVM starts from an ahead-of-time cache (Java 25, JEP 483 and 515: its classes
# already loaded and linked, the methods' profiles of a first run): 27 to 31 s to "up" instead of
# 47 to 54 s on two cores (docs/performance.md#the-one-jvm-stack-variant-by-variant). The cache
# needs the jar extracted (plain jars, not nested ones); a build whose content changed is extracted
# again and its first run is the training run, which writes the cache as it stops (Ctrl-C).
run=local-stack/target/run-local
if command -v unzip > /dev/null; then
  # The content: each entry's size, checksum and name (a rebuild of the same code changes dates only).
  sum=$(unzip -v "$jar" | awk 'NF == 8 {print $1, $7, $8}' | sha256sum | cut -d' ' -f1)
else
  sum=$(sha256sum "$jar" | cut -d' ' -f1)
fi
if [ "$(cat "$run/jar.sha256" 2>/dev/null)" != "$sum" ]; then
  rm -rf "$run"
  java -Djarmode=tools -jar "$jar" extract --destination "$run" > /dev/null
  echo "$sum" > "$run/jar.sha256"
fi
if [ -f "$run/stack.aot" ]; then
  options+=(-XX:AOTCache="$run/stack.aot")
else
  echo "First run of this build: it records an ahead-of-time cache, written as the stack stops (Ctrl-C; about a minute), for faster starts after." >&2
  options+=(-XX:AOTCacheOutput="$run/stack.aot")
fi
exec java "${options[@]}" -jar "$run/aiguillage-local-stack.jar" "$@"
