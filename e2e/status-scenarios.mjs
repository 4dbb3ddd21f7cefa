// [operator]: the live status page behind the admin token, and the admin API's kick as a game sees
// it. Run against the operator's node (--status-page token, PEERROOM_ADMIN_TOKEN = w.adminToken).
// The status page is the node's own: the browser loads it straight from the node's port.
import assert from "node:assert/strict";
import { errorsOf, evaluate, stateOf } from "./lib/checks.mjs";
import { decodePng, findColour } from "./lib/png.mjs";
import { until } from "./lib/wait.mjs";

// The chart's series colours and background, as status.js draws them.
const SERIES = { rooms: "#2563eb", peers: "#16a34a", mps: "#ea580c" };
const BACKGROUND = "#ffffff";
const TOKEN_KEY = "peerroom.adminToken";

const nodeUrl = (w, path) => `http://127.0.0.1:${w.signalPorts[0]}${path}`;

/** A page on the node's /status, recording every request it makes and every script error. */
async function statusPage(w) {
  const context = await w.newContext();
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.goto(nodeUrl(w, "/status"));
  return { page, requests, problems };
}

/** The page asks for the token (the data needs it); types it and submits. */
async function logIn(page, token) {
  await page.waitForSelector("#login:not([hidden])", { timeout: 10000 });
  await page.fill("#token", token);
  await page.click("#login button[type=submit]");
}

const shown = (page) => page.evaluate(() => ({
  rooms: Number(document.getElementById("rooms").textContent),
  peers: Number(document.getElementById("peers").textContent),
  mps: Number(document.getElementById("mps").textContent),
}));

export const statusScenarios = [
  {
    name: "the status page shows rooms, peers and messages/s and draws its chart",
    async run(w) {
      const { page, requests, problems } = await statusPage(w);
      await logIn(page, w.adminToken);
      await page.waitForSelector("#status:not([hidden])", { timeout: 10000 });

      const room = w.newRoom();
      const a = await w.peer(room, "status-a");
      const b = await w.peer(room, "status-b");
      // Each connect routes OFFER, ANSWER and CANDIDATEs through the node: keep connecting until
      // a one-second sample has seen them and the page shows it.
      let values = null;
      let connects = 0;
      await until(async () => {
        await w.connect(a, b);
        connects++;
        values = await shown(page);
        return values.rooms >= 1 && values.peers >= 2 && values.mps > 0;
      }, "the page to show a room, two peers and a message rate", 30000, 0);

      // The screenshot check: decode the canvas's pixels and find each series' line in its colour
      // (only the lines use those colours), on a white background.
      const image = decodePng(await page.locator("#chart").screenshot());
      const found = Object.fromEntries(Object.entries(SERIES).map(([k, hex]) => [k, findColour(image, hex)]));
      const background = findColour(image, BACKGROUND, 2).count;
      for (const [series, f] of Object.entries(found)) {
        assert.ok(f.count >= 40, `the chart draws the ${series} series (${f.count} pixels of ${SERIES[series]})`);
      }
      assert.ok(found.mps.rows >= 6, `the messages/s line rises off zero (${found.mps.rows} rows)`);
      assert.ok(background > image.width * image.height / 2, `the chart's background is mostly white (${background} px)`);

      assert.equal(await page.evaluate((k) => sessionStorage.getItem(k), TOKEN_KEY), w.adminToken,
        "the token is kept in sessionStorage");
      assert.equal(await page.evaluate(() => localStorage.length), 0, "nothing is kept in localStorage");
      const origin = nodeUrl(w, "");
      assert.deepEqual(requests.filter((u) => !u.startsWith(`${origin}/`)), [], "no asset from anywhere but the node");
      assert.deepEqual(problems, [], "no script error and no Content-Security-Policy violation");
      w.note = `shown ${JSON.stringify(values)} after ${connects} connects; chart ${image.width}x${image.height}, `
        + `series ${Object.entries(found).map(([k, f]) => `${k} ${f.count} px/${f.rows} rows`).join(", ")}`;
    },
  },
  {
    name: "the status page with a wrong token says so and shows no data",
    async run(w) {
      const { page, requests } = await statusPage(w);
      await logIn(page, `${w.adminToken}-wrong`);
      await page.waitForSelector("#login-error:not([hidden])", { timeout: 10000 });
      assert.match(await page.textContent("#login-error"), /token was not accepted/i);
      assert.equal(await page.isHidden("#status"), true, "no numbers, no chart");
      assert.equal(await page.evaluate((k) => sessionStorage.getItem(k), TOKEN_KEY), null, "the wrong token is forgotten");
      assert.ok(requests.filter((u) => u.endsWith("/status.json")).length >= 2, "the page asked with the token");
      // The right token then works in the same page.
      await logIn(page, w.adminToken);
      await page.waitForSelector("#status:not([hidden])", { timeout: 10000 });
      assert.equal(await page.isHidden("#login-error"), true);
    },
  },
  {
    name: "an admin kick: the kicked client gets \"Kicked\", its mate's connection to it closes",
    async run(w) {
      const room = w.newRoom();
      const mate = await w.peer(room, "stays");
      const kicked = await w.peer(room, "kicked");
      await w.connect(mate, kicked);
      const auth = { Authorization: `Bearer ${w.adminToken}` };

      const detail = await fetch(nodeUrl(w, `/admin/rooms/${room}`), { headers: auth });
      assert.equal(detail.status, 200);
      assert.deepEqual((await detail.json()).peers, ["stays", "kicked"]);
      const anonymous = await fetch(nodeUrl(w, `/admin/rooms/${room}/peers/kicked`), { method: "DELETE" });
      assert.equal(anonymous.status, 401, "no kick without the token");
      assert.match(anonymous.headers.get("www-authenticate"), /^Bearer realm="peerroom"/);

      const kick = await fetch(nodeUrl(w, `/admin/rooms/${room}/peers/kicked`), { method: "DELETE", headers: auth });
      assert.equal(kick.status, 200);
      const body = await kick.json();
      assert.equal(body.kicked, "kicked");
      assert.equal(body.roomId, room);

      const error = await evaluate(kicked, () => window.harness.waitForError("server-error", 10000));
      assert.equal(error.message, "Kicked");
      await until(async () => (await stateOf(kicked)).disconnected, "the kicked client to be disconnected");
      await until(() => evaluate(mate, (id) => window.harness.log.some((e) => e.kind === "conn-close" && e.detail === id),
        kicked.id), "the mate's DataConnection to the kicked peer to close");
      assert.deepEqual(await errorsOf(mate), [], "the mate saw no error");
      assert.equal((await stateOf(mate)).disconnected, false, "the mate stays connected");
      const again = await fetch(nodeUrl(w, `/admin/rooms/${room}/peers/kicked`), { method: "DELETE", headers: auth });
      assert.equal(again.status, 404, "a second kick finds nobody");

      // Not a ban: the kicked client reconnects with its id and connects to its mate again.
      const back = await evaluate(kicked, () => window.harness.reconnectNow(true));
      assert.equal(back.id, "kicked");
      await w.connect(mate, kicked);
    },
  },
];
