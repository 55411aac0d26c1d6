// Checks a scenario against SPEC.md (versions 1 and 2) and prints it as one
// Erlang term (for file:consult/1): objects become maps with atom keys,
// strings Erlang strings, arrays lists, null 'null'. A malformed scenario
// prints a one-line error naming the field to standard error and exits 2.
import { readFileSync } from 'node:fs';

const str = (s) => JSON.stringify(s); // same escapes as an Erlang string for our inputs
const atom = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function term(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(term).join(',')}]`;
  switch (typeof v) {
    case 'boolean':
      return String(v);
    case 'number':
      return Number.isInteger(v) ? String(v) : v.toExponential();
    case 'string':
      return str(v);
    default:
      return `#{${Object.entries(v)
        .map(([k, x]) => `${atom(k)} => ${term(x)}`)
        .join(', ')}}`;
  }
}

// ---- validation --------------------------------------------------------------

/**
 * Names OTP 25 itself registers on a node (an escript, `erl`, a distributed
 * node, and services kernel starts on demand), plus the oracle's own log
 * process and `undefined` (which `register/2` refuses). A worker may not take
 * one of these: its start would fail (or it would steal a system process's
 * name), which is not what the scenario means.
 */
export const RESERVED_NAMES = new Set([
  'application_controller',
  'auth',
  'code_server',
  'disk_log_server',
  'disk_log_sup',
  'erl_epmd',
  'erl_prim_loader',
  'erl_signal_server',
  'erts_code_purger',
  'file_server_2',
  'global_group',
  'global_group_check',
  'global_name_server',
  'inet_db',
  'init',
  'kernel_refc',
  'kernel_safe_sup',
  'kernel_sup',
  'logger',
  'logger_handler_watcher',
  'logger_proxy',
  'logger_std_h_default',
  'logger_sup',
  'net_kernel',
  'net_sup',
  'oracle_log',
  'pg',
  'rex',
  'socket_registry',
  'standard_error',
  'standard_error_sup',
  'timer_server',
  'undefined',
  'user',
  'user_drv',
]);

class Malformed extends Error {}
const bad = (field, why) => {
  throw new Malformed(`${field}: ${why}`);
};
const show = (v) => JSON.stringify(v);

const ID_RE = /^[a-z][a-z0-9_]*$/;
const ATOM_RE = /^[a-z][a-zA-Z0-9_@]*$/;
const SHUTDOWN_RE = /^\{shutdown,[a-z][a-zA-Z0-9_@]*\}$/;
const TEXT_RE = /^[ !#-[\]-~]*$/; // printable ASCII without " and \

const isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v) => Number.isInteger(v);

function obj(v, field) {
  if (!isObj(v)) bad(field, 'must be an object');
  return v;
}
function allowed(o, field, keys) {
  for (const k of Object.keys(o)) if (!keys.includes(k)) bad(`${field}.${k}`, 'unknown field');
}
function oneOf(v, field, values) {
  if (v !== undefined && !values.includes(v))
    bad(field, `must be one of ${values.join(', ')}, got ${show(v)}`);
}
function int(v, field, min) {
  if (v !== undefined && !(isInt(v) && v >= min))
    bad(field, `must be an integer >= ${min}, got ${show(v)}`);
}
function bool(v, field) {
  if (v !== undefined && typeof v !== 'boolean')
    bad(field, `must be true or false, got ${show(v)}`);
}
function need(o, field, k) {
  if (o[k] === undefined) bad(`${field}.${k}`, 'is required');
  return o[k];
}

class Checker {
  constructor(version) {
    this.v2 = version === 2;
    this.nodes = new Map(); // path -> node (kind 'worker' | 'supervisor', spec)
    this.names = new Map(); // name -> path
    this.rules = []; // [field, rules], checked once every path and name of the scenario is known
  }

  needV2(field, what) {
    if (!this.v2) bad(field, `${what} needs "version": 2`);
  }

  // A term (reason, message, request). Version 1: an atom or {shutdown,X}.
  term(v, field, what) {
    if (typeof v === 'string' && (ATOM_RE.test(v) || SHUTDOWN_RE.test(v))) return;
    if (!this.v2) {
      if (isInt(v) || isObj(v)) this.needV2(field, `the term ${show(v)}`);
      bad(field, `bad ${what} ${show(v)}`);
    }
    if (isInt(v)) return;
    if (isObj(v) && Object.keys(v).length === 1) {
      const [[k, x]] = Object.entries(v);
      if ((k === 'tuple' || k === 'list') && Array.isArray(x)) {
        x.forEach((e, i) => this.term(e, `${field}.${k}[${i}]`, what));
        return;
      }
      if ((k === 'binary' || k === 'string') && typeof x === 'string' && TEXT_RE.test(x)) return;
    }
    bad(field, `bad ${what} ${show(v)}`);
  }

  // ---- the tree ----

  supNode(o, field, path, inTemplate) {
    allowed(o, field, [
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
    ]);
    oneOf(o.strategy, `${field}.strategy`, [
      'one_for_one',
      'one_for_all',
      'rest_for_one',
      'simple_one_for_one',
    ]);
    oneOf(o.auto_shutdown, `${field}.auto_shutdown`, [
      'never',
      'any_significant',
      'all_significant',
    ]);
    int(o.intensity, `${field}.intensity`, 0);
    int(o.period, `${field}.period`, 1);
    this.nodes.set(path, { kind: 'supervisor', spec: o });
    const autoShutdown = o.auto_shutdown ?? 'never';
    if (o.strategy === 'simple_one_for_one') {
      if (o.children !== undefined && !(Array.isArray(o.children) && o.children.length === 0))
        bad(`${field}.children`, 'is not allowed with simple_one_for_one (use template)');
      if (o.template === undefined) bad(`${field}.template`, 'is required with simple_one_for_one');
      this.childNode(o.template, `${field}.template`, `${path}/#`, autoShutdown, false, true);
    } else {
      if (o.template !== undefined) bad(`${field}.template`, 'is only for simple_one_for_one');
      const children = o.children ?? [];
      if (!Array.isArray(children)) bad(`${field}.children`, 'must be an array');
      const seen = new Set();
      children.forEach((c, i) => {
        const f = `${field}.children[${i}]`;
        const id = obj(c, f).id;
        if (!(typeof id === 'string' && ID_RE.test(id)))
          bad(`${f}.id`, `must match [a-z][a-z0-9_]*, got ${show(id)}`);
        if (seen.has(id)) bad(`${f}.id`, `duplicate child id '${id}'`);
        seen.add(id);
        this.childNode(c, f, `${path}/${id}`, autoShutdown, true, inTemplate);
      });
    }
  }

  childNode(c, field, path, parentAutoShutdown, needId, inTemplate) {
    const o = obj(c, field);
    oneOf(o.type, `${field}.type`, ['worker', 'supervisor']);
    oneOf(o.restart, `${field}.restart`, ['permanent', 'transient', 'temporary']);
    if (
      o.shutdown !== undefined &&
      o.shutdown !== 'brutal_kill' &&
      o.shutdown !== 'infinity' &&
      !(isInt(o.shutdown) && o.shutdown >= 0)
    )
      bad(
        `${field}.shutdown`,
        `must be brutal_kill, infinity or an integer >= 0, got ${show(o.shutdown)}`,
      );
    bool(o.significant, `${field}.significant`);
    if (o.significant && (o.restart ?? 'permanent') === 'permanent')
      bad(
        `${field}.significant`,
        'is true but the child is permanent (only transient or temporary may be significant)',
      );
    if (o.significant && parentAutoShutdown === 'never')
      bad(`${field}.significant`, "is true but the supervisor's auto_shutdown is never");
    if (!needId && o.id !== undefined) bad(`${field}.id`, 'unknown field');
    if (o.type === 'supervisor') this.supNode(o, field, path, inTemplate);
    else this.workerNode(o, field, path, inTemplate);
  }

  workerNode(o, field, path, inTemplate) {
    const v1 = [
      'id',
      'type',
      'restart',
      'shutdown',
      'significant',
      'trap_exit',
      'terminate_ms',
      'init',
    ];
    const v2 = ['name', 'call_ms', 'init_ms', 'on'];
    for (const k of Object.keys(o)) {
      if (v2.includes(k)) this.needV2(`${field}.${k}`, `field "${k}"`);
      else if (!v1.includes(k)) bad(`${field}.${k}`, 'unknown field');
    }
    bool(o.trap_exit, `${field}.trap_exit`);
    int(o.terminate_ms, `${field}.terminate_ms`, 0);
    oneOf(o.init, `${field}.init`, ['ok', 'ignore', 'fail']);
    int(o.call_ms, `${field}.call_ms`, 0);
    int(o.init_ms, `${field}.init_ms`, 0);
    if (o.name !== undefined) {
      if (inTemplate) bad(`${field}`, 'a template cannot have a name');
      if (!(typeof o.name === 'string' && ID_RE.test(o.name)))
        bad(`${field}.name`, `must match [a-z][a-z0-9_]*, got ${show(o.name)}`);
      if (RESERVED_NAMES.has(o.name))
        bad(`${field}.name`, `"${o.name}" is a name OTP itself registers`);
      const owner = this.names.get(o.name);
      if (owner !== undefined && owner !== path)
        bad(`${field}.name`, `name "${o.name}" is already used by ${owner}`);
      this.names.set(o.name, path);
    }
    if (o.on !== undefined) {
      if (!Array.isArray(o.on)) bad(`${field}.on`, 'must be an array');
      this.rules.push([`${field}.on`, o.on]);
    }
    const prev = this.nodes.get(path);
    if (prev === undefined || prev.kind !== 'worker')
      this.nodes.set(path, { kind: 'worker', spec: o });
  }

  checkRules() {
    for (const [field, rules] of this.rules) {
      rules.forEach((r, i) => {
        const f = `${field}[${i}]`;
        obj(r, f);
        allowed(r, f, ['message', 'reply', 'forward_to', 'times']);
        if (r.message === undefined) bad(f, 'missing message');
        if ((r.reply === undefined) === (r.forward_to === undefined))
          bad(f, 'needs exactly one of reply, forward_to');
        if (r.times !== undefined && !(isInt(r.times) && r.times >= 1)) bad(f, 'bad times');
        this.term(r.message, `${f}.message`, 'message');
        if (r.reply !== undefined) this.term(r.reply, `${f}.reply`, 'reply');
        else this.dest(r.forward_to, `${f}.forward_to`, false);
      });
    }
  }

  // ---- paths and destinations ----

  find(path) {
    const known = this.nodes.get(path);
    if (known !== undefined) return known;
    // root/pool/#3[/rest]: a dynamic child, described by the template's entries.
    return this.nodes.get(path.replace(/\/#[1-9]\d*(?=\/|$)/g, '/#'));
  }

  path(v, field, want) {
    if (typeof v !== 'string') bad(field, `must be a string, got ${show(v)}`);
    const node = this.find(v);
    if (node === undefined || v.includes('/#/') || v.endsWith('/#'))
      bad(field, `unknown target ${show(v)}`);
    if (want !== undefined && node.kind !== want) bad(field, `${show(v)} is not a ${want}`);
    return v;
  }

  dest(v, field, lastSenderOk) {
    if (typeof v === 'string' && v.startsWith('name:')) {
      const name = v.slice(5);
      if (!this.names.has(name)) bad(field, `unknown name ${show(name)}`);
      return;
    }
    if (v === '$last_sender') {
      if (!lastSenderOk) bad(field, '"$last_sender" is only for tell');
      return;
    }
    this.path(v, field, 'worker');
  }

  // ---- steps ----

  step(s, field) {
    const o = obj(s, field);
    const V1 = {
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
    const V2 = {
      tell: ['from', 'to', 'msg', 'msgs'],
      call: ['from', 'to', 'request', 'timeout', 'catch'],
      unlink: ['from', 'to'],
      demonitor: ['from', 'to', 'flush'],
      trap_exit: ['target', 'value'],
      do: ['from', 'actions'],
    };
    const op = o.op;
    if (typeof op !== 'string' || !(op in V1 || op in V2))
      bad(`${field}.op`, `unknown op ${show(op)}`);
    if (op in V2) this.needV2(field, `op "${op}"`);
    for (const k of Object.keys(o)) {
      if (k === 'op') continue;
      if (k === 'wait_ms' || (op === 'exit' && k === 'from')) {
        this.needV2(`${field}.${k}`, `field "${k}"`);
        continue;
      }
      if (!(V1[op] ?? V2[op]).includes(k)) bad(`${field}.${k}`, 'unknown field');
    }
    int(o.wait_ms, `${field}.wait_ms`, 0);
    switch (op) {
      case 'start_child':
        return this.startChild(o, field);
      case 'terminate_child':
      case 'restart_child':
      case 'delete_child': {
        const id = need(o, field, 'id');
        if (!(typeof id === 'string' && (ID_RE.test(id) || /^#[1-9]\d*$/.test(id))))
          bad(`${field}.id`, `must be a child id or #N, got ${show(id)}`);
        this.path(need(o, field, 'sup'), `${field}.sup`, 'supervisor');
        return;
      }
      case 'which_children':
      case 'count_children':
        this.path(need(o, field, 'sup'), `${field}.sup`, 'supervisor');
        return;
      case 'set_init':
        this.path(need(o, field, 'target'), `${field}.target`, 'worker');
        need(o, field, 'init');
        oneOf(o.init, `${field}.init`, ['ok', 'ignore', 'fail']);
        return;
      case 'send':
        this.path(need(o, field, 'target'), `${field}.target`);
        this.term(need(o, field, 'msg'), `${field}.msg`, 'msg');
        return;
      case 'crash':
        this.path(need(o, field, 'target'), `${field}.target`);
        this.term(need(o, field, 'reason'), `${field}.reason`, 'reason');
        return;
      case 'trap_exit':
        this.path(need(o, field, 'target'), `${field}.target`, 'worker');
        this.action(o, field, op);
        return;
      case 'sleep':
        this.action(o, field, op);
        return;
      default:
        // exit: `from` is optional (the driver's exit); every other op here needs it.
        if (op !== 'exit' || o.from !== undefined) {
          const from = need(o, field, 'from');
          if (!(op === 'call' && from === 'driver')) this.path(from, `${field}.from`, 'worker');
        }
        this.action(o, field, op);
    }
  }

  // The part of a step a worker runs (also a `do` action): fields minus `from`.
  action(o, field, op) {
    switch (op) {
      case 'exit':
        this.path(need(o, field, 'target'), `${field}.target`);
        this.term(need(o, field, 'reason'), `${field}.reason`, 'reason');
        return;
      case 'link':
      case 'monitor':
      case 'unlink':
        this.path(need(o, field, 'to'), `${field}.to`);
        return;
      case 'demonitor':
        this.path(need(o, field, 'to'), `${field}.to`);
        bool(o.flush, `${field}.flush`);
        return;
      case 'trap_exit':
        if (typeof need(o, field, 'value') !== 'boolean')
          bad(`${field}.value`, `must be true or false, got ${show(o.value)}`);
        return;
      case 'sleep':
        need(o, field, 'ms');
        int(o.ms, `${field}.ms`, 0);
        return;
      case 'tell':
        this.dest(need(o, field, 'to'), `${field}.to`, true);
        if ((o.msg === undefined) === (o.msgs === undefined))
          bad(field, 'needs exactly one of msg, msgs');
        if (o.msg !== undefined) this.term(o.msg, `${field}.msg`, 'msg');
        else {
          if (!Array.isArray(o.msgs) || o.msgs.length === 0)
            bad(`${field}.msgs`, 'must be a non-empty list of terms');
          o.msgs.forEach((m, i) => this.term(m, `${field}.msgs[${i}]`, 'msg'));
        }
        return;
      case 'call': {
        const to = need(o, field, 'to');
        if (to === '$last_sender') bad(`${field}.to`, '"$last_sender" is only for tell');
        this.dest(to, `${field}.to`, false);
        this.term(need(o, field, 'request'), `${field}.request`, 'request');
        if (
          o.timeout !== undefined &&
          o.timeout !== 'infinity' &&
          !(isInt(o.timeout) && o.timeout >= 0)
        )
          bad(`${field}.timeout`, `must be an integer >= 0 or "infinity", got ${show(o.timeout)}`);
        bool(o.catch, `${field}.catch`);
        if (o.from === 'driver' && o.catch !== undefined)
          bad(`${field}.catch`, 'is not for a call from the driver (the driver always catches)');
        return;
      }
      case 'do': {
        const actions = need(o, field, 'actions');
        if (!Array.isArray(actions) || actions.length === 0)
          bad(`${field}.actions`, 'must be a non-empty list');
        const FIELDS = {
          tell: ['to', 'msg', 'msgs'],
          call: ['to', 'request', 'timeout', 'catch'],
          exit: ['target', 'reason'],
          link: ['to'],
          unlink: ['to'],
          monitor: ['to'],
          demonitor: ['to', 'flush'],
          trap_exit: ['value'],
          sleep: ['ms'],
        };
        actions.forEach((a, i) => {
          const f = `${field}.actions[${i}]`;
          obj(a, f);
          if (!(typeof a.op === 'string' && a.op in FIELDS)) bad(f, `unknown action ${show(a.op)}`);
          allowed(a, f, ['op', ...FIELDS[a.op]]);
          this.action(a, f, a.op);
        });
        return;
      }
    }
  }

  startChild(o, field) {
    const sup = this.path(need(o, field, 'sup'), `${field}.sup`, 'supervisor');
    const spec = this.find(sup).spec;
    if (spec.strategy === 'simple_one_for_one') {
      if (o.child !== undefined)
        bad(`${field}.child`, 'must be omitted for a simple_one_for_one supervisor');
      return;
    }
    const child = obj(need(o, field, 'child'), `${field}.child`);
    if (!(typeof child.id === 'string' && ID_RE.test(child.id)))
      bad(`${field}.child.id`, `must match [a-z][a-z0-9_]*, got ${show(child.id)}`);
    const path = `${sup}/${child.id}`;
    // A start_child reusing an id only answers already_started/already_present: keep the first.
    const known = this.nodes.get(path);
    this.childNode(child, `${field}.child`, path, spec.auto_shutdown ?? 'never', true, false);
    if (known !== undefined) this.nodes.set(path, known);
  }

  scenario(top) {
    obj(top, 'scenario');
    allowed(top, 'scenario', ['name', 'description', 'version', 'tree', 'steps', 'unordered']);
    if (top.name !== undefined && typeof top.name !== 'string') bad('name', 'must be a string');
    if (top.description !== undefined && typeof top.description !== 'string')
      bad('description', 'must be a string');
    oneOf(top.version, 'version', [1, 2]);
    const tree = obj(need(top, 'scenario', 'tree'), 'tree');
    if (tree.type !== undefined && tree.type !== 'supervisor')
      bad('tree.type', 'must be supervisor');
    if (!(typeof tree.id === 'string' && ID_RE.test(tree.id)))
      bad('tree.id', `must match [a-z][a-z0-9_]*, got ${show(tree.id)}`);
    for (const k of ['restart', 'shutdown', 'significant'])
      if (tree[k] !== undefined) bad(`tree.${k}`, 'is not for the root');
    this.supNode(tree, 'tree', tree.id, false);
    const steps = top.steps ?? [];
    if (!Array.isArray(steps)) bad('steps', 'must be an array');
    steps.forEach((s, i) => this.step(s, `steps[${i}]`));
    this.checkRules();
    if (top.unordered !== undefined) {
      if (!Array.isArray(top.unordered)) bad('unordered', 'must be an array');
      top.unordered.forEach((k, i) => {
        if (!(k === 'start' || k === 'end' || (isInt(k) && k >= 0 && k < steps.length)))
          bad(`unordered[${i}]`, `must be a step index, "start" or "end", got ${show(k)}`);
      });
    }
  }
}

try {
  let scenario;
  try {
    scenario = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  } catch (e) {
    throw new Malformed(`cannot read scenario: ${e.message}`);
  }
  new Checker(scenario?.version ?? 1).scenario(scenario);
  process.stdout.write(`${term(scenario)}.\n`);
} catch (e) {
  if (!(e instanceof Malformed)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exit(2);
}
