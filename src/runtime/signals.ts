import { invariant } from '../base';
import type { MonitorOptions } from './ctx';
import { ErlangError } from './errors';
import { exitOrder } from './linkOrder';
import type { Proc } from './proc';
import { NO_EXIT, Status } from './proc';
import { linkRemote, monitorRemote } from './remoteSignals';
import type { NodeSystem } from './system';
import type { Pid, Reason, Ref, Term } from './term';

/**
 * The signal rules of OTP's reference manual between a node's processes:
 * links, monitors, exit signals, and what a death sends. A pid on another
 * node goes through distribution (`remoteSignals.ts`).
 */
export class Signals {
  /** Monitors made by registered name: their DOWN names `{Name, Node}`. */
  private readonly nameMonitors = new Map<Ref, Term>();
  /** Links made to a process already killed but not yet dead: it answers them with `noproc`. */
  private lateLinks: Map<Proc, Pid[]> | null = null;

  constructor(private readonly sys: NodeSystem) {}

  link(p: Proc, pid: Pid): void {
    if (pid === p.self) return;
    const sys = this.sys;
    // A remote pid is kept as this node's interned instance, so the link's exit signal finds it.
    if (pid.node !== sys.id) return linkRemote(sys, sys.dist, p, sys.pidOf(pid));
    const other = sys.lookup(pid);
    if (other === undefined || other.status === Status.Dead) {
      // OTP: link/1 to a dead process raises noproc, or gives a trapping caller {'EXIT', Pid, noproc} at once.
      if (p.trapping) sys.deliver(p, ['EXIT', pid, 'noproc']);
      else throw new ErlangError('noproc');
      return;
    }
    if (p.hasLink(pid)) return;
    if (!other.alive) {
      // Killed, but its exit signal waits for its turn: as in ERTS the link is made, and the
      // dying process answers it with an exit signal `noproc` (not its own reason).
      p.addLink(pid);
      const late = (this.lateLinks ??= new Map()).get(other);
      if (late === undefined) this.lateLinks.set(other, [p.self]);
      else late.push(p.self);
      return;
    }
    p.addLink(pid);
    other.addLink(p.self);
    sys.scheduler.signalled(other);
    if (sys.tracing) sys.emit({ type: 'link', a: p.self, b: pid });
  }

  unlink(p: Proc, pid: Pid): void {
    const sys = this.sys;
    if (pid.node !== sys.id) pid = sys.pidOf(pid);
    const other = sys.lookup(pid);
    if (!p.removeLink(pid)) return;
    if (other !== undefined) {
      other.removeLink(p.self);
      sys.scheduler.signalled(other);
    }
    if (pid.node !== sys.id) sys.dist?.unlink(p.self, pid);
    if (sys.tracing) sys.emit({ type: 'unlink', a: p.self, b: pid });
  }

  monitor(p: Proc, target: Pid | string, alias?: MonitorOptions['alias']): Ref {
    const sys = this.sys;
    if (typeof target !== 'string' && target.node !== sys.id)
      return monitorRemote(sys, sys.dist, p, sys.pidOf(target), alias);
    const ref = sys.makeRef();
    const t = typeof target === 'string' ? sys.names.get(target) : sys.lookup(target);
    const targetPid = t?.self ?? (typeof target === 'string' ? p.self : target);
    if (sys.tracing) sys.emit({ type: 'monitor', ref, watcher: p.self, target: targetPid });
    // OTP: a monitor by name reports `{Name, Node}` as the DOWN's object.
    const object: Term = typeof target === 'string' ? [target, sys.nodeName] : target;
    if (typeof target === 'string') this.nameMonitors.set(ref, object);
    if (t === undefined || !t.alive) {
      // OTP: monitoring a dead or unknown process gives an immediate DOWN with noproc.
      this.nameMonitors.delete(ref);
      sys.aliases.ofMonitor(p, ref, alias, false);
      sys.scheduler.deliverAfterTurn(p, ['DOWN', ref, 'process', object, 'noproc']);
      if (sys.tracing)
        sys.emit({ type: 'down', ref, watcher: p.self, target: targetPid, reason: 'noproc' });
      return ref;
    }
    (p.monitors ??= new Map()).set(ref, t.self);
    (t.watchers ??= new Map()).set(ref, p.self);
    // Unlike demonitor, link and unlink, a monitor does not wake a waiting target (checked against OTP 25).
    sys.aliases.ofMonitor(p, ref, alias, true);
    return ref;
  }

  demonitor(p: Proc, ref: Ref, flush: boolean): boolean {
    const sys = this.sys;
    const target = p.monitors?.get(ref);
    sys.aliases.monitorGone(ref);
    if (flush && p.mailbox !== null) {
      // demonitor(Ref, [flush]) also removes a DOWN for Ref already queued.
      const mb = p.mailbox;
      for (let i = 0; i < mb.size; i++) {
        const m = mb.at(i);
        if (Array.isArray(m) && m[0] === 'DOWN' && m[1] === ref) {
          mb.removeAt(i);
          break;
        }
      }
    }
    if (target === undefined) return false;
    p.monitors?.delete(ref);
    const t = sys.lookup(target);
    if (t !== undefined) {
      t.watchers?.delete(ref);
      sys.scheduler.signalled(t);
    }
    if (target.node !== sys.id) sys.dist?.demonitor(p.self, target, ref);
    if (sys.tracing) sys.emit({ type: 'demonitor', ref, watcher: p.self, target });
    return true;
  }

