// What a scenario works with: fresh rooms, peers each in their own browser context and page,
// the relays that can freeze a peer's signaling connection, and timings for the report. In a
// cluster run there is one signal port and one relay per node, and each peer names its node.
import { peerPage } from "./browser.mjs";

let roomCounter = 0;

export class World {
  constructor({ browser, signalPorts, pageOrigin, relays, secure = false, jwtSecret = null, adminToken = null }) {
    this.browser = browser;
    this.secure = secure; // wss:// and https:// to a node with a self-signed certificate
    this.jwtSecret = jwtSecret; // the secret of a node that requires join tokens
    this.adminToken = adminToken; // the admin token of the operator's node
    this.signalPorts = signalPorts;
    this.pageOrigin = pageOrigin;
    this.relays = relays;
    this.contexts = [];
    this.openMs = [];
    this.connectMs = [];
  }

  /** A fresh, valid room id (a snowflake) per call, so scenarios never share a room. */
  newRoom() {
    roomCounter++;
    return String(100000000000000000n + BigInt(Date.now()) * 1000n + BigInt(roomCounter));
  }

  /** PeerJS options as a game would pass them: the room travels in `path`. */
  options(room, node = 0) {
    if (!this.signalPorts[node]) throw new Error(`no node ${node} in this run`);
    return { host: "127.0.0.1", port: this.signalPorts[node], path: `/rooms/${room}/`, secure: this.secure,
      config: { iceServers: [] }, debug: 0 };
  }

  /** PeerJS options as a page written for peerjs-server passes them (--peerjs-compat's namespace; no room). */
  classicOptions(node = 0) {
    if (!this.signalPorts[node]) throw new Error(`no node ${node} in this run`);
    return { host: "127.0.0.1", port: this.signalPorts[node], path: "/", secure: this.secure,
      config: { iceServers: [] }, debug: 0 };
  }

  /**
   * A page with a PeerJS peer created in `room` on `node`; `id` null asks the server for one.
   * `token` replaces the client's random token (a signed join token on a tokens node). `classic`
   * ignores `room` and uses peerjs-server's namespace (classicOptions).
   */
  async peer(room, id, { context, expectOpen = true, node = 0, token, classic = false } = {}) {
    const options = classic ? this.classicOptions(node) : this.options(room, node);
    if (token !== undefined) options.token = token;
    const ctx = context || await this.newContext();
    const page = await peerPage(ctx, this.pageOrigin);
    const result = await page.evaluate(([i, o]) => window.harness.create(i, o), [id, options]);
    if (expectOpen) {
      if (!result.ok) throw new Error(`peer ${id} did not open: ${result.type} ${result.message}`);
      this.openMs.push(result.ms);
    }
    return { page, id: result.id || id, result, node };
  }

  /** Freezes `peer`'s signaling connection in its node's relay; returns how many were frozen. */
  freeze(peer) {
    return this.relays[peer.node].freeze(peer.id);
  }

  async newContext() {
    // The TLS node's certificate is self-signed: this context, and only it, accepts it.
    const ctx = await this.browser.newContext(this.secure ? { ignoreHTTPSErrors: true } : {});
    this.contexts.push(ctx);
    return ctx;
  }

  /** a.connect(b); asserts the DataChannel opens on both sides. */
  async connect(a, b) {
    const r = await a.page.evaluate((id) => window.harness.connect(id), b.id);
    if (!r.ok) throw new Error(`${a.id} -> ${b.id} did not open: ${r.type} ${r.message}`);
    this.connectMs.push(r.ms);
    await b.page.evaluate((id) => window.harness.connectedTo(id), a.id);
    return r;
  }

  timings() {
    return { open: summary(this.openMs), connect: summary(this.connectMs) };
  }

  async close() {
    for (const ctx of this.contexts) await ctx.close().catch(() => {});
    this.contexts = [];
  }
}

function summary(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  return { n: sorted.length, median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
}
