// The live status page: polls /status.json and draws the last five minutes by hand on a canvas.
// Served as a same-origin file so the page's Content-Security-Policy needs no inline script.
"use strict";
(() => {
  const TOKEN_KEY = "peerroom.adminToken"; // sessionStorage: gone when the tab closes
  const POLL_MS = 1000;
  const WINDOW_MS = 5 * 60 * 1000;
  const SERIES = [
    { key: "rooms", label: "Rooms", color: "#2563eb" },
    { key: "peers", label: "Peers", color: "#16a34a" },
    { key: "mps", label: "Messages/s", color: "#ea580c" },
  ];
  const $ = (id) => document.getElementById(id);
  let timer = null;

  const storedToken = () => sessionStorage.getItem(TOKEN_KEY);

  function show(element, visible) {
    element.hidden = !visible;
  }

  function askForToken(message) {
    show($("status"), false);
    show($("login"), true);
    $("login-error").textContent = message || "";
    show($("login-error"), Boolean(message));
    $("token").focus();
  }

  function problem(message) {
    $("problem").textContent = message || "";
    show($("problem"), Boolean(message));
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(poll, POLL_MS);
  }

  async function poll() {
    const token = storedToken();
    const headers = token ? { Authorization: `Bearer ${token}` } : {};
    let response;
    try {
      response = await fetch("/status.json", { headers, cache: "no-store" });
    } catch (e) {
      problem(`The server did not answer (${e.message}); retrying.`);
      schedule();
      return;
    }
    if (response.status === 401) {
      // No token yet, or a wrong one: stop polling and ask; a wrong one is forgotten.
      sessionStorage.removeItem(TOKEN_KEY);
      problem("");
      askForToken(token ? "The token was not accepted. Check it and try again." : "");
      return;
    }
    if (!response.ok) {
      problem(`The server answered ${response.status} ${response.statusText}; retrying.`);
      schedule();
      return;
    }
    const data = await response.json();
    problem("");
    show($("login"), false);
    show($("status"), true);
    show($("forget"), Boolean(token));
    render(data);
    schedule();
  }

  function render(data) {
    $("node").textContent = `node ${data.node}`;
    $("rooms").textContent = String(data.rooms);
    $("peers").textContent = String(data.peers);
    $("mps").textContent = formatRate(data.messagesPerSecond);
    $("updated").textContent = `Updated ${new Date(data.now).toLocaleTimeString()}; one sample a second.`;
    draw($("chart"), data);
  }

  function formatRate(r) {
    return r >= 100 ? r.toFixed(0) : r.toFixed(1);
  }

  /** The smallest of 1, 2, 5 × 10^n at or above v (and at least 1): the top of a band's scale. */
  function niceCeiling(v) {
    if (v <= 1) return 1;
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
    return 10 * p;
  }

  /** One band per series, stacked, each on its own scale; time runs left (−5 min) to right (now). */
  function draw(canvas, data) {
    const ratio = window.devicePixelRatio || 1;
    const cssWidth = canvas.clientWidth || canvas.width;
    const cssHeight = Math.round(cssWidth * 390 / 900);
    if (canvas.width !== Math.round(cssWidth * ratio) || canvas.height !== Math.round(cssHeight * ratio)) {
      canvas.width = Math.round(cssWidth * ratio);
      canvas.height = Math.round(cssHeight * ratio);
    }
    const g = canvas.getContext("2d");
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.fillStyle = "#ffffff";
    g.fillRect(0, 0, cssWidth, cssHeight);

    const left = 56;
    const right = cssWidth - 12;
    const axis = 22;
    const bandHeight = Math.floor((cssHeight - axis - 8) / SERIES.length);
    const start = data.now - WINDOW_MS;
    const x = (t) => Math.round(left + (right - left) * (t - start) / WINDOW_MS);

    g.font = "12px system-ui, sans-serif";
    g.textBaseline = "middle";
    SERIES.forEach((series, i) => {
      const top = 14 + i * bandHeight;
      const bottom = top + bandHeight - 22;
      const values = data.history.map((s) => s[series.key]);
      const max = niceCeiling(Math.max(0, ...values));
      const y = (v) => Math.round(bottom - (bottom - top) * Math.min(v, max) / max);

      g.strokeStyle = "#e5e7eb";
      g.lineWidth = 1;
      g.beginPath();
      for (const v of [0, max / 2, max]) {
        g.moveTo(left, y(v) + 0.5);
        g.lineTo(right, y(v) + 0.5);
      }
      g.stroke();
      g.fillStyle = "#4b5563";
      g.textAlign = "right";
      g.fillText(String(max), left - 6, y(max));
      g.fillText("0", left - 6, y(0));
      // Labels in the text colour: the series colours mark the lines alone (the numbers above
      // carry the same colours as a legend).
      g.textAlign = "left";
      g.fillText(series.label, left + 6, top + 6);

      g.strokeStyle = series.color;
      g.lineWidth = 2;
      g.lineJoin = "round";
      g.beginPath();
      let drawing = false;
      let previous = null;
      for (const sample of data.history) {
        if (sample.t < start) continue;
        // A gap of more than a few seconds (the node was busy, or just started) is not bridged.
        if (previous !== null && sample.t - previous > 5000) drawing = false;
        const px = x(sample.t);
        const py = y(sample[series.key]);
        if (drawing) g.lineTo(px, py); else g.moveTo(px, py);
        drawing = true;
        previous = sample.t;
      }
      g.stroke();
    });

    g.fillStyle = "#4b5563";
    g.textAlign = "center";
    const axisY = cssHeight - axis / 2;
    for (let minutes = 5; minutes >= 0; minutes--) {
      const t = data.now - minutes * 60000;
      g.textAlign = minutes === 5 ? "left" : minutes === 0 ? "right" : "center";
      g.fillText(minutes === 0 ? "now" : `−${minutes} min`, x(t), axisY);
    }
  }

  $("login").addEventListener("submit", (event) => {
    event.preventDefault();
    const token = $("token").value.trim();
    if (!token) return;
    sessionStorage.setItem(TOKEN_KEY, token);
    $("token").value = "";
    show($("login-error"), false);
    poll();
  });

  $("forget").addEventListener("click", () => {
    sessionStorage.removeItem(TOKEN_KEY);
    clearTimeout(timer);
    askForToken("");
  });

  poll();
})();
