// The processes run.mjs starts in the machine's own namespace, each on a free port of 127.0.0.1:
// the jar (alone, or as a cluster node) and the redis-server the cluster nodes share.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const children = [];
// Whatever ends the runner, nothing it started outlives it.
process.on("exit", () => { for (const c of children) if (running(c.process)) c.process.kill("SIGKILL"); });

/** Whether `name` is an executable on the PATH. */
export function onPath(name) {
  return (process.env.PATH || "").split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, name)));
}

/** Starts the jar on 127.0.0.1 with a free port, read from its "listening" log line. */
export function startJar(jar, label, extraArgs = [], extraEnv = {}) {
  const child = spawn("java", ["-jar", jar, "--host", "127.0.0.1", "--port", "0", ...extraArgs],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...extraEnv } });
  children.push({ process: child, redis: false });
  // The server's INFO lines (joins, leaves, expiries) only with E2E_VERBOSE=1.
  const verbose = (c) => { if (process.env.E2E_VERBOSE) process.stdout.write(`[${label}] ${c}`); };
  child.stderr.on("data", (c) => process.stderr.write(`[${label}] ${c}`));
  return whenLogged(child, label, /listening on 127\.0\.0\.1:(\d+)/, verbose);
}

/** Starts redis-server on a free port, without persistence; resolves once it accepts connections. */
export async function startRedis() {
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1",
    "--save", "", "--appendonly", "no", "--daemonize", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  children.push({ process: child, redis: true });
  const verbose = (c) => { if (process.env.E2E_VERBOSE) process.stdout.write(`[redis] ${c}`); };
  child.stderr.on("data", (c) => process.stderr.write(`[redis] ${c}`));
  const started = await whenLogged(child, "redis-server", /Ready to accept connections/, verbose);
  return { ...started, port };
}

/** SIGTERM to every process still running: the jars first, then Redis, which they may still use. */
export async function stopAll() {
  await Promise.all(children.filter((c) => !c.redis).map((c) => stop(c.process)));
  await Promise.all(children.filter((c) => c.redis).map((c) => stop(c.process)));
}

function whenLogged(child, label, pattern, afterwards) {
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const match = pattern.exec(output);
      if (match) {
        child.stdout.off("data", onData);
        child.stdout.on("data", afterwards);
        resolve({ process: child, port: match[1] ? Number(match[1]) : null });
      }
    };
    child.stdout.on("data", onData);
    child.on("error", (e) => reject(new Error(`${label} did not start: ${e.message}`)));
    child.on("exit", (c) => reject(new Error(`${label} exited with ${c} before it was ready:\n${output}`)));
  });
}

async function stop(child) {
  if (!running(child)) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15000);
  await exited;
  clearTimeout(timer);
}

function running(child) {
  return child.exitCode === null && child.signalCode === null;
}

/** A port that was free a moment ago (redis-server cannot report the one it picked). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
