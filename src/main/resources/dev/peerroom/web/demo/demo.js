// The demo page's logic (docs/demo.md); demo-view.js shows what it decides. It uses the stock
// PeerJS client's public API only, plus two page-level observers that change nothing inside the
// client: a listener on peer.socket's "message" events (the frames the server sends) and a wrapper
// around peer.socket.send (the frames this tab sends). Each signaling step is logged in exactly one
// place, so the log keeps the real order.
//
// Seats: a tab asks for seat-1, and on ID-TAKEN for seat-2, and so on until the server admits it or
// answers "Room is full". Once in, it dials every other seat up to the room size: lower seats, and
// higher ones too, so that a tab that took a freed lower seat still meets the tabs above it. An empty
// seat answers nothing; the server holds the offer, then answers EXPIRE. When two tabs dialed each
// other, both keep the call that the higher seat made and drop the other one.
"use strict";
(() => {
  const SEAT = /^seat-([1-9][0-9]*)$/;
  const MAX_SEAT_TRIES = 64; // a full room answers "Room is full" long before this
  const RETIRE_DELAY_MS = 1000; // lets the client finish the SDP step it is in before the close
  const MAX_CHAT_CHARS = 500;
  const DISCORD_EPOCH_MS = 1420070400000n;
  const MAX_SNOWFLAKE = (1n << 64n) - 1n;

  const params = new URLSearchParams(location.search);
  // How many seats a tab dials: the server's --max-peers, 4 unless the page is told otherwise.
  const seats = boundedInt(params.get("seats"), 1, MAX_SEAT_TRIES, 4);
  const key = params.get("key") || "peerjs";
  const basePath = metaContent("peerroom-base-path") || "/";

  const view = window.PeerRoomDemoView;
  const { ui, log, setStatus, addChat } = view;

  let session = null; // the room this tab is in (or trying to get into)

  /** The peer list and the status line, from the session's open connections. */
  function showPeers(s) {
    const names = [...s.open.keys()].sort(bySeat);
    view.showPeers(names);
    if (s.peer && s.peer.open) {
      setStatus("open", names.length > 0
        ? `You are ${s.me} in room ${s.room}, connected to ${names.join(", ")}.`
        : `You are ${s.me} in room ${s.room}. Waiting for another tab: open the link above in a second tab.`,
      s.me);
    }
  }

  const setInRoom = (inRoom) => view.setInRoom(inRoom, typeof window.Peer === "function");

  // ---- rooms and seats ----

  function validRoom(room) {
    return /^[1-9][0-9]{16,19}$/.test(room) && BigInt(room) <= MAX_SNOWFLAKE;
  }

  /** A fresh snowflake: milliseconds since Discord's epoch, then 22 random bits. */
  function randomRoom() {
    const random = crypto.getRandomValues(new Uint32Array(1))[0] & 0x3fffff;
    return ((BigInt(Date.now()) - DISCORD_EPOCH_MS) << 22n | BigInt(random)).toString();
  }

  function roomLink(room) {
    const link = new URL(location.pathname, location.origin);
    const query = new URLSearchParams({ room });
    for (const name of ["key", "seats"]) if (params.has(name)) query.set(name, params.get(name));
    link.search = query.toString();
    return link.href;
  }

  const showShareLink = (room) => view.showShareLink(validRoom(room) ? roomLink(room) : null);

  const seatOf = (id) => {
    const m = SEAT.exec(id);
    return m ? Number(m[1]) : null;
  };
  const bySeat = (a, b) => (seatOf(a) ?? Infinity) - (seatOf(b) ?? Infinity) || a.localeCompare(b);
  const live = (s, peer) => session === s && s.peer === peer;

  function peerOptions(room) {
    const secure = location.protocol === "https:";
    return {
      host: location.hostname,
      port: Number(location.port) || (secure ? 443 : 80),
      path: `${basePath}rooms/${room}/`,
      secure,
      key,
      // No STUN or TURN server: tabs on one machine or one network reach each other directly,
      // and the page talks to no host but this one.
      config: { iceServers: [] },
    };
  }

  function join(room) {
    leave(false);
    view.clearRoom();
    history.replaceState(null, "", roomLink(room));
    showShareLink(room);
    session = {
      room, me: null, opened: false, peer: null,
      outgoing: new Map(), // remote id -> the call this tab made to it, until it opens or is dropped
      open: new Map(), // remote id -> the connection the chat uses
      all: new Set(), // every connection, duplicates included, to close them on the way out
      dropped: new Set(), // connection ids of duplicate calls, so that their late frames say so
      counts: new Map(),
    };
    setInRoom(true);
    showPeers(session);
    setStatus("joining", `Looking for a free seat in room ${room}…`);
    trySeat(session, 1);
  }

  function trySeat(s, n) {
    if (session !== s) return;
    if (n > MAX_SEAT_TRIES) {
      roomFull(s, `no free seat among the first ${MAX_SEAT_TRIES}`);
      return;
    }
    const id = `seat-${n}`;
    const options = peerOptions(s.room);
    log("connecting", `asking for ${id}: ${options.secure ? "wss" : "ws"}://${options.host}:${options.port}`
      + `${options.path}peerjs?key=${key}&id=${id}&token=…`, { peer: id });
    const peer = new Peer(id, options);
    s.peer = peer;
    s.me = id;
    observeSocket(s, peer);
    peer.on("open", () => { if (live(s, peer)) opened(s); });
    // The client emits "connection" while it handles the OFFER frame; the frame is logged after
    // that, so the decision about the new connection waits for the end of that handling.
    peer.on("connection", (conn) => { if (live(s, peer)) queueMicrotask(() => incoming(s, conn)); });
    peer.on("error", (e) => { if (live(s, peer)) peerError(s, n, e); });
  }

  function opened(s) {
    s.opened = true;
    log("open", `the server admitted you as ${s.me} (OPEN)`, { peer: s.me });
    showPeers(s);
    const top = Math.max(seats, seatOf(s.me));
    for (let n = 1; n <= top; n++) {
      if (n !== seatOf(s.me)) dial(s, `seat-${n}`);
    }
  }

  function dial(s, id) {
    const conn = s.peer.connect(id, { reliable: true, label: "chat" });
    if (!conn) return;
    s.outgoing.set(id, conn);
    const why = seatOf(id) < seatOf(s.me) ? "a lower seat" : "a higher seat, in case a tab is there";
    log("dial", `calling ${id} (${why})`, { peer: id, conn: conn.connectionId });
    watch(s, conn);
  }

  function incoming(s, conn) {
    if (session !== s) return;
    const mine = s.outgoing.get(conn.peer);
    const theirs = seatOf(conn.peer);
    if (mine && !mine.retired && !mine.open && theirs !== null) {
      if (theirs > seatOf(s.me)) {
        retire(s, mine);
        log("duplicate", `you and ${conn.peer} called each other: keeping ${conn.peer}'s call (the higher seat's)`,
          { peer: conn.peer, conn: mine.connectionId });
      } else {
        retire(s, conn);
        log("duplicate", `you and ${conn.peer} called each other: keeping your call (the higher seat's)`,
          { peer: conn.peer, conn: conn.connectionId });
        return;
      }
    }
    watch(s, conn);
  }

  /** Drops a duplicate call quietly; the close waits until the client is done with its current step. */
  function retire(s, conn) {
    s.all.add(conn);
    s.dropped.add(conn.connectionId);
    conn.retired = true;
    if (s.outgoing.get(conn.peer) === conn) s.outgoing.delete(conn.peer);
    setTimeout(() => {
      conn.close();
      s.all.delete(conn);
    }, RETIRE_DELAY_MS);
  }

  function watch(s, conn) {
    s.all.add(conn);
    const current = () => session === s && !conn.retired;
    const ids = { peer: conn.peer, conn: conn.connectionId };
    conn.on("iceStateChanged", (state) => { if (current()) log("ice", `${state} with ${conn.peer}`, ids); });
    conn.on("open", () => {
      if (!current()) return;
      s.open.set(conn.peer, conn);
      log("channel-open", `with ${conn.peer}: the tabs now talk directly`, ids);
      showPeers(s);
    });
    conn.on("data", (data) => {
      if (!current() || typeof data !== "string") return;
      const text = data.slice(0, MAX_CHAT_CHARS);
      addChat(conn.peer, text);
      log("chat-received", `from ${conn.peer}: ${text}`, ids);
    });
    conn.on("close", () => {
      s.all.delete(conn);
      if (s.outgoing.get(conn.peer) === conn) s.outgoing.delete(conn.peer);
      if (!current() || s.open.get(conn.peer) !== conn) return;
      s.open.delete(conn.peer);
      log("peer-left", `${conn.peer}: the data channel closed`, ids);
      showPeers(s);
    });
    conn.on("error", (e) => { if (current()) log("error", `${conn.peer}: ${e.type}: ${e.message}`, ids); });
  }

  // ---- what the server and the client say (demo-signals.js logs the frames) ----

  function observeSocket(s, peer) {
    window.PeerRoomDemoSignals.observe(s, peer, {
      isLive: () => live(s, peer),
      log,
      onExpire: (frame) => expired(s, frame),
    });
  }

  /** EXPIRE with a dst: a message of ours was not delivered. Without: a room mate went silent. */
  function expired(s, frame) {
    const who = frame.src;
    if (!frame.dst) {
      log("expire", `${who} went silent and the server dropped it (EXPIRE)`, { peer: who });
      return;
    }
    const mine = s.outgoing.get(who);
    if (mine && !mine.open) {
      s.outgoing.delete(who);
      mine.retired = true;
      mine.close();
      s.all.delete(mine);
      log("empty-seat", `${who} is empty: the server held the call for its hold timeout, then answered EXPIRE`,
        { peer: who, conn: mine.connectionId });
    } else {
      log("expire", `a message to ${who} could not be delivered (EXPIRE)`, { peer: who });
    }
  }

  function peerError(s, n, e) {
    const message = String(e.message);
    switch (e.type) {
      case "unavailable-id":
        log("seat-taken", `seat-${n} is taken (ID-TAKEN); trying seat-${n + 1}`, { peer: `seat-${n}` });
        trySeat(s, n + 1);
        return;
      case "peer-unavailable":
        return; // an EXPIRE frame, logged by demo-signals.js
      case "server-error":
        if (/Room is full/i.test(message)) {
          roomFull(s, message);
        } else if (/Unauthorized/i.test(message)) {
          end(s, "error", `The server refused the join: ${message}. It requires signed join tokens `
            + "(--jwt-secret or --jwt-public-key), and this demo cannot make them. See docs/demo.md.",
          `the server refused ${s.me}: ${message} (ERROR)`);
        } else {
          end(s, "error", `The server refused the join: ${message}.`, `the server refused ${s.me}: ${message} (ERROR)`);
        }
        return;
      case "invalid-key":
        end(s, "error", `The server refused the key "${key}". If it runs with another --key, open this page `
          + "with ?key=<that key>.", `the server refused the key: ${message}`);
        return;
      case "network":
        if (s.opened) {
          log("error", `${e.type}: ${message}`);
          setStatus("disconnected", "The signaling connection is lost. Open data channels still work; "
            + "press Leave, then Join, to take a seat again.");
        } else {
          end(s, "error", "Could not reach the signaling server over WebSocket. Is it running, and does "
            + "--allowed-origins (if set) list this page's origin?", `${e.type}: ${message}`);
        }
        return;
      default:
        log("error", `${e.type}: ${message}`);
    }
  }

  function roomFull(s, message) {
    log("room-full", `the server refused ${s.me}: ${message}`, { peer: s.me });
    setStatus("full", `Room ${s.room} is full: every seat is taken. Close one of its tabs, or join another room.`);
    session = null;
    setInRoom(false);
  }

  function end(s, state, text, logText) {
    log("error", logText);
    setStatus(state, text);
    if (s.peer && !s.peer.destroyed) s.peer.destroy();
    session = null;
    setInRoom(false);
  }

  function leave(announce) {
    const s = session;
    if (!s) return;
    session = null;
    // Each connection is closed here, not only by destroy(): the client's own loop over a peer's
    // connections skips one when two are listed for the same peer (a duplicate call not yet closed).
    for (const conn of [...s.all]) conn.close();
    if (s.peer && !s.peer.destroyed) s.peer.destroy();
    if (announce) {
      log("left", `${s.me || "this tab"} left room ${s.room}`);
      setStatus("idle", "You left the room. Press Join to take a seat again.");
    }
    setInRoom(false);
  }

  // ---- small helpers ----

  function metaContent(name) {
    const el = document.querySelector(`meta[name="${name}"]`);
    return el ? el.content : null;
  }

  function boundedInt(text, min, max, fallback) {
    const n = Number(text);
    return text !== null && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
  }

  // ---- wiring ----

  ui.joinForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const room = ui.room.value.trim();
    if (!validRoom(room)) {
      view.markRoomInvalid(true);
      setStatus("error", "That is not a valid room id: 17 to 20 digits, not starting with 0, at most 2^64-1.");
      ui.room.focus();
      return;
    }
    view.markRoomInvalid(false);
    join(room);
  });
  ui.room.addEventListener("input", () => showShareLink(ui.room.value.trim()));
  ui.leave.addEventListener("click", () => leave(true));
  // Closing the peer connections on the way out lets the other tabs see the data channel close at
  // once; a tab that just vanishes is noticed only when ICE gives up on it.
  window.addEventListener("pagehide", () => leave(false));
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) setStatus("idle", "Not in a room any more. Press Join to take a seat again.");
  });
  ui.chatForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const s = session;
    const text = ui.message.value.trim().slice(0, MAX_CHAT_CHARS);
    if (!s || !text) return;
    const targets = [...s.open.values()].filter((c) => c.open);
    if (targets.length === 0) return;
    for (const conn of targets) conn.send(text);
    addChat("you", text);
    log("chat-sent", `to ${targets.map((c) => c.peer).sort(bySeat).join(", ")}: ${text}`);
    ui.message.value = "";
    ui.message.focus();
  });

  const requested = params.get("room");
  ui.room.value = requested !== null ? requested.trim() : randomRoom();
  showShareLink(ui.room.value);
  setInRoom(false);
  if (typeof window.Peer !== "function") {
    setStatus("error", "The PeerJS client is missing: this server was built without it. Build the jar with "
      + "Maven (mvn package), which bundles it.");
  } else if (requested !== null) {
    if (validRoom(ui.room.value)) {
      join(ui.room.value);
    } else {
      view.markRoomInvalid(true);
      setStatus("error", "The room in the link is not a valid room id: 17 to 20 digits, not starting with 0.");
    }
  }
})();
