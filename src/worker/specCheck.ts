import type { Result } from '../base';
import type { ChildSpec, Flavour, SupFlags } from '../runtime';
import { checkStartSpec, childSpec, isStrategy, supFlags } from '../runtime';
import { behaviours } from './library';
import type { ChildSpecData, NodeSpecData, UserModule, Workspace } from './protocol';

/**
 * THE check of a workspace: what the page accepts (a share link, a file, a saved session, an
 * edit) is exactly what the worker builds, because both call these functions (`buildTree.ts` on
 * the worker side, `app/workspace/validate.ts` on the page). Input is untrusted data: every field
 * is type-checked, and the walk is iterative with explicit limits, so a tree 20,000 supervisors
 * deep is refused with a message naming where, never with a stack overflow.
 *
 * Messages name the culprit, as `supervisor:check_childspecs/1` does:
 * `supervisor db_sup: duplicate child id 'cache'`.
 */

/** A checked value or the first problem (the base's `Result`, under the name the page used). */
export type Checked<T> = Result<T>;

/** What a workspace may hold. Far above anything a person builds by hand; bounded so nothing hangs. */
export const LIMITS = {
  /** Supervisors nested in one tree (the root is level 1). */
  treeDepth: 32,
  /** Child specs in one node's tree (the bench starts 10,000 workers under one supervisor). */
  specsPerNode: 20_000,
  nodes: 16,
  modules: 50,
  /** Characters of one module's source. */
  moduleSource: 100_000,
  /** Characters of an id, a registered name, a module or node name. */
  name: 100,
  /** A worker's `args` term: nesting, and values in all. */
  termDepth: 32,
  termNodes: 10_000,
  /** Characters of a string inside `args`. */
  termString: 10_000,
} as const;

export const CHILD_ID_RE = /^[a-z][a-zA-Z0-9_]*$/;
export const MODULE_NAME_RE = /^[a-z][a-zA-Z0-9_]*$/;
const REGISTERED_NAME_RE = /^[a-z][a-zA-Z0-9_@]*$/;
const RESTARTS: readonly string[] = ['permanent', 'transient', 'temporary'];
const AUTO_SHUTDOWNS: readonly string[] = ['never', 'any_significant', 'all_significant'];

/** A behaviour a worker may name: the library's, or a module of the workspace (given by the caller). */
export type KnownBehaviour = (name: string) => boolean;

/** The behaviour library's names (`counter`, `echo`, …). */
export const isLibraryBehaviour = (name: string): boolean => Object.hasOwn(behaviours, name);

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const show = (x: unknown): string => {
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x);
  if (typeof x === 'number' || typeof x === 'boolean' || x === null) return String(x);
  if (x === undefined) return 'undefined';
  return Array.isArray(x) ? 'a list' : 'an object';
};
/** An atom-like value as OTP prints it: `'cahce'`. */
const atom = (x: unknown): string =>
  typeof x === 'string' ? `'${x.length > 40 ? `${x.slice(0, 40)}…` : x}'` : show(x);
const isInt = (x: unknown, min: number): x is number =>
  typeof x === 'number' && Number.isInteger(x) && x >= min;
const isName = (x: unknown, re: RegExp): x is string =>
  typeof x === 'string' && x.length <= LIMITS.name && re.test(x);
/** `a/b/…/y/z`: a deep path stays readable. */
const shortPath = (parts: readonly string[]): string =>
  parts.length <= 6 ? parts.join('/') : [...parts.slice(0, 3), '…', ...parts.slice(-2)].join('/');

const NO_START: ChildSpec['start'] = () => {
  throw new Error('BUG: a checked spec was started');
};

/** One spec on the walk's stack; `exit` runs the supervisor's whole-list checks after its children. */
type Frame =
  | {
      kind: 'enter';
      spec: unknown;
      parent: string;
      path: readonly string[];
      level: number;
    }
  | { kind: 'exit'; name: string; flags: SupFlags; children: ChildSpec[] };

interface Walk {
  flavour: Flavour;
  known: KnownBehaviour;
  /** Registered names in this node, with where they were seen. */
  names: Map<string, string>;
  specs: number;
}

