import { sleep } from '../effects';
import type { GenServerModule } from '../genServer';
import { startLink } from '../genServer';
import type { Flavour, RestartType, Shutdown } from '../supervisor/childSpec';
import type {
  ChildSpecData,
  SupervisorSpecData,
  TreeStarts,
  WorkerSpecData,
} from '../supervisor/treeSpec';
import type { Pid, Term } from '../term';

/** What a test worker's init does: `ok`, `ignore`, or `{stop, init_failed}`. */
export type InitMode = 'ok' | 'ignore' | 'fail';

/** The test worker's args: what it does besides what every worker spec says. */
export interface TestWorkerArgs {
  /** Virtual ms its terminate/2 takes. */
  terminateMs?: number;
  init?: InitMode;
}

/** A tree of test workers: the runtime's one tree spec (`supervisor/treeSpec.ts`). */
export type TestChild = ChildSpecData<TestWorkerArgs>;
export type TestSup = SupervisorSpecData<TestWorkerArgs>;
export type TestWorker = WorkerSpecData<TestWorkerArgs>;

/** What `worker()` takes: the spec's fields and the test worker's args, side by side. */
export interface WorkerOpts extends TestWorkerArgs {
  restart?: RestartType;
  shutdown?: Shutdown;
  significant?: boolean;
  trapExit?: boolean;
  /** A name it registers in init (so a restart must find it released). */
  name?: string;
}

export const worker = (id: string, opts: WorkerOpts = {}): TestWorker => {
  const { terminateMs, init, ...common } = opts;
  return {
    kind: 'worker',
    id,
    behaviour: 'test_worker',
    ...common,
    args: {
      ...(terminateMs === undefined ? {} : { terminateMs }),
      ...(init === undefined ? {} : { init }),
    },
  };
};

/** A supervisor (strategy one_for_one unless given); a template is for simple_one_for_one only. */
export const sup = (
  id: string,
  opts: Partial<Omit<TestSup, 'kind' | 'id' | 'children'>> = {},
  children: TestChild[] = [],
): TestSup => ({
  kind: 'supervisor',
  id,
  strategy: 'one_for_one',
  ...opts,
  children,
});

/** How the tree tells the test driver who is who. */
export interface Registry {
  /** A process now stands for `path` (called from its init). */
  name(pid: Pid, path: string): void;
  /** A worker's init returned ok, or a supervisor's init callback ran. */
  started(path: string): void;
  initMode(path: string): InitMode | undefined;
}

interface WorkerState {
  path: string;
  terminateMs: number;
}

/**
 * The test worker, a gen_server: `{crash, R}` → `{stop, R, S}`; `{link, Pid}` /
 * `{monitor, Pid}` casts call the BIF; `ping` → `pong`; terminate takes `terminateMs`.
 */
export function testWorker(
  reg: Registry,
): GenServerModule<WorkerState, { path: string; spec: TestWorker }> {
  return {
    name: 'test_worker',
    init: ({ path, spec }, ctx) => {
      reg.name(ctx.self, path);
      const mode = reg.initMode(path) ?? spec.args?.init ?? 'ok';
      if (mode === 'ignore') return 'ignore';
      if (mode === 'fail') return ['stop', 'init_failed'];
      if (spec.name !== undefined) ctx.register(spec.name);
      if (spec.trapExit) ctx.trapExit(true);
      reg.started(path);
      return ['ok', { path, terminateMs: spec.args?.terminateMs ?? 0 }];
    },
    handleCall: (req, _from, s) => ['reply', req === 'ping' ? 'pong' : ['echo', req], s],
    handleCast: (msg, s, ctx) => {
      const [op, arg] = msg as readonly [string, Term];
      if (op === 'crash') return ['stop', arg, s];
      // link/1 to a dead pid raises noproc here, which stops the worker with noproc.
      if (op === 'link') ctx.link(arg as Pid);
      if (op === 'monitor') ctx.monitor(arg as Pid);
      return ['noreply', s];
    },
    handleInfo: (_msg, s) => ['noreply', s],
    terminate: (_r, s) => (s.terminateMs > 0 ? sleep(s.terminateMs) : undefined),
  };
}

/**
 * How a test tree starts (for the runtime's `supArgsOf` / `childSpecOf`):
 * workers are {@link testWorker}s, and every process is named by its path.
 */
export function testStarts(reg: Registry, flavour: Flavour = 'erlang'): TreeStarts<TestWorkerArgs> {
  const mod = testWorker(reg);
  return {
    flavour,
    startWorker: (spec, path, ctx) => startLink(ctx, mod, { path, spec }),
    onSupervisorInit: (ctx, path) => {
      reg.name(ctx.self, path);
      reg.started(path);
    },
  };
}
