#!/usr/bin/env bash
# Builds PeerRoom if needed and runs it in the foreground; extra arguments are server flags.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f target/peerroom.jar ] || [ -n "$(find src pom.xml -newer target/peerroom.jar -print -quit)" ]; then
  mvn -q -B -ntp -DskipTests package
fi
exec java -jar target/peerroom.jar "$@"
