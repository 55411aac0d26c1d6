import type { WirePid } from '../base';
import type { TraceEventType } from '../runtime';

/**
 * The view state the store folds the runtime's events into. Everything here is
 * plain data, replaced (never mutated) when it changes, so a React selector or
 * the tree view can compare by reference.
 */

/**
 * A term after structured clone (a plain term): pids, refs and records have lost their classes.
 * Not the runtime's `WireTerm`, the encoding between nodes.
 */
export type PlainTerm = unknown;

/**
 * What a process is doing, as the picture shows it. `running` has work queued
 * (or is starting): what `process_info` and the inspect reply call `runnable`,
 * in the word people read; `waiting` is blocked in a receive, `exiting` is being shut
 * down or has a pending death, `restarting` is a dead child its supervisor is
 * restarting, `dead` has exited.
 */
export type ProcStatus = 'running' | 'waiting' | 'exiting' | 'restarting' | 'dead';

export type ProcKind = 'supervisor' | 'worker' | 'process';

/** One restart of a supervisor's child slot. */
export interface RestartRecord {
  /** Node time (ms) the new process was started. */
  readonly t: number;
  /** The previous occupant's exit reason, formatted (`undefined` if it was not seen). */
  readonly reason: string;
  /** The previous occupant's pid key. */
  readonly pid: string;
}

/**
 * A supervisor's child slot: a child id (or `#N` for a dynamic child) that
 * keeps its identity across restarts. OTP restarts a child *in its slot*; the
 * picture shows the slot as one node whose generation goes up.
 */
export interface ChildSlot {
  /** The current (or last) occupant's pid key. */
  readonly pid: string;
  /** How many times a new process has taken this slot. */
  readonly generation: number;
  readonly history: readonly RestartRecord[];
}

export interface SupervisorInfo {
  /** From the supervisor's state snapshot; undefined until one arrives. */
  readonly strategy: string | undefined;
  readonly intensity: number | undefined;
  readonly period: number | undefined;
  readonly autoShutdown: string | undefined;
  /** Restart times in whole seconds of node time, newest first (as OTP keeps them). */
  readonly restartTimes: readonly number[];
  /** Set when the supervisor gave up. */
  readonly gaveUp: 'reached_max_restart_intensity' | 'auto_shutdown' | undefined;
  /** Slot ids in first-start order: a child id, or `#N` for a dynamic child. */
  readonly children: readonly string[];
  readonly slots: ReadonlyMap<string, ChildSlot>;
  /** The number the next new dynamic child gets. */
  readonly nextDynamic: number;
  /** A dynamic child's slot being restarted (its child_started carries no id). */
  readonly pendingDynamic: string | undefined;
  /** Slots whose occupant died while a restart was under way: they come back. */
  readonly restarting: ReadonlySet<string>;
}

export interface ProcView {
  /** `<node.id.0>`, from {@link pidKey}. */
  readonly key: string;
  readonly pid: WirePid;
  readonly node: number;
  /** `supervisor`, `gen_server:counter`, … as the runtime labels it at spawn. */
  readonly behaviour: string;
  readonly kind: ProcKind;
  /** Registered name, while registered. */
  readonly name: string | undefined;
  readonly status: ProcStatus;
  readonly trapExit: boolean;
  /** Who spawned it (pid key), and whether it was spawn_link. */
  readonly spawner: string | undefined;
  /** The supervisor that started it (from `child_started`). */
  readonly sup: string | undefined;
  /** Its slot id in {@link sup}: the child id, or `#N` for a dynamic child. */
  readonly childId: string | undefined;
  /** Copied from its slot: 0 for the first process in the slot. */
  readonly generation: number;
  readonly restarts: readonly RestartRecord[];
  /** Last known behaviour state (a wire term), from the batch's state snapshots. */
  readonly state: PlainTerm;
  /** Estimated from send/receive events (messages over the batch cap are not attributed). */
  readonly mailbox: number;
  readonly links: ReadonlySet<string>;
  /** Monitors it holds: ref key → target pid key. */
  readonly monitors: ReadonlyMap<string, string>;
  /** Monitors on it: ref key → watcher pid key. */
  readonly monitoredBy: ReadonlyMap<string, string>;
  readonly spawnedAt: number;
  /** Node time it exited; the viz fades it, the store prunes it after a while. */
  readonly diedAt: number | undefined;
  /** Its exit reason, formatted. */
  readonly exitReason: string | undefined;
  /** Set for supervisors. */
  readonly supervisor: SupervisorInfo | undefined;
}

