import type { Ctx } from '../ctx';
import { sleep } from '../effects';
import type { GenServerModule } from '../genServer';
import { startLink } from '../genServer';
import type {
  AutoShutdown,
  ChildSpec,
  Flavour,
  RestartType,
  Shutdown,
  Strategy,
} from '../supervisor/childSpec';
import { childSpec, supFlags } from '../supervisor/childSpec';
import type { SupArgs } from '../supervisor/supervisor';
import { startSupervisor } from '../supervisor/supervisor';
import type { Pid, Term } from '../term';

/** What a test worker's init does: `ok`, `ignore`, or `{stop, init_failed}`. */
export type InitMode = 'ok' | 'ignore' | 'fail';

interface ChildOpts {
  restart?: RestartType;
  shutdown?: Shutdown;
  significant?: boolean;
}

export interface WorkerNode extends ChildOpts {
  kind: 'worker';
  id: string;
  trapExit?: boolean;
  /** Virtual ms its terminate/2 takes. */
  terminateMs?: number;
  init?: InitMode;
  /** A name it registers in init (so a restart must find it released). */
  name?: string;
}

export interface SupNode extends ChildOpts {
  kind: 'supervisor';
  id: string;
  strategy?: Strategy;
  intensity?: number;
  period?: number;
  autoShutdown?: AutoShutdown;
  /** Whose default intensity/period apply (default erlang: 1 in 5 s). */
  flavour?: Flavour;
  children: TreeNode[];
  /** simple_one_for_one only; its id is ignored. */
  template?: TreeNode;
}

export type TreeNode = WorkerNode | SupNode;

export const worker = (id: string, opts: Omit<WorkerNode, 'kind' | 'id'> = {}): WorkerNode => ({
  kind: 'worker',
  id,
  ...opts,
});

export const sup = (
  id: string,
  opts: Omit<SupNode, 'kind' | 'id' | 'children'> = {},
  children: TreeNode[] = [],
): SupNode => ({
  kind: 'supervisor',
  id,
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
): GenServerModule<WorkerState, { path: string; node: WorkerNode }> {
  return {
    name: 'test_worker',
    init: ({ path, node }, ctx) => {
      reg.name(ctx.self, path);
      const mode = reg.initMode(path) ?? node.init ?? 'ok';
      if (mode === 'ignore') return 'ignore';
      if (mode === 'fail') return ['stop', 'init_failed'];
      if (node.name !== undefined) ctx.register(node.name);
      if (node.trapExit) ctx.trapExit(true);
      reg.started(path);
      return ['ok', { path, terminateMs: node.terminateMs ?? 0 }];
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

/** Builds supervisor start args and child specs from a {@link TreeNode}, naming every process by its path. */
export class TreeBuilder {
  private readonly worker: ReturnType<typeof testWorker>;
  constructor(private readonly reg: Registry) {
    this.worker = testWorker(reg);
  }

  supArgs(path: string, node: SupNode): SupArgs {
    return {
      name: node.id,
      init: (ctx: Ctx) => {
        this.reg.name(ctx.self, path);
        this.reg.started(path);
        const { strategy, intensity, period, autoShutdown } = node;
        const flags = supFlags(node.flavour ?? 'erlang', {
          ...(strategy !== undefined ? { strategy } : {}),
          ...(intensity !== undefined ? { intensity } : {}),
          ...(period !== undefined ? { period } : {}),
          ...(autoShutdown !== undefined ? { autoShutdown } : {}),
        });
        const kids = node.template !== undefined ? [node.template] : node.children;
        return { flags, children: kids.map((c) => this.childSpec(path, c)) };
      },
    };
  }

  /** Dynamic children (start args `[N]`) are named `SUP/#N`. */
  childSpec(supPath: string, node: TreeNode): ChildSpec {
    return childSpec({
      id: node.id,
      start: (ctx, extra) => {
        const path = extra.length > 0 ? `${supPath}/#${String(extra[0])}` : `${supPath}/${node.id}`;
        return node.kind === 'supervisor'
          ? startSupervisor(ctx, this.supArgs(path, node))
          : startLink(ctx, this.worker, { path, node });
      },
      type: node.kind,
      ...(node.restart !== undefined ? { restart: node.restart } : {}),
      ...(node.shutdown !== undefined ? { shutdown: node.shutdown } : {}),
      ...(node.significant !== undefined ? { significant: node.significant } : {}),
      modules: node.kind === 'supervisor' ? 'supervisor' : 'test_worker',
    });
  }
}
