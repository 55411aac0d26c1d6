import type { AutoShutdown, Shutdown } from '../runtime/supervisor/childSpec';
import type { Json, Obj } from './jsonInput';
import { ID_RE, allowed, bad, bool, id, int, obj, oneOf, show, str } from './jsonInput';
import { jsonTerm } from './jsonTerm';
import type { ChildNode, Dest, Rule, SupNode, WorkerExtras, WorkerNode } from './scenario';

/** Deeper trees are refused: nothing downstream recurses over an unbounded tree. */
export const MAX_TREE_DEPTH = 100;

/**
 * Names OTP 25 itself registers on a node (an escript, `erl`, a distributed
 * node, services kernel starts on demand), the oracle's log process, and
 * `undefined`, which register/2 refuses: the same list as the oracle's
 * `tools/oracle/json2term.mjs`. A worker may not take one.
 */
const RESERVED_NAMES = new Set(
  (
    'application_controller auth code_server disk_log_server disk_log_sup erl_epmd ' +
    'erl_prim_loader erl_signal_server erts_code_purger file_server_2 global_group ' +
    'global_group_check global_name_server inet_db init kernel_refc kernel_safe_sup kernel_sup ' +
    'logger logger_handler_watcher logger_proxy logger_std_h_default logger_sup net_kernel ' +
    'net_sup oracle_log pg rex socket_registry standard_error standard_error_sup timer_server ' +
    'undefined user user_drv'
  ).split(' '),
);

const RESTARTS = ['permanent', 'transient', 'temporary'] as const;
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
const WORKER_V1 = [
  'id',
  'type',
  'restart',
  'shutdown',
  'significant',
  'trap_exit',
  'terminate_ms',
  'init',
];
const WORKER_V2 = ['name', 'call_ms', 'init_ms', 'on'];

/**
 * What a scenario has declared so far: its paths (the tree's, those
 * start_child adds, `#` for a template) and registered names, plus the
 * `on` rules, which are checked once every path and name is known.
 */
export class Model {
  private readonly nodes = new Map<string, ChildNode>();
  readonly names = new Map<string, string>();
  private readonly rules: { field: string; raw: Json[]; extras: WorkerExtras }[] = [];

  constructor(readonly v2: boolean) {}

  needV2(field: string, what: string): void {
    if (!this.v2) bad(field, `${what} needs "version": 2`);
  }

  add(path: string, node: ChildNode): void {
    this.nodes.set(path, node);
  }

  has(path: string): boolean {
    return this.nodes.has(path);
  }

