#!/usr/bin/env bash
# Runs every test, as CI does. Provisions what the tests need when it is missing: a Java 25
# JDK is selected (scripts/java-home.sh), and Debian's chromium and chromium-driver are
# installed for the browser tests (as root, or through sudo). Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/java-home.sh
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "Installing Debian's chromium and chromium-driver for the browser tests…"
  sudo_cmd=()
  if [ "$(id -u)" != "0" ]; then
    sudo_cmd=(sudo)
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq chromium chromium-driver
fi
# Two modules at a time (the services do not depend on each other): on 2 cores the suite fits
# its 25-minute budget; each module's own tests still run one class at a time.
exec ./mvnw -B -T 2 verify "$@"