export type NodeStatus = 'starting' | 'up' | 'down' | 'unresponsive';

/** A BEAM node: one Web Worker. */
export interface NodeView {
  readonly id: number;
  readonly name: string;
  readonly status: NodeStatus;
  readonly downReason: string | undefined;
  /** The node's clock (ms) at its last batch. */
  readonly now: number;
  /** Cluster time (ms) when this run of the node started (its clock read 0): set on `ready`. */
  readonly epoch: number;
  /** The root supervisor's child id, for paths (`root/sub/x`); `root` when not told. */
  readonly rootId: string | undefined;
  /** Nodes it is connected to (distribution); a netsplit removes them. */
  readonly peers: readonly number[];
  /** Message events the worker only counted (over its per-frame cap). */
  readonly uncounted: {
    readonly sends: number;
    readonly receives: number;
    readonly dropped: number;
  };
  /** Its live processes as it last said (the picture may show fewer); undefined until it says. */
  readonly processes: number | undefined;
  /** Other trace events the worker only counted (over its per-frame caps), by type, since it started. */
  readonly notShown: NotShown;
  /** Counts (messages and the rest) not yet in the log: it gets one line a second at most. */
  readonly notLogged: NotShown;
  /** Node time of the last "not shown" log line. */
  readonly notShownLoggedAt: number | undefined;
}

/** Counts by trace event type (`send`, `receive` and `send_dropped` for messages too). */
export type NotShown = Readonly<Partial<Record<TraceEventType, number>>>;

export type LogCategory = 'report' | 'message' | 'signal' | 'lifecycle' | 'system';
export type LogLevel = 'info' | 'warning' | 'error';

export type LogKind =
  | 'supervisor_report'
  | 'crash_report'
  | 'error_report'
  | 'progress_report'
  | 'send'
  | 'send_dropped'
  | 'spawn'
  | 'exit'
  | 'exit_signal'
  | 'link'
  | 'unlink'
  | 'monitor'
  | 'demonitor'
  | 'down'
  | 'trap_exit'
  | 'register'
  | 'unregister'
  | 'init'
  | 'restart'
  | 'child_deleted'
  | 'gave_up'
  | 'log'
  | 'summary'
  | 'node';

export type ReportHeading =
  'SUPERVISOR REPORT' | 'CRASH REPORT' | 'PROGRESS REPORT' | 'ERROR REPORT';

/**
 * A report as OTP's logger prints it: a heading and `key: value` lines (`reports.ts`), or, for
 * gen_server's ERROR REPORT, its `** …` lines as they are (`lines`, and no fields).
 */
export interface Report {
  readonly heading: ReportHeading;
  readonly fields: readonly (readonly [string, string])[];
  /** Printed as they are, after the heading (gen_server's `** Generic server … terminating`). */
  readonly lines?: readonly string[];
  /** A field that is a list (an offender), by key: its elements, one a line when printed in full. */
  readonly lists?: Readonly<Record<string, readonly string[]>>;
  /** The one line the log shows after the heading until the report is opened. */
  readonly summary: string;
}

