import type { Ctx } from '../ctx';
import type { Eff } from '../effects';
import { isEff } from '../effects';
import type { GenServerModule, StartResult } from '../genServer';
import { startLink } from '../genServer';
import type { Term } from '../term';
import type {
  AutoShutdown,
  ChildSpec,
  Flavour,
  RestartType,
  Shutdown,
  StartFn,
  Strategy,
} from './childSpec';
import { childSpec, supFlags } from './childSpec';
import type { SupArgs, SupInit, SupState } from './supervisor';
import { supervisorModule } from './supervisor';

/**
 * THE spec of a supervision tree: plain data (structured-cloneable when `A`
 * is), the shape the workspace saves and shares (the protocol re-exports
 * these types: its JSON field names are these), the shape the test builders
 * of the runtime and the store produce, and the shape the conformance parser
 * produces. {@link supArgsOf} / {@link childSpecOf} are the one way from it to
 * the runtime's `SupArgs` / `ChildSpec`; how a worker starts is the caller's
 * ({@link TreeStarts.startWorker}).
 *
 * `A` is what a worker's behaviour is given: a term on the wire, the test
 * worker's or the oracle worker's extras (init mode, terminate_ms, …) in tests
 * and the trace command.
 */
export interface WorkerSpecData<A = Term> {
  kind: 'worker';
  id: string;
  /** A library behaviour (`counter`, `echo`, …), a user module's name, or a test worker (`test_worker`). */
  behaviour: string;
  /** Arguments for the behaviour's init (on the wire a term, e.g. `{ crash_probability: 0.2 }`). */
  args?: A;
  restart?: RestartType;
  shutdown?: Shutdown;
  significant?: boolean;
  trapExit?: boolean;
  /** A registered name. */
  name?: string;
}

export interface SupervisorSpecData<A = Term> {
  kind: 'supervisor';
  id: string;
  strategy: Strategy;
  /** Omitted: the flavour's default (Erlang 1 in 5 s, Elixir 3 in 5 s). */
  intensity?: number;
  period?: number;
  autoShutdown?: AutoShutdown;
  restart?: RestartType;
  shutdown?: Shutdown;
  significant?: boolean;
  children: ChildSpecData<A>[];
  /** simple_one_for_one: the one template child. */
  template?: ChildSpecData<A>;
  /** A registered name (added after v1's first draft; optional). */
  name?: string;
}

export type ChildSpecData<A = Term> = WorkerSpecData<A> | SupervisorSpecData<A>;

/**
 * How a worker starts, given its spec and its path (`root/sub/w`; a
 * simple_one_for_one child started with `[N, …]` is `root/pool/#N`): the
 * `{M, F, A}` of its child spec, called with what `start_child/2` appends.
 */
export type WorkerStart<A> = (
  w: WorkerSpecData<A>,
  path: string,
  ctx: Ctx,
  extra: readonly Term[],
) => Eff<StartResult>;

/** What a caller decides when a tree is turned into the runtime's supervisor arguments. */
export interface TreeStarts<A> {
  /** Whose default intensity/period apply (the workspace's flavour). */
  readonly flavour: Flavour;
  readonly startWorker: WorkerStart<A>;
  /** The supervisor behaviour; `supervisorModule` unless the caller wraps it. */
  readonly supervisor?: GenServerModule<SupState, SupArgs>;
  /**
   * Runs first in each supervisor's init/1, in the new process, before its
   * child specs are made (it may block: a generator).
   */
  readonly onSupervisorInit?: (ctx: Ctx, path: string) => Eff<void> | void;
}

/**
 * The arguments `startSupervisor` takes for the supervisor `s` at `path`.
 * The child specs are made when its init runs, as `Mod:init/1` is called
 * again on a restart: a restarted supervisor gets fresh specs. A supervisor
 * without an id (a conformance template's) is named by its path.
 */
export function supArgsOf<A>(s: SupervisorSpecData<A>, path: string, how: TreeStarts<A>): SupArgs {
  const init = (): SupInit => ({
    flags: supFlags(how.flavour, {
      strategy: s.strategy,
      ...(s.intensity === undefined ? {} : { intensity: s.intensity }),
      ...(s.period === undefined ? {} : { period: s.period }),
      ...(s.autoShutdown === undefined ? {} : { autoShutdown: s.autoShutdown }),
    }),
    children:
      s.template !== undefined
        ? [childSpecOf(s.template, path, how)]
        : s.children.map((c) => childSpecOf(c, path, how)),
  });
  const before = how.onSupervisorInit;
  return {
    name: s.id || path,
    init:
      before === undefined
        ? init
        : (ctx) => {
            const work = before(ctx, path);
            if (!isEff(work)) return init();
            return (function* (): Eff<SupInit> {
              yield* work;
              return init();
            })();
          },
  };
}

/**
 * The child spec of `c` under the supervisor at `supPath`. A template's id
 * may be empty (the spec ignores it): its child spec's id is then `undefined`,
 * as the oracle's is.
 */
export function childSpecOf<A>(
  c: ChildSpecData<A>,
  supPath: string,
  how: TreeStarts<A>,
): ChildSpec {
  return childSpec({
    id: c.id || 'undefined',
    start: c.kind === 'supervisor' ? startSup(c, supPath, how) : startWorker(c, supPath, how),
    type: c.kind,
    modules: c.kind === 'supervisor' ? 'supervisor' : c.behaviour,
    ...(c.restart === undefined ? {} : { restart: c.restart }),
    ...(c.shutdown === undefined ? {} : { shutdown: c.shutdown }),
    ...(c.significant === undefined ? {} : { significant: c.significant }),
  });
}

/** `sup/#N`: a simple_one_for_one child started with `[N, …]` (a static child is `sup/id`). */
function dynamicPath(supPath: string, extra: readonly Term[]): string {
  const n = extra[0];
  return `${supPath}/#${typeof n === 'number' || typeof n === 'string' ? String(n) : '?'}`;
}

function startSup<A>(s: SupervisorSpecData<A>, supPath: string, how: TreeStarts<A>): StartFn {
  const path = `${supPath}/${s.id}`;
  const opts = { behaviour: 'supervisor', ...(s.name === undefined ? {} : { name: s.name }) };
  return (ctx, extra) => {
    const at = extra.length === 0 ? path : dynamicPath(supPath, extra);
    return startLink(ctx, how.supervisor ?? supervisorModule, supArgsOf(s, at, how), opts);
  };
}

function startWorker<A>(w: WorkerSpecData<A>, supPath: string, how: TreeStarts<A>): StartFn {
  const path = `${supPath}/${w.id}`;
  return (ctx, extra) =>
    how.startWorker(w, extra.length === 0 ? path : dynamicPath(supPath, extra), ctx, extra);
}
