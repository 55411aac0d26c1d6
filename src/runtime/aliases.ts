import type { MonitorOptions } from './ctx';
import type { Proc } from './proc';
import { Status } from './proc';
import type { NodeSystem } from './system';
import type { Pid, Ref, Term } from './term';

/** A process alias (erlang:alias/1, or a monitor made with `{alias, Mode}`). */
interface Alias {
  readonly owner: Proc;
  active: boolean;
  /** `{alias, demonitor}`: deactivated when its monitor goes. */
  readonly withMonitor: boolean;
}

/** A node's process aliases: refs that a message can be sent to while they are active. */
export class Aliases {
  /**
   * Aliases by ref. Weak: sending to an alias needs its ref, so an alias whose
   * ref nobody holds can never be used again; an inactive or dead owner's
   * entry stays only so a late message can be traced as dropped.
   */
  private readonly byRef = new WeakMap<Ref, Alias>();

  constructor(private readonly sys: NodeSystem) {}

  /**
   * A message to an alias of this node's: delivered while the alias is
   * active, dropped silently otherwise (erlang:alias/1). This is what makes a
   * gen_server reply that arrives after the caller's timeout vanish.
   */
  send(from: Pid | undefined, ref: Ref, msg: Term): void {
    const a = this.byRef.get(ref);
    if (a === undefined) return;
    const sys = this.sys;
    const to = a.owner.self;
    if (!a.active || a.owner.status === Status.Dead) {
      if (sys.tracing) sys.emit({ type: 'send_dropped', from, to, msg });
      return;
    }
    if (sys.tracing) sys.emit({ type: 'send', from, to, msg });
    sys.deliver(a.owner, msg);
  }

  /** `erlang:alias()` for `p`. */
  alias(p: Proc): Ref {
    const ref = this.sys.makeRef();
    this.byRef.set(ref, { owner: p, active: true, withMonitor: false });
    return ref;
  }

  /** `erlang:unalias(Alias)`: only the owner can deactivate it. */
  unalias(p: Proc, ref: Ref): boolean {
    const a = this.byRef.get(ref);
    if (a === undefined || a.owner !== p || !a.active) return false;
    a.active = false;
    return true;
  }

  /** Makes `ref` (a new monitor's) an alias of `p`; `active` false when its monitor already fired. */
  ofMonitor(p: Proc, ref: Ref, mode: MonitorOptions['alias'], active: boolean): void {
    if (mode === undefined) return;
    const withMonitor = mode === 'demonitor';
    this.byRef.set(ref, { owner: p, active: active || !withMonitor, withMonitor });
  }

  /** A monitor is gone (demonitor, or its DOWN delivered): an `{alias, demonitor}` alias goes with it. */
  monitorGone(ref: Ref): void {
    const a = this.byRef.get(ref);
    if (a !== undefined && a.withMonitor) a.active = false;
  }
}
