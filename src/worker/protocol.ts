/**
 * The contract between the main thread and a node's worker (both also import
 * the runtime and src/base, but talk only in these shapes): commands in,
 * events out, as plain structured-cloneable data with a `type`, request ids on calls, and a
 * protocol version. Terms cross as they are: a `Pid` arrives on the other
 * side as a plain `{ node, id }` object (structured clone drops the class):
 * a `WirePid`, named by `pidKey` (both in src/base).
 */
import type { WirePid } from '../base';
import type {
  Flavour,
  ProcessInfo,
  ChildSpecData as RuntimeChildSpecData,
  Strategy,
  SupervisorSpecData as RuntimeSupervisorSpecData,
  WorkerSpecData as RuntimeWorkerSpecData,
  Term,
  TraceEvent,
  TraceEventType,
} from '../runtime';
import type { JournalInput } from './journal';

export const PROTOCOL_VERSION = 1;

/**
 * Inputs (and signals inside packets) a node records at most (journal.ts), and the page keeps of
 * one run; past it, recording stops and the page says that this run cannot be resumed (a blast
 * between nodes would otherwise keep every message for ever). 300,000 inputs hold about 30 MB on
 * the page: about 3 minutes of a very busy node at 10× (`npm run bench:replay`), hours of a
 * teaching tree at 1×.
 */
export const MAX_JOURNAL = 300_000;

// ---- the workspace: what a person builds, saves and shares ----------------

/**
 * A tree as the workspace saves and shares it: the runtime's one tree spec
 * (`src/runtime/supervisor/treeSpec.ts`) with terms as args. These JSON field
 * names are the saved format: old links and saved workspaces must keep opening.
 */
export type WorkerSpecData = RuntimeWorkerSpecData<Term>;
export type SupervisorSpecData = RuntimeSupervisorSpecData<Term>;
export type ChildSpecData = RuntimeChildSpecData<Term>;

/** User-written GenServer code (run inside the worker; an error crashes that process only). */
export interface UserModule {
  name: string;
  source: string;
}

export interface NodeSpecData {
  /** The node number, shown in pids as `<N.x.0>`. */
  id: number;
  name: string;
  root: SupervisorSpecData;
}

export interface Workspace {
  version: 1;
  flavour: Flavour;
  nodes: NodeSpecData[];
  modules: UserModule[];
  seed: number;
}

// ---- commands: main thread → node ------------------------------------------

export type SupervisorOp =
  | { op: 'start_child'; spec: ChildSpecData }
  /** simple_one_for_one: extra args appended to the template's. */
  | { op: 'start_dynamic'; args: Term[] }
  | { op: 'terminate_child'; id: string | WirePid }
  | { op: 'restart_child'; id: string }
  | { op: 'delete_child'; id: string }
  | { op: 'which_children' }
  | { op: 'count_children' }
  /** Not an OTP call (a supervisor's flags are fixed at init): the playground lets people try another strategy or intensity live. */
  | { op: 'set_flags'; strategy?: Strategy; intensity?: number; period?: number };

export type Command =
  | {
      type: 'boot';
      rid: number;
      node: NodeSpecData;
      flavour: Flavour;
      modules: UserModule[];
      seed: number;
      /** Added to v1: the node's limits (`NodeOptions`); omitted ones are the runtime's defaults. */
      limits?: NodeLimits;
    }
  /**
   * Added to v1: boot from a journal (journal.ts) and run every input again, in node time, posting
   * only `ready` and the reply (`{ inputs, batches, events, diverged }`, `diverged: 'none'` when
   * the replay made the batches the record says). Its peers' connections wait for `connect …
   * attach`.
   */
  | {
      type: 'replay';
      rid: number;
      inputs: JournalInput[];
      /** Post the batches the replay makes (without their record), for a test to compare. */
      echo?: boolean;
      /**
       * A resume inside a batch: the inputs from `from` on are that batch's; replay them only
       * until it has `events` shown events (to the end of the process turn that makes the
       * last), then post the rest of that turn's events as a batch, with what was replayed of
       * it as its record. `probe`: only say where the turns ended in it (the reply's `ends`:
       * the batch's shown events before each turn) and post nothing; the node is thrown away.
       */
      until?: { from: number; events: number; probe?: boolean };
    }
  | { type: 'set_speed'; speed: number }
  | { type: 'pause' }
  | { type: 'resume' }
  /** While paused: run exactly one process turn (one message handled). */
  | { type: 'step' }
  | { type: 'send'; to: WirePid | string; msg: Term }
  | { type: 'call'; rid: number; to: WirePid | string; request: Term; timeout: number }
  /** The process exits by itself with `reason` (a gen_server: `{stop, Reason, State}` with terminate/2). */
  | { type: 'crash'; pid: WirePid; reason: Term }
  /** `exit(Pid, Reason)` from the shell process. */
  | { type: 'exit_signal'; pid: WirePid; reason: Term }
  | { type: 'link'; a: WirePid; b: WirePid }
  | { type: 'unlink'; a: WirePid; b: WirePid }
  | { type: 'monitor'; watcher: WirePid; target: WirePid }
  | { type: 'trap_exit'; pid: WirePid; on: boolean }
  | ({ type: 'supervisor'; rid: number; sup: WirePid } & SupervisorOp)
  | { type: 'inspect'; rid: number; pid: WirePid }
  /** Watchdog heartbeat. */
  | { type: 'ping'; seq: number }
  /**
   * Distribution: talk to node `peer` over `port` (one end of a MessageChannel
   * the client made; transfer it). Messages, links and monitors to pids on
   * `peer` then travel through it.
   */
  | {
      type: 'connect';
      peer: number;
      port: MessagePort;
      /**
       * Added to v1, after a `replay`: the node is already connected to `peer` (as of the
       * replayed record); give that connection its port and post what the peer had not
       * received (it had received the first `delivered` packets).
       */
      attach?: { delivered: number };
    }
  /** The connection to `peer` is gone (it stopped, or a netsplit): links fire `noconnection`, monitors `DOWN noconnection`. */
  | { type: 'disconnect'; peer: number };

