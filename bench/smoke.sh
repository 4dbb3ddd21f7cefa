#!/usr/bin/env bash
# A few seconds of `bench` against the jar, so the tool cannot rot: part of scripts/test.sh.
# Full benchmarks are bench/compare.sh (not run in CI).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/peerroom.jar
log=$(mktemp)
java -jar "$JAR" --host 127.0.0.1 --port 0 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT
port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log" | head -1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "bench smoke: the server did not start"; cat "$log"; exit 1; }
url="ws://127.0.0.1:$port/rooms/{room}/peerjs?key=peerjs&id={id}&token={token}"
java -jar "$JAR" bench relay --url "$url" --connections 40 --rate 400 --duration 2s --warmup 1s \
  --server-pid "$server" --check --no-progress
java -jar "$JAR" bench connect --url "$url" --connections 200 --hold 1s --check --no-progress
echo "bench smoke: passed"
