// One PeerJS peer per page, driven by the runner with page.evaluate(). Records every event so the
// runner asserts what a user of the client would see: open, errors, connections and data.
(() => {
  const log = [];
  const errors = [];
  const received = [];
  const connections = new Map(); // remote id -> DataConnection (latest)
  let peer = null;
  let localStream = null;

  const now = () => performance.now();
  const record = (kind, detail) => log.push({ at: now(), kind, detail });

  function checksum(bytes) {
    let h = 2166136261;
    for (let i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 16777619) >>> 0;
    }
    return h;
  }

  function describe(data) {
    if (data instanceof ArrayBuffer) data = new Uint8Array(data);
    if (ArrayBuffer.isView(data)) {
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      return { binary: true, length: bytes.length, checksum: checksum(bytes) };
    }
    return { binary: false, json: JSON.stringify(data) };
  }

  // Every message that is not itself an echo is sent straight back, wrapped.
  function watch(conn) {
    connections.set(conn.peer, conn);
    conn.on("open", () => record("conn-open", conn.peer));
    conn.on("close", () => record("conn-close", conn.peer));
    conn.on("error", (e) => record("conn-error", `${conn.peer}: ${e.type} ${e.message}`));
    conn.on("data", (data) => {
      if (data && data.kind === "echo") {
        received.push({ from: conn.peer, echo: true, ...describe(data.of) });
      } else {
        received.push({ from: conn.peer, echo: false, ...describe(data) });
        conn.send({ kind: "echo", of: data });
      }
    });
  }

  function waitFor(predicate, what, timeoutMs) {
    return new Promise((resolve, reject) => {
      const started = now();
      const poll = () => {
        const value = predicate();
        if (value) return resolve(value);
        if (now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
        setTimeout(poll, 20);
      };
      poll();
    });
  }

  window.harness = {
    log, errors, received,

    /** Creates the peer; resolves with the id and the time to `open`, or with the first error. */
    create(id, options) {
      const started = now();
      peer = id ? new Peer(id, options) : new Peer(options);
      peer.on("connection", watch);
      peer.on("disconnected", () => record("disconnected"));
      peer.on("close", () => record("close"));
      peer.on("call", (call) => {
        record("call", call.peer);
        call.answer(localStream || undefined);
      });
      peer.on("error", (e) => {
        errors.push({ at: now(), type: e.type, message: String(e.message) });
        record("error", `${e.type}: ${e.message}`);
      });
      return new Promise((resolve) => {
        peer.once("open", (openId) => resolve({ ok: true, id: openId, ms: now() - started }));
        peer.once("error", (e) => resolve({ ok: false, type: e.type, message: String(e.message) }));
      });
    },

    /** Opens a DataConnection; resolves with the time to the DataChannel's `open`. */
    async connect(remoteId, timeoutMs = 15000) {
      const started = now();
      const errorsBefore = errors.length;
      const conn = peer.connect(remoteId, { reliable: true });
      watch(conn);
      await waitFor(() => conn.open || errors.length > errorsBefore, `connection to ${remoteId}`, timeoutMs);
      if (!conn.open) {
        const e = errors[errors.length - 1];
        return { ok: false, type: e.type, message: e.message };
      }
      return { ok: true, ms: now() - started };
    },

    /** Waits until a DataConnection from `remoteId` (either direction) is open. */
    async connectedTo(remoteId, timeoutMs = 15000) {
      await waitFor(() => connections.get(remoteId)?.open, `open connection with ${remoteId}`, timeoutMs);
      return true;
    },

    sendJson(remoteId, value) {
      connections.get(remoteId).send(value);
      return describe(value);
    },

    /** Sends `length` bytes with a fixed pattern; returns what the receiver must see. */
    sendBinary(remoteId, length) {
      const bytes = new Uint8Array(length);
      for (let i = 0; i < length; i++) bytes[i] = (i * 31 + 7) & 0xff;
      connections.get(remoteId).send(bytes);
      return describe(bytes);
    },

    waitForError(type, timeoutMs) {
      const start = now();
      return waitFor(() => errors.find((e) => e.type === type && e.at >= start - 60000), `error ${type}`, timeoutMs);
    },

    waitForLog(kind, timeoutMs) {
      return waitFor(() => log.find((e) => e.kind === kind), `event ${kind}`, timeoutMs);
    },

    state() {
      return {
        id: peer && peer.id, open: peer && peer.open, disconnected: peer && peer.disconnected,
        destroyed: peer && peer.destroyed, visibility: document.visibilityState,
      };
    },

    disconnect() { peer.disconnect(); },
    reconnect() { peer.reconnect(); },

    /** disconnect() and reconnect() in the same tick; resolves on the next `open`. */
    reconnectNow(sameTick) {
      const started = now();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no open after reconnect")), 15000);
        const onOpen = (id) => { clearTimeout(timer); resolve({ id, ms: now() - started }); };
        peer.disconnect();
        if (sameTick) {
          peer.once("open", onOpen);
          peer.reconnect();
        } else {
          setTimeout(() => { peer.once("open", onOpen); peer.reconnect(); }, 500);
        }
      });
    },

    async startMedia() {
      localStream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      return localStream.getTracks().map((t) => t.kind).sort();
    },

    /** Calls `remoteId` with the local fake stream; resolves with the remote stream's track kinds. */
    call(remoteId, timeoutMs = 15000) {
      const started = now();
      const call = peer.call(remoteId, localStream);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no remote stream")), timeoutMs);
        call.on("stream", (stream) => {
          clearTimeout(timer);
          resolve({ kinds: stream.getTracks().map((t) => t.kind).sort(), ms: now() - started });
        });
      });
    },

    /** The addresses of the selected ICE candidate pair of the connection with `remoteId`. */
    async selectedPair(remoteId) {
      const pc = connections.get(remoteId).peerConnection;
      const stats = await pc.getStats();
      let pair = null;
      stats.forEach((s) => {
        if (s.type === "transport" && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId);
      });
      if (!pair) stats.forEach((s) => { if (s.type === "candidate-pair" && s.nominated && s.state === "succeeded") pair = s; });
      if (!pair) return null;
      const local = stats.get(pair.localCandidateId);
      const remote = stats.get(pair.remoteCandidateId);
      return { local: local.address || local.ip, remote: remote.address || remote.ip };
    },

    /** setTimeout ticks per second over `ms`, to show whether this tab's timers are throttled. */
    timerRate(ms) {
      return new Promise((resolve) => {
        let ticks = 0;
        const started = now();
        const tick = () => {
          ticks++;
          if (now() - started < ms) setTimeout(tick, 10); else resolve(ticks / ((now() - started) / 1000));
        };
        setTimeout(tick, 10);
      });
    },
  };
})();
