import type { Json, Obj } from './jsonInput';
import { ID_RE, allowed, bad, bool, has, id, int, need, obj, oneOf, show } from './jsonInput';
import { jsonTerm } from './jsonTerm';
import type { Model } from './parseTree';
import { parseChild } from './parseTree';
import type { Action, Step, StepBody, SupNode } from './scenario';

/** Each op's fields besides `op` (and `wait_ms`); version 2's need `"version": 2`. */
const V1_OPS: Record<string, readonly string[]> = {
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
const V2_OPS: Record<string, readonly string[]> = {
  tell: ['from', 'to', 'msg', 'msgs'],
  call: ['from', 'to', 'request', 'timeout', 'catch'],
  unlink: ['from', 'to'],
  demonitor: ['from', 'to', 'flush'],
  trap_exit: ['target', 'value'],
  do: ['from', 'actions'],
};
/** A `do` action's fields: its step's, minus `from`. */
const ACTION_FIELDS: Record<string, readonly string[]> = {
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

/** One step of the scenario, checked against what the scenario has declared so far. */
export function parseStep(v: Json, field: string, m: Model): Step {
  const o = obj(v, field);
  const op = o['op'];
  // has(): `"op": "toString"` must not find Object.prototype's.
  const fields =
    typeof op !== 'string'
      ? undefined
      : has(V1_OPS, op)
        ? V1_OPS[op]
        : has(V2_OPS, op)
          ? V2_OPS[op]
          : undefined;
  if (fields === undefined) return bad(`${field}.op`, `unknown op ${show(op)}`);
  if (has(V2_OPS, op as string)) m.needV2(field, `op "${op as string}"`);
  for (const k of Object.keys(o)) {
    if (k === 'op') continue;
    if (k === 'wait_ms' || (op === 'exit' && k === 'from'))
      m.needV2(`${field}.${k}`, `field "${k}"`);
    else if (!fields.includes(k)) bad(`${field}.${k}`, 'unknown field');
  }
  const body = stepBody(o, op as string, field, m);
  return o['wait_ms'] === undefined
    ? body
    : { ...body, waitMs: int(o['wait_ms'], `${field}.wait_ms`, 0, 0) };
}

function stepBody(o: Obj, op: string, field: string, m: Model): StepBody {
  const sup = (): string => m.path(need(o, field, 'sup'), `${field}.sup`, 'supervisor');
  switch (op) {
    case 'start_child':
      return startChild(o, field, m);
    case 'terminate_child':
    case 'restart_child':
    case 'delete_child': {
      const childId = need(o, field, 'id');
      if (typeof childId !== 'string' || !(ID_RE.test(childId) || /^#[1-9]\d*$/.test(childId)))
        bad(`${field}.id`, `must be a child id or #N, got ${show(childId)}`);
      return { op, sup: sup(), id: childId };
    }
    case 'which_children':
    case 'count_children':
      return { op, sup: sup() };
    case 'set_init': {
      const target = m.path(need(o, field, 'target'), `${field}.target`, 'worker');
      const init = oneOf(need(o, field, 'init'), `${field}.init`, ['ok', 'ignore', 'fail'], 'ok');
      return { op, target, init };
    }
    case 'send':
      return {
        op,
        target: m.path(need(o, field, 'target'), `${field}.target`),
        msg: jsonTerm(need(o, field, 'msg'), `${field}.msg`, 'msg', m.v2),
      };
    case 'crash':
      return {
        op,
        target: m.path(need(o, field, 'target'), `${field}.target`),
        reason: jsonTerm(need(o, field, 'reason'), `${field}.reason`, 'reason', m.v2),
      };
    case 'sleep':
      return { op, ms: ms(o, field) };
    case 'trap_exit': {
      const from = m.path(need(o, field, 'target'), `${field}.target`, 'worker');
      return { op: 'do', from, actions: [action(o, 'trap_exit', field, m, false)] };
    }
    case 'exit':
      // exit without `from` is the driver's; with it (v2), the worker's.
      if (o['from'] === undefined)
        return {
          op,
          target: m.path(need(o, field, 'target'), `${field}.target`),
          reason: jsonTerm(need(o, field, 'reason'), `${field}.reason`, 'reason', m.v2),
        };
      break;
    case 'call':
      if (need(o, field, 'from') === 'driver') {
        const a = action(o, 'call', field, m, true);
        if (a.op !== 'call') throw new Error('unreachable');
        return { op: 'driver_call', to: a.to, request: a.request, timeout: a.timeout };
      }
      break;
  }
  const from = m.path(need(o, field, 'from'), `${field}.from`, 'worker');
  if (op === 'do') {
    const raw = need(o, field, 'actions');
    if (!Array.isArray(raw) || raw.length === 0)
      bad(`${field}.actions`, 'must be a non-empty list');
    const actions = raw.map((a: Json, i) => {
      const f = `${field}.actions[${i}]`;
      const ao = obj(a, f);
      const aop = ao['op'];
      if (typeof aop !== 'string' || !has(ACTION_FIELDS, aop))
        bad(f, `unknown action ${show(aop)}`);
      allowed(ao, f, ['op', ...(ACTION_FIELDS[aop] as readonly string[])]);
      return action(ao, aop, f, m, false);
    });
    return { op: 'do', from, actions };
  }
  return { op: 'do', from, actions: [action(o, op, field, m, false)] };
}

function ms(o: Obj, field: string): number {
  return int(need(o, field, 'ms'), `${field}.ms`, 0, 0);
}

/** The part of a step a worker runs (also a `do` action). */
function action(o: Obj, op: string, field: string, m: Model, byDriver: boolean): Action {
  const path = (k: string): string => m.path(need(o, field, k), `${field}.${k}`);
  switch (op) {
    case 'exit':
      return {
        op,
        target: path('target'),
        reason: jsonTerm(need(o, field, 'reason'), `${field}.reason`, 'reason', m.v2),
      };
    case 'link':
    case 'monitor':
    case 'unlink':
      return { op, to: path('to') };
    case 'demonitor':
      return { op, to: path('to'), flush: bool(o['flush'], `${field}.flush`) };
    case 'trap_exit': {
      const value = need(o, field, 'value');
      if (typeof value !== 'boolean')
        bad(`${field}.value`, `must be true or false, got ${show(value)}`);
      return { op, value };
    }
    case 'sleep':
      return { op, ms: ms(o, field) };
    case 'tell': {
      const to = m.dest(need(o, field, 'to'), `${field}.to`, true);
      if ((o['msg'] === undefined) === (o['msgs'] === undefined))
        bad(field, 'needs exactly one of msg, msgs');
      if (o['msg'] !== undefined)
        return { op, to, msgs: [jsonTerm(o['msg'], `${field}.msg`, 'msg', m.v2)] };
      const raw = o['msgs'];
      if (!Array.isArray(raw) || raw.length === 0)
        bad(`${field}.msgs`, 'must be a non-empty list of terms');
      return {
        op,
        to,
        msgs: raw.map((x: Json, i) => jsonTerm(x, `${field}.msgs[${i}]`, 'msg', m.v2)),
      };
    }
    case 'call': {
      const to = m.dest(need(o, field, 'to'), `${field}.to`, false);
      const request = jsonTerm(need(o, field, 'request'), `${field}.request`, 'request', m.v2);
      const t = o['timeout'];
      if (t !== undefined && t !== 'infinity' && !(Number.isInteger(t) && (t as number) >= 0))
        bad(`${field}.timeout`, `must be an integer >= 0 or "infinity", got ${show(t)}`);
      if (byDriver && o['catch'] !== undefined)
        bad(`${field}.catch`, 'is not for a call from the driver (the driver always catches)');
      return {
        op,
        to,
        request,
        timeout: (t as number | 'infinity' | undefined) ?? 5000,
        catch: bool(o['catch'], `${field}.catch`),
      };
    }
  }
  return bad(`${field}.op`, `unknown op ${show(op)}`);
}

function startChild(o: Obj, field: string, m: Model): StepBody {
  const sup = m.path(need(o, field, 'sup'), `${field}.sup`, 'supervisor');
  const supNode = m.find(sup) as SupNode;
  if (supNode.strategy === 'simple_one_for_one') {
    if (o['child'] !== undefined)
      bad(`${field}.child`, 'must be omitted for a simple_one_for_one supervisor');
    return { op: 'start_child', sup, child: undefined };
  }
  const raw = obj(need(o, field, 'child'), `${field}.child`);
  const childId = id(raw['id'], `${field}.child.id`);
  const path = `${sup}/${childId}`;
  const known = m.has(path);
  const child = parseChild(raw, `${field}.child`, path, supNode.autoShutdown ?? 'never', m);
  // A start_child reusing an id only answers already_started/already_present: keep the first.
  if (!known) m.add(path, child);
  return { op: 'start_child', sup, child };
}
