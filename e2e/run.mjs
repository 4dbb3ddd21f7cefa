// The browser suite: starts the jar on a free port, a two-node cluster of the same jar on a
// redis-server of its own, a node serving TLS with a self-signed certificate, a node that
// requires join tokens and an operator's node (peerjs-server namespace, admin API, status page); runs the scenarios in headless Chromium inside a network namespace that
// has only loopback, then stops the servers.
// Usage: node e2e/run.mjs   (E2E_ONLY=<regex> runs only matching scenarios; E2E_JAR=<path> picks
// the jar, target/peerroom.jar by default)
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
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
if (!onPath("openssl")) {
  console.error("e2e: openssl is missing; the TLS scenarios need it: apt-get install openssl");
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
  const { cert, key } = selfSignedCertificate(tmp);
  const jwtSecret = randomBytes(32).toString("base64url");
  const adminToken = randomBytes(24).toString("base64url");
  const [server, redis, tls, tokens, operator] = await allStarted([
    startJar(jar, "server"),
    startRedis(),
    startJar(jar, "tls", ["--tls-cert", cert, "--tls-key", key]),
    startJar(jar, "tokens", [], { PEERROOM_JWT_SECRET: jwtSecret }),
    // The operator's node: the peerjs-server namespace, the admin API and the status page behind its token.
    startJar(jar, "operator", ["--peerjs-compat", "--status-page", "token"], { PEERROOM_ADMIN_TOKEN: adminToken }),
  ]);
  const redisUri = `redis://127.0.0.1:${redis.port}`;
  const nodes = await allStarted(Array.from({ length: CLUSTER_NODES },
    (_, i) => startJar(jar, `node ${i}`, ["--redis", redisUri])));

  // One bridge per server; the suite learns which is which from the layout it is given.
  const bridgeTo = async (name, s) => {
    const socketPath = path.join(tmp, `${name}.sock`);
    bridges.push(await outerBridge(socketPath, s.port));
    return socketPath;
  };
  const layout = {
    single: await bridgeTo("server", server),
    cluster: await Promise.all(nodes.map((n, i) => bridgeTo(`node${i}`, n))),
    tls: await bridgeTo("tls", tls),
    tokens: await bridgeTo("tokens", tokens),
    operator: await bridgeTo("operator", operator),
  };

  const suite = spawn("unshare", ["--net", "--", process.execPath, path.join(e2eDir, "suite.mjs"), JSON.stringify(layout)],
    { stdio: "inherit", cwd: e2eDir, env: { ...process.env, E2E_JWT_SECRET: jwtSecret, E2E_ADMIN_TOKEN: adminToken } });
  code = await new Promise((resolve) => suite.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0))));
} catch (e) {
  console.error(`e2e: ${e.message}`);
} finally {
  for (const bridge of bridges) bridge.close();
  await stopAll();
  await rm(tmp, { recursive: true, force: true });
}
process.exit(code);

/** A throw-away EC certificate for 127.0.0.1 and localhost, made with openssl (key in PKCS#8). */
function selfSignedCertificate(dir) {
  const cert = path.join(dir, "cert.pem");
  const key = path.join(dir, "key.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
    "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"], { stdio: "ignore" });
  return { cert, key };
}

/** Like Promise.all, but waits for every start to settle, so a failure leaves nothing half started. */
async function allStarted(starts) {
  const settled = await Promise.allSettled(starts);
  const failure = settled.find((r) => r.status === "rejected");
  if (failure) throw failure.reason;
  return settled.map((r) => r.value);
}
