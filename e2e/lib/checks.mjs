// What the scenarios assert, as a game would see it: data that arrives intact, error types, events.
// Shared by the single-node scenarios (scenarios.mjs) and the cluster ones (cluster-scenarios.mjs).
import assert from "node:assert/strict";
import { until } from "./wait.mjs";

const HEARTBEAT_TIMEOUT_MS = 5000;
const PING_INTERVAL_MS = 2000;

export const evaluate = (peer, fn, arg) => peer.page.evaluate(fn, arg);
export const errorsOf = (peer) => evaluate(peer, () => window.harness.errors);
export const stateOf = (peer) => evaluate(peer, () => window.harness.state());

/** `from` sends `value` to `to`; asserts it arrives intact and its echo comes back intact. */
export async function exchangeJson(from, to, value) {
  const sent = await evaluate(from, ([id, v]) => window.harness.sendJson(id, v), [to.id, value]);
  await until(() => evaluate(to, ([src, d]) => window.harness.received.some(
    (r) => r.from === src && !r.echo && r.json === d.json), [from.id, sent]), `${to.id} to receive JSON from ${from.id}`);
  await until(() => evaluate(from, ([src, d]) => window.harness.received.some(
    (r) => r.from === src && r.echo && r.json === d.json), [to.id, sent]), `${from.id} to receive the JSON echo`);
}

export async function exchangeBinary(from, to, length) {
  const sent = await evaluate(from, ([id, n]) => window.harness.sendBinary(id, n), [to.id, length]);
  await until(() => evaluate(to, ([src, d]) => window.harness.received.some(
    (r) => r.from === src && !r.echo && r.binary && r.length === d.length && r.checksum === d.checksum),
  [from.id, sent]), `${to.id} to receive ${length} bytes from ${from.id}`);
  await until(() => evaluate(from, ([src, d]) => window.harness.received.some(
    (r) => r.from === src && r.echo && r.binary && r.length === d.length && r.checksum === d.checksum),
  [to.id, sent]), `${from.id} to receive the binary echo`);
}

export async function expectPeerUnavailable(peer, missingId, timeoutMs) {
  return until(async () => (await errorsOf(peer)).find(
    (e) => e.type === "peer-unavailable" && e.message.includes(missingId)), `${peer.id}: peer-unavailable for ${missingId}`, timeoutMs);
}

/** Every pair connects; then every peer sends to every other, and each hears from all others. */
export async function fullMesh(w, peers) {
  for (let i = 0; i < peers.length; i++) {
    for (let j = i + 1; j < peers.length; j++) await w.connect(peers[i], peers[j]);
  }
  for (const from of peers) {
    for (const to of peers) {
      if (from !== to) await evaluate(from, ([id, v]) => window.harness.sendJson(id, v), [to.id, { from: from.id }]);
    }
  }
  for (const to of peers) {
    const senders = await until(async () => {
      const got = await evaluate(to, () => window.harness.received.filter((r) => !r.echo).map((r) => r.from));
      return new Set(got).size === peers.length - 1 ? got : null;
    }, `${to.id} to hear from all ${peers.length - 1} others`);
    assert.deepEqual([...new Set(senders)].sort(), peers.filter((p) => p !== to).map((p) => p.id).sort());
  }
}

/** Each fifth peer was refused with "Room is full"; the four go on working and stay connected. */
export async function expectFifthRefused(w, four, ...fifths) {
  for (const fifth of fifths) {
    assert.equal(fifth.result.ok, false);
    assert.equal(fifth.result.type, "server-error");
    assert.match(fifth.result.message, /Room is full/);
  }
  await w.connect(four[0], four[3]);
  await exchangeJson(four[0], four[3], { still: "working" });
  for (const p of four) assert.equal((await stateOf(p)).disconnected, false, `${p.id} stays connected`);
}

/** Freezes `dead`'s signaling connection; each mate gets peer-unavailable within the bound. */
export async function expectDeadPlayerReported(w, mates, dead) {
  const bound = HEARTBEAT_TIMEOUT_MS + PING_INTERVAL_MS + 1000;
  assert.equal(w.freeze(dead), 1, "one signaling connection frozen");
  const frozenAt = Date.now();
  const seen = [];
  for (const mate of mates) {
    await expectPeerUnavailable(mate, dead.id, bound + 2000);
    seen.push(Date.now() - frozenAt);
  }
  assert.ok(seen.every((ms) => ms <= bound), `reported after ${seen.join(" / ")} ms (bound ${bound} ms)`);
  assert.equal((await stateOf(dead)).disconnected, false, "the frozen client itself noticed nothing");
  w.note = `reported after ${seen.join(" ms and ")} ms`;
}
