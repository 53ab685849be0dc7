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
exec java -XX:+UseSerialGC -Xms256m -Xmx2g -XX:TieredStopAtLevel=1 \
  -Daiguillage.data="${AIGUILLAGE_DATA:-data}" \
  -jar local-stack/target/aiguillage-local-stack.jar "$@"
