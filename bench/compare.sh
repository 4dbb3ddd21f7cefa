#!/usr/bin/env bash
# Runs the same workloads against three PeerJS servers, one after the other, and reports them side
# by side: the floor relay (`peerroom bench floor`), the reference server (npm `peer`, pinned in
# bench/package.json) and PeerRoom. The server runs on core 0, the load generator on core 1.
# See bench/README.md for the method and the meaning of every figure.
set -uo pipefail

usage() {
    cat <<'EOF'
Usage: bench/compare.sh [--runs N] [--quick] [--out DIR] [--only floor,peer,peerroom]

  --runs N      run the whole comparison N times; figures are the medians of the runs (default 1)
  --quick       a smoke check: short runs, fewer connections (about 2 minutes for all three)
  --out DIR     where raw JSON, logs and report.html go (default bench/results/<timestamp>)
  --only LIST   servers to run, comma-separated: floor, peer (the reference), peerroom
                (default: all three)

Workloads per server (each on a freshly started server):
  relay at 1k, 5k and 20k msg/s with 1,000 connections (20 s after 5 s of warm-up), max
  (1,200 connections, steps of x1.3 up to 100k msg/s),
  connect with 10,000 connections.
EOF
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
JAR="${PEERROOM_JAR:-$ROOT/target/peerroom.jar}"   # PEERROOM_JAR: test another build
PEER_BIN="$BENCH/node_modules/peer/dist/bin/peerjs.js"

RUNS=1
QUICK=0
OUT=""
ONLY="floor,peer,peerroom"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) RUNS="${2:?--runs needs a number}"; shift 2 ;;
        --runs=*) RUNS="${1#*=}"; shift ;;
        --quick) QUICK=1; shift ;;
        --out) OUT="${2:?--out needs a directory}"; shift 2 ;;
        --out=*) OUT="${1#*=}"; shift ;;
        --only) ONLY="${2:?--only needs a list}"; shift 2 ;;
        --only=*) ONLY="${1#*=}"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "compare.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: --runs must be a positive integer" >&2; exit 2; }

SERVERS=()
IFS=',' read -r -a requested <<<"$ONLY"
for s in floor peer peerroom; do   # always in this order
    for r in "${requested[@]}"; do [[ "$r" == "$s" ]] && SERVERS+=("$s"); done
done
for r in "${requested[@]}"; do
    case "$r" in floor|peer|peerroom) ;; *) echo "compare.sh: unknown server in --only: $r" >&2; exit 2 ;; esac
