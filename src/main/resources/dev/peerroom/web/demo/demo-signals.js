// The signaling frames a demo tab sees (docs/demo.md): the server's, from peer.socket's "message"
// events, and the tab's own, from a wrapper around peer.socket.send. Both are page-level
// observers: nothing inside the client changes. Each frame is logged here, in the order it
// passes, so the log keeps the real order. demo.js decides what an EXPIRE means for its seats.
"use strict";
window.PeerRoomDemoSignals = (() => {
  /**
   * Watches peer's socket for the session s while isLive() holds: log(step, text, ids) records a
   * step, onExpire(frame) handles an EXPIRE.
   */
  function observe(s, peer, { isLive, log, onExpire }) {
    const socket = peer.socket;
    socket.on("message", (frame) => { if (isLive()) serverFrame(s, frame, log, onExpire); });
    socket.on("disconnected", () => {
      if (isLive()) log("socket-closed", "the signaling socket closed; open data channels stay up");
    });
    const send = socket.send;
    socket.send = function observedSend(frame) {
      if (isLive()) clientFrame(s, frame, log);
      return send.call(this, frame);
    };
  }

  // OPEN, ID-TAKEN and ERROR are logged from the client's own events (opened, peerError).
  function serverFrame(s, frame, log, onExpire) {
    const payload = frame.payload || {};
    const ids = { peer: frame.src, conn: payload.connectionId };
    const note = dropNote(s, ids.conn);
    switch (frame.type) {
      case "OFFER":
        log("offer-received", `from ${frame.src}${note}`, ids);
        break;
      case "ANSWER":
        log("answer-received", `from ${frame.src}${note}`, ids);
        break;
      case "CANDIDATE":
        log("candidate-received", `#${count(s, ids.conn, "in")} from ${frame.src}: ${candidateText(payload.candidate)}${note}`, ids);
        break;
      case "LEAVE":
        log("leave", `${frame.src} left the room (LEAVE)`, ids);
        break;
      case "EXPIRE":
        onExpire(frame);
        break;
      default:
        break;
    }
  }

  function clientFrame(s, frame, log) {
    const payload = frame.payload || {};
    const ids = { peer: frame.dst, conn: payload.connectionId };
    const note = dropNote(s, ids.conn);
    switch (frame.type) {
      case "OFFER":
        log("offer-sent", `to ${frame.dst}${note}`, ids);
        break;
      case "ANSWER":
        log("answer-sent", `to ${frame.dst}${note}`, ids);
        break;
      case "CANDIDATE":
        log("candidate-sent", `#${count(s, ids.conn, "out")} to ${frame.dst}: ${candidateText(payload.candidate)}${note}`, ids);
        break;
      default:
        break;
    }
  }

  const dropNote = (s, conn) => (s.dropped.has(conn) ? " (for the dropped duplicate call)" : "");

  function count(s, conn, direction) {
    const k = `${conn}/${direction}`;
    const n = (s.counts.get(k) || 0) + 1;
    s.counts.set(k, n);
    return n;
  }

  /** "host udp 192.0.2.1:50000" from an ICE candidate line. */
  function candidateText(candidate) {
    const line = candidate && candidate.candidate;
    if (typeof line !== "string") return "end of candidates";
    const f = line.split(" ");
    const type = f[f.indexOf("typ") + 1] || "?";
    return `${type} ${(f[2] || "?").toLowerCase()} ${f[4] || "?"}:${f[5] || "?"}`;
  }

  return { observe };
})();
