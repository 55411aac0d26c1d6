import type { Cluster } from './client';
import type { JournalInput } from './journal';
import type { Command, NodeEvent } from './protocol';

/**
 * Rebuilding a cluster at a past point ("Resume from here", issue 7) over the client: loaded
 * with the resume (app/session/restore.ts), not with the page. Each node replays its record
 * (worker/journal.ts) in a fresh worker; then the pairs are wired so that nothing in flight
 * between them is lost or sent twice (app/session/resumePlan.ts decides how).
 */

/** A node to rebuild, from its record (which starts with its boot). */
export interface RestoreNode {
  id: number;
  inputs: JournalInput[];
  /** A resume inside a batch (the replay command's `until`). */
  until?: { from: number; events: number };
}

/** How the rebuilt nodes are wired. */
export interface WirePlan {
  /** Each side of each pair to connect: attach its replayed connection, or connect afresh. */
  connect: { node: number; peer: number; attach: { delivered: number } | undefined }[];
  disconnect: { node: number; peer: number }[];
  /** Pairs cut by a netsplit at that point. */
  split: [number, number][];
}

/** What a node's replay said: its inputs, the batches it made, where it first differed (`'none'`). */
export interface ReplayReport {
  node: number;
  inputs: number;
  batches: number;
  events: number;
  diverged: string;
  /** With `until`: how many of the last batch's inputs it replayed. */
  used: number;
}

/** A probe replay answers within this long, or it is given up. */
const PROBE_MS = 60_000;

/**
 * Every node goes, without a word to the listeners (the page already shows the point); each node
 * of the plan boots from its record and runs it again in node time (`replay`), and waits, paused,
 * for {@link rewire}. Resolves with each replay's report.
 */
export function restore(cluster: Cluster, nodes: RestoreNode[]): Promise<ReplayReport[]> {
  cluster.dropAll('resumed');
  const replies = nodes.map(({ id, inputs, until }) => {
    const first = inputs[0];
    if (first?.k !== 'boot') return Promise.reject(new Error(`node ${id}: no boot in its record`));
    const { node: spec, flavour, modules, seed, limits } = first.cmd;
    cluster.adopt(spec, { flavour, modules, seed, ...(limits === undefined ? {} : { limits }) });
    const cmd = { type: 'replay', inputs, ...(until === undefined ? {} : { until }) } as const;
    return cluster.request(id, cmd).then((v) => ({
      node: id,
      ...(v as unknown as Omit<ReplayReport, 'node'>),
    }));
  });
  return Promise.all(replies);
}

/**
 * Where the process turns end inside the batch a resume falls in: the node is replayed in a
 * worker of its own up to there (`until … probe`), which says how many of the batch's events
 * come before each turn, and is thrown away. A turn runs whole (a process cannot be stopped
 * inside its callback), so a resume stops at one of these.
 */
export function probeTurns(
  cluster: Cluster,
  id: number,
  inputs: JournalInput[],
  until: { from: number; events: number },
): Promise<number[]> {
  const t = cluster.transport(id);
  return new Promise<number[]>((resolve, reject) => {
    const done = (f: () => void) => {
      clearTimeout(timer);
      off();
      t.terminate();
      f();
    };
    const timer = setTimeout(
      () => done(() => reject(new Error(`node ${id}: its replay did not answer`))),
      PROBE_MS,
    );
    const off = t.onEvent((ev: NodeEvent) => {
      if (ev.type !== 'reply') return;
      const ends = ev.ok ? (ev.value as { ends?: unknown }).ends : undefined;
      if (Array.isArray(ends) && ends.every((n) => typeof n === 'number'))
        done(() => resolve(ends as number[]));
      else done(() => reject(new Error(ev.ok ? 'a probe without turns' : ev.error)));
    });
    t.post({ type: 'replay', rid: 0, inputs, until: { ...until, probe: true } });
  });
}

/**
 * Wires the nodes {@link restore} rebuilt, once their replays are done (what each received
 * decides what its peers send again), then lets them go on (or stay paused).
 */
export function rewire(cluster: Cluster, plan: WirePlan): void {
  cluster.setSplit(plan.split);
  for (const c of plan.connect) {
    const other = plan.connect.find((o) => o.node === c.peer && o.peer === c.node);
    if (other === undefined || c.node > c.peer) continue;
    const { port1, port2 } = cluster.channel();
    cluster.post(c.node, connectCmd(c.peer, port1, c.attach), [port1]);
    cluster.post(c.peer, connectCmd(c.node, port2, other.attach), [port2]);
  }
  for (const d of plan.disconnect) cluster.post(d.node, { type: 'disconnect', peer: d.peer });
  cluster.broadcast({ type: cluster.isPaused ? 'pause' : 'resume' });
}

const connectCmd = (
  peer: number,
  port: MessagePort,
  attach: { delivered: number } | undefined,
): Extract<Command, { type: 'connect' }> => ({
  type: 'connect',
  peer,
  port,
  ...(attach === undefined ? {} : { attach }),
});
