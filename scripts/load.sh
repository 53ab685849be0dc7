#!/usr/bin/env bash
# Load against the running local stack (./run-local.sh in another terminal), from the root of the
# tree; every argument goes to the generator (docs/performance.md):
#   scripts/load.sh --rate 50 --seconds 60
#   scripts/load.sh --ramp 10:200 --seconds 120 --report target/load-ramp.md
#   scripts/load.sh --history 1000
#   scripts/load.sh --history 1000 --closed 80     # then withdraws the oldest 80 %
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
if [ ! -f load-generator/target/load-generator.jar ] || [ -n "${AIGUILLAGE_REBUILD:-}" ]; then
  ./mvnw -q -B -DskipTests -pl load-generator -am package
fi
exec java -XX:+UseSerialGC -Xmx512m -jar load-generator/target/load-generator.jar \
  --data "${AIGUILLAGE_DATA:-data}" "$@"
