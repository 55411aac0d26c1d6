import type {
  ChildSpec,
  Flavour,
  RestartType,
  Shutdown,
  StartFn,
  Strategy,
  SupArgs,
  SupFlags,
  Term,
} from '../runtime';
import {
  checkStartSpec,
  childSpec,
  isPid,
  isTuple,
  startLink,
  supFlags,
  supervisorModule,
} from '../runtime';
import type { AnyGenServer } from './library';
import { argMap, behaviours } from './library';
import type { ChildSpecData, NodeSpecData, SupervisorSpecData, WorkerSpecData } from './protocol';

/**
 * Turns the workspace's tree (protocol data) into the runtime's supervisor
 * arguments and child specs. Everything is checked before anything starts,
 * with short messages naming the culprit, as `supervisor:check_childspecs/1`
 * does: `supervisor db_sup: duplicate child id 'cache'`.
 */

export interface TreeEnv {
  readonly flavour: Flavour;
  /** The user's compiled modules by name; library behaviours come from `behaviours`. */
  readonly modules: ReadonlyMap<string, AnyGenServer>;
  /** Makes a spec's args a runtime term (plain `{node, id}` pids back into Pids); identity by default. */
  readonly term?: (t: Term) => Term;
}

export type Built<T> = { ok: true; value: T } | { ok: false; error: string };

const STRATEGIES: readonly Strategy[] = [
  'one_for_one',
  'one_for_all',
  'rest_for_one',
  'simple_one_for_one',
];
const RESTARTS: readonly RestartType[] = ['permanent', 'transient', 'temporary'];
const AUTO_SHUTDOWNS = ['never', 'any_significant', 'all_significant'];
const ATOM = /^[a-z][a-zA-Z0-9_@]*$/;

/** The root supervisor's arguments for `startSupervisor`, after checking the whole tree. */
export function buildRoot(node: NodeSpecData, env: TreeEnv): Built<SupArgs> {
  const error = checkTree(node.root, env, `node ${node.name}`);
  if (error !== undefined) return { ok: false, error };
  return { ok: true, value: supArgs(node.root, env) };
}

/** One child spec for `start_child` on the running supervisor `supName`, checked. */
export function buildChild(data: ChildSpecData, supName: string, env: TreeEnv): Built<ChildSpec> {
  const error = checkChild(data, supName, env, new Map());
  if (error !== undefined) return { ok: false, error };
  return { ok: true, value: specOf(data, env) };
}

/** The behaviour a worker runs: a user module shadows nothing (names are checked to differ). */
export function moduleFor(behaviour: string, env: TreeEnv): AnyGenServer | undefined {
  return env.modules.get(behaviour) ?? behaviours[behaviour]?.module;
}

// ---- checking --------------------------------------------------------------

/** Every registered name in the tree, with where it was seen, to catch a name used twice. */
type Names = Map<string, string>;

function checkTree(root: SupervisorSpecData, env: TreeEnv, where: string): string | undefined {
  if (root?.kind !== 'supervisor') return `${where}: the root must be a supervisor`;
  return checkSupervisor(root, env, new Map());
}

function checkSupervisor(s: SupervisorSpecData, env: TreeEnv, names: Names): string | undefined {
  if (!isId(s.id)) return `a supervisor has a bad id ${JSON.stringify(s.id)}`;
  const name = s.id;
  if (!STRATEGIES.includes(s.strategy))
    return `supervisor ${name}: unknown strategy '${String(s.strategy)}'`;
  if (s.autoShutdown !== undefined && !AUTO_SHUTDOWNS.includes(s.autoShutdown))
    return `supervisor ${name}: unknown auto_shutdown '${String(s.autoShutdown)}'`;
  const flags = flagsOf(s, env.flavour);
  // Flags first, with an empty child list: the children get their own messages below.
  const flagProblem = checkStartSpec(name, { ...flags, strategy: 'one_for_one' }, []);
  if (flagProblem !== undefined) return flagProblem;
  const nameProblem = checkName(s.name, name, names);
  if (nameProblem !== undefined) return nameProblem;
  const children = s.children ?? [];
  if (s.strategy === 'simple_one_for_one') {
    if (s.template === undefined)
      return `supervisor ${name}: simple_one_for_one needs a template child`;
    if (children.length > 0)
      return `supervisor ${name}: simple_one_for_one takes a template, not children`;
    return (
      checkChild(s.template, name, env, names, true) ??
      checkStartSpec(name, flags, [specOf(s.template, env)])
    );
  }
  if (s.template !== undefined)
    return `supervisor ${name}: only simple_one_for_one takes a template`;
  const seen = new Set<string>();
  for (const c of children) {
    if (isId(c?.id) && seen.has(c.id)) return `supervisor ${name}: duplicate child id '${c.id}'`;
    if (isId(c?.id)) seen.add(c.id);
    const problem = checkChild(c, name, env, names);
    if (problem !== undefined) return problem;
  }
  return checkStartSpec(
    name,
    flags,
    children.map((c) => specOf(c, env)),
  );
}

