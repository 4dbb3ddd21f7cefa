// Byte pipes between the browser's network namespace (only `lo`) and the server's. A Unix socket
// is a file, so it is reachable from both namespaces: the outer end listens on it and dials the
// server over TCP; the inner end listens on the namespace's 127.0.0.1 and dials the Unix socket.
import net from "node:net";

/** Outer end: Unix socket -> TCP 127.0.0.1:port. */
export function outerBridge(socketPath, port) {
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: "127.0.0.1", port });
    pipeBoth(client, upstream);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve(server));
  });
}

/**
 * Inner end: TCP 127.0.0.1:port -> Unix socket. Each connection is tagged with the peer id of
 * the WebSocket upgrade it carries, so a scenario can freeze one peer's signaling connection:
 * stop forwarding both ways without closing anything, as a dead network would.
 */
export class InnerRelay {
  constructor(socketPath) {
    this.socketPath = socketPath;
    this.links = [];
  }

  listen(port) {
    this.server = net.createServer((client) => this.#accept(client));
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => resolve(this.server.address().port));
    });
  }

  #accept(client) {
    const upstream = net.connect(this.socketPath);
    const link = { client, upstream, peerId: null, frozen: false };
    this.links.push(link);
    client.once("data", (chunk) => {
      const match = /[?&]id=([A-Za-z0-9-]+)/.exec(chunk.toString("latin1").split("\r\n")[0]);
      link.peerId = match ? match[1] : null;
    });
    pipeBoth(client, upstream);
    const forget = () => { this.links = this.links.filter((l) => l !== link); };
    client.once("close", forget);
  }

  /** Freezes every live connection of `peerId`; returns how many were frozen. */
  freeze(peerId) {
    let frozen = 0;
    for (const link of this.links) {
      if (link.peerId === peerId && !link.frozen) {
        link.client.unpipe(link.upstream);
        link.upstream.unpipe(link.client);
        link.client.pause();
        link.upstream.pause();
        link.frozen = true;
        frozen++;
      }
    }
    return frozen;
  }

  close() {
    for (const link of this.links) {
      link.client.destroy();
      link.upstream.destroy();
    }
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function pipeBoth(a, b) {
  a.pipe(b);
  b.pipe(a);
  const end = () => { a.destroy(); b.destroy(); };
  a.on("error", end);
  b.on("error", end);
  a.on("close", end);
  b.on("close", end);
}
