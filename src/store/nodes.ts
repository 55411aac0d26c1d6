import type { Draft } from './draft';
import { die } from './foldProcess';
import type { NodeStatus } from './types';
import { newNode } from './viewState';

/** Forgets every process of `node` (it was restarted: pids start over). */
export function resetNode(d: Draft, node: number): void {
  const gone: string[] = [];
  for (const p of d.all()) if (p.node === node) gone.push(p.key);
  for (const k of gone) d.delete(k);
}

/**
 * Forgets processes of `node` dead for longer than the linger time at `now`
 * (node ms), and the longest dead of any node past {@link ViewOptions.maxDead}.
 */
export function pruneDead(d: Draft, node: number, now: number, lingerMs?: number): void {
  const linger = lingerMs ?? d.lingerMs;
  const gone: string[] = [];
  const dead = d.graveyard();
  // The graveyard is in order of death: the first ones over the bound have been dead longest.
  let over = dead.size - d.maxDead;
  for (const k of dead) {
    const p = d.get(k);
    if (over-- > 0) gone.push(k);
    else if (
      p !== undefined &&
      p.node === node &&
      p.diedAt !== undefined &&
      now - p.diedAt > linger
    )
      gone.push(k);
  }
  for (const k of gone) d.delete(k);
}

/**
 * A node's status changes. Going `down` or `unresponsive` (its worker was
 * stopped, failed, or killed by the watchdog) ends every process on it, with
 * the reason shown.
 */
export function setNodeStatus(d: Draft, id: number, status: NodeStatus, reason?: string): void {
  const known = d.node(id);
  const n = known ?? newNode(id);
  // The cluster's node_up follows the node's own ready (which says "up" already): one line.
  const same = known?.status === status && known.downReason === reason;
  d.setNode({
    ...n,
    status,
    downReason: status === 'down' || status === 'unresponsive' ? reason : undefined,
  });
  if (status === 'down' || status === 'unresponsive') {
    const why = reason ?? 'noconnection';
    for (const p of [...d.all()]) {
      if (p.node !== id || p.diedAt !== undefined) continue;
      die(d, d.edit(p.key)!, n.now, why);
    }
  }
  const text =
    status === 'down' || status === 'unresponsive'
      ? `node ${n.name} ${status}: ${reason ?? 'unknown'}`
      : `node ${n.name} ${status}`;
  if (same) return;
  d.log({
    t: n.now,
    node: id,
    kind: 'node',
    category: 'system',
    level: status === 'up' || status === 'starting' ? 'info' : 'error',
    pids: [],
    text,
  });
}

/** Nodes connected (`true`) or cut apart: each remembers its peers; the log says which. */
export function setConnected(d: Draft, a: number, b: number, on: boolean, why?: string): void {
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    const n = d.node(x) ?? newNode(x);
    const peers = n.peers.filter((p) => p !== y);
    d.setNode({ ...n, peers: on ? [...peers, y].sort((p, q) => p - q) : peers });
  }
  const name = (id: number): string => d.node(id)?.name ?? `node${id}`;
  const t = d.node(a)?.now ?? 0;
  const text = on
    ? `${name(a)} connected to ${name(b)}`
    : `${name(a)} and ${name(b)} disconnected${why === 'netsplit' ? ' (netsplit)' : why === undefined ? '' : ` (${why})`}`;
  d.log({
    t,
    node: a,
    kind: 'node',
    category: 'system',
    level: on ? 'info' : 'warning',
    pids: [],
    text,
  });
}
