#!/usr/bin/env node
// Aggregates the raw JSON that bench/compare.sh leaves in its out dir: prints each figure for each
// server (the median of the runs) with PeerRoom's ratio to the floor relay and to the reference
// server, checks the targets of issue #4, and writes a self-contained report.html (inline SVG, no
// external assets) next to the JSON.
//
//   node bench/report.mjs <out-dir>
//
// Layout it reads: <out>/meta.json, <out>/machine.txt, <out>/run-<n>/<server>/<workload>.json with
// workload relay-<rate>, max or connect (the generator's --json output). Field names: those of the
// generator's contract, or the names `bench connect` writes (connectionsPerSecond,
// serverRssBytesPerConnection, serverHeapBytesPerConnection, serverRssBytes.afterHold).
import fs from "node:fs";
import path from "node:path";

const SERVER_LABEL = { floor: "floor relay", peer: "peerjs-server", peerroom: "PeerRoom" };
const SERVER_COLOR = { floor: "#8c8c8c", peer: "#e08a1e", peerroom: "#2b78c2" };

// ----------------------------------------------------------------------------------------------
// Reading

/** The generator's JSON: the whole file, else the last JSON object in it (a summary may precede). */
export function parseGeneratorOutput(text) {
  const trimmed = text.trim();
  if (!trimmed) return null;
  try {
    return JSON.parse(trimmed);
  } catch {
    /* look for the last object below */
  }
  const starts = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "{" && (i === 0 || text[i - 1] === "\n")) starts.push(i);
  }
  for (let k = starts.length - 1; k >= 0; k--) {
    const tail = text.slice(starts[k]);
    try {
      return JSON.parse(tail);
    } catch {
      const line = tail.split("\n", 1)[0];
      try {
        return JSON.parse(line);
      } catch {
        /* keep looking */
      }
    }
  }
  return null;
}

