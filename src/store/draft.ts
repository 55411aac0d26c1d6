import { liveness } from './selectors';
import type { ChildSlot, LogEntry, NodeView, ProcView, SupervisorInfo, ViewState } from './types';

type Mut<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A process being edited inside one fold. Its links and monitors are still the
 * base state's until {@link Draft.editLinks} copies them: most edits (every
 * message) change only a mailbox or a status.
 */
export type MutProc = Mut<ProcView>;

/** A process whose links and monitors are private copies too. */
export interface MutProcLinks extends Omit<MutProc, 'links' | 'monitors' | 'monitoredBy'> {
  links: Set<string>;
  monitors: Map<string, string>;
  monitoredBy: Map<string, string>;
}

export interface MutSup extends Omit<
  Mut<SupervisorInfo>,
  'children' | 'slots' | 'restarting' | 'restartTimes'
> {
  children: string[];
  slots: Map<string, ChildSlot>;
  restarting: Set<string>;
  restartTimes: number[];
}

/**
 * Entry fields the fold fills in, `t` being the node's time; the draft adds `seq` and makes `t`
 * cluster time ({@link Draft.log}).
 */
export type NewLogEntry = Omit<LogEntry, 'seq'>;

/**
 * Copy-on-write over a {@link ViewState} for one fold (a whole batch): the
 * process table and each process touched are copied once, so folding 2,000
 * events into a 10,000-process state costs one table copy, not 2,000. Nothing
 * reachable from the base state is ever mutated.
 */
export class Draft {
  private procs: Map<string, ProcView>;
  private ownProcs = false;
  private readonly editedProcs = new Set<string>();
  /** Edited processes whose links and monitors are copies as well. */
  private readonly editedLinks = new Set<string>();
  private readonly editedSups = new Set<string>();
  private nodeMap: Map<number, NodeView>;
  private ownNodes = false;
  private readonly added: LogEntry[] = [];
  private dead: Set<string>;
  private reshaped = false;
  private ownDead = false;
  private seq: number;
  private clock: number;

  constructor(private readonly base: ViewState) {
    this.procs = base.processes as Map<string, ProcView>;
    this.nodeMap = base.nodes as Map<number, NodeView>;
    this.seq = base.nextSeq;
    this.clock = base.clock;
    this.dead = base.graveyard as Set<string>;
  }

  /** How long a dead process stays (node ms). */
  get lingerMs(): number {
    return this.base.options.deadLingerMs;
  }

  /** How many dead processes are kept at most. */
  get maxDead(): number {
    return this.base.options.maxDead;
  }

  get(key: string | undefined): ProcView | undefined {
    return key === undefined ? undefined : this.procs.get(key);
  }

  all(): IterableIterator<ProcView> {
    return this.procs.values();
  }

  /** Adds (or replaces) a process; it counts as edited for the rest of the fold. */
  put(p: MutProcLinks): void {
    this.reshaped = true;
    this.writableProcs().set(p.key, p as ProcView);
    this.editedProcs.add(p.key);
    this.editedLinks.add(p.key);
    this.editedSups.delete(p.key);
  }

  delete(key: string): void {
    if (!this.procs.has(key)) return;
    this.reshaped = true;
    this.writableProcs().delete(key);
    if (this.dead.has(key)) this.writableDead().delete(key);
    this.editedProcs.delete(key);
    this.editedLinks.delete(key);
    this.editedSups.delete(key);
  }

  /** The process, writable (copied on first edit), or undefined if unknown. Links and monitors: {@link editLinks}. */
  edit(key: string | undefined): MutProc | undefined {
    if (key === undefined) return undefined;
    const p = this.procs.get(key);
    if (p === undefined) return undefined;
    if (this.editedProcs.has(key)) return p as MutProc;
    const copy: MutProc = { ...p };
    this.writableProcs().set(key, copy as ProcView);
    this.editedProcs.add(key);
    return copy;
  }

  /** The process with its links and monitors writable too (each copied once per fold). */
  editLinks(key: string | undefined): MutProcLinks | undefined {
    const p = this.edit(key);
    if (p === undefined || key === undefined) return undefined;
    if (!this.editedLinks.has(key)) {
      p.links = new Set(p.links);
      p.monitors = new Map(p.monitors);
      p.monitoredBy = new Map(p.monitoredBy);
      this.editedLinks.add(key);
    }
    return p as MutProcLinks;
  }

