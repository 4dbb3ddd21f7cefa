// What a scenario works with: fresh rooms, peers each in their own browser context and page,
// the relay that can freeze a peer's signaling connection, and timings for the report.
import { peerPage } from "./browser.mjs";

let roomCounter = 0;

export class World {
  constructor({ browser, signalPort, pageOrigin, relay }) {
    this.browser = browser;
    this.signalPort = signalPort;
    this.pageOrigin = pageOrigin;
    this.relay = relay;
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
  options(room) {
    return { host: "127.0.0.1", port: this.signalPort, path: `/rooms/${room}/`, secure: false,
      config: { iceServers: [] }, debug: 0 };
  }

  /** A page with a PeerJS peer created in `room`; `id` null asks the server for one. */
  async peer(room, id, { context, expectOpen = true } = {}) {
    const ctx = context || await this.newContext();
    const page = await peerPage(ctx, this.pageOrigin);
    const result = await page.evaluate(([i, o]) => window.harness.create(i, o), [id, this.options(room)]);
    if (expectOpen) {
      if (!result.ok) throw new Error(`peer ${id} did not open: ${result.type} ${result.message}`);
      this.openMs.push(result.ms);
    }
    return { page, id: result.id || id, result };
  }

  async newContext() {
    const ctx = await this.browser.newContext();
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