done
[[ ${#SERVERS[@]} -gt 0 ]] || { echo "compare.sh: --only selects no server" >&2; exit 2; }

# The workloads. --quick keeps the rates (so the figures keep their names) but shortens everything.
RATES=(1000 5000 20000)
RELAY_CONNECTIONS=1000
if [[ $QUICK == 1 ]]; then
    DURATION=2s
    WARMUP=1s
    CONNECT_CONNECTIONS=2000
    CONNECT_ARGS=(--hold 1s)
    # Three coarse steps of 1 s (after 1 s of warm-up each): it only shows that the search runs.
    MAX_ARGS=(--connections "$RELAY_CONNECTIONS" --warmup 1s --start 10000 --step 15000 --step-duration 1s
              --max-steps 3)
else
    # BENCH_DURATION / BENCH_WARMUP shorten the relay runs when several runs must fit in a session.
    DURATION=${BENCH_DURATION:-20s}
    WARMUP=${BENCH_WARMUP:-5s}
    CONNECT_CONNECTIONS=10000
    # A first storm of half as many connections (opened, then closed) warms both sides. The storm
    # then reads memory after its first half: "RSS per idle connection" is the growth from the
    # second half alone, which no server can serve from memory freed by the warm-up (see
    # bench/README.md). The figure from the fresh server, one-time growth included, is reported too.
    # Three such storms, one after the other: a fresh server's JIT compiles its handshake path
    # during the first ones, and the figures are meant to be the steady state.
    CONNECT_ARGS=(--warmup-connections "$((CONNECT_CONNECTIONS / 2))" --warmup-rounds 3)
    # Steps of x1.3 up to 100k msg/s, the last step at the cap. 1,200 connections keep that at 83 msg/s
    # per connection, under PeerRoom's 100/s rate limit.
    MAX_ARGS=(--connections 1200 --step-factor 1.3 --step-duration ${BENCH_STEP:-5s} --max-rate 100000)
fi

for tool in java node taskset; do
    command -v "$tool" >/dev/null || { echo "compare.sh: $tool is missing" >&2; exit 1; }
done
if [[ $(nproc) -lt 2 ]]; then
    echo "compare.sh: needs two cores (server on core 0, generator on core 1); this process sees $(nproc)" >&2
    exit 1
fi

STAMP="$(date +%Y%m%d-%H%M%S)"
OUT="${OUT:-$BENCH/results/$STAMP}"
mkdir -p "$OUT" || exit 1
OUT="$(cd "$OUT" && pwd)"

# Each server opens one socket per connection; so does the generator.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
NOFILE="$(ulimit -n)"

# ---------------------------------------------------------------------------------------------
# The servers, and a trap that stops every one we started, whatever happens.
SERVER_PID=""
SERVER_NAME=""
stop_server() {
    local pid="$SERVER_PID"
    [[ -n "$pid" ]] || return 0
    SERVER_PID=""
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        # The reference server's SIGTERM handler waits for every WebSocket to close: don't wait.
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null
    return 0
}
GEN_PID=""
cleanup() {
    [[ -n "$GEN_PID" ]] && kill -TERM "$GEN_PID" 2>/dev/null
    stop_server
}
trap cleanup EXIT
trap 'echo; echo "compare.sh: interrupted" >&2; exit 130' INT TERM

free_port() {
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# start_server NAME PORT LOG: runs the server on core 0 in the background; SERVER_PID is the
# server's own pid (the subshell execs taskset, which execs the server).
start_server() {
    local name="$1" port="$2" log="$3"
    local cmd
    case "$name" in
        floor) cmd=(java -jar "$JAR" bench floor --host 127.0.0.1 --port "$port") ;;
        # The CLI caps registrations at 5,000 by default: lifted so that `connect` can hold 10,000.
        peer) cmd=(node "$PEER_BIN" --host 127.0.0.1 --port "$port" --concurrent_limit 1000000) ;;
        peerroom) cmd=(java -jar "$JAR" --host 127.0.0.1 --port "$port") ;;
    esac
    ( exec taskset -c 0 "${cmd[@]}" ) >"$log" 2>&1 </dev/null &
    SERVER_PID=$!
    SERVER_NAME="$name"
    local deadline=$((SECONDS + 60))
    while ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "compare.sh: $name exited before listening; its log ($log):" >&2
            tail -n 20 "$log" >&2
            SERVER_PID=""
            return 1
        fi
        if (( SECONDS > deadline )); then
            echo "compare.sh: $name is not listening on $port after 60 s" >&2
            stop_server
            return 1
        fi
        sleep 0.1
    done
}

url_template() {
    local name="$1" port="$2"
    case "$name" in
        peerroom) echo "ws://127.0.0.1:$port/rooms/{room}/peerjs?key=peerjs&id={id}&token={token}" ;;
        *) echo "ws://127.0.0.1:$port/peerjs?key=peerjs&id={id}&token={token}" ;;
    esac
}

# generate FILE ARGS...: runs the generator on core 1; its JSON goes to FILE, its progress line
# and summary to the terminal and FILE's .log. Returns the generator's status.
generate() {
    local file="$1"; shift
    taskset -c 1 java -jar "$JAR" bench "$@" --server-pid "$SERVER_PID" --json \
        >"$file" 2> >(tee "${file%.json}.log" >&2) </dev/null &
    GEN_PID=$!
    wait "$GEN_PID"
    local status=$?
    GEN_PID=""
    return $status
}

# ---------------------------------------------------------------------------------------------
# The machine, the tools, and what each server needs.
{
    echo "machine:  $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo)"
    echo "kernel:   $(uname -srm)"
    echo "java:     $(java -version 2>&1 | head -n 2 | tr '\n' ' ' | sed 's/ *$//')"
    echo "node:     $(node --version)"
    echo "open files: $NOFILE (ulimit -n)"
    echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before the first run"
    echo "pinning:  server on core 0, generator on core 1 (taskset)"
    echo "mode:     $([[ $QUICK == 1 ]] && echo quick || echo full), $RUNS run(s), servers: ${SERVERS[*]}"
    echo "out:      $OUT"
} | tee "$OUT/machine.txt"
echo