  /** A supervisor's info, writable, or undefined if `key` is not a known supervisor. */
  editSup(key: string | undefined): MutSup | undefined {
    const p = this.edit(key);
    if (p === undefined || p.supervisor === undefined || key === undefined) return undefined;
    if (this.editedSups.has(key)) return p.supervisor as MutSup;
    const s = p.supervisor;
    const copy: MutSup = {
      ...s,
      children: [...s.children],
      slots: new Map(s.slots),
      restarting: new Set(s.restarting),
      restartTimes: [...s.restartTimes],
    };
    p.supervisor = copy;
    this.editedSups.add(key);
    return copy;
  }

  /** The picture's shape changed (see ViewState.structure). */
  reshape(): void {
    this.reshaped = true;
  }

  /** Records that a process died, for {@link graveyard}. */
  bury(key: string): void {
    if (!this.dead.has(key)) this.writableDead().add(key);
  }

  /** Pid keys of the dead still kept. */
  graveyard(): ReadonlySet<string> {
    return this.dead;
  }

  node(id: number): NodeView | undefined {
    return this.nodeMap.get(id);
  }

  nodes(): IterableIterator<NodeView> {
    return this.nodeMap.values();
  }

  setNode(n: NodeView): void {
    const old = this.nodeMap.get(n.id);
    if (
      old === undefined ||
      old.status !== n.status ||
      old.name !== n.name ||
      old.rootId !== n.rootId ||
      // A netsplit or a heal is drawn (the cut between the regions).
      old.peers.join() !== n.peers.join()
    )
      this.reshaped = true;
    if (!this.ownNodes) {
      this.nodeMap = new Map(this.nodeMap);
      this.ownNodes = true;
    }
    this.nodeMap.set(n.id, n);
  }

  deleteNode(id: number): void {
    if (!this.nodeMap.has(id)) return;
    this.reshaped = true;
    if (!this.ownNodes) {
      this.nodeMap = new Map(this.nodeMap);
      this.ownNodes = true;
    }
    this.nodeMap.delete(id);
  }

  /**
   * Logs an entry stamped with cluster time: its node's time plus the cluster time that run of the
   * node started at (`epoch`), and never before the entry logged last. Each node's clock starts at 0
   * when its worker boots (and again when it restarts), so node times alone jump back and forth.
   */
  log(entry: NewLogEntry): void {
    const at = (this.nodeMap.get(entry.node)?.epoch ?? 0) + entry.t;
    if (at > this.clock) this.clock = at;
    this.added.push({ seq: this.seq++, ...entry, t: this.clock });
  }

  /** The cluster time now: the latest of the log's clock and every running node's clock. */
  clusterNow(): number {
    let now = this.clock;
    for (const n of this.nodeMap.values())
      if (n.status === 'up' && n.epoch + n.now > now) now = n.epoch + n.now;
    return now;
  }

  /** The new state; the base is returned as is when nothing changed. */
  finish<S extends ViewState>(state: S): S {
    if (!this.ownProcs && !this.ownNodes && !this.ownDead && this.added.length === 0) return state;
    const limit = this.base.options.logLimit;
    let log = this.base.log;
    if (this.added.length > 0) {
      const keep = Math.max(0, limit - this.added.length);
      const older = log.length > keep ? log.slice(log.length - keep) : log;
      log =
        this.added.length > limit
          ? this.added.slice(this.added.length - limit)
          : [...older, ...this.added];
    }
    const structure = this.base.structure + (this.reshaped || this.livenessChanged() ? 1 : 0);
    return {
      ...state,
      processes: this.procs,
      nodes: this.nodeMap,
      log,
      nextSeq: this.seq,
      clock: this.clock,
      graveyard: this.dead,
      structure,
    };
  }

  /** A process edited in this fold entered or left exiting/restarting/dead (folding follows that). */
  private livenessChanged(): boolean {
    if (this.reshaped) return true;
    const before = this.base.processes;
    for (const k of this.editedProcs) {
      const was = before.get(k);
      const now = this.procs.get(k);
      if (was !== undefined && now !== undefined && liveness(was.status) !== liveness(now.status))
        return true;
    }
    return false;
  }

  private writableDead(): Set<string> {
    if (!this.ownDead) {
      this.dead = new Set(this.dead);
      this.ownDead = true;
    }
    return this.dead;
  }

  private writableProcs(): Map<string, ProcView> {
    if (!this.ownProcs) {
      this.procs = new Map(this.procs);
      this.ownProcs = true;
    }
    return this.procs;
  }
}
