import { exhaustiveSwitchError } from '../../base';
import type { JournalInput } from '../../worker/journal';

/** How a node's record leaves its connection to one peer. */
export interface PeerEnd {
  /** Connects to the peer so far (one at boot for a port opened before it). */
  epoch: number;
  connected: boolean;
  /** Packets received from the peer since its last connect. */
  received: number;
}

/** What a record says about each peer of the node (worker/journal.ts). */
export function peerEnds(inputs: readonly JournalInput[]): Map<number, PeerEnd> {
  const ends = new Map<number, PeerEnd>();
  const end = (peer: number): PeerEnd => {
    let e = ends.get(peer);
    if (e === undefined) ends.set(peer, (e = { epoch: 0, connected: false, received: 0 }));
    return e;
  };
  for (const i of inputs)
    switch (i.k) {
      case 'boot':
        for (const p of i.peers)
          Object.assign(end(p), { epoch: end(p).epoch + 1, connected: true });
        break;
      case 'connect':
        Object.assign(end(i.peer), { epoch: end(i.peer).epoch + 1, connected: true, received: 0 });
        break;
      case 'disconnect':
        end(i.peer).connected = false;
        break;
      case 'recv':
        end(i.from).received++;
        break;
      // Work inside the node: nothing about its connections.
      case 'cmd':
      case 'slice':
      case 'step':
      case 'flush':
        break;
      default:
        exhaustiveSwitchError(i);
    }
  return ends;
}

/** One side of a pair to connect after the replays: attach (with what the peer had) or afresh. */
export interface Connect {
  node: number;
  peer: number;
  /** Attach the connection the replayed node has; the peer had received the first `delivered`. */
  attach: { delivered: number } | undefined;
}

export interface PeerPlan {
  connect: Connect[];
  /** Nodes whose record still holds a connection the page no longer has (a netsplit not yet heard). */
  disconnect: { node: number; peer: number }[];
}

/**
 * How to wire the replayed nodes together so that nothing sent is lost or sent twice. Each node's
 * record says, per peer, how many times it connected (`epoch`), whether it is connected, and how
 * many packets it received on the last connection. A pair the page shows connected is rewired:
 * a side whose record is on the latest connection keeps it and gets the port (`attach`), posting
 * the packets the other side had not received; a side behind it (it had not yet taken the
 * connect the client sent) connects afresh, as it would have. A side still connected where the
 * page shows a cut is told to disconnect, as it was about to be.
 */
export function planPeers(
  records: ReadonlyMap<number, readonly JournalInput[]>,
  connected: (a: number, b: number) => boolean,
): PeerPlan {
  const ends = new Map([...records].map(([n, inputs]) => [n, peerEnds(inputs)]));
  const none: PeerEnd = { epoch: 0, connected: false, received: 0 };
  const plan: PeerPlan = { connect: [], disconnect: [] };
  const nodes = [...records.keys()].sort((x, y) => x - y);
  for (const a of nodes)
    for (const b of nodes) {
      if (b <= a) continue;
      const ea = ends.get(a)?.get(b) ?? none;
      const eb = ends.get(b)?.get(a) ?? none;
      if (!connected(a, b)) {
        if (ea.connected) plan.disconnect.push({ node: a, peer: b });
        if (eb.connected) plan.disconnect.push({ node: b, peer: a });
        continue;
      }
      const epoch = Math.max(ea.epoch, eb.epoch);
      const side = (node: number, peer: number, mine: PeerEnd, theirs: PeerEnd): Connect => ({
        node,
        peer,
        attach:
          mine.connected && mine.epoch === epoch
            ? { delivered: theirs.epoch === epoch ? theirs.received : 0 }
            : undefined,
      });
      plan.connect.push(side(a, b, ea, eb), side(b, a, eb, ea));
    }
  return plan;
}
