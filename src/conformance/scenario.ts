import { InputError } from '../runtime/errors';
import { parseTerm } from '../runtime/parseTerm';
import type {
  AutoShutdown,
  RestartType,
  Shutdown,
  Strategy,
} from '../runtime/supervisor/childSpec';
import type { Term } from '../runtime/term';

/** A scenario as `../shared/conformance/SPEC.md` defines it, with defaults filled in. */
export interface Scenario {
  name: string;
  tree: SupNode;
  steps: Step[];
}

export interface WorkerNode {
  kind: 'worker';
  id: string;
  restart: RestartType;
  shutdown: Shutdown;
  significant: boolean;
  trapExit: boolean;
  terminateMs: number;
  init: InitMode;
}

export interface SupNode {
  kind: 'supervisor';
  id: string;
  restart: RestartType;
  shutdown: Shutdown;
  significant: boolean;
  strategy: Strategy;
  intensity: number;
  period: number;
  autoShutdown: AutoShutdown;
  children: ChildNode[];
  template: ChildNode | undefined;
}

export type ChildNode = WorkerNode | SupNode;
export type InitMode = 'ok' | 'ignore' | 'fail';

export type Step =
  | { op: 'crash'; target: string; reason: Term }
  | { op: 'exit'; target: string; reason: Term }
  | { op: 'send'; target: string; msg: Term }
  | { op: 'link'; from: string; to: string }
  | { op: 'monitor'; from: string; to: string }
  | { op: 'set_init'; target: string; init: InitMode }
  | { op: 'sleep'; ms: number }
  | { op: 'start_child'; sup: string; child: ChildNode | undefined }
  | { op: 'terminate_child'; sup: string; id: string }
  | { op: 'restart_child'; sup: string; id: string }
  | { op: 'delete_child'; sup: string; id: string }
  | { op: 'which_children'; sup: string }
  | { op: 'count_children'; sup: string };

type Json = unknown;
type Obj = Record<string, Json>;

const ID_RE = /^[a-z][a-z0-9_]*$/;
const ATOM_RE = /^[a-z][a-zA-Z0-9_@]*$/;

/** Reads and checks a scenario; a problem throws an InputError naming the field. */
export function parseScenario(json: Json): Scenario {
  const top = obj(json, 'scenario');
  allowed(top, 'scenario', ['name', 'description', 'tree', 'steps', 'unordered']);
  if (top['name'] !== undefined) str(top['name'], 'name');
  if (top['description'] !== undefined) str(top['description'], 'description');
  if (top['tree'] === undefined) bad('tree', 'is required');
  const tree = supNode(top['tree'], 'tree', undefined, true);
  const rawSteps = top['steps'] ?? [];
  if (!Array.isArray(rawSteps)) bad('steps', 'must be an array');
  const paths = new PathIndex(tree);
  const steps = (rawSteps as Json[]).map((s, i) => step(s, `steps[${i}]`, paths));
  if (top['unordered'] !== undefined) {
    const u = top['unordered'];
    if (!Array.isArray(u)) bad('unordered', 'must be an array');
    (u as Json[]).forEach((k, i) => {
      const ok =
        k === 'start' ||
        k === 'end' ||
        (Number.isInteger(k) && (k as number) >= 0 && (k as number) < steps.length);
      if (!ok)
        bad(`unordered[${i}]`, `must be a step index, "start" or "end", got ${JSON.stringify(k)}`);
    });
  }
  return { name: typeof top['name'] === 'string' ? top['name'] : 'scenario', tree, steps };
}

function bad(field: string, why: string): never {
  throw new InputError(`${field}: ${why}`);
}
function obj(v: Json, field: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(field, 'must be an object');
  return v as Obj;
}
function str(v: Json, field: string): string {
  if (typeof v !== 'string') bad(field, `must be a string, got ${JSON.stringify(v)}`);
  return v as string;
}
function allowed(o: Obj, field: string, keys: readonly string[]): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) bad(`${field}.${k}`, 'unknown field');
}
function oneOf<T extends string>(v: Json, field: string, values: readonly T[], dflt: T): T {
  if (v === undefined) return dflt;
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
    bad(field, `must be one of ${values.join(', ')}, got ${JSON.stringify(v)}`);
  return v as T;
}
function int(v: Json, field: string, min: number, dflt: number): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || (v as number) < min)
    bad(field, `must be an integer >= ${min}, got ${JSON.stringify(v)}`);
  return v as number;
}
function bool(v: Json, field: string): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') bad(field, `must be true or false, got ${JSON.stringify(v)}`);
  return v as boolean;
}
function id(v: Json, field: string): string {
  if (typeof v !== 'string' || !ID_RE.test(v))
    bad(field, `must match [a-z][a-z0-9_]*, got ${JSON.stringify(v)}`);
  return v as string;
}
function atom(v: Json, field: string): Term {
  const s = str(v, field);
  if (ATOM_RE.test(s)) return s;
  const m = /^\{shutdown,\s*([a-z][a-zA-Z0-9_@]*)\}$/.exec(s);
  if (m === null) bad(field, `must be an atom or {shutdown,X}, got ${JSON.stringify(s)}`);
  return parseTerm(s);
}

