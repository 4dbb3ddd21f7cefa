// The cluster scenarios: two PeerRoom nodes on one Redis, and each room's peers spread over both
// (`node` in w.peer() picks the node's bridge). They assert what the single-node scenarios of the
// same name assert: to the client, the two nodes are one server.
import { exchangeJson, expectDeadPlayerReported, expectFifthRefused, fullMesh } from "./lib/checks.mjs";

export const clusterScenarios = [
  {
    name: "two peers on two nodes",
    async run(w) {
      const room = w.newRoom();
      const a = await w.peer(room, "alice", { node: 0 });
      const b = await w.peer(room, "bob", { node: 1 });
      await w.connect(a, b);
      await exchangeJson(a, b, { kind: "greeting", across: "nodes", n: 42 });
      await exchangeJson(b, a, { kind: "reply", ok: true });
    },
  },
  {
    name: "four peers on two nodes, full mesh",
    async run(w) {
      const room = w.newRoom();
      const peers = [];
      for (const [i, id] of ["p1", "p2", "p3", "p4"].entries()) peers.push(await w.peer(room, id, { node: i % 2 }));
      await fullMesh(w, peers);
    },
  },
  {
    name: "a fifth peer is refused across nodes",
    async run(w) {
      const room = w.newRoom();
      const four = [];
      for (const [i, id] of ["f1", "f2", "f3", "f4"].entries()) four.push(await w.peer(room, id, { node: i % 2 }));
      // Through either node: the seats are counted in Redis, not per node.
      const fifths = [];
      for (const node of [0, 1]) fifths.push(await w.peer(room, `f5-${node}`, { node, expectOpen: false }));
      await expectFifthRefused(w, four, ...fifths);
    },
  },
  {
    name: "a dead player is reported across nodes",
    async run(w) {
      const room = w.newRoom();
      const a = await w.peer(room, "survivor-a", { node: 0 });
      const b = await w.peer(room, "survivor-b", { node: 0 });
      const dead = await w.peer(room, "goner", { node: 1 });
      await expectDeadPlayerReported(w, [a, b], dead);
    },
  },
];
