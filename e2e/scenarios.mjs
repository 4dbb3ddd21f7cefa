// The user-visible scenarios: each asserts events, error types and data as a game would see them.
import assert from "node:assert/strict";
import { launchForHiddenTabs } from "./lib/browser.mjs";
import { sleep, until } from "./lib/wait.mjs";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const HEARTBEAT_TIMEOUT_MS = 5000;
const PING_INTERVAL_MS = 2000;

const evaluate = (peer, fn, arg) => peer.page.evaluate(fn, arg);
const errorsOf = (peer) => evaluate(peer, () => window.harness.errors);
const stateOf = (peer) => evaluate(peer, () => window.harness.state());

/** `from` sends `value` to `to`; asserts it arrives intact and its echo comes back intact. */
async function exchangeJson(from, to, value) {
  const sent = await evaluate(from, ([id, v]) => window.harness.sendJson(id, v), [to.id, value]);
  await until(() => evaluate(to, ([src, d]) => window.harness.received.some(
    (r) => r.from === src && !r.echo && r.json === d.json), [from.id, sent]), `${to.id} to receive JSON from ${from.id}`);
  await until(() => evaluate(from, ([src, d]) => window.harness.received.some(
    (r) => r.from === src && r.echo && r.json === d.json), [to.id, sent]), `${from.id} to receive the JSON echo`);
}

async function exchangeBinary(from, to, length) {
  const sent = await evaluate(from, ([id, n]) => window.harness.sendBinary(id, n), [to.id, length]);
  await until(() => evaluate(to, ([src, d]) => window.harness.received.some(
    (r) => r.from === src && !r.echo && r.binary && r.length === d.length && r.checksum === d.checksum),
  [from.id, sent]), `${to.id} to receive ${length} bytes from ${from.id}`);
  await until(() => evaluate(from, ([src, d]) => window.harness.received.some(
    (r) => r.from === src && r.echo && r.binary && r.length === d.length && r.checksum === d.checksum),
  [to.id, sent]), `${from.id} to receive the binary echo`);
}

async function expectPeerUnavailable(peer, missingId, timeoutMs) {
  return until(async () => (await errorsOf(peer)).find(
    (e) => e.type === "peer-unavailable" && e.message.includes(missingId)), `${peer.id}: peer-unavailable for ${missingId}`, timeoutMs);
}