function readJson(file) {
  try {
    return parseGeneratorOutput(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

export function load(outDir) {
  const meta = readJson(path.join(outDir, "meta.json")) ?? {};
  let machine = meta.machine ?? "";
  if (!machine && fs.existsSync(path.join(outDir, "machine.txt"))) {
    machine = fs.readFileSync(path.join(outDir, "machine.txt"), "utf8");
  }
  const runDirs = fs.existsSync(outDir)
    ? fs.readdirSync(outDir).filter((d) => /^run-\d+$/.test(d)).sort((a, b) => +a.slice(4) - +b.slice(4))
    : [];
  const servers = meta.servers ?? ["floor", "peer", "peerroom"];
  const runs = runDirs.map((d) => {
    const run = {};
    for (const s of servers) {
      const dir = path.join(outDir, d, s);
      if (!fs.existsSync(dir)) continue;
      const relay = {};
      for (const f of fs.readdirSync(dir)) {
        const m = /^relay-(\d+)\.json$/.exec(f);
        if (m) relay[m[1]] = readJson(path.join(dir, f));
      }
      run[s] = { relay, max: readJson(path.join(dir, "max.json")), connect: readJson(path.join(dir, "connect.json")) };
    }
    return run;
  });
  let rates = meta.rates;
  if (!rates) {
    const seen = new Set();
    for (const run of runs) for (const s of Object.values(run)) for (const r of Object.keys(s.relay)) seen.add(+r);
    rates = [...seen].sort((a, b) => a - b);
  }
  return { meta, machine, runs, servers, rates };
}

// ----------------------------------------------------------------------------------------------
// Figures

const num = (v) => (typeof v === "number" && Number.isFinite(v) ? v : null);

export function median(values) {
  const v = values.filter((x) => x !== null && x !== undefined && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

function fmtNumber(v, digits) {
  if (v === null) return "n/a";
  const abs = Math.abs(v);
  if (digits === undefined) digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const fmt = {
  rate: (v) => (v === null ? "n/a" : `${fmtNumber(v, 0)}/s`),
  micros: (v) => {
    if (v === null) return "n/a";
    if (v >= 10_000) return `${fmtNumber(v / 1000, 0)} ms`;
    if (v >= 1000) return `${fmtNumber(v / 1000, 2)} ms`;
    return `${fmtNumber(v, 0)} µs`;
  },
  cpu: (v) => (v === null ? "n/a" : `${fmtNumber(v)} µs`),
  count: (v) => (v === null ? "n/a" : fmtNumber(v, 0)),
  bytes: (v) => {
    if (v === null) return "n/a";
    if (Math.abs(v) >= 1 << 30) return `${fmtNumber(v / (1 << 30), 2)} GiB`;
    if (Math.abs(v) >= 1 << 20) return `${fmtNumber(v / (1 << 20), 1)} MiB`;
    if (Math.abs(v) >= 1024) return `${fmtNumber(v / 1024, 1)} KiB`;
    return `${fmtNumber(v, 0)} B`;
  },
  percent: (v) => (v === null ? "n/a" : `${fmtNumber(v * 100, 0)}%`),
};

/** Every figure: how to read it from one run of one server, its unit, and which way is better. */
export function figures(rates) {
  const list = [];
  for (const r of rates) {
    const relay = (x) => x?.relay?.[r] ?? null;
    const k = r >= 1000 && r % 1000 === 0 ? `${r / 1000}k` : `${r}`;
    list.push(
      { id: `relay${r}.delivered`, group: `relay ${k} msg/s`, label: `delivered at ${k}`, better: "higher", fmt: fmt.rate,
        get: (x) => num(relay(x)?.deliveredRate) },
      { id: `relay${r}.p50`, group: `relay ${k} msg/s`, label: `p50 latency at ${k}`, better: "lower", fmt: fmt.micros,
        get: (x) => num(relay(x)?.latencyMicros?.p50) },
      { id: `relay${r}.p99`, group: `relay ${k} msg/s`, label: `p99 latency at ${k}`, better: "lower", fmt: fmt.micros,
        get: (x) => num(relay(x)?.latencyMicros?.p99) },
      { id: `relay${r}.p999`, group: `relay ${k} msg/s`, label: `p99.9 latency at ${k}`, better: "lower", fmt: fmt.micros,
        get: (x) => num(relay(x)?.latencyMicros?.p999) },
      { id: `relay${r}.cpu`, group: `relay ${k} msg/s`, label: `server CPU per message at ${k}`, better: "lower", fmt: fmt.cpu,
        get: (x) => num(relay(x)?.serverCpuMicrosPerMessage) },
      { id: `relay${r}.rss`, group: `relay ${k} msg/s`, label: `server RSS at ${k}`, better: "lower", fmt: fmt.bytes,
        get: (x) => num(relay(x)?.serverRssBytes) },
      { id: `relay${r}.bad`, group: `relay ${k} msg/s`, label: `lost + late + errors at ${k}`, better: "lower", fmt: fmt.count,
        get: (x) => {
          const v = relay(x);
          if (!v) return null;
          const parts = [v.lost, v.late, v.errors].map(num);
          return parts.every((p) => p === null) ? null : parts.reduce((a, b) => a + (b ?? 0), 0);
        } },
      { id: `relay${r}.gencpu`, group: `relay ${k} msg/s`, label: `generator CPU at ${k}`, better: "info", fmt: fmt.percent,
        get: (x) => num(relay(x)?.generatorCpuUtilisation) },
    );
  }
  list.push(
    { id: "max.rate", group: "max", label: "max rate (p99 < 50 ms)", better: "higher", fmt: fmt.rate,
      get: (x) => num(x?.max?.maxRate) },
    { id: "connect.rate", group: "connect", label: "connection rate", better: "higher", fmt: fmt.rate,
      get: (x) => num(x?.connect?.connectRate) ?? num(x?.connect?.connectionsPerSecond) },
    { id: "connect.open50", group: "connect", label: "OPEN latency p50", better: "lower", fmt: fmt.micros,
      get: (x) => num(x?.connect?.openLatencyMicros?.p50) },
    { id: "connect.open99", group: "connect", label: "OPEN latency p99", better: "lower", fmt: fmt.micros,
      get: (x) => num(x?.connect?.openLatencyMicros?.p99) },
    { id: "connect.failed", group: "connect", label: "failed connections", better: "lower", fmt: fmt.count,
      get: (x) => num(x?.connect?.failed) },
    { id: "connect.rss", group: "connect", label: "RSS per idle connection", better: "lower", fmt: fmt.bytes,
      get: (x) => num(x?.connect?.rssPerConnectionBytes) ?? num(x?.connect?.serverRssBytesPerConnection) },
    { id: "connect.rssCold", group: "connect", label: "RSS per connection from fresh", better: "lower", fmt: fmt.bytes,
      get: (x) => num(x?.connect?.serverRssBytesPerConnectionCold) },
    { id: "connect.rssDrift", group: "connect", label: "RSS drift during the hold", better: "lower", fmt: fmt.percent,
      get: (x) => { const d = num(x?.connect?.serverRssDuringHold?.driftPercent); return d === null ? null : d / 100; } },
    { id: "connect.heap", group: "connect", label: "heap per idle connection", better: "lower", fmt: fmt.bytes,
      get: (x) => num(x?.connect?.heapPerConnectionBytes) ?? num(x?.connect?.serverHeapBytesPerConnection) },
    { id: "connect.rssAfter", group: "connect", label: "RSS holding the connections", better: "lower", fmt: fmt.bytes,
      get: (x) => num(x?.connect?.rssBytesAfter) ?? num(x?.connect?.serverRssBytes?.afterHold) },
  );
  return list;
}

/** For each figure: per server, the value of each run and their median. */
export function aggregate(data) {
  const figs = figures(data.rates);
  for (const f of figs) {
    f.values = {};
    f.median = {};
    for (const s of data.servers) {
      f.values[s] = data.runs.map((run) => (run[s] ? f.get(run[s]) : null));
      f.median[s] = median(f.values[s]);
    }
  }
  return figs;
}

function ratio(a, b) {
  return a === null || b === null || b === 0 ? null : a / b;
}

function fmtRatio(r) {
  return r === null ? "" : `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(2) : r.toFixed(2)}×`;
}

/** PeerRoom's ratio is good when it is on the figure's better side of 1. */
function ratioVerdict(f, r) {
  if (r === null || f.better === "info") return "";
  if (Math.abs(r - 1) < 0.05) return ""; // within noise
  return (f.better === "lower") === r < 1 ? "better" : "worse";
}

function limitedBy(data, server) {
  const v = data.runs.map((run) => run[server]?.max?.limitedBy).filter(Boolean);
  return v.length ? [...new Set(v)].join("/") : null;
}

// ----------------------------------------------------------------------------------------------
// Targets (issue #4, section 3): each is checked on the medians of the same out dir.

export function targets(data, figs) {
  const by = Object.fromEntries(figs.map((f) => [f.id, f]));
  const m = (id, s) => by[id]?.median?.[s] ?? null;
  const top = Math.max(...data.rates);
  const mid = data.rates.includes(5000) ? 5000 : data.rates[Math.floor(data.rates.length / 2)];
  const checks = [];
  const add = (name, value, ok, goal) =>
    checks.push({ name, value, goal, verdict: ok === null ? "n/a" : ok ? "PASS" : "MISS" });
  {
    const pr = m(`relay${top}.cpu`, "peerroom"), fl = m(`relay${top}.cpu`, "floor"), rf = m(`relay${top}.cpu`, "peer");
    const r = ratio(pr, fl);
    // CPU per message only compares runs that kept up: a server that fell behind did less work.
    const clean = ["peerroom", "floor"].every((s) => m(`relay${top}.bad`, s) === 0);
    add(`server CPU per message at ${top / 1000}k`,
      `${fmt.cpu(pr)} = ${fmtRatio(r) || "n/a"} floor, ${fmtRatio(ratio(pr, rf)) || "n/a"} reference${clean ? "" : " (a run lost or delayed messages)"}`,
      r === null || !clean ? null : r <= 1.25, "≤ 1.25× the floor relay's (≈ ≤ 0.65× the reference's)");
  }
  {
    const p = m(`relay${mid}.p99`, "peerroom");
    add(`p99 at ${mid / 1000}k msg/s`, fmt.micros(p), p === null ? null : p <= 1000, "≤ 1 ms");
  }
  {
    const p = m(`relay${top}.p99`, "peerroom");
    add(`p99 at ${top / 1000}k msg/s`, fmt.micros(p), p === null ? null : p <= 2000, "≤ 2 ms");
  }
  {
    const pr = m("max.rate", "peerroom"), rf = m("max.rate", "peer");
    const lim = limitedBy(data, "peerroom");
    const r = ratio(pr, rf);
    const ok = pr === null || rf === null || !lim ? null : lim === "generator" && r >= 2;
    add("max rate", `${fmt.rate(pr)} (limited by ${lim ?? "n/a"}) = ${fmtRatio(r) || "n/a"} reference`, ok,
      "limited by the generator, ≥ 2× the reference");
  }
  {
    const pr = m("connect.rss", "peerroom"), rf = m("connect.rss", "peer");
    const r = ratio(pr, rf);
    add("RSS per idle connection", `${fmt.bytes(pr)} = ${fmtRatio(r) || "n/a"} reference`, r === null ? null : r <= 0.5,
      "≤ 0.5× the reference's");
  }
  {
    const pr = m("connect.rate", "peerroom"), rf = m("connect.rate", "peer");
    const r = ratio(pr, rf);
    add("connection rate", `${fmt.rate(pr)} = ${fmtRatio(r) || "n/a"} reference`, r === null ? null : r >= 1,
      "≥ the reference's");
  }
  return checks;
}

// ----------------------------------------------------------------------------------------------
// Console

function pad(s, n, right = false) {
  s = String(s);
  const w = [...s].length;
  return w >= n ? s : right ? " ".repeat(n - w) + s : s + " ".repeat(n - w);
}

/** Runs whose figures should not be trusted: messages lost or late, or the generator saturated. */
export function warnings(data) {
  const out = [];
  data.runs.forEach((run, i) => {
    for (const s of data.servers) {
      for (const r of data.rates) {
        const v = run[s]?.relay?.[r];
        if (!v) {
          out.push(`run ${i + 1}, ${SERVER_LABEL[s]}, relay ${r}/s: no result`);
          continue;
        }
        const bad = ["lost", "late", "errors"].filter((k) => num(v[k]) > 0).map((k) => `${k} ${v[k]}`);
        if (bad.length) out.push(`run ${i + 1}, ${SERVER_LABEL[s]}, relay ${r}/s: ${bad.join(", ")} (it did not keep up)`);
        if (num(v.generatorCpuUtilisation) >= 0.9) {
          out.push(`run ${i + 1}, ${SERVER_LABEL[s]}, relay ${r}/s: the generator used ${fmt.percent(v.generatorCpuUtilisation)} of its core`);
        }
      }
      if (run[s] && !run[s].max) out.push(`run ${i + 1}, ${SERVER_LABEL[s]}, max: no result`);
      if (run[s] && !run[s].connect) out.push(`run ${i + 1}, ${SERVER_LABEL[s]}, connect: no result`);
      else if (num(run[s]?.connect?.failed) > 0) out.push(`run ${i + 1}, ${SERVER_LABEL[s]}, connect: ${run[s].connect.failed} connections failed`);
    }
  });
  return out;
}

export function consoleReport(data, figs, checks) {
  const lines = [];
  const servers = data.servers;
  const runs = data.runs.length;
  const showFloor = servers.includes("floor") && servers.includes("peerroom");
  const showRef = servers.includes("peer") && servers.includes("peerroom");
  const head = ["figure", ...servers.map((s) => SERVER_LABEL[s])];
  if (showFloor) head.push("PR/floor");
  if (showRef) head.push("PR/ref");
  const rows = [];
  let group = null;
  for (const f of figs) {
    if (servers.every((s) => f.median[s] === null)) continue;
    if (f.group !== group) {
      group = f.group;
      rows.push({ group });
    }
    const row = [f.label, ...servers.map((s) => f.fmt(f.median[s]))];
    const pr = f.median.peerroom ?? null;
    if (showFloor) row.push(f.better === "info" ? "" : fmtRatio(ratio(pr, f.median.floor)));
    if (showRef) row.push(f.better === "info" ? "" : fmtRatio(ratio(pr, f.median.peer)));
    rows.push({ row });
    if (f.id === "max.rate") {
      const lim = servers.map((s) => limitedBy(data, s) ?? "n/a");
      rows.push({ row: ["max limited by", ...lim, ...(showFloor ? [""] : []), ...(showRef ? [""] : [])] });
    }
  }
  const widths = head.map((h, i) =>
    Math.max([...h].length, ...rows.filter((r) => r.row).map((r) => [...(r.row[i] ?? "")].length)));
  lines.push(`Figures: ${runs > 1 ? `median of ${runs} runs` : "1 run"}${data.meta.quick ? " (QUICK mode: a smoke check, not a measurement)" : ""}.`);
  lines.push("Ratios are PeerRoom's value divided by the other server's (lower is better for costs and latency,");
  lines.push("higher for rates).");
  lines.push("");
  lines.push(head.map((h, i) => pad(h, widths[i], i > 0)).join("  "));
  lines.push(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) {
    if ("group" in r) {
      if (r.group) lines.push(`[${r.group}]`);
      continue;
    }
    lines.push(r.row.map((c, i) => pad(c ?? "", widths[i], i > 0)).join("  "));
  }
  const warn = warnings(data);
  if (warn.length) {
    lines.push("");
    lines.push("Warnings:");
    for (const w of warn) lines.push(`  ${w}`);
  }
  if (checks.length) {
    lines.push("");
    lines.push("Targets (issue #4):");
    for (const c of checks) lines.push(`  ${pad(c.verdict, 4)}  ${pad(c.name, 36)} ${c.value}   (target: ${c.goal})`);
  }
  return lines.join("\n");
}

// ----------------------------------------------------------------------------------------------
// SVG charts

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function niceTicks(max, count = 5) {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks = [];
  for (let v = 0; v <= max + step * 0.999; v += step) ticks.push(+v.toPrecision(12));
  return ticks;
}

/**
 * A grouped bar chart: groups along x, one bar per series in each group.
 * data[g][s] = value or null. Log scale when asked (values ≤ 0 are not drawn).
 */
export function barChart({ title, groups, series, data, fmt: format, log = false, width = 680, height = 280, yLabel = "", unit = 1 }) {
  const m = { top: 34, right: 12, bottom: 48, left: 70 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const all = groups.flatMap((_, g) => series.map((_, s) => data[g][s])).filter((v) => v !== null && v > 0);
  let y, ticks;
  if (all.length === 0) {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="80" role="img"><text x="8" y="20" font-weight="600">${esc(title)}</text><text x="8" y="50" fill="#888">no data</text></svg>`;
  }
  if (log) {
    const lo = 10 ** Math.floor(Math.log10(Math.min(...all)));
    const hi = 10 ** Math.ceil(Math.log10(Math.max(...all)) + 1e-9);
    const span = Math.log10(hi) - Math.log10(lo) || 1;
    y = (v) => h - ((Math.log10(v) - Math.log10(lo)) / span) * h;
    ticks = [];
    for (let p = lo; p <= hi * 1.0001; p *= 10) ticks.push(p);
  } else {
    ticks = niceTicks(Math.max(...all) / unit).map((t) => t * unit);
    const top = ticks[ticks.length - 1];
    y = (v) => h - (v / top) * h;
  }
  const gw = w / groups.length;
  const bw = Math.min(36, (gw * 0.8) / series.length);
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="system-ui, sans-serif" font-size="11">`);
  out.push(`<text x="${m.left}" y="16" font-size="13" font-weight="600">${esc(title)}</text>`);
  out.push(`<g transform="translate(${m.left},${m.top})">`);
  for (const t of ticks) {
    const ty = y(t);
    out.push(`<line x1="0" x2="${w}" y1="${ty}" y2="${ty}" stroke="#e4e4e4"/>`);
    out.push(`<text x="-6" y="${ty + 4}" text-anchor="end" fill="#555">${esc(format(t))}</text>`);
  }
  if (yLabel) out.push(`<text transform="translate(${-m.left + 12},${h / 2}) rotate(-90)" text-anchor="middle" fill="#555">${esc(yLabel)}</text>`);
  out.push(`<line x1="0" x2="${w}" y1="${h}" y2="${h}" stroke="#999"/>`);
  groups.forEach((g, gi) => {
    const gx = gi * gw + (gw - bw * series.length) / 2;
    series.forEach((s, si) => {
      const v = data[gi][si];
      const x = gx + si * bw;
      if (v === null || (log && !(v > 0))) {
        out.push(`<text x="${x + bw / 2}" y="${h - 4}" text-anchor="middle" fill="#aaa" font-size="9">n/a</text>`);
        return;
      }
      const top = Math.max(0, Math.min(h, y(v)));
      out.push(`<rect x="${x + 1}" y="${top}" width="${bw - 2}" height="${h - top}" fill="${s.color}"><title>${esc(`${s.label}, ${g}: ${format(v)}`)}</title></rect>`);
      out.push(`<text x="${x + bw / 2}" y="${top - 3}" text-anchor="middle" fill="#333" font-size="9">${esc(format(v))}</text>`);
    });
    out.push(`<text x="${gi * gw + gw / 2}" y="${h + 16}" text-anchor="middle" fill="#333">${esc(g)}</text>`);
  });
  out.push("</g>");
  let lx = m.left;
  for (const s of series) {
    out.push(`<rect x="${lx}" y="${height - 18}" width="10" height="10" fill="${s.color}"/><text x="${lx + 14}" y="${height - 9}">${esc(s.label)}</text>`);
    lx += 24 + s.label.length * 6.5;
  }
  out.push("</svg>");
  return out.join("");
}

// ----------------------------------------------------------------------------------------------
// HTML

export function htmlReport(data, figs, checks) {
  const servers = data.servers;
  const series = servers.map((s) => ({ key: s, label: SERVER_LABEL[s], color: SERVER_COLOR[s] }));
  const runs = data.runs.length;
  const by = Object.fromEntries(figs.map((f) => [f.id, f]));
  const med = (id, s) => by[id]?.median?.[s] ?? null;
  const medianOf = (getter, s) => median(data.runs.map((run) => (run[s] ? getter(run[s]) : null)));
  const k = (r) => (r >= 1000 && r % 1000 === 0 ? `${r / 1000}k` : `${r}`);

  const charts = [];
  const pct = [["p50", "p50"], ["p90", "p90"], ["p99", "p99"], ["p999", "p99.9"], ["max", "max"]];
  for (const r of data.rates) {
    charts.push(barChart({
      title: `Latency percentiles at ${k(r)} msg/s (send to receive, log scale)`,
      groups: pct.map(([, l]) => l), series,
      data: pct.map(([p]) => servers.map((s) => medianOf((x) => num(x.relay?.[r]?.latencyMicros?.[p]), s))),
      fmt: fmt.micros, log: true,
    }));
  }
  charts.push(barChart({
    title: "Server CPU per relayed message", groups: data.rates.map((r) => `${k(r)} msg/s`), series,
    data: data.rates.map((r) => servers.map((s) => med(`relay${r}.cpu`, s))), fmt: fmt.cpu, yLabel: "µs of CPU per message",
  }));
  charts.push(barChart({
    title: "Memory per idle connection", groups: ["RSS per connection", "heap per connection"], series,
    data: [servers.map((s) => med("connect.rss", s)), servers.map((s) => med("connect.heap", s))], fmt: fmt.bytes,
    unit: Math.max(...servers.map((s) => med("connect.rss", s) ?? 0)) >= 1 << 20 ? 1 << 20 : 1024,
  }));
  charts.push(barChart({
    title: "Highest rate with p99 under 50 ms", groups: ["max"], series, width: 340,
    data: [servers.map((s) => med("max.rate", s))], fmt: fmt.rate,
  }) + barChart({
    title: "Connection rate", groups: ["connect"], series, width: 340,
    data: [servers.map((s) => med("connect.rate", s))], fmt: fmt.rate,
  }));
  const maxSteps = [];
  for (const s of servers) {
    const steps = data.runs[0]?.[s]?.max?.steps;
    if (Array.isArray(steps) && steps.length) maxSteps.push([s, steps]);
  }

  const showFloor = servers.includes("floor") && servers.includes("peerroom");
  const showRef = servers.includes("peer") && servers.includes("peerroom");
  const rowsHtml = [];
  let group = null;
  for (const f of figs) {
    if (servers.every((s) => f.median[s] === null)) continue;
    if (f.group !== group) {
      group = f.group;
      rowsHtml.push(`<tr class="group"><th colspan="${1 + servers.length + showFloor + showRef}">${esc(group)}</th></tr>`);
    }
    const cells = servers.map((s) => {
      const spread = runs > 1 ? f.values[s].map((v) => f.fmt(v)).join(", ") : "";
      return `<td title="${esc(spread ? `runs: ${spread}` : "")}">${esc(f.fmt(f.median[s]))}</td>`;
    });
    const pr = f.median.peerroom ?? null;
    const ratioCell = (other) => {
      if (f.better === "info") return "<td></td>";
      const r = ratio(pr, other);
      return `<td class="${ratioVerdict(f, r)}">${esc(fmtRatio(r))}</td>`;
    };
    if (showFloor) cells.push(ratioCell(f.median.floor));
    if (showRef) cells.push(ratioCell(f.median.peer));
    rowsHtml.push(`<tr><th>${esc(f.label)}${f.better === "info" ? "" : ` <span class="dir">(${f.better} is better)</span>`}</th>${cells.join("")}</tr>`);
    if (f.id === "max.rate") {
      const limCells = servers.map((s) => `<td>${esc(limitedBy(data, s) ?? "n/a")}</td>`).join("");
      rowsHtml.push(`<tr><th>max limited by</th>${limCells}${showFloor ? "<td></td>" : ""}${showRef ? "<td></td>" : ""}</tr>`);
    }
  }

  const stepsHtml = maxSteps.map(([s, steps]) => {
    const rows = steps.map((st) => `<tr><td>${esc(fmt.rate(num(st.rate)))}</td><td>${esc(fmt.rate(num(st.deliveredRate)))}</td><td>${esc(fmt.micros(num(st.p99Micros)))}</td><td>${esc(fmt.percent(num(st.generatorCpuUtilisation)))}</td><td>${esc(fmt.cpu(num(st.serverCpuMicrosPerMessage)))}</td></tr>`).join("");
    return `<h3>${esc(SERVER_LABEL[s])}</h3><table class="steps"><tr><th>target</th><th>delivered</th><th>p99</th><th>generator CPU</th><th>server CPU/msg</th></tr>${rows}</table>`;
  }).join("");

  const checksHtml = checks.map((c) => `<tr><td class="${c.verdict === "PASS" ? "better" : c.verdict === "MISS" ? "worse" : ""}">${c.verdict}</td><th>${esc(c.name)}</th><td>${esc(c.value)}</td><td>${esc(c.goal)}</td></tr>`).join("");
  const meta = data.meta;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PeerRoom benchmark: floor relay, peerjs-server, PeerRoom</title>
<style>
body{font-family:system-ui,sans-serif;margin:24px auto;max-width:1000px;color:#222;padding:0 16px}
h1{font-size:22px} h2{font-size:17px;margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px} h3{font-size:14px}
table{border-collapse:collapse;font-size:13px;margin:8px 0} td,th{padding:3px 10px;border-bottom:1px solid #eee;text-align:right}
th{text-align:left;font-weight:500} tr.group th{background:#f4f6f8;font-weight:600;padding-top:8px}
thead th{font-weight:600;text-align:right} thead th:first-child{text-align:left}
td.better{color:#17803d;font-weight:600} td.worse{color:#b42318;font-weight:600} .dir{color:#999;font-size:11px}
pre{background:#f6f6f6;padding:10px;font-size:12px;overflow-x:auto} svg{display:inline-block;margin:8px 0}
.note{color:#666;font-size:13px} .quick{background:#fff4d6;padding:8px;border:1px solid #f0d48a}
</style></head><body>
<h1>PeerRoom benchmark: floor relay, peerjs-server ${esc(meta.peerVersion ?? "")}, PeerRoom</h1>
${meta.quick ? '<p class="quick">QUICK mode: short runs with fewer connections. A smoke check of the tooling, not a measurement.</p>' : ""}
<p class="note">${runs > 1 ? `Every figure is the median of ${runs} runs (hover a value for each run).` : "One run."}
Each workload ran on a freshly started server pinned to core 0; the generator ran on core 1.
Relay: ${esc(meta.relayConnections ?? "?")} connections in groups of 4, ${esc(meta.duration ?? "?")} measured after ${esc(meta.warmup ?? "?")} of warm-up.
Connect: ${esc(meta.connectConnections ?? "?")} connections. Ratios are PeerRoom's value over the other server's;
green is PeerRoom better, red worse.</p>
<h2>Machine</h2><pre>${esc(data.machine.trim())}</pre>
<h2>Figures</h2>
<table><thead><tr><th>figure</th>${servers.map((s) => `<th>${esc(SERVER_LABEL[s])}</th>`).join("")}${showFloor ? "<th>PeerRoom / floor</th>" : ""}${showRef ? "<th>PeerRoom / reference</th>" : ""}</tr></thead>
<tbody>${rowsHtml.join("\n")}</tbody></table>
${(() => { const w = warnings(data); return w.length ? `<h2>Warnings</h2><ul class="note">${w.map((x) => `<li>${esc(x)}</li>`).join("")}</ul>` : ""; })()}
<h2>Targets (issue #4)</h2>
<table><tbody>${checksHtml}</tbody></table>
<h2>Charts</h2>
${charts.join("\n")}
${stepsHtml ? `<h2>max: the rate steps (run 1)</h2>${stepsHtml}` : ""}
<p class="note">Generated by bench/report.mjs on ${esc(new Date().toISOString())} from ${esc(meta.started ?? "")} results.</p>
</body></html>
`;
}

// ----------------------------------------------------------------------------------------------

function main() {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error("usage: node bench/report.mjs <out-dir>");
    process.exit(2);
  }
  const data = load(outDir);
  if (data.runs.length === 0) {
    console.error(`report.mjs: no run-* directories in ${outDir}`);
    process.exit(1);
  }
  const figs = aggregate(data);
  const checks = data.servers.includes("peerroom") ? targets(data, figs) : [];
  console.log(consoleReport(data, figs, checks));
  const html = path.join(outDir, "report.html");
  fs.writeFileSync(html, htmlReport(data, figs, checks));
  fs.writeFileSync(path.join(outDir, "summary.json"), JSON.stringify({
    runs: data.runs.length, servers: data.servers, rates: data.rates,
    figures: Object.fromEntries(figs.map((f) => [f.id, { label: f.label, better: f.better, median: f.median, runs: f.values }])),
    maxLimitedBy: Object.fromEntries(data.servers.map((s) => [s, limitedBy(data, s)])),
    targets: checks,
    warnings: warnings(data),
  }, null, 2));
  console.log(`\nreport: ${html}`);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("report.mjs")) main();