const SUP_FIELDS = [
  'id',
  'type',
  'restart',
  'shutdown',
  'significant',
  'strategy',
  'intensity',
  'period',
  'auto_shutdown',
  'children',
  'template',
];
const WORKER_FIELDS = [
  'id',
  'type',
  'restart',
  'shutdown',
  'significant',
  'trap_exit',
  'terminate_ms',
  'init',
];
const RESTARTS = ['permanent', 'transient', 'temporary'] as const;

function shutdown(v: Json, field: string, dflt: Shutdown): Shutdown {
  if (v === undefined) return dflt;
  if (v === 'brutal_kill' || v === 'infinity') return v;
  if (Number.isInteger(v) && (v as number) >= 0) return v as number;
  return bad(field, `must be brutal_kill, infinity or an integer >= 0, got ${JSON.stringify(v)}`);
}

/** `parent` is the supervisor this node is a child of (undefined for the root). */
function childNode(
  v: Json,
  field: string,
  parent: { autoShutdown: AutoShutdown },
  needId: boolean,
): ChildNode {
  const o = obj(v, field);
  const type = oneOf(o['type'], `${field}.type`, ['worker', 'supervisor'], 'worker');
  const node =
    type === 'supervisor' ? supNode(o, field, parent, needId) : workerNode(o, field, needId);
  if (node.significant && node.restart === 'permanent')
    bad(
      `${field}.significant`,
      'is true but the child is permanent (only transient or temporary may be significant)',
    );
  if (node.significant && parent.autoShutdown === 'never')
    bad(`${field}.significant`, "is true but the supervisor's auto_shutdown is never");
  return node;
}

function workerNode(o: Obj, field: string, needId: boolean): WorkerNode {
  allowed(o, field, needId ? WORKER_FIELDS : WORKER_FIELDS.filter((f) => f !== 'id'));
  return {
    kind: 'worker',
    id: needId ? id(o['id'], `${field}.id`) : '',
    restart: oneOf(o['restart'], `${field}.restart`, RESTARTS, 'permanent'),
    shutdown: shutdown(o['shutdown'], `${field}.shutdown`, 5000),
    significant: bool(o['significant'], `${field}.significant`),
    trapExit: bool(o['trap_exit'], `${field}.trap_exit`),
    terminateMs: int(o['terminate_ms'], `${field}.terminate_ms`, 0, 0),
    init: oneOf(o['init'], `${field}.init`, ['ok', 'ignore', 'fail'], 'ok'),
  };
}

function supNode(
  v: Json,
  field: string,
  parent: { autoShutdown: AutoShutdown } | undefined,
  needId: boolean,
): SupNode {
  const o = obj(v, field);
  allowed(o, field, needId ? SUP_FIELDS : SUP_FIELDS.filter((f) => f !== 'id'));
  const strategy = oneOf(
    o['strategy'],
    `${field}.strategy`,
    ['one_for_one', 'one_for_all', 'rest_for_one', 'simple_one_for_one'],
    'one_for_one',
  );
  const autoShutdown = oneOf(
    o['auto_shutdown'],
    `${field}.auto_shutdown`,
    ['never', 'any_significant', 'all_significant'],
    'never',
  );
  const self = { autoShutdown };
  let children: ChildNode[] = [];
  let template: ChildNode | undefined;
  if (strategy === 'simple_one_for_one') {
    if (
      o['children'] !== undefined &&
      !(Array.isArray(o['children']) && o['children'].length === 0)
    )
      bad(`${field}.children`, 'is not allowed with simple_one_for_one (use template)');
    if (o['template'] === undefined)
      bad(`${field}.template`, 'is required with simple_one_for_one');
    template = childNode(o['template'], `${field}.template`, self, false);
  } else {
    if (o['template'] !== undefined) bad(`${field}.template`, 'is only for simple_one_for_one');
    const raw = o['children'] ?? [];
    if (!Array.isArray(raw)) bad(`${field}.children`, 'must be an array');
    children = (raw as Json[]).map((c, i) => childNode(c, `${field}.children[${i}]`, self, true));
    const seen = new Set<string>();
    children.forEach((c, i) => {
      if (seen.has(c.id)) bad(`${field}.children[${i}].id`, `duplicate child id '${c.id}'`);
      seen.add(c.id);
    });
  }
  void parent;
  return {
    kind: 'supervisor',
    id: needId ? id(o['id'], `${field}.id`) : '',
    restart: oneOf(o['restart'], `${field}.restart`, RESTARTS, 'permanent'),
    shutdown: shutdown(o['shutdown'], `${field}.shutdown`, 'infinity'),
    significant: bool(o['significant'], `${field}.significant`),
    strategy,
    intensity: int(o['intensity'], `${field}.intensity`, 0, 1),
    period: int(o['period'], `${field}.period`, 1, 5),
    autoShutdown,
    children,
    template,
  };
}

