// The browser suite: starts target/peerroom.jar on a free port, runs the scenarios in headless
// Chromium inside a network namespace that has only loopback, then stops the server.
// Usage: node e2e/run.mjs   (E2E_ONLY=<regex> runs only matching scenarios)
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { outerBridge } from "./lib/bridge.mjs";

const e2eDir = path.dirname(fileURLToPath(import.meta.url));
const jar = path.resolve(e2eDir, "..", "target", "peerroom.jar");
if (!existsSync(jar)) {
  console.error(`e2e: ${jar} is missing; build it with: mvn -q -DskipTests package`);
  process.exit(2);
}

const server = await startServer();
const tmp = await mkdtemp(path.join(os.tmpdir(), "peerroom-e2e-"));
const socketPath = path.join(tmp, "server.sock");
const bridge = await outerBridge(socketPath, server.port);

const suite = spawn("unshare", ["--net", "--", process.execPath, path.join(e2eDir, "suite.mjs"), socketPath],
  { stdio: "inherit", cwd: e2eDir });
const code = await new Promise((resolve) => suite.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0))));

bridge.close();
server.process.kill("SIGTERM");
await new Promise((resolve) => server.process.on("exit", resolve));
await rm(tmp, { recursive: true, force: true });
process.exit(code);

/** Starts the jar on 127.0.0.1 with a free port, read from its "listening" log line. */
function startServer() {
  const child = spawn("java", ["-jar", jar, "--host", "127.0.0.1", "--port", "0"],
    { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on 127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        child.stdout.off("data", onData);
        // The server's INFO lines (joins, leaves, expiries) only with E2E_VERBOSE=1.
        child.stdout.on("data", (c) => { if (process.env.E2E_VERBOSE) process.stdout.write(`[server] ${c}`); });
        resolve({ process: child, port: Number(match[1]) });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (c) => process.stderr.write(`[server] ${c}`));
    child.on("exit", (c) => reject(new Error(`server exited with ${c} before listening:\n${output}`)));
  });
}
