import { ErlangError } from './errors';
import type { Proc } from './proc';
import type { NodeSystem } from './system';
import type { Pid } from './term';

/** A node's registered names (erlang:register/2): one name per process, one process per name. */
export class Names {
  private readonly byName = new Map<string, Proc>();

  constructor(private readonly sys: NodeSystem) {}

  /** The live process registered as `name`. */
  get(name: string): Proc | undefined {
    return this.byName.get(name);
  }

  whereis(name: string): Pid | undefined {
    return this.byName.get(name)?.self;
  }

  register(p: Proc, name: string): void {
    // One name per process, one process per name: badarg otherwise.
    if (p.name !== null || this.byName.has(name) || name === 'undefined')
      throw new ErlangError('badarg');
    p.name = name;
    this.byName.set(name, p);
    if (this.sys.tracing) this.sys.emit({ type: 'register', pid: p.self, name });
  }

  unregister(p: Proc): void {
    if (p.name === null) throw new ErlangError('badarg');
    this.release(p);
  }

  /** A dying process's name goes before its exit signals, as in ERTS. */
  release(p: Proc): void {
    if (p.name === null) return;
    this.byName.delete(p.name);
    if (this.sys.tracing) this.sys.emit({ type: 'unregister', pid: p.self, name: p.name });
    p.name = null;
  }
}