/** The runtime's view of a checked child spec, for `checkStartSpec`'s OTP rules (significant, duplicates). */
const runtimeSpec = (c: Obj, id: string): ChildSpec =>
  childSpec({
    id,
    start: NO_START,
    type: c['kind'] === 'supervisor' ? 'supervisor' : 'worker',
    ...(c['restart'] === undefined ? {} : { restart: c['restart'] as ChildSpec['restart'] }),
    ...(c['shutdown'] === undefined ? {} : { shutdown: c['shutdown'] as ChildSpec['shutdown'] }),
    ...(c['significant'] === undefined ? {} : { significant: c['significant'] as boolean }),
  });

/**
 * Checks `root` and everything under it; returns the first problem or undefined. `parent` is the
 * supervisor that would start it (for messages); `path` the root's path parts.
 */
function walk(
  w: Walk,
  root: unknown,
  parent: string,
  path: readonly string[],
  level: number,
): string | undefined {
  const stack: Frame[] = [{ kind: 'enter', spec: root, parent, path, level }];
  while (stack.length > 0) {
    const f = stack.pop() as Frame;
    if (f.kind === 'exit') {
      const p = checkStartSpec(f.name, f.flags, f.children);
      if (p !== undefined) return p;
      continue;
    }
    const problem = enter(w, f, stack);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function enter(w: Walk, f: Extract<Frame, { kind: 'enter' }>, stack: Frame[]): string | undefined {
  const { spec: c, parent } = f;
  if (!isObj(c)) return `supervisor ${parent}: a child is not a spec`;
  const id = c['id'];
  const isRoot = parent === '';
  if (!isName(id, CHILD_ID_RE))
    return isRoot
      ? `a supervisor has a bad id ${show(id)}`
      : `supervisor ${parent}: a child has a bad id ${show(id)}`;
  const what = isRoot ? `supervisor ${id}` : `supervisor ${parent}: child '${id}'`;
  if (++w.specs > LIMITS.specsPerNode)
    return `${what}: more than ${LIMITS.specsPerNode} child specs in one node`;
  const restart = c['restart'];
  if (restart !== undefined && (typeof restart !== 'string' || !RESTARTS.includes(restart)))
    return `${what} has an unknown restart type ${atom(restart)}`;
  const shutdown = c['shutdown'];
  if (shutdown !== undefined && shutdown !== 'brutal_kill' && shutdown !== 'infinity')
    if (!isInt(shutdown, 0)) return `${what} has a bad shutdown ${show(shutdown)}`;
  const significant = c['significant'];
  if (significant !== undefined && typeof significant !== 'boolean')
    return `${what}: significant must be true or false, got ${show(significant)}`;
  const path = [...f.path, id];
  if (c['kind'] === 'worker') return checkWorker(w, c, id, what, parent);
  if (c['kind'] !== 'supervisor') return `${what} has an unknown kind ${atom(c['kind'])}`;
  if (f.level > LIMITS.treeDepth)
    return `${shortPath(path)}: supervisors nest deeper than ${LIMITS.treeDepth} levels`;
  return checkSupervisor(w, c, id, path, f.level, stack);
}

function checkWorker(
  w: Walk,
  c: Obj,
  id: string,
  what: string,
  parent: string,
): string | undefined {
  const b = c['behaviour'];
  if (typeof b !== 'string' || !w.known(b)) return `${what} has an unknown behaviour ${atom(b)}`;
  if (c['trapExit'] !== undefined && typeof c['trapExit'] !== 'boolean')
    return `${what}: trapExit must be true or false, got ${show(c['trapExit'])}`;
  if (c['args'] !== undefined) {
    const p = checkTerm(c['args']);
    if (p !== undefined) return `${what}: args ${p}`;
  }
  return checkName(w, c['name'], `${parent}/${id}`);
}

function checkSupervisor(
  w: Walk,
  s: Obj,
  name: string,
  path: readonly string[],
  level: number,
  stack: Frame[],
): string | undefined {
  const where = `supervisor ${name}`;
  const strategy = s['strategy'];
  if (!isStrategy(strategy)) return `${where}: unknown strategy ${atom(strategy)}`;
  const auto = s['autoShutdown'];
  if (auto !== undefined && (typeof auto !== 'string' || !AUTO_SHUTDOWNS.includes(auto)))
    return `${where}: unknown auto_shutdown ${atom(auto)}`;
  for (const key of ['intensity', 'period'] as const) {
    const v = s[key];
    if (v !== undefined && typeof v !== 'number')
      return `${where}: ${key} must be an integer >= ${key === 'period' ? 1 : 0}, got ${show(v)}`;
  }
  const flags = supFlags(w.flavour, {
    strategy: strategy as SupFlags['strategy'],
    ...(s['intensity'] === undefined ? {} : { intensity: s['intensity'] as number }),
    ...(s['period'] === undefined ? {} : { period: s['period'] as number }),
    ...(auto === undefined ? {} : { autoShutdown: auto as SupFlags['autoShutdown'] }),
  });
  // Flags first, with an empty child list: the children get their own messages.
  const flagProblem = checkStartSpec(name, { ...flags, strategy: 'one_for_one' }, []);
  if (flagProblem !== undefined) return flagProblem;
  const nameProblem = checkName(w, s['name'], name);
  if (nameProblem !== undefined) return nameProblem;
  const children = s['children'];
  if (!Array.isArray(children)) return `${where}: children must be a list`;
  const template = s['template'];
  let list: unknown[];
  if (strategy === 'simple_one_for_one') {
    if (template === undefined) return `${where}: simple_one_for_one needs a template child`;
    if (children.length > 0) return `${where}: simple_one_for_one takes a template, not children`;
    list = [template];
  } else {
    if (template !== undefined) return `${where}: only simple_one_for_one takes a template`;
    list = children;
  }
  const seen = new Set<string>();
  const specs: ChildSpec[] = [];
  for (const c of list) {
    if (!isObj(c) || typeof c['id'] !== 'string') continue; // the child's own check names it
    if (seen.has(c['id'])) return `${where}: duplicate child id '${c['id']}'`;
    seen.add(c['id']);
    specs.push(runtimeSpec(c, c['id']));
  }
  stack.push({ kind: 'exit', name, flags, children: specs });
  for (let i = list.length - 1; i >= 0; i--)
    stack.push({
      kind: 'enter',
      spec: list[i],
      parent: name,
      path,
      level: level + 1,
    });
  return undefined;
}

function checkName(w: Walk, name: unknown, where: string): string | undefined {
  if (name === undefined) return undefined;
  if (!isName(name, REGISTERED_NAME_RE) || name === 'undefined')
    return `${where}: bad registered name ${show(name)}`;
  const other = w.names.get(name);
  if (other !== undefined) return `name '${name}' is registered twice: ${other} and ${where}`;
  w.names.set(name, where);
  return undefined;
}

/**
 * A worker's `args`: plain data (numbers, text, booleans, null, lists, maps), bounded. Walked
 * with a stack, so a deep one is refused, not a stack overflow.
 */
export function checkTerm(t: unknown): string | undefined {
  const stack: { v: unknown; depth: number }[] = [{ v: t, depth: 0 }];
  let count = 0;
  while (stack.length > 0) {
    const { v, depth } = stack.pop() as { v: unknown; depth: number };
    if (++count > LIMITS.termNodes) return `has more than ${LIMITS.termNodes} values`;
    if (v === null || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return `has a number that is not finite`;
      continue;
    }
    if (typeof v === 'string') {
      if (v.length > LIMITS.termString)
        return `has a text longer than ${LIMITS.termString} characters`;
      continue;
    }
    if (typeof v !== 'object') return `has a ${typeof v}, which is not data`;
    if (depth >= LIMITS.termDepth) return `nest deeper than ${LIMITS.termDepth} levels`;
    if (Array.isArray(v)) {
      for (const x of v) stack.push({ v: x, depth: depth + 1 });
      continue;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return 'has an object that is not a map';
    for (const x of Object.values(v)) stack.push({ v: x, depth: depth + 1 });
  }
  return undefined;
}

// ---- what the worker calls -------------------------------------------------------------------

/** A node's tree before it is built: the first problem, or undefined. */
export function checkNodeTree(
  node: NodeSpecData,
  flavour: Flavour,
  known: KnownBehaviour,
): string | undefined {
  const root: unknown = (node as Partial<NodeSpecData> | undefined)?.root;
  const where = `node ${String((node as Partial<NodeSpecData> | undefined)?.name)}`;
  if (!isObj(root) || root['kind'] !== 'supervisor')
    return `${where}: the root must be a supervisor`;
  const w: Walk = { flavour, known, names: new Map(), specs: 0 };
  return walk(w, root, '', [], 1);
}

/** One child spec for `start_child` on the running supervisor `parent` (names in the tree unknown). */
export function checkChildSpec(
  parent: string,
  spec: unknown,
  flavour: Flavour,
  known: KnownBehaviour,
): Checked<ChildSpecData> {
  const w: Walk = { flavour, known, names: new Map(), specs: 0 };
  const p = walk(w, spec, parent, parent.split('/'), parent.split('/').length + 1);
  return p === undefined ? { ok: true, value: spec as ChildSpecData } : { ok: false, error: p };
}

// ---- what the page calls ---------------------------------------------------------------------

function checkModules(mods: unknown): string | Set<string> {
  if (!Array.isArray(mods)) return 'workspace: modules must be a list';
  if (mods.length > LIMITS.modules) return `workspace: more than ${LIMITS.modules} modules`;
  const names = new Set<string>();
  for (const m of mods as unknown[]) {
    if (!isObj(m)) return 'a module is not an object';
    const name = m['name'];
    if (!isName(name, MODULE_NAME_RE)) return `bad module name ${show(name)}`;
    if (isLibraryBehaviour(name)) return `module ${name}: the name is a library behaviour's`;
    if (names.has(name)) return `duplicate module '${name}'`;
    const source = m['source'];
    if (typeof source !== 'string') return `module ${name}: source must be text`;
    if (source.length > LIMITS.moduleSource)
      return `module ${name}: source longer than ${LIMITS.moduleSource} characters`;
    names.add(name);
  }
  return names;
}

function checkNodes(data: Obj, known: KnownBehaviour): string | undefined {
  const nodes = data['nodes'];
  if (!Array.isArray(nodes) || nodes.length === 0) return 'workspace: needs at least one node';
  if (nodes.length > LIMITS.nodes) return `workspace: more than ${LIMITS.nodes} nodes`;
  const ids = new Set<number>();
  const roots = new Set<string>();
  for (const n of nodes as unknown[]) {
    if (!isObj(n)) return 'a node is not an object';
    const id = n['id'];
    if (!isInt(id, 1) || id > 999) return `bad node id ${show(id)}`;
    const name = n['name'];
    if (typeof name !== 'string' || name === '' || name.length > LIMITS.name)
      return `node ${id}: bad name ${show(name)}`;
    if (ids.has(id)) return `duplicate node ${id}`;
    const problem = checkNodeTree(n as unknown as NodeSpecData, data['flavour'] as Flavour, known);
    if (problem !== undefined) return problem;
    const rootId = (n['root'] as Obj)['id'] as string;
    // Paths start with the root's id, so it names the node too.
    if (roots.has(rootId)) return `node ${id}: root id '${rootId}' is used by another node`;
    ids.add(id);
    roots.add(rootId);
  }
  return undefined;
}

/** A whole workspace from anywhere (storage, a link, a file, an edit): the workspace, or the first problem. */
export function checkWorkspace(data: unknown): Checked<Workspace> {
  const fail = (error: string): Checked<Workspace> => ({ ok: false, error });
  if (!isObj(data)) return fail('workspace is not an object');
  if (data['version'] !== 1) return fail(`workspace: unknown version ${show(data['version'])}`);
  if (data['flavour'] !== 'erlang' && data['flavour'] !== 'elixir')
    return fail(`workspace: bad flavour ${show(data['flavour'])}`);
  const seed = data['seed'];
  if (typeof seed !== 'number' || !Number.isFinite(seed)) return fail('workspace: bad seed');
  const names = checkModules(data['modules']);
  if (typeof names === 'string') return fail(names);
  const known: KnownBehaviour = (b) => isLibraryBehaviour(b) || names.has(b);
  const problem = checkNodes(data, known);
  return problem === undefined ? { ok: true, value: data as unknown as Workspace } : fail(problem);
}

/** The modules a workspace's workers can name, for `checkChildSpec` on the page. */
export const knownIn =
  (modules: readonly UserModule[]): KnownBehaviour =>
  (b) =>
    isLibraryBehaviour(b) || modules.some((m) => m.name === b);
