import type { Pid, Ref, Reason, Term } from './term';

/**
 * Everything that happens in a node, as data. This union is the only way
 * anything outside the runtime learns what happened: the worker batches it,
 * the store folds it, the viz, log, replay and lessons read it.
 * `t` is the node's clock in milliseconds.
 */
export type TraceEvent =
  | {
      type: 'spawn';
      t: number;
      pid: Pid;
      parent: Pid | undefined;
      behaviour: string;
      linked: boolean;
    }
  | { type: 'exit'; t: number; pid: Pid; reason: Reason }
  | { type: 'send'; t: number; from: Pid | undefined; to: Pid; msg: Term }
  /** A send to a dead pid: OTP drops it silently; the playground still shows it. */
  | { type: 'send_dropped'; t: number; from: Pid | undefined; to: Pid; msg: Term }
  | { type: 'receive'; t: number; pid: Pid; msg: Term }
  | { type: 'link'; t: number; a: Pid; b: Pid }
  | { type: 'unlink'; t: number; a: Pid; b: Pid }
  | { type: 'monitor'; t: number; ref: Ref; watcher: Pid; target: Pid }
  | { type: 'demonitor'; t: number; ref: Ref; watcher: Pid; target: Pid }
  | { type: 'down'; t: number; ref: Ref; watcher: Pid; target: Pid; reason: Reason }
  | {
      type: 'exit_signal';
      t: number;
      from: Pid | undefined;
      to: Pid;
      reason: Reason;
      /** true when it came from a link (the sender died), false for `exit/2`. */
      link: boolean;
      /** What the receiver did with it, by OTP's rules. */
      outcome: 'trapped' | 'ignored' | 'dies';
    }
  | { type: 'trap_exit'; t: number; pid: Pid; on: boolean }
  | { type: 'register'; t: number; pid: Pid; name: string }
  | { type: 'unregister'; t: number; pid: Pid; name: string }
  /** A gen_server's init returned: `ok`, `ignore` or `{stop, Reason}`. */
  | { type: 'init'; t: number; pid: Pid; result: 'ok' | 'ignore' | 'stop'; reason?: Reason }
  /**
   * A behaviour's state may have changed (after a callback). Read it with
   * `node.processInfo(pid)`: snapshotting a 10,000-child supervisor on every
   * callback would make restarts quadratic, so the host reads it once a frame.
   */
  | { type: 'state'; t: number; pid: Pid }
  /**
   * CRASH REPORT: a behaviour process ended with an abnormal reason. A gen_server that stops in
   * its loop also says what gen_server's ERROR REPORT prints: the last message it took and its state.
   */
  | {
      type: 'crash_report';
      t: number;
      pid: Pid;
      reason: Reason;
      lastMessage?: Term;
      state?: Term;
    }
  /** SUPERVISOR REPORT, with OTP's errorContext. */
  | {
      type: 'supervisor_report';
      t: number;
      sup: Pid;
      context: 'child_terminated' | 'start_error' | 'shutdown_error' | 'shutdown';
      reason: Reason;
      childId: string | undefined;
      childPid: Pid | undefined;
      /** simple_one_for_one shutdown errors: OTP writes one report per reason, listing the pids. */
      childPids?: Pid[];
      /** The rest of the offender, from the child's spec. */
      child?: ChildInfo;
    }
  /** PROGRESS REPORT: a supervisor started (or restarted) a child. */
  | {
      type: 'child_started';
      t: number;
      sup: Pid;
      childId: string | undefined;
      pid: Pid;
      child?: ChildInfo;
    }
  /** `supervisor:delete_child/2` removed a stopped child's spec: its slot is gone. */
  | { type: 'child_deleted'; t: number; sup: Pid; childId: string }
  /** A supervisor counted a restart against its intensity. */
  | {
      type: 'restart';
      t: number;
      sup: Pid;
      childId: string | undefined;
      restarts: number;
      intensity: number;
      period: number;
    }
  /** A supervisor gave up (reached_max_restart_intensity or auto_shutdown). */
  | {
      type: 'supervisor_gave_up';
      t: number;
      sup: Pid;
      why: 'reached_max_restart_intensity' | 'auto_shutdown';
    }
  /** A line a behaviour wants in the event log (e.g. a user's `ctx.log`). */
  | { type: 'log'; t: number; pid: Pid; text: string };

export type TraceEventType = TraceEvent['type'];

/**
 * A child as supervisor.erl's `extract_child/1` reports it, beside its pid and id (a SUPERVISOR
 * REPORT's offender, a PROGRESS REPORT's `started`).
 */
export interface ChildInfo {
  /** `{M, start_link, Args}`. */
  mfargs: Term;
  restartType: 'permanent' | 'transient' | 'temporary';
  significant: boolean;
  shutdown: number | 'brutal_kill' | 'infinity';
  childType: 'worker' | 'supervisor';
}
export type Observer = (event: TraceEvent) => void;