function checkChild(
  c: ChildSpecData,
  sup: string,
  env: TreeEnv,
  names: Names,
  template = false,
): string | undefined {
  if (typeof c !== 'object' || c === null) return `supervisor ${sup}: a child is not a spec`;
  if (!isId(c.id) && !template)
    return `supervisor ${sup}: a child has a bad id ${JSON.stringify(c.id)}`;
  const what = `supervisor ${sup}: child '${String(c.id)}'`;
  if (c.restart !== undefined && !RESTARTS.includes(c.restart))
    return `${what} has an unknown restart type '${String(c.restart)}'`;
  if (c.shutdown !== undefined && !isShutdown(c.shutdown))
    return `${what} has a bad shutdown ${JSON.stringify(c.shutdown)}`;
  if (c.kind === 'supervisor') return checkSupervisor(c, env, names);
  if (c.kind !== 'worker')
    return `${what} has an unknown kind '${String((c as { kind: unknown }).kind)}'`;
  if (moduleFor(c.behaviour, env) === undefined)
    return `${what} has an unknown behaviour '${String(c.behaviour)}'`;
  return checkName(c.name, `${sup}/${c.id}`, names);
}

function checkName(name: string | undefined, where: string, names: Names): string | undefined {
  if (name === undefined) return undefined;
  if (!ATOM.test(name) || name === 'undefined')
    return `${where}: bad registered name ${JSON.stringify(name)}`;
  const other = names.get(name);
  if (other !== undefined) return `name '${name}' is registered twice: ${other} and ${where}`;
  names.set(name, where);
  return undefined;
}

const isId = (id: unknown): id is string => typeof id === 'string' && id.length > 0;
const isShutdown = (s: unknown): s is Shutdown =>
  s === 'brutal_kill' ||
  s === 'infinity' ||
  (typeof s === 'number' && Number.isInteger(s) && s >= 0);

// ---- building --------------------------------------------------------------

function flagsOf(s: SupervisorSpecData, flavour: Flavour): SupFlags {
  return supFlags(flavour, {
    strategy: s.strategy,
    ...(s.intensity === undefined ? {} : { intensity: s.intensity }),
    ...(s.period === undefined ? {} : { period: s.period }),
    ...(s.autoShutdown === undefined ? {} : { autoShutdown: s.autoShutdown }),
  });
}

function supArgs(s: SupervisorSpecData, env: TreeEnv): SupArgs {
  // Built when the supervisor's init runs, as `Mod:init/1` is: a restarted supervisor gets fresh specs.
  return {
    name: s.id,
    init: () => ({
      flags: flagsOf(s, env.flavour),
      children:
        s.strategy === 'simple_one_for_one' && s.template !== undefined
          ? [specOf(s.template, env)]
          : (s.children ?? []).map((c) => specOf(c, env)),
    }),
  };
}

function specOf(c: ChildSpecData, env: TreeEnv): ChildSpec {
  return childSpec({
    id: c.id,
    start: c.kind === 'supervisor' ? startSup(c, env) : startWorker(c, env),
    type: c.kind,
    modules: c.kind === 'supervisor' ? 'supervisor' : c.behaviour,
    ...(c.restart === undefined ? {} : { restart: c.restart }),
    ...(c.shutdown === undefined ? {} : { shutdown: c.shutdown }),
    ...(c.significant === undefined ? {} : { significant: c.significant }),
  });
}

function startSup(s: SupervisorSpecData, env: TreeEnv): StartFn {
  return (ctx) =>
    startLink(ctx, supervisorModule, supArgs(s, env), {
      behaviour: 'supervisor',
      ...(s.name === undefined ? {} : { name: s.name }),
    });
}

function startWorker(w: WorkerSpecData, env: TreeEnv): StartFn {
  return (ctx, extra) => {
    const mod = moduleFor(w.behaviour, env) as AnyGenServer;
    const args = withExtra(argsOf(w, env), extra);
    return startLink(ctx, mod, args, {
      behaviour: `gen_server:${mod.name}`,
      ...(w.name === undefined ? {} : { name: w.name }),
      ...(w.trapExit ? { trapExit: true } : {}),
    });
  };
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
