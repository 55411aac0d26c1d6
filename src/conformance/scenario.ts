import type {
  ChildSpecData,
  SupervisorSpecData,
  WorkerSpecData,
} from '../runtime/supervisor/treeSpec';
import type { Term } from '../runtime/term';

/**
 * A scenario as `conformance/vendor/SPEC.md` defines it (versions 1 and 2),
 * checked and with defaults filled in. `parseScenario` (parseScenario.ts)
 * makes one from JSON; `runScenario` (driver.ts) plays it.
 */
export interface Scenario {
  name: string;
  version: 1 | 2;
  tree: SupNode;
  steps: Step[];
}

/**
 * What the oracle's worker (`scenario_worker`) is given besides what every
 * worker spec says (id, restart, shutdown, significant, `trap_exit`, v2's
 * `name`): its args in the runtime's one tree spec.
 */
export interface WorkerExtras {
  terminateMs: number;
  init: InitMode;
  /** v2: how long handle_call takes before it replies `{ok, Request}`. */
  callMs: number;
  /** v2: how long init takes before it reads its mode. */
  initMs: number;
  /** v2: reactions to `got` messages. */
  on: Rule[];
}

/**
 * A scenario's tree: the runtime's one tree spec (`runtime/supervisor/treeSpec.ts`),
 * with every default filled in by the parser. A template's id is empty. A worker's
 * `name` (v2) is registered with `gen_server:start_link({local, Name}, …)`.
 */
export type WorkerNode = WorkerSpecData<WorkerExtras>;
export type SupNode = SupervisorSpecData<WorkerExtras>;
export type ChildNode = ChildSpecData<WorkerExtras>;
export type InitMode = 'ok' | 'ignore' | 'fail';

/** Where a message or call goes: a worker path, a registered name, or (tell only) `$last_sender`. */
export type Dest =
  { kind: 'path'; path: string } | { kind: 'name'; name: string } | { kind: 'last_sender' };

/** v2 `on` rule: the first matching rule with uses left fires once per message. */
export interface Rule {
  message: Term;
  action: { kind: 'reply'; term: Term } | { kind: 'forward_to'; dest: Dest };
  /** Uses per incarnation; Infinity when unlimited. */
  times: number;
}

/**
 * What a worker does itself (a v2 `do` action; the v1 `link`/`monitor`
 * steps and the v2 worker-side steps are one-action `do`s). Paths are
 * resolved by the driver when the step starts.
 */
export type Action =
  | { op: 'tell'; to: Dest; msgs: Term[] }
  | { op: 'call'; to: Dest; request: Term; timeout: number | 'infinity'; catch: boolean }
  | { op: 'exit'; target: string; reason: Term }
  | { op: 'link'; to: string }
  | { op: 'unlink'; to: string }
  | { op: 'monitor'; to: string }
  | { op: 'demonitor'; to: string; flush: boolean }
  | { op: 'trap_exit'; value: boolean }
  | { op: 'sleep'; ms: number };

export type StepBody =
  | { op: 'crash'; target: string; reason: Term }
  | { op: 'exit'; target: string; reason: Term }
  | { op: 'send'; target: string; msg: Term }
  | { op: 'set_init'; target: string; init: InitMode }
  | { op: 'sleep'; ms: number }
  | { op: 'start_child'; sup: string; child: ChildNode | undefined }
  | { op: 'terminate_child'; sup: string; id: string }
  | { op: 'restart_child'; sup: string; id: string }
  | { op: 'delete_child'; sup: string; id: string }
  | { op: 'which_children'; sup: string }
  | { op: 'count_children'; sup: string }
  /** v2: the driver's own gen_server:call (it always catches). */
  | { op: 'driver_call'; to: Dest; request: Term; timeout: number | 'infinity' }
  /** Actions a worker runs in one go (`link`, `monitor`, `tell`, `call`, `exit` with `from`, `do`, …). */
  | { op: 'do'; from: string; actions: Action[] };

/** A step; `waitMs` (v2 `wait_ms`): wait that long instead of until nothing more happens. */
export type Step = StepBody & { waitMs?: number | undefined };
