// The browser suite: starts the jar on a free port, and a two-node cluster of the same jar on a
// redis-server of its own, runs the scenarios in headless Chromium inside a network namespace
// that has only loopback, then stops the servers.
// Usage: node e2e/run.mjs   (E2E_ONLY=<regex> runs only matching scenarios; E2E_JAR=<path> picks
// the jar, target/peerroom.jar by default)
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { outerBridge } from "./lib/bridge.mjs";
import { onPath, startJar, startRedis, stopAll } from "./lib/processes.mjs";

const CLUSTER_NODES = 2;

const e2eDir = path.dirname(fileURLToPath(import.meta.url));
const jar = path.resolve(process.env.E2E_JAR || path.join(e2eDir, "..", "target", "peerroom.jar"));
if (!existsSync(jar)) {
  console.error(`e2e: ${jar} is missing; build it with: mvn -q -DskipTests package`);
  process.exit(2);
}
if (!onPath("redis-server")) {
  console.error("e2e: redis-server is missing; the cluster scenarios need it: apt-get install redis-server");
  process.exit(2);
}

const tmp = await mkdtemp(path.join(os.tmpdir(), "peerroom-e2e-"));
const bridges = [];
let code = 1;
try {
  const [server, redis] = await allStarted([startJar(jar, "server"), startRedis()]);
  const redisUri = `redis://127.0.0.1:${redis.port}`;
  const nodes = await allStarted(Array.from({ length: CLUSTER_NODES },
    (_, i) => startJar(jar, `node ${i}`, ["--redis", redisUri])));

  // One bridge per server: the single node's first, then the cluster nodes' in order.
  const socketPaths = [];
  for (const [name, s] of [["server", server], ...nodes.map((n, i) => [`node${i}`, n])]) {
    const socketPath = path.join(tmp, `${name}.sock`);
    bridges.push(await outerBridge(socketPath, s.port));
    socketPaths.push(socketPath);
  }

  const suite = spawn("unshare", ["--net", "--", process.execPath, path.join(e2eDir, "suite.mjs"), ...socketPaths],
    { stdio: "inherit", cwd: e2eDir });
  code = await new Promise((resolve) => suite.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0))));
} catch (e) {
  console.error(`e2e: ${e.message}`);
} finally {
  for (const bridge of bridges) bridge.close();
  await stopAll();
  await rm(tmp, { recursive: true, force: true });
}
process.exit(code);

/** Like Promise.all, but waits for every start to settle, so a failure leaves nothing half started. */
async function allStarted(starts) {
  const settled = await Promise.allSettled(starts);
  const failure = settled.find((r) => r.status === "rejected");
  if (failure) throw failure.reason;
  return settled.map((r) => r.value);
}
