// Runs inside the browser's network namespace (only `lo`); PeerRoom is reached through the bridge.
// Usage: node suite.mjs <bridge unix socket>   (started by run.mjs under `unshare --net`)
import { execFileSync } from "node:child_process";
import { InnerRelay } from "./lib/bridge.mjs";
import { launch } from "./lib/browser.mjs";
import { startStaticServer } from "./lib/static-server.mjs";
import { World } from "./lib/world.mjs";
import { scenarios } from "./scenarios.mjs";

const [socketPath] = process.argv.slice(2);
const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, "i") : null;

execFileSync("ip", ["link", "set", "lo", "up"]);
const relay = new InnerRelay(socketPath);
const signalPort = await relay.listen(0);
const pages = await startStaticServer(0);
const pageOrigin = `http://127.0.0.1:${pages.address().port}`;
const browser = await launch();

let passed = 0;
let failed = 0;
for (const scenario of scenarios.filter((s) => !only || only.test(s.name))) {
  const world = new World({ browser, signalPort, pageOrigin, relay });
  const started = Date.now();
  let failure = null;
  try {
    await scenario.run(world);
  } catch (e) {
    failure = e;
  } finally {
    await world.close();
  }
  const line = `${failure ? "FAIL" : "PASS"}  ${scenario.name}  (${((Date.now() - started) / 1000).toFixed(1)} s; ${describe(world)})`;
  console.log(line);
  if (failure) {
    failed++;
    console.log(`      ${String(failure.stack || failure).split("\n").slice(0, 4).join("\n      ")}`);
  } else {
    passed++;
  }
}

await browser.close();
await relay.close();
pages.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

function describe(world) {
  const t = world.timings();
  const part = (label, s) => (s ? `${label} median ${s.median.toFixed(0)} ms, max ${s.max.toFixed(0)} ms` : `${label} -`);
  return [part("new Peer→open", t.open), part("connect→open", t.connect), world.note].filter(Boolean).join("; ");
}
