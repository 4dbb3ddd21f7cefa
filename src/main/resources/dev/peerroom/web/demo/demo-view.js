// What the demo page shows (docs/demo.md): the signaling log, the status line, the peer list, the
// chat and the share link. Text goes in with textContent only, never as HTML: chat lines and peer
// ids come from other tabs. demo.js decides what to show; this file only shows it.
"use strict";
window.PeerRoomDemoView = (() => {
  const $ = (id) => document.getElementById(id);
  const ui = {
    joinForm: $("join-form"), room: $("room"), join: $("join"), leave: $("leave"), share: $("share"),
    shareLink: $("share-link"), status: $("status"), peers: $("peers"), chat: $("chat"),
    chatForm: $("chat-form"), message: $("message"), send: $("send"), log: $("log"),
  };

  // Each log step: its style (sent, received, good, warn, bad, info) and the label a reader sees.
  // The step name itself is the line's data-step, which the browser suite reads.
  const STEPS = {
    "connecting": ["info", "connecting"],
    "seat-taken": ["warn", "seat taken"],
    "open": ["good", "socket open"],
    "dial": ["info", "dialing"],
    "offer-sent": ["sent", "offer sent"],
    "offer-received": ["received", "offer received"],
    "answer-sent": ["sent", "answer sent"],
    "answer-received": ["received", "answer received"],
    "candidate-sent": ["sent", "candidate sent"],
    "candidate-received": ["received", "candidate received"],
    "ice": ["info", "ICE state"],
    "channel-open": ["good", "data channel open"],
    "duplicate": ["info", "duplicate call"],
    "chat-sent": ["sent", "chat sent"],
    "chat-received": ["received", "chat received"],
    "empty-seat": ["info", "empty seat"],
    "expire": ["warn", "EXPIRE"],
    "leave": ["warn", "LEAVE"],
    "peer-left": ["warn", "peer left"],
    "socket-closed": ["warn", "socket closed"],
    "room-full": ["bad", "room full"],
    "error": ["bad", "error"],
    "left": ["info", "you left"],
  };

  let startedAt = performance.now();

  /** One log line: the seconds since Join, the step's label, the text; ids for the call it is about. */
  function log(step, text, { peer, conn } = {}) {
    const [kind, label] = STEPS[step];
    const seconds = (performance.now() - startedAt) / 1000;
    const li = document.createElement("li");
    li.className = kind;
    li.dataset.step = step;
    if (peer) li.dataset.peer = peer;
    if (conn) li.dataset.conn = conn;
    const time = document.createElement("time");
    time.dateTime = `PT${seconds.toFixed(3)}S`;
    time.textContent = `+${seconds.toFixed(3)} s`;
    const tag = document.createElement("span");
    tag.className = "tag";
    tag.textContent = label;
    const body = document.createElement("span");
    body.className = "text";
    body.textContent = text;
    li.append(time, tag, body);
    // Follow new lines only while the reader is at the bottom, so scrolling back stays put.
    const atBottom = ui.log.scrollHeight - ui.log.scrollTop - ui.log.clientHeight < 40;
    ui.log.append(li);
    if (atBottom) ui.log.scrollTop = ui.log.scrollHeight;
  }

  /** The status line; `state` (idle, joining, open, full, disconnected, error) is its data-state. */
  function setStatus(state, text, seat) {
    ui.status.dataset.state = state;
    if (seat) ui.status.dataset.seat = seat;
    else delete ui.status.dataset.seat;
    ui.status.textContent = text;
  }

  /** The connected peers; the chat is usable while there is one. */
  function showPeers(names) {
    const items = names.map((name) => {
      const li = document.createElement("li");
      li.dataset.peer = name;
      li.textContent = name;
      return li;
    });
    if (items.length === 0) {
      const none = document.createElement("li");
      none.className = "none";
      none.textContent = "None yet.";
      items.push(none);
    }
    ui.peers.replaceChildren(...items);
    ui.message.disabled = names.length === 0;
    ui.send.disabled = names.length === 0;
  }

  function addChat(from, text) {
    const li = document.createElement("li");
    li.dataset.from = from;
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = `${from}:`;
    li.append(who, document.createTextNode(text));
    ui.chat.append(li);
    ui.chat.scrollTop = ui.chat.scrollHeight;
  }

  /** A new Join: the clock starts again, and the last room's log and chat go. */
  function clearRoom() {
    startedAt = performance.now();
    ui.log.replaceChildren();
    ui.chat.replaceChildren();
  }

  function setInRoom(inRoom, canJoin) {
    ui.room.readOnly = inRoom;
    ui.join.disabled = inRoom || !canJoin;
    ui.leave.disabled = !inRoom;
    if (!inRoom) showPeers([]);
  }

  /** The link a second tab opens; null hides it (no valid room in the field). */
  function showShareLink(href) {
    ui.share.hidden = href === null;
    if (href !== null) {
      ui.shareLink.href = href;
      ui.shareLink.textContent = href;
    }
  }

  function markRoomInvalid(invalid) {
    if (invalid) ui.room.setAttribute("aria-invalid", "true");
    else ui.room.removeAttribute("aria-invalid");
  }

  return { ui, log, setStatus, showPeers, addChat, clearRoom, setInRoom, showShareLink, markRoomInvalid };
})();