export const scenarios = [
  {
    name: "two peers, one room",
    async run(w) {
      const room = w.newRoom();
      const a = await w.peer(room, "alice");
      const b = await w.peer(room, "bob");
      await w.connect(a, b);
      await exchangeJson(a, b, { kind: "greeting", text: "héllo ✓", n: 42, nested: { list: [1, 2, 3] } });
      await exchangeJson(b, a, { kind: "reply", ok: true });
      await exchangeBinary(a, b, 64 * 1024);
      const pair = await evaluate(a, (id) => window.harness.selectedPair(id), b.id);
      assert.deepEqual(pair, { local: "127.0.0.1", remote: "127.0.0.1" }, "the selected ICE pair is loopback only");
    },
  },
  {
    name: "four peers, full mesh",
    async run(w) {
      const room = w.newRoom();
      const peers = [];
      for (const id of ["p1", "p2", "p3", "p4"]) peers.push(await w.peer(room, id));
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
          return new Set(got).size === 3 ? got : null;
        }, `${to.id} to hear from all three others`);
        assert.deepEqual([...new Set(senders)].sort(), peers.filter((p) => p !== to).map((p) => p.id).sort());
      }
    },
  },
  {
    name: "a fifth peer is refused",
    async run(w) {
      const room = w.newRoom();
      const four = [];
      for (const id of ["f1", "f2", "f3", "f4"]) four.push(await w.peer(room, id));
      const fifth = await w.peer(room, "f5", { expectOpen: false });
      assert.equal(fifth.result.ok, false);
      assert.equal(fifth.result.type, "server-error");
      assert.match(fifth.result.message, /Room is full/);
      await w.connect(four[0], four[3]);
      await exchangeJson(four[0], four[3], { still: "working" });
      for (const p of four) assert.equal((await stateOf(p)).disconnected, false, `${p.id} stays connected`);
    },
  },
  {
    name: "an id in use is unavailable",
    async run(w) {
      const room = w.newRoom();
      await w.peer(room, "taken");
      const second = await w.peer(room, "taken", { expectOpen: false });
      assert.equal(second.result.ok, false);
      assert.equal(second.result.type, "unavailable-id");
    },
  },
  {
    name: "an absent peer is unavailable, then a present one connects",
    async run(w) {
      const room = w.newRoom();
      const a = await w.peer(room, "seeker");
      const b = await w.peer(room, "present");
      const missing = await evaluate(a, () => window.harness.connect("nobody-here", 15000));
      assert.equal(missing.ok, false);
      assert.equal(missing.type, "peer-unavailable");
      await expectPeerUnavailable(a, "nobody-here", 1000);
      await w.connect(a, b);
      await exchangeJson(a, b, { after: "unavailable" });
    },
  },
  {
    name: "a server-assigned id",
    async run(w) {
      const room = w.newRoom();
      const a = await w.peer(room, null);
      assert.match(a.id, UUID);
      assert.equal((await stateOf(a)).id, a.id);
      const b = await w.peer(room, "caller");
      await w.connect(b, a);
      await exchangeJson(b, a, { to: "assigned" });
    },
  },
  {
    name: "reconnect after disconnect, paused and in the same tick",
    async run(w) {
      const room = w.newRoom();
      const a = await w.peer(room, "rejoiner");
      const b = await w.peer(room, "mate");
      for (const sameTick of [false, true]) {
        const r = await evaluate(a, (t) => window.harness.reconnectNow(t), sameTick);
        assert.equal(r.id, "rejoiner", "open fires again with the same id");
        w.openMs.push(r.ms);
        const s = await stateOf(a);
        assert.equal(s.open, true);
        assert.equal(s.disconnected, false);
        await w.connect(a, b);
        await exchangeJson(a, b, { reconnected: sameTick ? "same tick" : "after a pause" });
      }
    },
  },
  {
    name: "rooms are isolated",
    async run(w) {
      const r1 = w.newRoom();
      const r2 = w.newRoom();
      await w.peer(r1, "twin");
      await w.peer(r2, "twin");
      await w.peer(r2, "only-in-two");
      const outsider = await w.peer(r1, "outsider");
      const r = await evaluate(outsider, () => window.harness.connect("only-in-two", 15000));
      assert.equal(r.ok, false);
      assert.equal(r.type, "peer-unavailable");
    },
  },
  {
    name: "media call with a fake stream",
    async run(w) {
      const room = w.newRoom();
      const a = await w.peer(room, "caller");
      const b = await w.peer(room, "callee");
      assert.deepEqual(await evaluate(a, () => window.harness.startMedia()), ["audio", "video"]);
      await evaluate(b, () => window.harness.startMedia());
      const call = await evaluate(a, (id) => window.harness.call(id), b.id);
      assert.deepEqual(call.kinds, ["audio", "video"], "the caller receives the callee's stream");
      w.connectMs.push(call.ms);
    },
  },
  {
    name: "a dead player is reported to its room mates",
    async run(w) {
      const room = w.newRoom();
      const a = await w.peer(room, "survivor-a");
      const b = await w.peer(room, "survivor-b");
      const dead = await w.peer(room, "goner");
      const bound = HEARTBEAT_TIMEOUT_MS + PING_INTERVAL_MS + 1000;
      assert.equal(w.relay.freeze("goner"), 1, "one signaling connection frozen");
      const frozenAt = Date.now();
      await expectPeerUnavailable(a, "goner", bound + 2000);
      const seenA = Date.now() - frozenAt;
      await expectPeerUnavailable(b, "goner", bound + 2000);
      const seenB = Date.now() - frozenAt;
      assert.ok(seenA <= bound && seenB <= bound, `reported after ${seenA} / ${seenB} ms (bound ${bound} ms)`);
      assert.equal((await stateOf(dead)).disconnected, false, "the frozen client itself noticed nothing");
      w.note = `reported after ${seenA} ms and ${seenB} ms`;
    },
  },
  {
    name: "idle 60 s with one peer in a hidden tab",
    async run(w) {
      const cdp = await launchForHiddenTabs();
      try {
        const context = cdp.browser.contexts()[0];
        const room = w.newRoom();
        const hidden = await w.peer(room, "hidden-tab", { context });
        const visible = await w.peer(room, "front-tab", { context });
        const idleStarted = Date.now();
        assert.equal((await stateOf(hidden)).visibility, "hidden", "opening a second tab hid the first");
        assert.equal((await stateOf(visible)).visibility, "visible");
        const rate = await evaluate(hidden, () => window.harness.timerRate(3000));
        assert.ok(rate <= 2, `timers in the hidden tab are throttled (${rate.toFixed(1)} ticks/s)`);
        await sleep(Math.max(0, 60000 - (Date.now() - idleStarted)));
        for (const p of [hidden, visible]) {
          const s = await stateOf(p);
          assert.equal(s.open, true, `${p.id} still open`);
          assert.equal(s.disconnected, false, `${p.id} never disconnected`);
          assert.deepEqual(await errorsOf(p), [], `${p.id} saw no error`);
        }
        await w.connect(visible, hidden);
        await exchangeJson(visible, hidden, { after: "a minute idle" });
        w.note = `hidden-tab timers ${rate.toFixed(1)} ticks/s`;
      } finally {
        await cdp.close();
      }
    },
  },
];
