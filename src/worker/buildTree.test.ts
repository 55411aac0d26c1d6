// User modules compile only in a locked-down realm, as in a node's worker.
import './sandbox/install';
import { describe, expect, it } from 'vitest';
import type { Pid, SupArgs, Term } from '../runtime';
import { startSupervisor } from '../runtime';
import { system } from '../runtime/testing/system';
import type { TreeEnv } from './buildTree';
import { buildChild, buildRoot } from './buildTree';
import type { ChildSpecData, NodeSpecData, SupervisorSpecData } from './protocol';
import { compileUserModule } from './userModule';

const env: TreeEnv = { flavour: 'erlang', modules: new Map() };
const nodeOf = (root: SupervisorSpecData): NodeSpecData => ({ id: 0, name: 'n0', root });
const sup = (
  id: string,
  children: ChildSpecData[],
  extra: Partial<SupervisorSpecData> = {},
): SupervisorSpecData => ({
  kind: 'supervisor',
  id,
  strategy: 'one_for_one',
  children,
  ...extra,
});
const worker = (id: string, behaviour: string, extra: Partial<ChildSpecData> = {}): ChildSpecData =>
  ({ kind: 'worker', id, behaviour, ...extra }) as ChildSpecData;

function errorOf(root: SupervisorSpecData, e: TreeEnv = env): string {
  const r = buildRoot(nodeOf(root), e);
  return r.ok ? 'no error' : r.error;
}

function argsOf(root: SupervisorSpecData, e: TreeEnv = env): SupArgs {
  const r = buildRoot(nodeOf(root), e);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('checking a tree', () => {
  it('names a duplicate child id and its supervisor', () => {
    const tree = sup('app', [
      sup('db_sup', [worker('cache', 'kv_store'), worker('cache', 'counter')]),
    ]);
    expect(errorOf(tree)).toBe("supervisor db_sup: duplicate child id 'cache'");
  });

  it('names an unknown behaviour', () => {
    expect(errorOf(sup('app', [worker('w', 'cahce')]))).toBe(
      "supervisor app: child 'w' has an unknown behaviour 'cahce'",
    );
  });

  it('names a bad intensity or period', () => {
    expect(errorOf(sup('app', [], { intensity: -1 }))).toBe(
      'supervisor app: intensity must be an integer >= 0, got -1',
    );
    expect(errorOf(sup('app', [], { period: 0.5 }))).toBe(
      'supervisor app: period must be an integer >= 1, got 0.5',
    );
  });

  it('rejects bad strategies, restart types, shutdowns and ids', () => {
    expect(errorOf(sup('app', [], { strategy: 'one_for_none' as never }))).toBe(
      "supervisor app: unknown strategy 'one_for_none'",
    );
    expect(errorOf(sup('app', [worker('w', 'counter', { restart: 'sometimes' as never })]))).toBe(
      "supervisor app: child 'w' has an unknown restart type 'sometimes'",
    );
    expect(errorOf(sup('app', [worker('w', 'counter', { shutdown: -5 })]))).toBe(
      "supervisor app: child 'w' has a bad shutdown -5",
    );
    expect(errorOf(sup('app', [worker('', 'counter')]))).toBe(
      'supervisor app: a child has a bad id ""',
    );
  });

  it('rejects a registered name used twice in the node', () => {
    const tree = sup('app', [
      worker('a', 'counter', { name: 'c' }),
      sup('s', [worker('b', 'echo', { name: 'c' })]),
    ]);
    expect(errorOf(tree)).toBe("name 'c' is registered twice: app/a and s/b");
  });

  it('requires a template for simple_one_for_one and only there', () => {
    expect(errorOf(sup('pool', [], { strategy: 'simple_one_for_one' }))).toBe(
      'supervisor pool: simple_one_for_one needs a template child',
    );
    expect(errorOf(sup('app', [], { template: worker('t', 'counter') }))).toBe(
      'supervisor app: only simple_one_for_one takes a template',
    );
  });

  it('passes OTP significant-child rules through', () => {
    expect(
      errorOf(sup('app', [worker('w', 'counter', { significant: true, restart: 'transient' })])),
    ).toBe("supervisor app: child 'w' is significant but auto_shutdown is never");
  });

  it('checks a child added later on its own', () => {
    const r = buildChild(worker('x', 'nope'), 'db_sup', env);
    expect(r.ok ? 'ok' : r.error).toBe(
      "supervisor db_sup: child 'x' has an unknown behaviour 'nope'",
    );
  });
});

describe('starting a built tree', () => {
  it('starts supervisors and library workers with recognisable labels and child ids', () => {
    const tree = sup('app', [
      worker('count', 'counter', { name: 'count' }),
      sup(
        'db_sup',
        [
          worker('cache', 'kv_store'),
          worker('pinger', 'echo', { args: { mode: 'ping_pong', peer: 'count' } }),
        ],
        {
          strategy: 'rest_for_one',
          name: 'db',
        },
      ),
    ]);
    const sys = system();
    const r = sys.run((ctx) => startSupervisor(ctx, argsOf(tree)), { advanceTime: false });
    expect((r as Term[])[0]).toBe('ok');
    const labels = sys.events.flatMap((e) => (e.type === 'spawn' ? [e.behaviour] : []));
    expect(labels).toEqual([
      'driver',
      'supervisor',
      'gen_server:counter',
      'supervisor',
      'gen_server:kv_store',
      'gen_server:echo',
    ]);
    const started = sys.events.flatMap((e) => (e.type === 'child_started' ? [e.childId] : []));
    expect(started).toEqual(['count', 'cache', 'pinger', 'db_sup']);
    expect(sys.node.whereis('count')).toBeDefined();
    expect(sys.node.whereis('db')).toBeDefined();
    // The spec's args are merged over the behaviour's defaults.
    const echoPid = sys.events.flatMap((e) =>
      e.type === 'child_started' && e.childId === 'pinger' ? [e.pid] : [],
    )[0] as Pid;
    expect(sys.node.processInfo(echoPid)?.state).toMatchObject({
      mode: 'ping_pong',
      peer: 'count',
    });
  });

  it('runs a user module as a worker', () => {
    const compiled = compileUserModule({
      name: 'mine',
      source: "({ init(a) { return ['ok', a]; } })",
    });
    if (!compiled.ok) throw new Error(compiled.error);
    const e: TreeEnv = { ...env, modules: new Map([['mine', compiled.module]]) };
    const sys = system();
    sys.run(
      (ctx) =>
        startSupervisor(ctx, argsOf(sup('app', [worker('m', 'mine', { args: { x: 1 } })]), e)),
      { advanceTime: false },
    );
    const pid = sys.events.flatMap((ev) => (ev.type === 'child_started' ? [ev.pid] : []))[0] as Pid;
    expect(sys.node.processInfo(pid)?.behaviour).toBe('gen_server:mine');
    expect(sys.node.processInfo(pid)?.state).toEqual({ x: 1 });
  });

  it('merges a map given to a simple_one_for_one start_child over the template args', () => {
    const tree = sup('pool', [], {
      strategy: 'simple_one_for_one',
      template: worker('t', 'counter'),
    });
    const sys = system();
    const [, root] = sys.run((ctx) => startSupervisor(ctx, argsOf(tree)), {
      advanceTime: false,
    }) as [string, Pid];
    sys.name(root, 'pool');
    const [, child] = sys.supCall('pool', ['start_child', [{ start: 41 }]]) as [string, Pid];
    expect(sys.node.processInfo(child)?.state).toEqual({ count: 41 });
  });
});
