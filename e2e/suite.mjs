// Runs inside the browser's network namespace (only `lo`); PeerRoom is reached through the bridges.
// Usage: node suite.mjs '{"single":<bridge>,"cluster":[<bridge>,...],"tls":<bridge>,"tokens":<bridge>,"operator":<bridge>}'
// (Unix sockets; started by run.mjs under `unshare --net`, with E2E_JWT_SECRET set to the secret
// of the tokens node and E2E_ADMIN_TOKEN to the admin token of the operator's node)
import { execFileSync } from "node:child_process";
import { clusterScenarios } from "./cluster-scenarios.mjs";
import { compatScenarios } from "./compat-scenarios.mjs";
import { demoScenarios } from "./demo-scenarios.mjs";
import { InnerRelay } from "./lib/bridge.mjs";
import { launch } from "./lib/browser.mjs";
import { startStaticServer } from "./lib/static-server.mjs";
import { World } from "./lib/world.mjs";
import { scenarios } from "./scenarios.mjs";
import { statusScenarios } from "./status-scenarios.mjs";
import { tlsScenarios } from "./tls-scenarios.mjs";
import { tokenScenarios } from "./token-scenarios.mjs";

const layout = JSON.parse(process.argv[2]);
const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, "i") : null;

execFileSync("ip", ["link", "set", "lo", "up"]);
const relays = [];
const listen = async (path) => {
  const relay = new InnerRelay(path);
  relays.push(relay);
  return { relay, port: await relay.listen(0) };
};
const single = await listen(layout.single);
const cluster = [];
for (const p of layout.cluster || []) cluster.push(await listen(p));
const tls = layout.tls ? await listen(layout.tls) : null;
const tokens = layout.tokens ? await listen(layout.tokens) : null;
const operator = layout.operator ? await listen(layout.operator) : null;
const pages = await startStaticServer(0);
const pageOrigin = `http://127.0.0.1:${pages.address().port}`;
const browser = await launch();

let passed = 0;
let failed = 0;
await runAll(scenarios, "", [single]);
// The same client against two nodes on one Redis: the World places each peer on node 0 or 1.
if (cluster.length > 0) await runAll(clusterScenarios, "[cluster] ", cluster);
// wss:// and https:// with a self-signed certificate the browser is told to accept.
if (tls) await runAll(tlsScenarios, "[tls] ", [tls], { secure: true });
// A node that requires signed join tokens; the scenarios mint them with its secret.
if (tokens) await runAll(tokenScenarios, "[tokens] ", [tokens], { jwtSecret: process.env.E2E_JWT_SECRET });
// The page the server itself serves at /demo, on the plain node.
await runAll(demoScenarios, "[demo] ", [single]);
// peerjs-server's namespace (--peerjs-compat), the admin API and the status page behind the admin token.
if (operator) {
  await runAll(compatScenarios, "[compat] ", [operator], { adminToken: process.env.E2E_ADMIN_TOKEN });
  await runAll(statusScenarios, "[operator] ", [operator], { adminToken: process.env.E2E_ADMIN_TOKEN });
}

await browser.close();
for (const relay of relays) await relay.close();
pages.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

async function runAll(list, prefix, nodes, extra = {}) {
  for (const scenario of list.filter((s) => !only || only.test(prefix + s.name))) {
    const world = new World({ browser, pageOrigin, signalPorts: nodes.map((n) => n.port), relays: nodes.map((n) => n.relay), ...extra });
    const started = Date.now();
    let failure = null;
    try {
      await scenario.run(world);
    } catch (e) {
      failure = e;
    } finally {
      await world.close();
    }
    const line = `${failure ? "FAIL" : "PASS"}  ${prefix}${scenario.name}  (${((Date.now() - started) / 1000).toFixed(1)} s; ${describe(world)})`;
    console.log(line);
    if (failure) {
      failed++;
      console.log(`      ${String(failure.stack || failure).split("\n").slice(0, 4).join("\n      ")}`);
    } else {
      passed++;
    }
  }
}

function describe(world) {
  const t = world.timings();
  const part = (label, s) => (s ? `${label} median ${s.median.toFixed(0)} ms, max ${s.max.toFixed(0)} ms` : `${label} -`);
  return [part("new Peer→open", t.open), part("connect→open", t.connect), world.note].filter(Boolean).join("; ");
}
