import type { Pid, Term } from '../runtime/term';
import { formatTerm, isPid } from '../runtime/term';

/** The trace being printed: lines in order, and which pid is which path. */
export class TraceLog {
  readonly lines: string[] = [];
  private readonly paths = new Map<Pid, string>();
  /** The newest process that had each path. */
  private readonly latest = new Map<string, Pid>();
  private readonly startedPids = new Set<Pid>();

  /** Called for every line: in the oracle each line is a message to its log process. */
  onLine: () => void = () => {};

  line(text: string): void {
    this.lines.push(text);
    this.onLine();
  }

  name(pid: Pid, path: string): void {
    this.paths.set(pid, path);
    this.latest.set(path, pid);
  }

  /** A process printed `start`: it will print `exit` too. */
  started(pid: Pid, path: string): void {
    this.name(pid, path);
    this.startedPids.add(pid);
    this.line(`start ${path}`);
  }

  exited(pid: Pid, reason: Term): void {
    if (!this.startedPids.delete(pid)) return;
    this.line(`exit ${this.paths.get(pid) ?? String(pid)} ${this.fmt(reason)}`);
  }

  pidAt(path: string): Pid | undefined {
    return this.latest.get(path);
  }

  pathOf(pid: Pid): string | undefined {
    return this.paths.get(pid);
  }

  /** FROM in `trapped`, `got`, `call`: a path, or `driver`. */
  who(t: Term): string {
    return isPid(t) ? (this.paths.get(t) ?? String(t)) : this.fmt(t);
  }

  /** `~0p`, with pids as `<path>` and references as `#Ref` (as the oracle's log prints them). */
  fmt(t: Term): string {
    return formatTerm(t, this.formats);
  }

  private readonly formats = {
    pid: (p: Pid): string => `<${this.paths.get(p) ?? String(p)}>`,
    ref: (): string => '#Ref',
  };
}
