// Serves the test page and the stock client's browser bundle from node_modules (no CDN).
import http from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const e2eDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const files = {
  "/index.html": [path.join(e2eDir, "page", "index.html"), "text/html; charset=utf-8"],
  "/harness.js": [path.join(e2eDir, "page", "harness.js"), "text/javascript; charset=utf-8"],
  "/peerjs.min.js": [path.join(e2eDir, "node_modules", "peerjs", "dist", "peerjs.min.js"), "text/javascript; charset=utf-8"],
};

export function startStaticServer(port) {
  const server = http.createServer(async (req, res) => {
    const entry = files[new URL(req.url, "http://x").pathname];
    if (!entry) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": entry[1] }).end(await readFile(entry[0]));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}
