// peerjs-server's classic namespace (--peerjs-compat) on the operator's node: pages written for
// peerjs-server, unchanged: `new Peer({host, port, path: "/"})`, no room anywhere.
import assert from "node:assert/strict";
import { errorsOf, evaluate, exchangeBinary, exchangeJson, expectPeerUnavailable } from "./lib/checks.mjs";
import { sleep } from "./lib/wait.mjs";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const HOLD_MS = 5000; // peerjs-server's expire_timeout, and our hold
const DEAD_PEER_BOUND_MS = 5000 + 2000 + 1000; // heartbeat timeout + ping interval + a sweep

// One namespace for every scenario on the node: ids are made unique per run.
let counter = 0;
const unique = (prefix) => `${prefix}_${Date.now() % 1000000}${++counter}`;
const classic = { classic: true };

export const compatScenarios = [
  {
    name: "two peers, as a page for peerjs-server writes it",
    async run(w) {
      const a = await w.peer(null, null, classic); // the server assigns the id (GET /peerjs/id)
      assert.match(a.id, UUID);
      const b = await w.peer(null, unique("player_two"), classic);
      await w.connect(b, a);
      await exchangeJson(b, a, { kind: "greeting", text: "héllo ✓", n: 42, nested: { list: [1, 2, 3] } });
      await exchangeJson(a, b, { kind: "reply", ok: true });
      await exchangeBinary(b, a, 64 * 1024);
      assert.deepEqual(await errorsOf(a), [], "the assigned-id peer saw no error");
      assert.deepEqual(await errorsOf(b), [], "the custom-id peer saw no error");
    },
  },
  {
    name: "an absent peer is unavailable after the 5 s hold",
    async run(w) {
      const a = await w.peer(null, unique("seeker"), classic);
      const missing = unique("nobody_home");
      const started = Date.now();
      const r = await evaluate(a, (id) => window.harness.connect(id, 15000), missing);
      const ms = Date.now() - started;
      assert.equal(r.ok, false);
      assert.equal(r.type, "peer-unavailable");
      await expectPeerUnavailable(a, missing, 1000);
      assert.ok(ms >= HOLD_MS - 500 && ms <= HOLD_MS + 3000, `peer-unavailable after ${ms} ms (peerjs-server: 5-6 s)`);
      w.note = `peer-unavailable after ${ms} ms`;
    },
  },
  {
    name: "a peer that registers within the hold gets the queued offer",
    async run(w) {
      const a = await w.peer(null, unique("early"), classic);
      const lateId = unique("late_comer");
      const started = Date.now();
      // a connects to an id nobody holds yet: the OFFER and candidates wait on the server.
      const pending = evaluate(a, (id) => window.harness.connect(id, 20000), lateId);
      await sleep(1000);
      const late = await w.peer(null, lateId, classic);
      const registeredAfter = Date.now() - started;
      const r = await pending;
      assert.equal(r.ok, true, `the queued offer reached ${lateId}: ${r.type} ${r.message}`);
      assert.ok(registeredAfter < HOLD_MS, `registered ${registeredAfter} ms after the offer, within the hold`);
      await evaluate(late, (id) => window.harness.connectedTo(id), a.id);
      await exchangeJson(a, late, { queued: "then delivered" });
      assert.deepEqual(await errorsOf(a), [], "no peer-unavailable for a peer that came in time");
      w.note = `registered ${registeredAfter} ms after the offer`;
    },
  },
  {
    name: "a dead peer is announced to nobody",
    async run(w) {
      // peerjs-server broadcasts no departure; in a room, mates would get peer-unavailable.
      const watcher = await w.peer(null, unique("watcher"), classic);
      const other = await w.peer(null, unique("other"), classic);
      const doomed = await w.peer(null, `doomed-${Date.now() % 1000000}${++counter}`, classic);
      await w.connect(watcher, doomed);
      assert.equal(w.freeze(doomed), 1, "one signaling connection frozen");
      await sleep(DEAD_PEER_BOUND_MS + 1500);
      for (const p of [watcher, other]) {
        assert.deepEqual(await errorsOf(p), [], `${p.id} heard nothing of ${doomed.id}`);
      }
      // The namespace goes on working for the others.
      await w.connect(other, watcher);
      await exchangeJson(other, watcher, { still: "here" });
    },
  },
];
