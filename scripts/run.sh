#!/usr/bin/env bash
# Builds PeerRoom if needed and runs it in the foreground; extra arguments are server flags.
# The build needs Java 17+, Maven, and npm (it fetches the PeerJS client that /demo serves); as
# root on Debian, missing ones are installed with apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/need.sh
if [ ! -f target/peerroom.jar ] || [ -n "$(find src pom.xml -newer target/peerroom.jar -print -quit)" ]; then
  have java || apt_install openjdk-17-jdk-headless
  have mvn || apt_install maven
  have npm || apt_install npm
  mvn -q -B -ntp -DskipTests package
fi
exec java -jar target/peerroom.jar "$@"