need_jar=0
[[ -f "$JAR" ]] || need_jar=1
if [[ $need_jar == 1 ]]; then
    echo "building target/peerroom.jar (mvn -q -DskipTests package)"
    (cd "$ROOT" && mvn -q -DskipTests package) || { echo "compare.sh: the build failed" >&2; exit 1; }
    [[ -f "$JAR" ]] || { echo "compare.sh: no $JAR after the build" >&2; exit 1; }
fi
# Run from a copy: a rebuild during the run must not swap classes under a live JVM.
mkdir -p "$OUT"
cp "$JAR" "$OUT/peerroom.jar"
JAR="$OUT/peerroom.jar"
if [[ " ${SERVERS[*]} " == *" peer "* && ! -f "$PEER_BIN" ]]; then
    echo "installing the reference server (npm ci in bench/)"
    (cd "$BENCH" && npm ci --no-audit --no-fund --loglevel=error) || { echo "compare.sh: npm ci failed" >&2; exit 1; }
fi
PEER_VERSION="$(node -p 'require(process.argv[1]).version' "$BENCH/node_modules/peer/package.json" 2>/dev/null || echo "not installed")"
echo "reference: peer $PEER_VERSION" | tee -a "$OUT/machine.txt"
# Both cores are used: anything else running skews every figure (and the generator's headroom).
if awk '{exit !($1 > 0.5)}' /proc/loadavg; then
    echo "WARNING: the machine is busy (load $(cut -d' ' -f1 /proc/loadavg)); the figures will be noisy." \
         "Run on an otherwise idle machine." | tee -a "$OUT/machine.txt" >&2
fi

node -e '
const [out, quick, runs, servers, rates, relayConns, duration, warmup, connectConns, peerVersion, nofile] = process.argv.slice(1);
require("fs").writeFileSync(out + "/meta.json", JSON.stringify({
  quick: quick === "1", runs: +runs, servers: servers.split(" "), rates: rates.split(" ").map(Number),
  relayConnections: +relayConns, duration, warmup, connectConnections: +connectConns,
  peerVersion, openFiles: +nofile, started: new Date().toISOString(),
  machine: require("fs").readFileSync(out + "/machine.txt", "utf8")}, null, 2));
' "$OUT" "$QUICK" "$RUNS" "${SERVERS[*]}" "${RATES[*]}" "$RELAY_CONNECTIONS" "$DURATION" "$WARMUP" \
    "$CONNECT_CONNECTIONS" "$PEER_VERSION" "$NOFILE" || exit 1

# ---------------------------------------------------------------------------------------------
# The runs: for each run, each server, each workload on a freshly started server.
FAILURES=0
workload() {   # workload RUN_DIR SERVER NAME ARGS...
    local dir="$1" server="$2" name="$3"; shift 3
    local port; port="$(free_port)" || return 1
    echo "== $server: $name"
    if ! start_server "$server" "$port" "$dir/$name.server.log"; then
        FAILURES=$((FAILURES + 1))
        return 0
    fi
    local url; url="$(url_template "$server" "$port")"
    local extra=()
    [[ "$server" == peerroom && "$1" == connect ]] && extra=(--metrics-url "http://127.0.0.1:$port/metrics")
    if ! generate "$dir/$name.json" "$@" --url "$url" "${extra[@]}"; then
        echo "compare.sh: $server $name: the generator failed (see $dir/$name.log)" >&2
        FAILURES=$((FAILURES + 1))
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "compare.sh: $server died during $name (see $dir/$name.server.log)" >&2
        FAILURES=$((FAILURES + 1))
    fi
    stop_server
}

for run in $(seq 1 "$RUNS"); do
    for server in "${SERVERS[@]}"; do
        dir="$OUT/run-$run/$server"
        mkdir -p "$dir"
        echo
        echo "=== run $run/$RUNS: $server"
        for rate in "${RATES[@]}"; do
            workload "$dir" "$server" "relay-$rate" relay --connections "$RELAY_CONNECTIONS" --rate "$rate" \
                --duration "$DURATION" --warmup "$WARMUP"
        done
        workload "$dir" "$server" max max "${MAX_ARGS[@]}"
        workload "$dir" "$server" connect connect --connections "$CONNECT_CONNECTIONS" "${CONNECT_ARGS[@]}"
    done
done

echo
node "$BENCH/report.mjs" "$OUT" || FAILURES=$((FAILURES + 1))
echo
echo "raw results: $OUT"
if [[ $FAILURES -gt 0 ]]; then
    echo "compare.sh: $FAILURES workload(s) failed; their figures are missing from the report" >&2
    exit 1
fi