  /** The node a path names; `root/pool/#3/x` is looked up through the template (`root/pool/#/x`). */
  find(path: string): ChildNode | undefined {
    if (path.includes('/#/') || path.endsWith('/#')) return undefined;
    return this.nodes.get(path) ?? this.nodes.get(path.replace(/\/#[1-9]\d*(?=\/|$)/g, '/#'));
  }

  /** A path a step names; `want` checks its kind. */
  path(v: Json, field: string, want?: 'worker' | 'supervisor'): string {
    const p = str(v, field);
    const node = this.find(p);
    if (node === undefined) bad(field, `unknown target ${show(p)}`);
    if (want !== undefined && node.kind !== want) bad(field, `${show(p)} is not a ${want}`);
    return p;
  }

  /** A destination: a worker path, `name:NAME` (declared so far), or `$last_sender` where allowed. */
  dest(v: Json, field: string, lastSenderOk: boolean): Dest {
    if (typeof v === 'string' && v.startsWith('name:')) {
      const name = v.slice(5);
      if (!this.names.has(name)) bad(field, `unknown name ${show(name)}`);
      return { kind: 'name', name };
    }
    if (v === '$last_sender') {
      if (!lastSenderOk) bad(field, '"$last_sender" is only for tell');
      return { kind: 'last_sender' };
    }
    return { kind: 'path', path: this.path(v, field, 'worker') };
  }

  /** `on` rules are checked last: a forward_to may name any path or name of the scenario. */
  deferRules(field: string, raw: Json[], extras: WorkerExtras): void {
    this.rules.push({ field, raw, extras });
  }

  checkRules(): void {
    for (const { field, raw, extras } of this.rules)
      extras.on = raw.map((r, i) => this.rule(r, `${field}[${i}]`));
  }

  private rule(v: Json, f: string): Rule {
    const r = obj(v, f);
    allowed(r, f, ['message', 'reply', 'forward_to', 'times']);
    if (r['message'] === undefined) bad(f, 'missing message');
    if ((r['reply'] === undefined) === (r['forward_to'] === undefined))
      bad(f, 'needs exactly one of reply, forward_to');
    const times = r['times'];
    if (times !== undefined && !(Number.isInteger(times) && (times as number) >= 1))
      bad(f, 'bad times');
    const message = jsonTerm(r['message'], `${f}.message`, 'message', true);
    return {
      message,
      action:
        r['reply'] !== undefined
          ? { kind: 'reply', term: jsonTerm(r['reply'], `${f}.reply`, 'reply', true) }
          : { kind: 'forward_to', dest: this.dest(r['forward_to'], `${f}.forward_to`, false) },
      times: (times as number | undefined) ?? Infinity,
    };
  }
}

/** Where a node sits: its path, its field for errors, and what it inherits. */
interface Place {
  path: string;
  field: string;
  parentAutoShutdown: AutoShutdown;
  inTemplate: boolean;
  depth: number;
}

/** The tree's root supervisor. */
export function parseRoot(v: Json, m: Model): SupNode {
  const o = obj(v, 'tree');
  if (o['type'] !== undefined && o['type'] !== 'supervisor') bad('tree.type', 'must be supervisor');
  const rootId = id(o['id'], 'tree.id');
  for (const k of ['restart', 'shutdown', 'significant'])
    if (o[k] !== undefined) bad(`tree.${k}`, 'is not for the root');
  const place = {
    path: rootId,
    field: 'tree',
    parentAutoShutdown: 'never',
    inTemplate: false,
    depth: 0,
  } as const;
  const node = supNode(o, place, m);
  m.add(rootId, node);
  return node;
}

/** A child spec at `path` (its id already checked by the caller when it has one). */
export function parseChild(
  v: Json,
  field: string,
  path: string,
  parentAutoShutdown: AutoShutdown,
  m: Model,
): ChildNode {
  return childNode(v, { path, field, parentAutoShutdown, inTemplate: false, depth: 0 }, true, m);
}

function childNode(v: Json, at: Place, needId: boolean, m: Model): ChildNode {
  const { field } = at;
  const o = obj(v, field);
  if (!needId && o['id'] !== undefined) bad(`${field}.id`, 'unknown field');
  const type = oneOf(o['type'], `${field}.type`, ['worker', 'supervisor'], 'worker');
  const node = type === 'supervisor' ? supNode(o, at, m) : workerNode(o, at, m);
  if (node.significant && node.restart === 'permanent')
    bad(
      `${field}.significant`,
      'is true but the child is permanent (only transient or temporary may be significant)',
    );
  if (node.significant && at.parentAutoShutdown === 'never')
    bad(`${field}.significant`, "is true but the supervisor's auto_shutdown is never");
  return node;
}

function shutdown(v: Json, field: string, dflt: Shutdown): Shutdown {
  if (v === undefined) return dflt;
  if (v === 'brutal_kill' || v === 'infinity') return v;
  if (Number.isInteger(v) && (v as number) >= 0) return v as number;
  return bad(field, `must be brutal_kill, infinity or an integer >= 0, got ${show(v)}`);
}

function workerNode(o: Obj, at: Place, m: Model): WorkerNode {
  const { field, path } = at;
  for (const k of Object.keys(o)) {
    if (WORKER_V2.includes(k)) m.needV2(`${field}.${k}`, `field "${k}"`);
    else if (!WORKER_V1.includes(k)) bad(`${field}.${k}`, 'unknown field');
  }
  // Read in the order the fields were always checked in: the first bad one is the one named.
  const node: WorkerNode = {
    kind: 'worker',
    id: typeof o['id'] === 'string' ? o['id'] : '',
    behaviour: 'scenario_worker',
    restart: oneOf(o['restart'], `${field}.restart`, RESTARTS, 'permanent'),
    shutdown: shutdown(o['shutdown'], `${field}.shutdown`, 5000),
    significant: bool(o['significant'], `${field}.significant`),
    trapExit: bool(o['trap_exit'], `${field}.trap_exit`),
  };
  const extras: WorkerExtras = {
    terminateMs: int(o['terminate_ms'], `${field}.terminate_ms`, 0, 0),
    init: oneOf(o['init'], `${field}.init`, ['ok', 'ignore', 'fail'], 'ok'),
    callMs: int(o['call_ms'], `${field}.call_ms`, 0, 0),
    initMs: int(o['init_ms'], `${field}.init_ms`, 0, 0),
    on: [],
  };
  node.args = extras;
  if (o['name'] !== undefined) {
    if (at.inTemplate) bad(field, 'a template cannot have a name');
    const name = o['name'];
    if (typeof name !== 'string' || !ID_RE.test(name))
      bad(`${field}.name`, `must match [a-z][a-z0-9_]*, got ${show(name)}`);
    if (RESERVED_NAMES.has(name)) bad(`${field}.name`, `"${name}" is a name OTP itself registers`);
    const owner = m.names.get(name);
    if (owner !== undefined && owner !== path)
      bad(`${field}.name`, `name "${name}" is already used by ${owner}`);
    m.names.set(name, path);
    node.name = name;
  }
  if (o['on'] !== undefined) {
    if (!Array.isArray(o['on'])) bad(`${field}.on`, 'must be an array');
    m.deferRules(`${field}.on`, o['on'], extras);
  }
  return node;
}

function supNode(o: Obj, at: Place, m: Model): SupNode {
  const { field, path } = at;
  if (at.depth >= MAX_TREE_DEPTH)
    bad(field.split('.')[0] as string, `nested deeper than ${MAX_TREE_DEPTH} levels`);
  allowed(o, field, SUP_FIELDS);
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
  const below = (f: string, p: string, inTemplate: boolean): Place => ({
    path: p,
    field: f,
    parentAutoShutdown: autoShutdown,
    inTemplate,
    depth: at.depth + 1,
  });
  let children: ChildNode[] = [];
  let template: ChildNode | undefined;
  if (strategy === 'simple_one_for_one') {
    const c = o['children'];
    if (c !== undefined && !(Array.isArray(c) && c.length === 0))
      bad(`${field}.children`, 'is not allowed with simple_one_for_one (use template)');
    if (o['template'] === undefined)
      bad(`${field}.template`, 'is required with simple_one_for_one');
    template = childNode(o['template'], below(`${field}.template`, `${path}/#`, true), false, m);
    m.add(`${path}/#`, template);
  } else {
    if (o['template'] !== undefined) bad(`${field}.template`, 'is only for simple_one_for_one');
    const raw = o['children'] ?? [];
    if (!Array.isArray(raw)) bad(`${field}.children`, 'must be an array');
    const seen = new Set<string>();
    children = raw.map((c: Json, i) => {
      const f = `${field}.children[${i}]`;
      const cid = id(obj(c, f)['id'], `${f}.id`);
      if (seen.has(cid)) bad(`${f}.id`, `duplicate child id '${cid}'`);
      seen.add(cid);
      const child = childNode(c, below(f, `${path}/${cid}`, at.inTemplate), true, m);
      m.add(`${path}/${cid}`, child);
      return child;
    });
  }
  return {
    kind: 'supervisor',
    id: typeof o['id'] === 'string' ? o['id'] : '',
    restart: oneOf(o['restart'], `${field}.restart`, RESTARTS, 'permanent'),
    shutdown: shutdown(o['shutdown'], `${field}.shutdown`, 'infinity'),
    significant: bool(o['significant'], `${field}.significant`),
    strategy,
    intensity: int(o['intensity'], `${field}.intensity`, 0, 1),
    period: int(o['period'], `${field}.period`, 1, 5),
    autoShutdown,
    children,
    ...(template === undefined ? {} : { template }),
  };
}
