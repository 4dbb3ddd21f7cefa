#!/usr/bin/env bash
# Relays across cluster nodes beside the same relay on one node: what spreading a room's peers over
# nodes on Redis costs. The servers (the nodes and redis-server, or the single node) share core 0;
# the generator runs on core 1. In the cluster run each room's peers alternate between the nodes,
# so with 2 nodes two thirds of the messages cross from one node to another through Redis.
set -uo pipefail

usage() {
    cat <<'EOF'
Usage: bench/cluster.sh [--nodes N] [--rates 1000,5000] [--connections C] [--no-max] [--quick] [--out DIR]

  --nodes N        cluster nodes (default 2)
  --rates LIST     relay rates in msg/s (default 1000,5000,20000)
  --connections C  connections, rooms of 4 (default 1000)
  --no-max         skip the max run (steps of x1.3 up to 100k msg/s over 1,200 connections)
  --quick          2 s windows after 1 s of warm-up (default: 20 s after 5 s)
  --out DIR        where the JSON results go (default bench/results/cluster-<timestamp>)
EOF
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="${PEERROOM_JAR:-$ROOT/target/peerroom.jar}"
NODES=2
RATES="1000,5000,20000"
CONNECTIONS=1000
DURATION=20s
WARMUP=5s
OUT=""
MAX=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --nodes) NODES="$2"; shift 2 ;;
        --rates) RATES="$2"; shift 2 ;;
        --connections) CONNECTIONS="$2"; shift 2 ;;
        --no-max) MAX=0; shift ;;
        --quick) DURATION=2s; WARMUP=1s; shift ;;
        --out) OUT="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "cluster.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done
for tool in java node taskset redis-server; do
    command -v "$tool" >/dev/null || { echo "cluster.sh: needs $tool" >&2; exit 2; }
done
[[ -f "$JAR" ]] || { echo "cluster.sh: no $JAR; build it with: mvn -q -DskipTests package" >&2; exit 2; }
OUT="${OUT:-$ROOT/bench/results/cluster-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    PIDS=()
}
trap cleanup EXIT

free_port() {
    node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

wait_healthy() {   # port
    for _ in $(seq 1 300); do
        node -e "fetch('http://127.0.0.1:$1/health').then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))" \
            && return 0
        sleep 0.1
    done
    echo "cluster.sh: the node on port $1 did not become healthy" >&2
    exit 1
}

start_node() {   # port, extra args...
    local port=$1; shift
    ( exec taskset -c 0 java -jar "$JAR" --host 127.0.0.1 --port "$port" "$@" ) >"$OUT/node-$port.log" 2>&1 &
    PIDS+=($!)
    wait_healthy "$port"
}

url() { echo "ws://127.0.0.1:$1/rooms/{room}/peerjs?key=peerjs&id={id}&token={token}"; }

relay() {   # name, urls, pids
    local name=$1 urls=$2 pids=$3
    IFS=',' read -r -a rates <<<"$RATES"
    for rate in "${rates[@]}"; do
        echo "== $name: relay at $rate msg/s" >&2
        taskset -c 1 java -jar "$JAR" bench relay --url "$urls" --server-pid "$pids" --rate "$rate" \
            --connections "$CONNECTIONS" --duration "$DURATION" --warmup "$WARMUP" --json --no-progress \
            >"$OUT/$name-$rate.json" 2>"$OUT/$name-$rate.log" || { cat "$OUT/$name-$rate.log" >&2; exit 1; }
    done
    if [[ $MAX == 1 ]]; then
        echo "== $name: max" >&2
        taskset -c 1 java -jar "$JAR" bench max --url "$urls" --server-pid "$pids" --connections 1200 \
            --step-factor 1.3 --max-rate 100000 --json --no-progress \
            >"$OUT/$name-max.json" 2>"$OUT/$name-max.log" || { cat "$OUT/$name-max.log" >&2; exit 1; }
    fi
}

# One node, no Redis.
port=$(free_port)
start_node "$port"
relay single "$(url "$port")" "${PIDS[0]}"
cleanup

# N nodes on one redis-server.
redis_port=$(free_port)
( exec taskset -c 0 redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no \
    --dir "$OUT" --daemonize no ) >"$OUT/redis.log" 2>&1 &
PIDS+=($!)
redis_pid=$!
urls=()
for _ in $(seq 1 "$NODES"); do
    port=$(free_port)
    start_node "$port" --redis "redis://127.0.0.1:$redis_port"
    urls+=("$(url "$port")")
done
node_pids=$(IFS=','; echo "${PIDS[*]:1}")
relay cluster "$(IFS=','; echo "${urls[*]}")" "$node_pids,$redis_pid"
cleanup

node - "$OUT" "$RATES" "$NODES" <<'JS'
const [dir, rates, nodes] = process.argv.slice(2);
const fs = require("fs");
const read = (f) => JSON.parse(fs.readFileSync(`${dir}/${f}`, "utf8"));
const fmtUs = (v) => (v == null ? "n/a" : v >= 1000 ? `${(v / 1000).toFixed(2)} ms` : `${v.toFixed(0)} µs`);
const rows = [];
for (const r of rates.split(",")) {
  const one = read(`single-${r}.json`), many = read(`cluster-${r}.json`);
  const row = (label, a, b, f) => rows.push([`${label} at ${r / 1000}k`, f(a), f(b),
    a && b ? `${(b / a).toFixed(2)}×` : ""]);
  row("delivered", one.deliveredRate, many.deliveredRate, (v) => `${Math.round(v)}/s`);
  row("p50", one.latencyMicros.p50, many.latencyMicros.p50, fmtUs);
  row("p99", one.latencyMicros.p99, many.latencyMicros.p99, fmtUs);
  row("p99.9", one.latencyMicros.p999, many.latencyMicros.p999, fmtUs);
  row("server CPU per message", one.serverCpuMicrosPerMessage, many.serverCpuMicrosPerMessage,
    (v) => (v == null ? "n/a" : `${v.toFixed(1)} µs`));
  rows.push([`lost + errors at ${r / 1000}k`, `${one.lost + one.errors}`, `${many.lost + many.errors}`, ""]);
}
if (fs.existsSync(`${dir}/single-max.json`)) {
  const one = read("single-max.json"), many = read("cluster-max.json");
  rows.push(["max rate (p99 < 50 ms)", `${Math.round(one.maxRate)}/s`, `${Math.round(many.maxRate)}/s`,
    `${(many.maxRate / one.maxRate).toFixed(2)}×`]);
  rows.push(["max limited by", one.limitedBy, many.limitedBy, ""]);
}
const head = ["figure", "one node", `${nodes} nodes + Redis`, "ratio"];
const w = head.map((h, i) => Math.max(h.length, ...rows.map((x) => x[i].length)));
const line = (x) => x.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join("  ");
console.log(line(head));
console.log(w.map((n) => "-".repeat(n)).join("  "));
rows.forEach((x) => console.log(line(x)));
console.log(`\nserver CPU covers every server process: the node(s), and Redis in the cluster run.`);
console.log(`raw results: ${dir}`);
JS
