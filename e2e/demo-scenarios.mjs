// The page the server itself serves at /demo (docs/demo.md), driven as a person would use it: each
// tab is its own browser context on http://127.0.0.1:<port>/demo?room=<room>, and the scenarios
// read only what the page shows (its status line, peer list, chat and signaling log).
import assert from "node:assert/strict";
import { until } from "./lib/wait.mjs";

// An empty seat's call is held for --hold-timeout (5 s), then EXPIREs; the sweeper adds up to 250 ms.
const EMPTY_SEAT_MS = 5000 + 3000;

export const demoScenarios = [
  {
    name: "two tabs connect, log each signaling step in order, and chat",
    async run(w) {
      const room = w.newRoom();
      const one = await openTab(w, room);
      await seated(one, "seat-1");
      const two = await openTab(w, room);
      await seated(two, "seat-2");
      await connected(one, "seat-2");
      await connected(two, "seat-1");

      // The higher seat's call is the one kept: seat-2 dialed, seat-1 answered.
      const dialer = await logOf(two);
      const conn = channelOpen(dialer, "seat-1").conn;
      assert.ok(conn, "the data channel entry names its connection");
      const at = (entries, step) => entries.findIndex((e) => e.step === step && e.conn === conn);
      const opened = dialer.findIndex((e) => e.step === "open");
      assert.ok(opened >= 0, "the dialer logged its OPEN");
      assertOrder([opened, at(dialer, "offer-sent"), at(dialer, "answer-received"), at(dialer, "channel-open")],
        "dialer: open, offer sent, answer received, data channel open");
      assert.ok(at(dialer, "candidate-sent") > at(dialer, "offer-sent"), "dialer: candidates follow the offer");
      assert.ok(firstCandidate(dialer, conn) < at(dialer, "channel-open"), "dialer: candidates before the channel opens");

      const answerer = await logOf(one);
      assertOrder([answerer.findIndex((e) => e.step === "open"), at(answerer, "offer-received"),
        at(answerer, "answer-sent"), at(answerer, "channel-open")],
      "answerer: open, offer received, answer sent, data channel open");
      assert.ok(at(answerer, "candidate-received") > at(answerer, "offer-received"), "answerer: candidates after the offer");
      assert.ok(firstCandidate(answerer, conn) < at(answerer, "channel-open"), "answerer: candidates before the channel opens");
      // Both directions carried candidates (counted per connection in the log text).
      await until(async () => (await logOf(two)).some((e) => e.step === "candidate-received" && e.conn === conn),
        "the dialer to receive a candidate");
      await until(async () => (await logOf(one)).some((e) => e.step === "candidate-sent" && e.conn === conn),
        "the answerer to send a candidate");

      w.note = `seat-2's data channel open ${dialer[at(dialer, "channel-open")].time} after its Join`;
      await chat(one, "hello from the first tab ✓", [two]);
      await chat(two, "and back from the second", [one]);
      await noPageErrors(one, two);
    },
  },
  {
    name: "a third tab meets both, and finds seat-4 empty",
    async run(w) {
      const room = w.newRoom();
      const one = await openTab(w, room);
      await seated(one, "seat-1");
      const two = await openTab(w, room);
      await seated(two, "seat-2");
      await connected(one, "seat-2");
      const three = await openTab(w, room);
      await seated(three, "seat-3");
      for (const [tab, peers] of [[one, ["seat-2", "seat-3"]], [two, ["seat-1", "seat-3"]], [three, ["seat-1", "seat-2"]]]) {
        for (const p of peers) await connected(tab, p);
        assert.deepEqual(await peersOf(tab), peers);
      }
      await chat(three, "the third tab says hi", [one, two]);
      const empty = await until(async () => (await logOf(three)).find((e) => e.step === "empty-seat" && e.peer === "seat-4"),
        "seat-3 to report seat-4 empty", EMPTY_SEAT_MS);
      assert.match(empty.text, /seat-4 is empty/);
      await noPageErrors(one, two, three);
    },
  },
  {
    name: "a tab that takes a freed lower seat meets the higher seats",
    async run(w) {
      const room = w.newRoom();
      const tabs = [];
      for (const seat of ["seat-1", "seat-2", "seat-3"]) {
        tabs.push(await openTab(w, room));
        await seated(tabs[tabs.length - 1], seat);
      }
      const [one, two, three] = tabs;
      await connected(three, "seat-1");
      await connected(three, "seat-2");
      await connected(one, "seat-2");
      await two.context().close(); // the tab is closed: seat-2 is free again
      for (const tab of [one, three]) {
        await until(async () => (await logOf(tab)).some((e) => e.step === "peer-left" && e.peer === "seat-2"),
          "seat-2's mates to see it leave");
      }
      const late = await openTab(w, room);
      await seated(late, "seat-2");
      const log = await logOf(late);
      assert.ok(log.some((e) => e.step === "seat-taken" && e.peer === "seat-1"), "seat-1 was tried first and is taken");
      await connected(late, "seat-1");
      await connected(late, "seat-3"); // the higher seat: reached because the late tab dials up as well
      await connected(three, "seat-2");
      await chat(late, "back in seat two", [one, three]);
      await noPageErrors(one, three, late);
    },
  },
  {
    name: "a fifth tab finds the room full",
    async run(w) {
      const room = w.newRoom();
      const four = [];
      for (let n = 1; n <= 4; n++) {
        four.push(await openTab(w, room));
        await seated(four[n - 1], `seat-${n}`);
      }
      for (const p of ["seat-1", "seat-2", "seat-3"]) await connected(four[3], p);
      const fifth = await openTab(w, room);
      const full = await until(async () => {
        const s = await statusOf(fifth);
        return s.state === "full" ? s : null;
      }, "the fifth tab to show a full room");
      assert.match(full.text, /is full/);
      const log = await logOf(fifth);
      assert.deepEqual(log.filter((e) => e.step === "seat-taken").map((e) => e.peer), ["seat-1", "seat-2", "seat-3", "seat-4"]);
      assert.match(log.find((e) => e.step === "room-full").text, /Room is full/);
      assert.equal(await fifth.locator("#join").isEnabled(), true, "Join is offered again");
      assert.deepEqual(await peersOf(four[3]), ["seat-1", "seat-2", "seat-3"], "the four stay connected");
      await noPageErrors(...four, fifth);
    },
  },
];

