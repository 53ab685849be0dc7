#!/usr/bin/env bash
# Where the embedded store's bytes go (docs/performance.md, "Storage per referral"): the file as
# it is, compacted, and compacted with compressed pages, and each collection's documents with their
# size as BSON and as the store keeps them. Run it on a stopped stack's file (it reads a copy):
#   scripts/store-footprint.sh data/mongo/aiguillage.mv 500
# the second argument, the number of referrals, divides the figures per referral.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
if [ ! -f local-stack/target/aiguillage-local-stack.jar ]; then
  ./mvnw -q -B -DskipTests -pl local-stack -am package
fi
exec java -cp local-stack/target/aiguillage-local-stack.jar \
  -Dloader.main=ca.aiguillage.localstack.StoreFootprint \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"
