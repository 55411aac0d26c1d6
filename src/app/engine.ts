import type { WirePid } from '../base';
import type { Term } from '../runtime';
import type {
  Command,
  NodeSpecData,
  SupervisorOp,
  UserModule,
  Workspace,
} from '../worker/protocol';
import type { ReplayReport } from '../worker/clusterRestore';
import type { Recording } from './session/sessionFile';
import type { Run } from './session/recorder';

/** A command without its request id: the engine numbers requests itself. */
export type NodeCommand = Exclude<Command, { rid: number }>;

/** What a process reference in an action resolves to. */
export interface Resolved {
  node: number;
  pid: WirePid;
  /** Its pid key, `<1.5.0>`. */
  key: string;
}

/**
 * What `dispatch` needs from the running cluster and the store, as one small
 * interface: the adapter over the worker client lives in `clusterEngine.ts`,
 * and tests can pass a fake.
 */
export interface Engine {
  /** Boot the cluster (one Worker per node); called from an effect, so it may run, stop and run again. */
  start(workspace: Workspace, speed: number): void;
  /** Terminate every node. */
  stop(): void;
  /** Fire-and-forget to one node. */
  post(node: number, cmd: NodeCommand): void;
  /** A supervisor op; resolves with the reply term or rejects with the error text. */
  supervisor(node: number, sup: WirePid, op: SupervisorOp): Promise<Term>;
  /** `gen_server:call` from the shell. */
  call(node: number, to: WirePid, request: Term, timeout: number): Promise<Term>;
  /** `process_info`: mailbox contents, links, monitors (the store only counts the mailbox). */
  inspect(node: number, pid: WirePid): Promise<Term>;
  setSpeed(speed: number): void;
  pause(): void;
  resume(): void;
  step(): void;
  addNode(spec: NodeSpecData, workspace: Workspace): void;
  stopNode(node: number, reason: string): void;
  restartNode(node: number, workspace: Workspace): void;
  /** Cut the connection between two nodes (links across it fire `noconnection`), or restore it. */
  netsplit(a: number, b: number): void;
  heal(a: number, b: number): void;
  /** Stop everything and boot this workspace. */
  reboot(workspace: Workspace): void;
  /** A pid key (`<1.5.0>`) or a path (`app_sup/counter`, newest process with it) to a live process. */
  resolve(target: string): Resolved | undefined;
  /** The modules node `id` was booted with: user code is loaded when a node boots (no hot code loading). */
  bootedModules(id: number): readonly UserModule[] | undefined;
  /** The path of a process key, when it has one. */
  pathOf(key: string): string | undefined;
  /**
   * "Resume from here": rebuilds every node as it was before history step `index` (moved back to
   * where the process turn it falls in began) by replaying its record, forgets the steps after
   * that point, and goes on live. Only an engine that records its nodes has it (the cluster engine).
   */
  resumeAt?(index: number): Promise<ResumeOutcome>;
  /** Every node's record, run by run, for a session file (session/sessionFile.ts). */
  recorded?(): readonly Run[];
  /** Shows a recorded session's history and rebuilds its nodes where it ended (a session file). */
  openRecording?(workspace: Workspace, recording: Recording, speed: number): Promise<ResumeOutcome>;
}

/** What a resume did, or why it could not. */
export type ResumeOutcome =
  | {
      ok: true;
      at: number;
      reports: ReplayReport[];
      /** Every node made exactly the batches it had recorded. */
      exact: boolean;
      /** What it did, in words. */
      text: string;
    }
  | { ok: false; why: string };