/** Which paths a step may name: the tree's, those start_child adds, and `#N` under simple_one_for_one. */
class PathIndex {
  private readonly nodes = new Map<string, ChildNode>();
  constructor(tree: SupNode) {
    this.add(tree.id, tree);
  }
  add(path: string, node: ChildNode): void {
    this.nodes.set(path, node);
    if (node.kind === 'supervisor') for (const c of node.children) this.add(`${path}/${c.id}`, c);
  }
  find(path: string): ChildNode | undefined {
    const known = this.nodes.get(path);
    if (known !== undefined) return known;
    // root/pool/#3[/rest]: a dynamic child, described by the template.
    const m = /^(.*)\/#[1-9]\d*(\/.*)?$/.exec(path);
    if (m === null) return undefined;
    const sup = this.find(m[1] as string);
    if (sup?.kind !== 'supervisor' || sup.template === undefined) return undefined;
    if (m[2] === undefined) return sup.template;
    let node: ChildNode | undefined = sup.template;
    for (const seg of (m[2] as string).slice(1).split('/')) {
      node = node?.kind === 'supervisor' ? node.children.find((c) => c.id === seg) : undefined;
    }
    return node;
  }
}

function target(v: Json, field: string, paths: PathIndex, want?: 'worker' | 'supervisor'): string {
  const p = str(v, field);
  const node = paths.find(p);
  if (node === undefined) bad(field, `unknown target ${JSON.stringify(p)}`);
  if (want !== undefined && node.kind !== want) bad(field, `${JSON.stringify(p)} is not a ${want}`);
  return p;
}

const STEP_FIELDS: Record<Step['op'], string[]> = {
  crash: ['target', 'reason'],
  exit: ['target', 'reason'],
  send: ['target', 'msg'],
  link: ['from', 'to'],
  monitor: ['from', 'to'],
  set_init: ['target', 'init'],
  sleep: ['ms'],
  start_child: ['sup', 'child'],
  terminate_child: ['sup', 'id'],
  restart_child: ['sup', 'id'],
  delete_child: ['sup', 'id'],
  which_children: ['sup'],
  count_children: ['sup'],
};

function step(v: Json, field: string, paths: PathIndex): Step {
  const o = obj(v, field);
  const op = o['op'];
  if (typeof op !== 'string' || !(op in STEP_FIELDS))
    bad(`${field}.op`, `unknown op ${JSON.stringify(op)}`);
  const kind = op as Step['op'];
  allowed(o, field, ['op', ...STEP_FIELDS[kind]]);
  const need = (k: string): Json =>
    o[k] === undefined && k !== 'child' ? bad(`${field}.${k}`, 'is required') : o[k];
  for (const k of STEP_FIELDS[kind]) need(k);
  switch (kind) {
    case 'crash':
    case 'exit':
      return {
        op: kind,
        target: target(o['target'], `${field}.target`, paths),
        reason: atom(o['reason'], `${field}.reason`),
      };
    case 'send': {
      const msg = str(o['msg'], `${field}.msg`);
      if (!ATOM_RE.test(msg)) bad(`${field}.msg`, `must be an atom, got ${JSON.stringify(msg)}`);
      return { op: kind, target: target(o['target'], `${field}.target`, paths), msg };
    }
    case 'link':
    case 'monitor':
      return {
        op: kind,
        from: target(o['from'], `${field}.from`, paths, 'worker'),
        to: target(o['to'], `${field}.to`, paths),
      };
    case 'set_init':
      return {
        op: kind,
        target: target(o['target'], `${field}.target`, paths, 'worker'),
        init: oneOf(o['init'], `${field}.init`, ['ok', 'ignore', 'fail'], 'ok'),
      };
    case 'sleep':
      return { op: kind, ms: int(o['ms'], `${field}.ms`, 0, 0) };
    case 'start_child': {
      const sup = target(o['sup'], `${field}.sup`, paths, 'supervisor');
      const supNodeFound = paths.find(sup) as SupNode;
      if (supNodeFound.strategy === 'simple_one_for_one') {
        if (o['child'] !== undefined)
          bad(`${field}.child`, 'must be omitted for a simple_one_for_one supervisor');
        return { op: kind, sup, child: undefined };
      }
      if (o['child'] === undefined) bad(`${field}.child`, 'is required');
      const child = childNode(o['child'], `${field}.child`, supNodeFound, true);
      // A start_child reusing an id only answers already_started/already_present: keep the first.
      if (paths.find(`${sup}/${child.id}`) === undefined) paths.add(`${sup}/${child.id}`, child);
      return { op: kind, sup, child };
    }
    case 'terminate_child':
    case 'restart_child':
    case 'delete_child': {
      const idv = str(o['id'], `${field}.id`);
      if (!ID_RE.test(idv) && !/^#[1-9]\d*$/.test(idv))
        bad(`${field}.id`, `must be a child id or #N, got ${JSON.stringify(idv)}`);
      return { op: kind, sup: target(o['sup'], `${field}.sup`, paths, 'supervisor'), id: idv };
    }
    case 'which_children':
    case 'count_children':
      return { op: kind, sup: target(o['sup'], `${field}.sup`, paths, 'supervisor') };
  }
}