/** A node's limits, as the runtime's `NodeOptions` name them (positive integers). */
export interface NodeLimits {
  /** Processes alive at once (`erl +P`); a spawn beyond raises `system_limit`. */
  maxProcesses?: number;
  /** Messages one mailbox may hold before the process is killed. */
  maxMailbox?: number;
  /** Terms a process's state may hold before the process is killed. */
  maxStateTerms?: number;
}

// ---- events: node → main thread --------------------------------------------

export interface StateSnapshot {
  pid: WirePid;
  state: Term;
}

export type NodeEvent =
  | { type: 'ready'; version: number; node: number }
  /** Everything since the last frame: trace events in order, message traffic over the cap counted, changed states. */
  | {
      type: 'batch';
      node: number;
      now: number;
      events: TraceEvent[];
      summary: { sends: number; receives: number; dropped: number } | undefined;
      states: StateSnapshot[];
      /**
       * Added to v1: trace events only counted, by type (over their kind's per-batch cap, or
       * about a process whose spawn was not shown). Absent when nothing was.
       */
      skipped?: Partial<Record<TraceEventType, number>>;
      /** Added to v1: the node's live processes (the picture may show fewer). */
      processes?: number;
      /** Added to v1: what the node did since its last batch, for a replay (journal.ts). */
      inputs?: JournalInput[];
      /** Added to v1: the node stopped recording (why); this run cannot be replayed. */
      recordingOff?: string;
    }
  | { type: 'reply'; rid: number; ok: true; value: Term }
  | { type: 'reply'; rid: number; ok: false; error: string }
  | { type: 'pong'; seq: number }
  /**
   * Bad input or a failure the node could not attribute to a process.
   * `fatal`: the worker itself failed (its script did not load); the node is gone.
   */
  | { type: 'error'; message: string; fatal?: boolean };

/** How commands reach a node and events come back: a Worker, or in-thread for tests. */
export interface Transport {
  /** `transfer`: MessagePorts to move with the command (`connect`). */
  post(cmd: Command, transfer?: Transferable[]): void;
  onEvent(fn: (ev: NodeEvent) => void): () => void;
  terminate(): void;
}

// ---- added by the cluster client (not sent by a node) ----------------------

/**
 * Where a node's worker is in its life, as the cluster client tracks it: `down` it failed or the
 * watchdog killed it, `stopped` the person stopped it. The page's own `NodeStatus` (store/types)
 * is what it shows, folded from the client's events.
 */
export type WorkerStatus = 'starting' | 'up' | 'down' | 'stopped';

/**
 * What the main-thread cluster client reports about nodes and connections,
 * next to each node's own {@link NodeEvent}s.
 */
export type ClusterEvent =
  | { type: 'node_starting'; node: number }
  | { type: 'node_up'; node: number }
  /** Stopped by the user (`reason: 'stopped'`), or the watchdog killed it (`unresponsive: …`), or its worker failed. */
  | { type: 'node_down'; node: number; reason: string }
  | { type: 'nodes_connected'; a: number; b: number }
  | { type: 'nodes_disconnected'; a: number; b: number; why: 'netsplit' | 'node_down' };

/** The value of an `inspect` reply: the runtime's `ProcessInfo`, with pids and refs as plain data. */
export type InspectInfo = ProcessInfo<WirePid, WirePid>;
