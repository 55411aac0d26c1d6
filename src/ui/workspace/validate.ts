import type {
  ChildSpecData,
  NodeSpecData,
  SupervisorSpecData,
  UserModule,
  WorkerSpecData,
  Workspace,
} from '../../worker/protocol';
import { LIBRARY } from '../behaviourCatalog';

/**
 * Checks untrusted data (localStorage, a share link, an edit) before it may
 * replace the workspace. Returns the first problem as a short message that
 * names the culprit, as OTP's check_startspec does, or the workspace.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const STRATEGIES = ['one_for_one', 'one_for_all', 'rest_for_one', 'simple_one_for_one'];
const RESTARTS = ['permanent', 'transient', 'temporary'];
const AUTO_SHUTDOWNS = ['never', 'any_significant', 'all_significant'];
export const CHILD_ID_RE = /^[a-z][a-zA-Z0-9_]*$/;
export const MODULE_NAME_RE = /^[a-z][a-zA-Z0-9_]*$/;

class Bad extends Error {}
const fail = (msg: string): never => {
  throw new Bad(msg);
};

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function optInt(where: string, o: Record<string, unknown>, key: string, min: number): void {
  const v = o[key];
  if (v === undefined) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
    fail(`${where}: ${key} must be an integer >= ${min}, got ${JSON.stringify(v)}`);
}

function optEnum(where: string, o: Record<string, unknown>, key: string, allowed: string[]): void {
  const v = o[key];
  if (v === undefined) return;
  if (typeof v !== 'string' || !allowed.includes(v))
    fail(`${where}: bad ${key} ${JSON.stringify(v)} (one of ${allowed.join(', ')})`);
}

function checkShutdown(where: string, o: Record<string, unknown>): void {
  const v = o['shutdown'];
  if (v === undefined || v === 'brutal_kill' || v === 'infinity') return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    fail(`${where}: bad shutdown ${JSON.stringify(v)} (brutal_kill, infinity or ms >= 0)`);
}

/** Behaviours a worker may name: the library's and the workspace's modules (set per validation). */
let knownBehaviours: ReadonlySet<string> | undefined;

function checkChild(parent: string, c: unknown): ChildSpecData {
  if (!isObj(c)) return fail(`supervisor ${parent}: a child is not an object`);
  const id = c['id'];
  if (typeof id !== 'string' || !CHILD_ID_RE.test(id))
    return fail(`supervisor ${parent}: bad child id ${JSON.stringify(id)}`);
  const where = `child '${id}'`;
  optEnum(where, c, 'restart', RESTARTS);
  checkShutdown(where, c);
  if (c['kind'] === 'worker') {
    const b = c['behaviour'];
    if (typeof b !== 'string' || b === '') fail(`${where}: missing behaviour`);
    else if (knownBehaviours && !knownBehaviours.has(b))
      fail(`${where}: unknown behaviour '${b}' (not in the library or your modules)`);
    return c as unknown as WorkerSpecData;
  }
  if (c['kind'] === 'supervisor') return checkSup(c);
  return fail(`${where}: kind must be worker or supervisor`);
}

function checkSup(s: Record<string, unknown>): SupervisorSpecData {
  const id = s['id'];
  if (typeof id !== 'string' || !CHILD_ID_RE.test(id))
    return fail(`bad supervisor id ${JSON.stringify(id)}`);
  const where = `supervisor ${id}`;
  optEnum(where, s, 'strategy', STRATEGIES);
  if (s['strategy'] === undefined) fail(`${where}: missing strategy`);
  optInt(where, s, 'intensity', 0);
  optInt(where, s, 'period', 1);
  optEnum(where, s, 'autoShutdown', AUTO_SHUTDOWNS);
  const children = s['children'];
  if (!Array.isArray(children)) return fail(`${where}: children must be a list`);
  const seen = new Set<string>();
  for (const c of children) {
    const child = checkChild(id, c);
    if (seen.has(child.id)) fail(`${where}: duplicate child id '${child.id}'`);
    seen.add(child.id);
  }
  if (s['template'] !== undefined) checkChild(id, s['template']);
  return s as unknown as SupervisorSpecData;
}

function checkModule(m: unknown): UserModule {
  if (!isObj(m)) return fail('a module is not an object');
  const name = m['name'];
  if (typeof name !== 'string' || !MODULE_NAME_RE.test(name))
    return fail(`bad module name ${JSON.stringify(name)}`);
  if (typeof m['source'] !== 'string') return fail(`module ${name}: source must be text`);
  return m as unknown as UserModule;
}

function checkNode(n: unknown): NodeSpecData {
  if (!isObj(n)) return fail('a node is not an object');
  const id = n['id'];
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1)
    return fail(`bad node id ${JSON.stringify(id)}`);
  if (typeof n['name'] !== 'string' || n['name'] === '') fail(`node ${id}: missing name`);
  if (!isObj(n['root'])) return fail(`node ${id}: missing root supervisor`);
  checkSup(n['root']);
  return n as unknown as NodeSpecData;
}

export function validateWorkspace(data: unknown): Checked<Workspace> {
  try {
    if (!isObj(data)) return fail('workspace is not an object');
    if (data['version'] !== 1)
      fail(`workspace: unknown version ${JSON.stringify(data['version'])}`);
    if (data['flavour'] !== 'erlang' && data['flavour'] !== 'elixir')
      fail(`workspace: bad flavour ${JSON.stringify(data['flavour'])}`);
    if (typeof data['seed'] !== 'number' || !Number.isFinite(data['seed']))
      fail('workspace: bad seed');
    const mods = data['modules'];
    if (!Array.isArray(mods)) return fail('workspace: modules must be a list');
    const names = new Set<string>();
    for (const m of mods) {
      const mod = checkModule(m);
      if (names.has(mod.name)) fail(`duplicate module '${mod.name}'`);
      names.add(mod.name);
    }
    knownBehaviours = new Set([...LIBRARY.map((b) => b.name), ...names]);
    const nodes = data['nodes'];
    if (!Array.isArray(nodes) || nodes.length === 0)
      return fail('workspace: needs at least one node');
    const ids = new Set<number>();
    const roots = new Set<string>();
    for (const n of nodes) {
      const node = checkNode(n);
      if (ids.has(node.id)) fail(`duplicate node ${node.id}`);
      // Paths start with the root's id, so it names the node too.
      if (roots.has(node.root.id))
        fail(`node ${node.id}: root id '${node.root.id}' is used by another node`);
      ids.add(node.id);
      roots.add(node.root.id);
    }
    return { ok: true, value: data as unknown as Workspace };
  } catch (e) {
    if (e instanceof Bad) return { ok: false, error: e.message };
    throw e;
  } finally {
    knownBehaviours = undefined;
  }
}

/** The same check for one child spec a form built (e.g. before `start_child`). */
export function validateChildSpec(parent: string, spec: unknown): Checked<ChildSpecData> {
  try {
    return { ok: true, value: checkChild(parent, spec) };
  } catch (e) {
    if (e instanceof Bad) return { ok: false, error: e.message };
    throw e;
  }
}
