// The join-token scenarios: a node started with PEERROOM_JWT_SECRET, and tokens minted here with
// `jose` exactly as the README's backend example does. `w.jwtSecret` is that node's secret, and
// w.peer(room, id, {token}) passes `token` as the PeerJS `token` option.
import assert from "node:assert/strict";
import { SignJWT } from "jose";
import { evaluate, exchangeJson, stateOf } from "./lib/checks.mjs";
import { until } from "./lib/wait.mjs";

/** The README's backend: a token for `peerId` in `room`, valid for two minutes. */
const mint = (secret, room, peerId, exp = "2m") =>
  new SignJWT({ room }).setProtectedHeader({ alg: "HS256" }).setSubject(peerId)
    .setExpirationTime(exp).sign(new TextEncoder().encode(secret));

/** What a game sees for a refused token: server-error "Unauthorized", and a destroyed Peer. */
async function expectUnauthorized(peer, why) {
  assert.equal(peer.result.ok, false, `${why}: the peer must not open`);
  assert.equal(peer.result.type, "server-error", why);
  assert.equal(peer.result.message, "Unauthorized", why);
  await until(async () => (await stateOf(peer)).destroyed, `${why}: the refused Peer to be destroyed`, 5000);
}

export const tokenScenarios = [
  {
    name: "peers with valid tokens open and exchange JSON",
    async run(w) {
      const room = w.newRoom();
      const a = await w.peer(room, "alice", { token: await mint(w.jwtSecret, room, "alice") });
      const b = await w.peer(room, "bob", { token: await mint(w.jwtSecret, room, "bob") });
      await w.connect(a, b);
      await exchangeJson(a, b, { kind: "greeting", signed: true });
      await exchangeJson(b, a, { kind: "reply", ok: true });
    },
  },
  {
    name: "no token, an expired token, or another room's token: Unauthorized",
    async run(w) {
      const room = w.newRoom();
      const expiredAt = Math.floor(Date.now() / 1000) - 120; // past the server's 60 s clock skew
      const cases = [
        ["no token (the client's own random one)", undefined],
        ["expired", await mint(w.jwtSecret, room, "carol", expiredAt)],
        ["another room", await mint(w.jwtSecret, w.newRoom(), "carol")],
      ];
      for (const [why, token] of cases) {
        // Without a token the option is left out, so the client sends its own random token.
        const options = token === undefined ? { expectOpen: false } : { token, expectOpen: false };
        await expectUnauthorized(await w.peer(room, "carol", options), why);
      }
      // The refusals left nothing behind: carol can still join with a good token.
      await w.peer(room, "carol", { token: await mint(w.jwtSecret, room, "carol") });
    },
  },
  {
    name: "reconnect with the same token takes the old socket over",
    async run(w) {
      const room = w.newRoom();
      const a = await w.peer(room, "rejoiner", { token: await mint(w.jwtSecret, room, "rejoiner") });
      const b = await w.peer(room, "mate", { token: await mint(w.jwtSecret, room, "mate") });
      // Same tick: the server still holds the old socket, so the new one replaces it (4000).
      const r = await evaluate(a, (t) => window.harness.reconnectNow(t), true);
      assert.equal(r.id, "rejoiner", "open fires again with the same id");
      const s = await stateOf(a);
      assert.equal(s.open, true);
      assert.equal(s.disconnected, false);
      await w.connect(a, b);
      await exchangeJson(a, b, { reconnected: "with the same token" });
    },
  },
];
