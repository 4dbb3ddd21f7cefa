// Chromium for the scenarios: Debian's /usr/bin/chromium, headless, loopback only.
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export const CHROMIUM = "/usr/bin/chromium";

// Why each flag is here: see e2e/README.md.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--allow-loopback-in-peer-connection",
  "--use-fake-ui-for-media-stream",
  "--use-fake-device-for-media-stream",
];

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A Chromium this test starts itself and attaches to over CDP. Playwright's own launch makes
 * every page count as focused and visible; a browser attached this way does not, so opening a
 * second tab really hides the first.
 */
export async function launchForHiddenTabs() {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), "peerroom-cdp-"));
  const child = spawn(CHROMIUM, [...CHROMIUM_ARGS, "--headless", "--remote-debugging-port=0",
    `--user-data-dir=${userDataDir}`, "about:blank"], { stdio: "ignore", detached: true });
  const port = await devToolsPort(userDataDir, child);
  // noDefaults: Playwright then skips its focus emulation on the default context's pages.
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`, { noDefaults: true });
  return {
    browser,
    async close() {
      await browser.close().catch(() => {});
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        process.kill(-child.pid, "SIGKILL"); // the whole process group: renderers and helpers too
        await exited;
      }
      // Chromium's helper processes may still be writing the profile for a moment.
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

async function devToolsPort(userDataDir, child) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`chromium exited with ${child.exitCode}`);
    try {
      const text = await readFile(path.join(userDataDir, "DevToolsActivePort"), "utf8");
      const port = parseInt(text.split("\n")[0], 10);
      if (port > 0) return port;
    } catch {
      // not written yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("chromium did not report its DevTools port");
}

/** A page running one peer, with camera and microphone granted (needed for raw IP candidates). */
export async function peerPage(context, pageOrigin) {
  await context.grantPermissions(["camera", "microphone"], { origin: pageOrigin });
  const page = await context.newPage();
  await page.goto(`${pageOrigin}/index.html`);
  await page.waitForFunction(() => window.harness && window.Peer);
  return page;
}
