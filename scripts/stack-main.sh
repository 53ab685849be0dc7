#!/usr/bin/env bash
# Runs one of the local stack's commands with Java 25, from the root of the tree, building the
# local stack's jar first when it is missing (or when AIGUILLAGE_REBUILD is set). JVM options for
# the command itself go in AIGUILLAGE_JAVA_OPTS. For example (docs/reliability.md,
# docs/performance.md):
#   scripts/stack-main.sh Soak 10000 5
#   scripts/stack-main.sh Footprint 600 10
#   scripts/stack-main.sh Instances 600 5
#   scripts/stack-main.sh DurabilityBenchmark 50
#   scripts/stack-main.sh invariants.InvariantCheck mongodb://127.0.0.1:27017 127.0.0.1:9092
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
if [ $# -lt 1 ]; then
  echo "usage: scripts/stack-main.sh COMMAND [arguments...] (COMMAND: Soak, Footprint, Instances, DurabilityBenchmark, StoreFootprint, invariants.InvariantCheck)" >&2
  exit 2
fi
command="$1"
shift
if [ ! -f local-stack/target/aiguillage-local-stack.jar ] || [ -n "${AIGUILLAGE_REBUILD:-}" ]; then
  ./mvnw -q -B -DskipTests -pl local-stack -am package
fi
# shellcheck disable=SC2086
exec java ${AIGUILLAGE_JAVA_OPTS:-} -cp local-stack/target/aiguillage-local-stack.jar \
  -Dloader.main="ca.aiguillage.localstack.$command" \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"
