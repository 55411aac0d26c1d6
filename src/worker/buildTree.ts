import type {
  ChildSpec,
  Ctx,
  Eff,
  Flavour,
  StartResult,
  SupArgs,
  Term,
  TreeStarts,
} from '../runtime';
import { childSpecOf, isPid, isTuple, startLink, supArgsOf } from '../runtime';
import type { AnyGenServer } from './library';
import { argMap, behaviours } from './library';
import type { ChildSpecData, NodeSpecData, WorkerSpecData } from './protocol';
import { type Checked, type KnownBehaviour, checkChildSpec, checkNodeTree } from './specCheck';

/**
 * Turns the workspace's tree (protocol data) into the runtime's supervisor
 * arguments and child specs. Everything is checked before anything starts by
 * `specCheck.ts`, the same check the page runs, so the page accepts exactly
 * what is built here: `supervisor db_sup: duplicate child id 'cache'`.
 */

export interface TreeEnv {
  readonly flavour: Flavour;
  /** The user's compiled modules by name; library behaviours come from `behaviours`. */
  readonly modules: ReadonlyMap<string, AnyGenServer>;
  /** Makes a spec's args a runtime term (plain `{node, id}` pids back into Pids); identity by default. */
  readonly term?: (t: Term) => Term;
}

export type Built<T> = Checked<T>;

/** What `env` can run: a library behaviour or one of the node's modules. */
const knownOf =
  (env: TreeEnv): KnownBehaviour =>
  (b) =>
    moduleFor(b, env) !== undefined;

/** The root supervisor's arguments for `startSupervisor`, after checking the whole tree. */
export function buildRoot(node: NodeSpecData, env: TreeEnv): Built<SupArgs> {
  const error = checkNodeTree(node, env.flavour, knownOf(env));
  if (error !== undefined) return { ok: false, error };
  return { ok: true, value: supArgsOf(node.root, node.root.id, starts(env)) };
}

/** One child spec for `start_child` on the running supervisor `supName`, checked. */
export function buildChild(data: ChildSpecData, supName: string, env: TreeEnv): Built<ChildSpec> {
  const checked = checkChildSpec(supName, data, env.flavour, knownOf(env));
  if (!checked.ok) return checked;
  return { ok: true, value: childSpecOf(checked.value, supName, starts(env)) };
}

/** The behaviour a worker runs: a user module shadows nothing (names are checked to differ). */
export function moduleFor(behaviour: string, env: TreeEnv): AnyGenServer | undefined {
  return (
    env.modules.get(behaviour) ??
    (Object.hasOwn(behaviours, behaviour) ? behaviours[behaviour]?.module : undefined)
  );
}

// ---- building: the runtime's one converter (treeSpec.ts); workers start as behaviours ----

function starts(env: TreeEnv): TreeStarts<Term> {
  return {
    flavour: env.flavour,
    startWorker: (w, _path, ctx, extra) => startWorker(w, env, ctx, extra),
  };
}

function startWorker(
  w: WorkerSpecData,
  env: TreeEnv,
  ctx: Ctx,
  extra: readonly Term[],
): Eff<StartResult> {
  const mod = moduleFor(w.behaviour, env) as AnyGenServer;
  const args = withExtra(argsOf(w, env), extra);
  return startLink(ctx, mod, args, {
    behaviour: `gen_server:${mod.name}`,
    ...(w.name === undefined ? {} : { name: w.name }),
    ...(w.trapExit ? { trapExit: true } : {}),
  });
}

/** A spec's args merged over the behaviour's defaults, when both are maps. */
function argsOf(w: WorkerSpecData, env: TreeEnv): Term {
  const dflt = behaviours[w.behaviour]?.defaultArgs;
  const given = w.args === undefined ? undefined : (env.term ?? ((t) => t))(w.args);
  if (given === undefined) return dflt ?? {};
  if (dflt !== undefined && isMap(dflt) && isMap(given))
    return { ...argMap(dflt), ...argMap(given) };
  return given;
}

/**
 * simple_one_for_one's `start_child(Sup, Extra)`: OTP appends Extra to the
 * template's args. Our behaviours take one args map, so (deliberate
 * difference) a single map in Extra is merged over the args, and anything
 * else is passed as `extra: [...]` in the map.
 */
function withExtra(args: Term, extra: readonly Term[]): Term {
  if (extra.length === 0) return args;
  const base = isMap(args) ? argMap(args) : { args };
  const [only] = extra;
  if (extra.length === 1 && isMap(only)) return { ...base, ...argMap(only) };
  return { ...base, extra: [...extra] };
}

const isMap = (t: Term): boolean =>
  typeof t === 'object' &&
  t !== null &&
  !isTuple(t) &&
  !isPid(t) &&
  Object.getPrototypeOf(t) === Object.prototype;