  /** `exit(To, Reason)` sent by `from` (undefined: from outside). */
  exitSignal(from: Pid | undefined, to: Pid, reason: Reason): void {
    const sys = this.sys;
    if (to.node !== sys.id) {
      // The receiving node applies OTP's rules (and traces the outcome); unconnected: lost.
      sys.dist?.exit(from, to, reason, false);
      return;
    }
    const target = sys.lookup(to);
    if (target === undefined) return;
    this.deliverExit(target, from, reason, false);
  }

  /**
   * The receiving side of an exit signal, by the reference manual's rules:
   * `kill` from exit/2 cannot be trapped and is seen as `killed`; a trapping
   * process gets `{'EXIT', From, Reason}`; `normal` is ignored unless it comes
   * from the process itself; anything else kills the receiver with Reason.
   * A death is deferred to the receiver's next turn, as ERTS handles signals
   * when the receiver is scheduled; this also keeps long link chains iterative.
   */
  deliverExit(p: Proc, from: Pid | undefined, reason: Reason, viaLink: boolean): void {
    if (!p.alive) return;
    const sys = this.sys;
    sys.scheduler.nonMessageSignal(p);
    let outcome: 'trapped' | 'ignored' | 'dies';
    if (reason === 'kill' && !viaLink) {
      outcome = 'dies';
      this.kill(p, 'killed');
    } else if (p.trapping) {
      outcome = 'trapped';
      sys.deliver(p, ['EXIT', from ?? 'undefined', reason]);
    } else if (reason === 'normal' && from !== p.self) {
      outcome = 'ignored';
      sys.scheduler.signalled(p);
    } else {
      outcome = 'dies';
      this.kill(p, reason);
    }
    if (sys.tracing)
      sys.emit({ type: 'exit_signal', from, to: p.self, reason, link: viaLink, outcome });
  }

  /** `p` is to die with `reason` when next scheduled. */
  kill(p: Proc, reason: Reason): void {
    p.pendingExit = reason;
    if (!p.queued) this.sys.scheduler.wake(p);
  }

  /** The process ends: name released first, then link and monitor signals go out. */
  finish(p: Proc, reason: Reason): void {
    invariant(p.status !== Status.Dead, 'BUG: process finished twice');
    const sys = this.sys;
    p.status = Status.Dead;
    p.pendingExit = NO_EXIT;
    p.leaveReceive();
    sys.names.release(p);
    sys.remove(p);
    sys.timers.processExited(p.self);
    if (sys.tracing) sys.emit({ type: 'exit', pid: p.self, reason });
    const links = p.takeLinks();
    const monitors = p.monitors;
    const watchers = p.watchers;
    if (monitors !== null) p.monitors = null;
    if (watchers !== null) p.watchers = null;
    p.mailbox = null;
    p.handler = null;
    p.rcv = null;
    p.stateSource = null;
    // Two or more links: in the order ERTS's link tree gives (exitOrder).
    if (links instanceof Set) for (const pid of exitOrder(links)) this.linkExit(p, pid, reason);
    else if (links !== null) this.linkExit(p, links, reason);
    if (monitors !== null) {
      for (const [ref, target] of monitors) {
        if (target.node !== sys.id) sys.dist?.demonitor(p.self, target, ref);
        else sys.lookup(target)?.watchers?.delete(ref);
      }
    }
    if (watchers !== null) {
      for (const [ref, watcher] of watchers) {
        if (watcher.node !== sys.id) {
          sys.dist?.down(p.self, watcher, ref, reason);
          continue;
        }
        const w = sys.lookup(watcher);
        if (w === undefined) continue;
        w.monitors?.delete(ref);
        sys.aliases.monitorGone(ref);
        if (sys.tracing) sys.emit({ type: 'down', ref, watcher, target: p.self, reason });
        const object = this.nameMonitors.get(ref) ?? p.self;
        this.nameMonitors.delete(ref);
        sys.deliver(w, ['DOWN', ref, 'process', object, reason]);
      }
    }
    const late = this.lateLinks?.get(p);
    if (late !== undefined) {
      this.lateLinks?.delete(p);
      for (const pid of late) {
        const l = sys.lookup(pid);
        if (l?.removeLink(p.self) === true) this.deliverExit(l, p.self, 'noproc', true);
      }
    }
  }

  /** A dying process's exit signal through one of its links. */
  private linkExit(p: Proc, pid: Pid, reason: Reason): void {
    const sys = this.sys;
    const other = sys.lookup(pid);
    if (other === undefined) {
      if (pid.node !== sys.id) sys.dist?.exit(p.self, pid, reason, true);
      return;
    }
    other.removeLink(p.self);
    this.deliverExit(other, p.self, reason, true);
  }
}
