#!/usr/bin/env bash
# Builds the container image as an OCI archive, without a Docker daemon or a registry:
# target/peerroom-image.tar (and target/peerroom.jar). Load it with
#   docker load -i target/peerroom-image.tar
# See docs/operations.md. Extra arguments go to Maven (e.g. -o, or -Dbuild.dir=/tmp/x).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in java jlink python3 unzip; do
  command -v "$tool" >/dev/null 2>&1 || { echo "image.sh: needs $tool (a JDK 17 with jlink, python3, unzip)" >&2; exit 1; }
done
build_dir=target
for arg in "$@"; do
  case "$arg" in -Dbuild.dir=*) build_dir=${arg#-Dbuild.dir=} ;; esac
done
mvn -q -B -ntp -Pimage -DskipTests package "$@"
tar=$build_dir/peerroom-image.tar
echo "image.sh: $tar ($(du -h "$tar" | cut -f1)), image $(python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["RepoTags"][0])' < <(tar -xOf "$tar" manifest.json))"
