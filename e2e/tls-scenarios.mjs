// The TLS scenarios: one node started with --tls-cert/--tls-key (a self-signed certificate for
// 127.0.0.1, accepted by each peer's browser context), and the stock client with `secure: true`,
// so it opens wss:// and fetches https://. They assert what the single-node scenarios of the same
// kind assert, and that the browser really used wss:// and https://.
import assert from "node:assert/strict";
import { peerPage } from "./lib/browser.mjs";
import { exchangeJson, stateOf } from "./lib/checks.mjs";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A fresh browser context that records the URLs of its pages' WebSockets and HTTP requests. */
async function recordingContext(w) {
  const ctx = await w.newContext();
  const urls = { sockets: [], requests: [] };
  ctx.on("page", (page) => page.on("websocket", (ws) => urls.sockets.push(ws.url())));
  ctx.on("request", (request) => urls.requests.push(request.url()));
  return { ctx, urls };
}

/** The URLs that went to the TLS node (the page itself is served over plain http from another port). */
const toNode = (w, list) => list.filter((url) => new URL(url).port === String(w.signalPorts[0]));

export const tlsScenarios = [
  {
    name: "two peers connect over wss",
    async run(w) {
      const room = w.newRoom();
      const recorded = [];
      const peers = [];
      for (const id of ["alice", "bob"]) {
        const { ctx, urls } = await recordingContext(w);
        recorded.push(urls);
        peers.push(await w.peer(room, id, { context: ctx }));
      }
      const [a, b] = peers;
      await w.connect(a, b);
      await exchangeJson(a, b, { kind: "greeting", over: "wss", n: 42 });
      await exchangeJson(b, a, { kind: "reply", ok: true });
      for (const [i, urls] of recorded.entries()) {
        const sockets = toNode(w, urls.sockets);
        assert.equal(sockets.length, 1, `${peers[i].id}: one signaling socket`);
        assert.match(sockets[0], new RegExp(`^wss://127\\.0\\.0\\.1:\\d+/rooms/${room}/peerjs\\?`));
      }
      for (const p of peers) assert.equal((await stateOf(p)).disconnected, false, `${p.id} stays connected`);
    },
  },
  {
    name: "a server-assigned id over https",
    async run(w) {
      const room = w.newRoom();
      const { ctx, urls } = await recordingContext(w);
      const a = await w.peer(room, null, { context: ctx });
      assert.match(a.id, UUID);
      assert.equal((await stateOf(a)).id, a.id);
      // The client asked the node for the id over https, then opened its socket over wss.
      const idRequests = toNode(w, urls.requests).filter((url) => new URL(url).pathname === `/rooms/${room}/peerjs/id`);
      assert.equal(idRequests.length, 1, "one id request");
      assert.equal(new URL(idRequests[0]).protocol, "https:");
      assert.ok(toNode(w, urls.sockets).every((url) => url.startsWith("wss://")), "the socket is wss://");
      const b = await w.peer(room, "caller");
      await w.connect(b, a);
      await exchangeJson(b, a, { to: "assigned" });
    },
  },
  {
    name: "a plain ws:// client cannot open on the TLS node",
    async run(w) {
      const room = w.newRoom();
      const page = await peerPage(await w.newContext(), w.pageOrigin);
      const options = { ...w.options(room), secure: false };
      const result = await Promise.race([
        page.evaluate(([o]) => window.harness.create("plain", o), [options]),
        new Promise((_, reject) => setTimeout(() => reject(new Error("neither open nor error within 15 s")), 15000)),
      ]);
      assert.equal(result.ok, false, "no open without TLS");
      // The node still serves TLS clients in that room.
      const a = await w.peer(room, "after-plain");
      assert.equal((await stateOf(a)).disconnected, false);
    },
  },
];
