import type { Pid } from '../term';
import type { InitMode, Registry } from './tree';

/** Who is who in a test system: each process by its path, and what each path's next init does. */
export class Paths implements Registry {
  private readonly byPath = new Map<string, Pid>();
  private readonly paths = new Map<Pid, string>();
  private readonly starts = new Map<string, number>();
  private readonly initModes = new Map<string, InitMode[]>();

  name(pid: Pid, path: string): void {
    this.byPath.set(path, pid);
    this.paths.set(pid, path);
  }

  /** The newest process that had `path`; throws for a path never seen. */
  pid(path: string): Pid {
    const p = this.byPath.get(path);
    if (p === undefined) throw new Error(`unknown path: ${path}`);
    return p;
  }

  find(path: string): Pid | undefined {
    return this.byPath.get(path);
  }

  pathOf(pid: Pid): string {
    return this.paths.get(pid) ?? String(pid);
  }

  started(path: string): void {
    this.starts.set(path, this.startCount(path) + 1);
  }

  startCount(path: string): number {
    return this.starts.get(path) ?? 0;
  }

  /** One mode per coming start; the last one sticks. */
  setInit(path: string, modes: InitMode[]): void {
    this.initModes.set(path, modes);
  }

  initMode(path: string): InitMode | undefined {
    const modes = this.initModes.get(path);
    return modes !== undefined && modes.length > 1 ? modes.shift() : modes?.[0];
  }
}