/** A tab of its own (a browser context) on the server's demo page, auto-joining `room`. */
async function openTab(w, room) {
  const origin = `http://127.0.0.1:${w.signalPorts[0]}`;
  const context = await w.newContext();
  // As for the harness page: with media permission Chromium offers raw IP candidates instead of
  // mDNS names, which nothing resolves in the loopback-only namespace. The page asks for no media.
  await context.grantPermissions(["camera", "microphone"], { origin });
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text())) page.problems.push(m.text());
  });
  await page.goto(`${origin}/demo?room=${room}`);
  return page;
}

const statusOf = (page) => page.evaluate(() => {
  const el = document.getElementById("status");
  return { state: el.dataset.state, seat: el.dataset.seat || null, text: el.textContent };
});

const peersOf = (page) => page.$$eval("#peers li[data-peer]", (lis) => lis.map((li) => li.dataset.peer));

const logOf = (page) => page.$$eval("#log li", (lis) => lis.map((li) => ({
  step: li.dataset.step, peer: li.dataset.peer || null, conn: li.dataset.conn || null,
  time: li.querySelector("time").textContent, text: li.querySelector(".text").textContent,
})));

async function seated(page, seat) {
  const s = await until(async () => {
    const st = await statusOf(page);
    if (st.state === "error" || st.state === "full") throw new Error(`the tab did not get a seat: ${st.text}`);
    return st.state === "open" ? st : null;
  }, `a tab to take ${seat}`);
  assert.equal(s.seat, seat);
}

async function connected(page, peer) {
  await until(async () => (await peersOf(page)).includes(peer), `${await seatOf(page)} to connect to ${peer}`);
}

const seatOf = async (page) => (await statusOf(page)).seat;

function channelOpen(entries, peer) {
  const found = entries.filter((e) => e.step === "channel-open" && e.peer === peer);
  assert.equal(found.length, 1, `one data channel with ${peer}`);
  return found[0];
}

function firstCandidate(entries, conn) {
  const i = entries.findIndex((e) => (e.step === "candidate-sent" || e.step === "candidate-received") && e.conn === conn);
  assert.ok(i >= 0, `a candidate on ${conn}`);
  return i;
}

function assertOrder(indices, what) {
  assert.ok(indices.every((i) => i >= 0), `${what}: every step is logged (${indices})`);
  assert.ok(indices.every((i, k) => k === 0 || i > indices[k - 1]), `${what}: in this order (${indices})`);
}

/** `from` types `text` and presses Send; every tab in `to` shows it from `from`'s seat. */
async function chat(from, text, to) {
  const seat = await seatOf(from);
  await from.fill("#message", text);
  await from.click("#send");
  await until(async () => (await from.$$eval('#chat li[data-from="you"]', (lis) => lis.map((li) => li.textContent)))
    .some((t) => t.includes(text)), "the sender to show its own line");
  for (const page of to) {
    await until(async () => (await page.$$eval(`#chat li[data-from="${seat}"]`, (lis) => lis.map((li) => li.textContent)))
      .some((t) => t === `${seat}:${text}`), `${await seatOf(page)} to show ${seat}'s line`);
  }
}

async function noPageErrors(...pages) {
  for (const page of pages) assert.deepEqual(page.problems, [], "no script error and no CSP refusal");
}