export interface LogEntry {
  /** Increases by one per entry, for the whole store; the viz reads entries newer than the last it saw. */
  readonly seq: number;
  /**
   * Cluster time (ms): the node's time plus the cluster time at which that run of the node
   * started, never less than the entry before (`Draft.log`), so the log's times only go up,
   * across nodes and across a node's restart.
   */
  readonly t: number;
  readonly node: number;
  readonly kind: LogKind;
  readonly category: LogCategory;
  readonly level: LogLevel;
  /** Pid keys involved; the first is the subject (a click selects it). */
  readonly pids: readonly string[];
  /**
   * One line, in OTP's wording for reports, made when the event is folded: processes are named as
   * they were then (`counter <1.9.0>`, `logNames.ts`), and it is never rewritten.
   */
  readonly text: string;
  /**
   * OTP's plumbing, shown only with "Show internals": proc_lib's start acks, `'$sys_terminate'`,
   * the shell's own monitors, demonitors and timers, PROGRESS REPORTs (which the default logger
   * level hides too). `logInternals.ts` says which.
   */
  readonly internal?: true;
  /**
   * The terms in `text`, in order, as written there (`~0p`) and as values: the page shows them
   * in the workspace's flavour (Elixir: `:boom`, `%{count: 0}`) without re-folding the line.
   */
  readonly terms?: readonly LoggedTerm[];
  readonly report?: Report;
  /** For the animation: a message / exit signal / DOWN travels from → to. */
  readonly from?: string;
  readonly to?: string;
  /** A short label to draw with it: the exit reason. */
  readonly label?: string;
  readonly outcome?: 'trapped' | 'ignored' | 'dies';
  /** `exit` entries: true unless the reason was normal/shutdown. */
  readonly abnormal?: boolean;
}

/** A term as a log line wrote it, and its value. */
export interface LoggedTerm {
  readonly text: string;
  readonly value: unknown;
}

export interface LogFilter {
  /** Categories shown; all when empty. */
  readonly categories: ReadonlySet<LogCategory>;
  /** Only entries that involve this pid key. */
  readonly pid: string | undefined;
  /** Case-insensitive substring of the entry's text. */
  readonly text: string;
}

/** The folded picture of everything the nodes reported. */
export interface ViewState {
  readonly processes: ReadonlyMap<string, ProcView>;
  readonly nodes: ReadonlyMap<number, NodeView>;
  /** The last {@link ViewOptions.logLimit} entries, oldest first. */
  readonly log: readonly LogEntry[];
  /** The seq the next entry gets. */
  readonly nextSeq: number;
  /** The cluster clock (ms): the time of the last log entry; it never goes back. */
  readonly clock: number;
  /**
   * Goes up when the picture's shape changes: processes come or go, slots,
   * links, monitors, names, supervisor flags, nodes, and a status entering or
   * leaving exiting/restarting/dead (see `liveness`). Not for running ⇄ waiting
   * or mailbox changes, which every message makes, so a layout can be memoised
   * on it while colours follow {@link processes}.
   */
  readonly structure: number;
  /** Pid keys of the dead still kept (so pruning does not scan every process). */
  readonly graveyard: ReadonlySet<string>;
  readonly options: ViewOptions;
}

export interface ViewOptions {
  /** How many log entries to keep (default 2,000). */
  readonly logLimit: number;
  /** How long (node ms) a dead process stays visible before it is pruned (default 2,000). */
  readonly deadLingerMs: number;
  /**
   * Most dead processes kept at once, across nodes (default 2,000): past it the
   * longest dead go at once. A spawn/exit flood kills thousands a second, and
   * each one kept is one more for every layout to place.
   */
  readonly maxDead: number;
}

/**
 * Where the page is in the history of steps (`history.ts`): it shows the fold of the steps before
 * `index`; `start`…`end` is what is kept (global indices since the workspace started).
 */
export interface Playhead {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  /** The log seq the step under the playhead (`index - 1`) began at: its entries are from it on. */
  readonly stepSeq: number;
  /** Counts jumps (seeks, catching up): the viz animates only the step under the playhead then. */
  readonly jumps: number;
}

/** Everything in the store: view state plus UI state. */
export interface PlaygroundData extends ViewState {
  /** What the view state above is the fold of; follows the live end unless the store is paced. */
  readonly playhead: Playhead;
  /** The selected process (pid key). Follows a restarted child to its new pid. */
  readonly selected: string | undefined;
  readonly logFilter: LogFilter;
  /** 0.1 to 10. */
  readonly speed: number;
  readonly paused: boolean;
}
