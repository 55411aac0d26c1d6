import type { MonitorOptions } from './ctx';
import type { Distribution, RemoteSignal } from './distribution';
import type { Proc } from './proc';
import type { ProcessSystem } from './system';
import type { Pid, Ref, Term } from './term';

/**
 * The signal rules across nodes: links and monitors to a pid on another node,
 * the receiving side of a {@link RemoteSignal}, and what losing a connection
 * fires. `distribution.ts` is the wire; this is what a node does with it.
 */

/** `link/1` to a pid on another node; without a connection, distributed Erlang answers with exit signal `noconnection`. */
export function linkRemote(sys: ProcessSystem, dist: Distribution | null, p: Proc, pid: Pid): void {
  if (p.hasLink(pid)) return;
  if (dist === null || !dist.link(p.self, pid)) {
    sys.signals.deliverExit(p, pid, 'noconnection', true);
    return;
  }
  p.addLink(pid);
  if (sys.tracing) sys.emit({ type: 'link', a: p.self, b: pid });
}

/** `monitor(process, Pid)` on another node; an unreachable one gives an immediate `DOWN` `noconnection`. */
export function monitorRemote(
  sys: ProcessSystem,
  dist: Distribution | null,
  p: Proc,
  target: Pid,
  alias?: MonitorOptions['alias'],
): Ref {
  const ref = sys.makeRef();
  if (sys.tracing) sys.emit({ type: 'monitor', ref, watcher: p.self, target });
  if (dist === null || !dist.monitor(p.self, target, ref)) {
    sys.aliases.ofMonitor(p, ref, alias, false);
    deliverDown(sys, p.self, ref, target, 'noconnection');
    return ref;
  }
  (p.monitors ??= new Map()).set(ref, target);
  sys.aliases.ofMonitor(p, ref, alias, true);
  return ref;
}

/**
 * The receiving side of a {@link RemoteSignal}, by the same rules as local
 * signals: a link to a dead process answers with an exit `noproc`, a monitor
 * of one with a `DOWN` `noproc`; an exit signal through a link that no longer
 * exists is ignored.
 */
export function applySignal(sys: ProcessSystem, dist: Distribution, s: RemoteSignal): void {
  if (s.kind === 'alias') {
    // The receiving node traces it: only the owner's node knows whether the alias is active.
    const from = s.from === undefined ? undefined : dist.pid(s.from);
    sys.aliases.send(from, dist.ref(s.to), dist.decode(s.msg));
    return;
  }
  const to = dist.pid(s.to);
  const p = sys.lookup(to);
  switch (s.kind) {
    case 'message': {
      const from = s.from === undefined ? undefined : dist.pid(s.from);
      const msg = dist.decode(s.msg);
      // The sender's node traced the send; a dead receiver drops it silently, as in OTP.
      if (p === undefined) {
        if (sys.tracing) sys.emit({ type: 'send_dropped', from, to, msg });
        return;
      }
      sys.deliver(p, msg);
      return;
    }
    case 'link': {
      const from = dist.pid(s.from);
      if (p === undefined || !p.alive) {
        dist.send({ kind: 'exit', from: s.to, to: s.from, reason: 'noproc', link: true });
        return;
      }
      p.addLink(from);
      return;
    }
    case 'unlink':
      p?.removeLink(dist.pid(s.from));
      return;
    case 'exit': {
      if (p === undefined) return;
      const from = s.from === undefined ? undefined : dist.pid(s.from);
      // A link exit for a link already gone (unlinked meanwhile) means nothing.
      if (s.link && (from === undefined || !p.removeLink(from))) return;
      sys.signals.deliverExit(p, from, dist.decode(s.reason), s.link);
      return;
    }
    case 'monitor': {
      if (p === undefined || !p.alive) {
        dist.send({ kind: 'down', from: s.to, to: s.from, ref: s.ref, reason: 'noproc' });
        return;
      }
      (p.watchers ??= new Map()).set(dist.ref(s.ref), dist.pid(s.from));
      return;
    }
    case 'demonitor':
      p?.watchers?.delete(dist.ref(s.ref));
      return;
    case 'down': {
      const ref = dist.ref(s.ref);
      if (p === undefined || !p.monitors?.delete(ref)) return;
      deliverDown(sys, p.self, ref, dist.pid(s.from), dist.decode(s.reason));
      return;
    }
  }
}

/**
 * The connection to `peer` is gone (the node stopped, or a netsplit): every
 * link to a process there fires an exit signal `noconnection`, every monitor
 * a `DOWN` `noconnection`, and monitors *from* there are forgotten.
 */
export function connectionLost(sys: ProcessSystem, peer: number): void {
  for (const pid of sys.pids()) {
    const p = sys.lookup(pid);
    if (p === undefined) continue;
    if (p.watchers !== null) {
      for (const [ref, w] of [...p.watchers]) if (w.node === peer) p.watchers.delete(ref);
    }
    if (p.monitors !== null) {
      for (const [ref, target] of [...p.monitors]) {
        if (target.node !== peer) continue;
        p.monitors.delete(ref);
        deliverDown(sys, pid, ref, target, 'noconnection');
      }
    }
    for (const other of p.linkedPids()) {
      if (other.node !== peer) continue;
      p.removeLink(other);
      sys.signals.deliverExit(p, other, 'noconnection', true);
    }
  }
}

function deliverDown(sys: ProcessSystem, watcher: Pid, ref: Ref, target: Pid, reason: Term): void {
  const w = sys.lookup(watcher);
  if (w === undefined) return;
  sys.aliases.monitorGone(ref);
  if (sys.tracing) sys.emit({ type: 'down', ref, watcher, target, reason });
  sys.deliver(w, ['DOWN', ref, 'process', target, reason]);
}
