// The user-visible scenarios: each asserts events, error types and data as a game would see them.
import assert from "node:assert/strict";
import { launchForHiddenTabs } from "./lib/browser.mjs";
import {
  errorsOf, evaluate, exchangeBinary, exchangeJson, expectDeadPlayerReported, expectFifthRefused,
  expectPeerUnavailable, fullMesh, stateOf,
} from "./lib/checks.mjs";
import { sleep } from "./lib/wait.mjs";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

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
      await fullMesh(w, peers);
    },
  },
  {
    name: "a fifth peer is refused",
    async run(w) {
      const room = w.newRoom();
      const four = [];
      for (const id of ["f1", "f2", "f3", "f4"]) four.push(await w.peer(room, id));
      const fifth = await w.peer(room, "f5", { expectOpen: false });
      await expectFifthRefused(w, four, fifth);
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
      await expectDeadPlayerReported(w, [a, b], dead);
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
