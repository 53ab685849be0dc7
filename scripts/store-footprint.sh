#!/usr/bin/env bash
# Where the embedded store's bytes go (docs/performance.md, "Storage per referral"): the file as
# it is, compacted, and compacted with compressed pages, and each collection's documents with their
# size as BSON and as the store keeps them, and the file's chunks map by map (on a copy taken while
# the stack runs, what its commits wrote: docs/performance.md, "The store's file while it runs").
# Run it on a stopped stack's file (it reads a copy):
#   scripts/store-footprint.sh data/mongo/aiguillage.mv 500
# the second argument, the number of referrals, divides the figures per referral.
exec "$(dirname "$0")/stack-main.sh" StoreFootprint "$@"
