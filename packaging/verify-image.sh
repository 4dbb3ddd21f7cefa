#!/usr/bin/env bash
# Proves the container image runs, without Docker: builds target/peerroom-image.tar (unless
# IMAGE_TAR names one), unpacks its layers into a root file system as a container runtime would,
# and runs the image's own entrypoint, environment and user in it (chroot, with its own mount and
# PID namespaces: the JVM is PID 1, as in a container; the network is the host's). Checks, from
# the host, on 127.0.0.1 only:
#   1. plain start: runs as the image's user, epoll transport, the image sets PEERROOM_HOST=0.0.0.0
#      (the test binds 127.0.0.1 with --host), GET /health is 200, GET /metrics has PeerRoom's and the JVM's metrics;
#      SIGTERM stops it cleanly (exit 143, "PeerRoom stopped")
#   2. TLS with an EC certificate and JSON logs: https /health is 200 (the runtime has the EC
#      crypto), every log line is a JSON object and one says "listening on"
#   3. with redis-server installed: a cluster node joins through a Redis of its own
# Needs root (chroot, namespaces), python3, curl and openssl. Usage: packaging/verify-image.sh [mvn args]
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

fail() { echo "verify-image.sh: FAIL: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "needs root (chroot and namespaces)"
for tool in python3 curl openssl unshare chroot; do
  command -v "$tool" >/dev/null 2>&1 || fail "needs $tool"
done

work=$(mktemp -d /tmp/peerroom-image-verify.XXXXXX)
server=""
redis=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill -KILL "$server" 2>/dev/null || true; fi
  if [ -n "$redis" ] && kill -0 "$redis" 2>/dev/null; then kill "$redis" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

tar=${IMAGE_TAR:-}
if [ -z "$tar" ]; then
  scripts/image.sh -Dbuild.dir="$work/build" "$@" >/dev/null
  tar=$work/build/peerroom-image.tar
fi
[ -s "$tar" ] || fail "no image archive at $tar"
built=$SECONDS

rootfs=$work/rootfs
python3 packaging/oci_image.py unpack "$tar" "$rootfs" "$work/config"
mapfile -d '' entrypoint <"$work/config/entrypoint"
mapfile -d '' image_env <"$work/config/env"
user=$(cat "$work/config/user")
[ "${#entrypoint[@]}" -gt 0 ] || fail "the image has no entrypoint"
[ -n "$user" ] || fail "the image has no user"
[ "${user%%:*}" != 0 ] && [ "${user%%:*}" != root ] || fail "the image runs as root ($user)"
grep -qx "9000/tcp" <(tr ' ' '\n' <"$work/config/ports") || fail "the image does not expose 9000/tcp"
echo "verify-image.sh: unpacked $(du -sh "$rootfs" | cut -f1) ($(du -h "$tar" | cut -f1) archive); user $user; entrypoint ${entrypoint[*]}"

chroot=$(command -v chroot)
launcher=""
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Starts the image's entrypoint with extra arguments; $1 is the log file, further NAME=value
# words before "--" are extra environment variables (as `docker run -e`).
start() {
  local log=$1; shift
  local -a extra_env=()
  while [ "$1" != "--" ]; do extra_env+=("$1"); shift; done
  shift
  # What a runtime provides: /proc, a few device nodes, nothing else from the host.
  unshare --mount --pid --fork --kill-child bash -c '
      set -e
      root=$1; shift
      mkdir -p "$root/proc" "$root/dev"
      mount -t proc proc "$root/proc"
      mount -t tmpfs -o mode=755 tmpfs "$root/dev"
      for node in null zero random urandom; do touch "$root/dev/$node"; mount --bind "/dev/$node" "$root/dev/$node"; done
      exec "$@"' \
    _ "$rootfs" env -i "${image_env[@]}" "${extra_env[@]}" \
    "$chroot" --userspec="$user" "$rootfs" "${entrypoint[@]}" "$@" >"$log" 2>&1 &
  launcher=$!
  # The JVM is the launcher's child (unshare forks, then bash execs into chroot, then java).
  for _ in $(seq 100); do
    server=$(pgrep -P "$launcher" || true)
    [ -n "$server" ] && return 0
    sleep 0.05
  done
  fail "the image's process did not start: $(cat "$log")"
}

await_listening() {
  local log=$1
  for _ in $(seq 300); do
    grep -q "listening on" "$log" && return 0
    kill -0 "$server" 2>/dev/null || fail "the server exited before listening: $(cat "$log")"
    sleep 0.1
  done
  fail "no 'listening on' line within 30 s: $(cat "$log")"
}

# SIGTERM, as `docker stop` sends: the server closes its sockets and the JVM exits with 143.
stop() {
  local log=$1 code=0
  kill -TERM "$server"
  for _ in $(seq 100); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$server" 2>/dev/null && fail "still running 10 s after SIGTERM: $(cat "$log")"
  server=""
  wait "$launcher" || code=$?
  [ "$code" = 143 ] || fail "exit code $code after SIGTERM, not 143: $(cat "$log")"
  grep -q "PeerRoom stopped" "$log" || fail "no clean stop after SIGTERM: $(cat "$log")"
}

# 1. Plain start with the image's defaults.
port=$(free_port)
# The image binds 0.0.0.0 (its PEERROOM_HOST); here the flag, which beats the variable, keeps the
# test on loopback.
printf '%s\n' "${image_env[@]}" | grep -qx "PEERROOM_HOST=0.0.0.0" || fail "the image does not set PEERROOM_HOST=0.0.0.0"
start "$work/plain.log" -- --host 127.0.0.1 --port "$port"
await_listening "$work/plain.log"
grep -q "listening on 127.0.0.1:$port " "$work/plain.log" || fail "not on 127.0.0.1:$port: $(cat "$work/plain.log")"
grep -q "transport epoll" "$work/plain.log" || fail "Netty's epoll library did not load: $(cat "$work/plain.log")"
uid=$(awk '/^Uid:/ {print $2}' "/proc/$server/status")
[ "$uid" = "${user%%:*}" ] || fail "runs as uid $uid, not the image's ${user%%:*}"
health=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/health")
[ "$health" = 200 ] || fail "GET /health answered $health"
metrics=$(curl -sf --max-time 5 "http://127.0.0.1:$port/metrics") || fail "GET /metrics failed"
for name in peerroom_peers_connected peerroom_messages_routed_total jvm_memory_used_bytes process_cpu_usage; do
  grep -q "^$name" <<<"$metrics" || fail "/metrics lacks $name"
done
stop "$work/plain.log"
echo "verify-image.sh: plain start OK (uid $uid, epoll, /health 200, /metrics, SIGTERM)"

# 2. TLS with an EC key (mounted in, as a secret would be) and JSON logs.
mkdir -p "$rootfs/run/secrets"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
  -keyout "$rootfs/run/secrets/key.pem" -out "$rootfs/run/secrets/cert.pem" 2>/dev/null
openssl pkcs8 -topk8 -nocrypt -in "$rootfs/run/secrets/key.pem" -out "$rootfs/run/secrets/key.pkcs8.pem"
chown -R "$user" "$rootfs/run/secrets"
port=$(free_port)
start "$work/tls.log" PEERROOM_LOG_FORMAT=json PEERROOM_TLS_CERT=/run/secrets/cert.pem \
  PEERROOM_TLS_KEY=/run/secrets/key.pkcs8.pem -- --host 127.0.0.1 --port "$port"
await_listening "$work/tls.log"
health=$(curl -sk -o /dev/null -w '%{http_code}' --max-time 5 "https://127.0.0.1:$port/health")
[ "$health" = 200 ] || fail "GET https /health answered $health: $(cat "$work/tls.log")"
stop "$work/tls.log"
python3 - "$work/tls.log" <<'PY' || fail "the JSON log is not JSON: $(cat "$work/tls.log")"
import json, sys
events = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
assert all(isinstance(e, dict) and {"timestamp", "level", "logger", "message"} <= e.keys() for e in events)
assert any("listening on 127.0.0.1:" in e["message"] and "https and wss" in e["message"] for e in events)
PY
echo "verify-image.sh: TLS (EC key) and JSON logs OK"

# 3. A cluster node on a Redis of its own (the Redis client's needs of the runtime), when
#    redis-server is installed (scripts/test.sh installs it).
if command -v redis-server >/dev/null 2>&1; then
  redis_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis.log" 2>&1 &
  redis=$!
  port=$(free_port)
  start "$work/cluster.log" PEERROOM_REDIS="redis://127.0.0.1:$redis_port" -- --host 127.0.0.1 --port "$port"
  await_listening "$work/cluster.log"
  health=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/health")
  [ "$health" = 200 ] || fail "cluster node: GET /health answered $health: $(cat "$work/cluster.log")"
  grep -q "joined through redis://" "$work/cluster.log" || fail "did not join the cluster: $(cat "$work/cluster.log")"
  stop "$work/cluster.log"
  kill "$redis"
  wait "$redis" 2>/dev/null || true
  echo "verify-image.sh: cluster node on Redis OK"
else
  echo "verify-image.sh: no redis-server here: cluster check skipped"
fi
echo "verify-image.sh: PASS in $((SECONDS - started)) s (build $((built - started)) s)"
