#!/usr/bin/env bash
# The soak: starts the PeerRoom jar with the soak's settings, raises the open-files limit, runs
# `peerroom bench soak` against it (10,000 connections for 10 minutes by default, with churn and
# signaling bursts) and keeps the report under bench/results/. Builds nothing.
# See docs/reliability.md for what it checks and the recorded figures.
set -uo pipefail

usage() {
    cat <<'EOF'
Usage: bench/soak.sh [--connections N] [--duration D] [--churn N] [--out DIR] [--quick] [-- BENCH-SOAK-ARGS...]

  --connections N   connections held (default 10000)
  --duration D      length of the run after the connections opened, e.g. 10m, 90s (default 10m)
  --churn N         sockets closed plus opened per second (default 50)
  --out DIR         where the report and the logs go (default bench/results/soak-<timestamp>)
  --quick           2,000 connections for 2 minutes: a check of the tooling, not the soak
  -- ARGS           passed on to `bench soak` (see: java -jar target/peerroom.jar bench soak --help)

Uses target/peerroom.jar, or $JAR. Build it first: mvn -q -DskipTests package
The server runs with --idle-room-ttl 10s, so that the baseline and the end are read from a server
that holds no room; everything else is its default.
EOF
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="${JAR:-$ROOT/target/peerroom.jar}"
CONNECTIONS=10000
DURATION=10m
CHURN=50
OUT=""
EXTRA=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --connections) CONNECTIONS="${2:?--connections needs a number}"; shift 2 ;;
        --duration) DURATION="${2:?--duration needs a duration}"; shift 2 ;;
        --churn) CHURN="${2:?--churn needs a number}"; shift 2 ;;
        --out) OUT="${2:?--out needs a directory}"; shift 2 ;;
        --quick) CONNECTIONS=2000; DURATION=2m; shift ;;
        --) shift; EXTRA=("$@"); break ;;
        -h|--help) usage; exit 0 ;;
        *) echo "soak.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done

[[ -f "$JAR" ]] || { echo "soak.sh: $JAR is missing: build it (mvn -q -DskipTests package) or set JAR" >&2; exit 1; }
command -v java >/dev/null || { echo "soak.sh: java is missing" >&2; exit 1; }

# Client and server share this machine: each holds one descriptor per connection.
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
NOFILE="$(ulimit -n)"
if [[ "$NOFILE" != unlimited && "$NOFILE" -lt $((CONNECTIONS + 200)) ]]; then
    echo "soak.sh: $CONNECTIONS connections need about $((CONNECTIONS + 200)) open files per process;" \
         "ulimit -n is $NOFILE (hard limit $(ulimit -Hn))" >&2
    exit 1
fi

STAMP="$(date +%Y%m%d-%H%M%S)"
OUT="${OUT:-$ROOT/bench/results/soak-$STAMP}"
mkdir -p "$OUT" || exit 1
OUT="$(cd "$OUT" && pwd)"

LOAD="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')"
{
    echo "date:     $(date -Is)"
    echo "cores:    $(nproc)"
    echo "cpu:      $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')"
    echo "kernel:   $(uname -sr)"
    echo "java:     $(java -version 2>&1 | head -1)"
    echo "nofile:   $NOFILE"
    echo "load:     $(cat /proc/loadavg 2>/dev/null)"
    echo "jar:      $JAR"
    echo "settings: --connections $CONNECTIONS --duration $DURATION --churn $CHURN ${EXTRA[*]}"
} >"$OUT/machine.txt"
cat "$OUT/machine.txt"
if awk -v l="$LOAD" 'BEGIN { exit !(l > 1.0) }'; then
    echo "soak.sh: warning: load average $LOAD; a busy machine starves sockets and shows as false expiries" >&2
fi

# The server: defaults, but idle rooms go after 10 s instead of 5 min (the baseline and the end are
# read once the server holds no room). Every connection comes from 127.0.0.1: per-address limits, where
# the build has them, are lifted.
SERVER_ARGS=(--host 127.0.0.1 --port 0 --idle-room-ttl 10s)
if java -jar "$JAR" --help 2>/dev/null | grep -q -- '--max-connections-per-ip'; then
    SERVER_ARGS+=(--max-connections-per-ip 0 --max-upgrades-per-ip 0)
fi
PEERROOM_LOG_LEVEL=INFO java -jar "$JAR" "${SERVER_ARGS[@]}" >"$OUT/server.log" 2>&1 </dev/null &
SERVER_PID=$!
cleanup() {
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null
        for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null
    fi
    wait "$SERVER_PID" 2>/dev/null
}
trap cleanup EXIT
trap 'echo; echo "soak.sh: interrupted" >&2; exit 130' INT TERM

PORT=""
for _ in $(seq 1 300); do
    PORT="$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$OUT/server.log" | head -1)"
    [[ -n "$PORT" ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
done
if [[ -z "$PORT" ]]; then
    echo "soak.sh: the server did not start; its log ($OUT/server.log):" >&2
    cat "$OUT/server.log" >&2
    exit 1
fi
echo "server: pid $SERVER_PID on port $PORT (${SERVER_ARGS[*]})"

# The summary goes to soak.log; the progress line (stderr) only to a terminal, problems to soak.err too.
URL="ws://127.0.0.1:$PORT/rooms/{room}/peerjs?key=peerjs&id={id}&token={token}"
PROGRESS=()
[[ -t 2 ]] || PROGRESS=(--no-progress)
java -jar "$JAR" bench soak --url "$URL" --connections "$CONNECTIONS" --duration "$DURATION" --churn "$CHURN" \
    --server-pid "$SERVER_PID" --report "$OUT/report.json" "${PROGRESS[@]}" "${EXTRA[@]}" \
    2> >(tee "$OUT/soak.err" >&2) | tee "$OUT/soak.log"
STATUS=${PIPESTATUS[0]}
echo "soak.sh: report in $OUT/report.json (exit $STATUS)"
exit "$STATUS"
