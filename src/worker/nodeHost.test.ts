// User modules compile only in a locked-down realm, as in a node's worker.
import './sandbox/install';
import { describe, expect, it } from 'vitest';
import type { Term, TraceEvent } from '../runtime';
import type { WirePid } from '../base';
import { pidKey } from '../base';
import type { InspectInfo } from './protocol';
import { HostHarness, sup, worker } from './testing/hostHarness';

/** app (one_for_one): count, echo, and db_sup (one_for_all): cache, c2. */
const TREE = sup('app', [
  worker('count', 'counter', { name: 'count' }),
  worker('echo', 'echo'),
  sup('db_sup', [worker('cache', 'kv_store'), worker('c2', 'counter')], {
    strategy: 'one_for_all',
  }),
]);

async function booted(opts: { speed?: number } = {}): Promise<HostHarness> {
  const h = new HostHarness(opts);
  const rid = await h.boot(TREE);
  expect(h.reply(rid)?.ok).toBe(true);
  return h;
}

const ofType = <T extends TraceEvent['type']>(
  h: HostHarness,
  type: T,
): Extract<TraceEvent, { type: T }>[] =>
  h.trace().filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);
const same = (a: unknown, b: WirePid): boolean => pidKey(a as WirePid) === pidKey(b);

describe('nodeHost: boot', () => {
  it('boots a tree: ready, the root pid in the reply, spawns with behaviour labels, child ids, states', async () => {
    const h = new HostHarness();
    const rid = await h.boot(TREE);
    expect(h.events[0]).toEqual({ type: 'ready', version: 1, node: 1 });
    const root = h.value(rid) as unknown as WirePid;
    expect(root.node).toBe(1);
    expect(ofType(h, 'spawn').map((e) => e.behaviour)).toEqual([
      'shell',
      'supervisor',
      'gen_server:counter',
      'gen_server:echo',
      'supervisor',
      'gen_server:kv_store',
      'gen_server:counter',
    ]);
    expect(ofType(h, 'child_started').map((e) => e.childId)).toEqual([
      'count',
      'echo',
      'cache',
      'c2',
      'db_sup',
      'app',
    ]);
    // The root's child_started names the shell as the one that started it.
    expect(same(ofType(h, 'child_started').pop()?.pid, root)).toBe(true);
    const count = h.pidOf('count');
    expect(h.states().find((s) => same(s.pid, count))?.state).toEqual({ count: 0 });
    // Everything crossed as plain data.
    expect(Object.getPrototypeOf(ofType(h, 'spawn')[0]?.pid)).toBe(Object.prototype);
  });

  it('answers a bad tree with the validation message and can boot afterwards', async () => {
    const h = new HostHarness();
    const bad = await h.boot(sup('app', [worker('x', 'counter'), worker('x', 'echo')]));
    expect(h.reply(bad)).toMatchObject({
      ok: false,
      error: "supervisor app: duplicate child id 'x'",
    });
    const good = await h.boot(TREE);
    expect(h.reply(good)?.ok).toBe(true);
    const again = await h.boot(TREE);
    expect(h.reply(again)).toMatchObject({ ok: false, error: 'boot: node 1 is already booted' });
  });

  it('reports a user module compile error and fails the processes that use it', async () => {
    const h = new HostHarness();
    const rid = await h.boot(sup('app', [worker('m', 'mine')]), {
      modules: [{ name: 'mine', source: '({ init( })' }],
    });
    expect(h.errors()[0]).toMatch(/^module mine: SyntaxError: .*\(line 1\)$/);
    expect(h.reply(rid)).toMatchObject({ ok: false });
    expect((h.reply(rid) as { error: string }).error).toMatch(
      /boot: supervisor app failed to start: .*compile_error/,
    );
  });
});

describe('nodeHost: acting on processes', () => {
  it('restarts a crashed worker, and the batch shows the crash and the restart', async () => {
    const h = await booted();
    const count = h.pidOf('count');
    h.clear();
    await h.post({ type: 'crash', pid: count, reason: 'boom' });
    await h.run(50);
    const types = h.trace().map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'exit',
        'crash_report',
        'supervisor_report',
        'restart',
        'child_started',
      ]),
    );
    const exit = ofType(h, 'exit')[0];
    expect(same(exit?.pid, count)).toBe(true);
    expect(exit?.reason).toBe('boom');
    expect(ofType(h, 'supervisor_report')[0]).toMatchObject({
      context: 'child_terminated',
      childId: 'count',
      reason: 'boom',
    });
    expect(same(h.pidOf('count'), count)).toBe(false);
  });

  it('answers a call, and says why a call failed', async () => {
    const h = await booted();
    const ok = await h.request({ type: 'call', to: 'count', request: 'increment', timeout: 1000 });
    await h.run(50);
    expect(h.value(ok)).toBe(1);
    const unknown = await h.request({ type: 'call', to: 'nobody', request: 'x', timeout: 1000 });
    expect(h.reply(unknown)).toMatchObject({
      ok: false,
      error: "call: no process is registered as 'nobody'",
    });
    const dead = await h.request({
      type: 'call',
      to: { node: 1, id: 999 },
      request: 'x',
      timeout: 1000,
    });
    await h.run(50);
    expect(h.reply(dead)).toMatchObject({ ok: false, error: 'call to <1.999.0> failed: noproc' });
  });

  it('times out a call to a server that never replies', async () => {
    const h = new HostHarness();
    const mod = {
      name: 'mute',
      source: "({ init() { return ['ok', 0]; }, handleCall(r, f, s) { return ['noreply', s]; } })",
    };
    await h.boot(sup('app', [worker('m', 'mute', { name: 'm' })]), { modules: [mod] });
    const rid = await h.request({ type: 'call', to: 'm', request: 'x', timeout: 200 });
    await h.run(300);
    expect(h.reply(rid)).toMatchObject({ ok: false, error: 'call to m failed: timeout' });
  });

  it('sends a message from the shell, with pids in it made Pids again', async () => {
    const h = await booted();
    const echo = h.pidOf('echo');
    const count = h.pidOf('count');
    h.clear();
    // {Pid, Msg}: echo sends Msg to Pid — the pid came from the main thread as plain data.
    await h.post({ type: 'send', to: echo, msg: [count as unknown as Term, 'increment'] });
    await h.run(50);
    const rid = await h.request({ type: 'call', to: count, request: 'get', timeout: 1000 });
    await h.run(50);
    expect(h.value(rid)).toBe(1);
    const shell = ofType(h, 'send')[0]?.from;
    expect(h.trace().find((e) => e.type === 'spawn')).toBeUndefined();
    expect(shell).toBeDefined();
  });

  it('links two arbitrary processes: a kill of one takes the other down', async () => {
    const h = await booted();
    const count = h.pidOf('count');
    const echo = h.pidOf('echo');
    h.clear();
    await h.post({ type: 'link', a: count, b: echo });
    await h.post({ type: 'exit_signal', pid: echo, reason: 'kill' });
    await h.run(50);
    expect(ofType(h, 'link')).toHaveLength(1);
    const exits = ofType(h, 'exit').map((e) => [pidKey(e.pid as unknown as WirePid), e.reason]);
    expect(exits).toEqual(
      expect.arrayContaining([
        [pidKey(echo), 'killed'],
        [pidKey(count), 'killed'],
      ]),
    );
  });

  it('monitors on behalf of a process and sets trap_exit', async () => {
    const h = await booted();
    const count = h.pidOf('count');
    const echo = h.pidOf('echo');
    await h.post({ type: 'monitor', watcher: count, target: echo });
    await h.post({ type: 'trap_exit', pid: count, on: true });
    await h.run(20);
    expect(ofType(h, 'monitor')).toHaveLength(1);
    expect(ofType(h, 'trap_exit')[0]).toMatchObject({ on: true });
    const rid = await h.request({ type: 'inspect', pid: count });
    const info = h.value(rid) as unknown as InspectInfo;
    expect(info.trapExit).toBe(true);
    expect(info.monitors.map((m) => pidKey(m.target))).toEqual([pidKey(echo)]);
  });

  it('inspects a process as plain data', async () => {
    const h = await booted();
    const count = h.pidOf('count');
    const rid = await h.request({ type: 'inspect', pid: count });
    const info = h.value(rid) as unknown as InspectInfo;
    expect(info).toMatchObject({
      behaviour: 'gen_server:counter',
      name: 'count',
      status: 'waiting',
      state: { count: 0 },
      trapExit: false,
    });
    expect(info.links).toHaveLength(1);
    const gone = await h.request({ type: 'inspect', pid: { node: 1, id: 999 } });
    expect(h.reply(gone)).toMatchObject({ ok: false, error: 'inspect: <1.999.0> is not alive' });
  });

  it('answers ping with pong at once, even while paused', async () => {
    const h = await booted();
    await h.post({ type: 'pause' });
    await h.post({ type: 'ping', seq: 7 });
    expect(h.events.at(-1)).toEqual({ type: 'pong', seq: 7 });
  });
});

describe('nodeHost: supervisor operations', () => {
  it('starts, terminates, restarts and deletes a child, answering with OTP terms', async () => {
    const h = await booted();
    const db = h.pidOf('db_sup');
    const add = await h.request({
      type: 'supervisor',
      sup: db,
      op: 'start_child',
      spec: worker('t', 'ticker'),
    });
    await h.run(50);
    expect((h.value(add) as Term[])[0]).toBe('ok');
    const dup = await h.request({
      type: 'supervisor',
      sup: db,
      op: 'start_child',
      spec: worker('t', 'ticker'),
    });
    await h.run(50);
    expect((h.value(dup) as Term[])[1]).toEqual(['already_started', expect.anything()]);
    const term = await h.request({ type: 'supervisor', sup: db, op: 'terminate_child', id: 't' });
    await h.run(50);
    expect(h.value(term)).toBe('ok');
    const del = await h.request({ type: 'supervisor', sup: db, op: 'delete_child', id: 't' });
    await h.run(50);
    expect(h.value(del)).toBe('ok');
    const which = await h.request({ type: 'supervisor', sup: db, op: 'which_children' });
    await h.run(50);
    expect((h.value(which) as Term[][]).map((c) => c[0])).toEqual(['c2', 'cache']);
  });

  it('rejects bad input naming the supervisor, and a non-supervisor target', async () => {
    const h = await booted();
    const db = h.pidOf('db_sup');
    const bad = await h.request({
      type: 'supervisor',
      sup: db,
      op: 'start_child',
      spec: worker('x', 'nope'),
    });
    expect(h.reply(bad)).toMatchObject({
      ok: false,
      error: "supervisor db_sup: child 'x' has an unknown behaviour 'nope'",
    });
    const flags = await h.request({ type: 'supervisor', sup: db, op: 'set_flags', intensity: -2 });
    expect(h.reply(flags)).toMatchObject({
      ok: false,
      error: 'supervisor db_sup: intensity must be an integer >= 0, got -2',
    });
    const notSup = await h.request({
      type: 'supervisor',
      sup: h.pidOf('count'),
      op: 'which_children',
    });
    expect((h.reply(notSup) as { error: string }).error).toMatch(/is not a supervisor$/);
  });
});

describe('nodeHost: time', () => {
  it('runs timers in real time scaled by speed', async () => {
    const h = new HostHarness({ speed: 0.5 });
    await h.boot(sup('app', [worker('tick', 'ticker', { args: { interval: 1000 } })]));
    h.clear();
    await h.run(1450);
    expect(ofType(h, 'receive')).toHaveLength(0);
    await h.run(600);
    expect(ofType(h, 'receive').map((e) => e.msg)).toEqual(['tick']);
    await h.post({ type: 'set_speed', speed: 10 });
    await h.run(250);
    expect(ofType(h, 'receive').length).toBeGreaterThanOrEqual(3);
  });

  it('pauses, steps one process turn at a time, and resumes', async () => {
    const h = await booted();
    await h.post({ type: 'pause' });
    h.clear();
    await h.post({ type: 'send', to: 'count', msg: 'increment' });
    await h.post({ type: 'send', to: 'count', msg: 'increment' });
    await h.run(200);
    expect(ofType(h, 'receive')).toHaveLength(0);
    await h.post({ type: 'step' });
    await h.run(20);
    expect(ofType(h, 'receive')).toHaveLength(1);
    await h.post({ type: 'resume' });
    await h.run(50);
    expect(ofType(h, 'receive')).toHaveLength(2);
  });

  it('steps to the next timer when nothing is runnable', async () => {
    const h = new HostHarness();
    await h.boot(sup('app', [worker('tick', 'ticker', { args: { interval: 5000 } })]));
    await h.post({ type: 'pause' });
    h.clear();
    await h.post({ type: 'step' });
    await h.run(20);
    expect(ofType(h, 'receive').map((e) => e.msg)).toEqual(['tick']);
    expect(ofType(h, 'receive')[0]?.t).toBe(5000);
  });

  it('refuses a speed out of range', async () => {
    const h = await booted();
    await h.post({ type: 'set_speed', speed: 20 });
    expect(h.errors()).toEqual(['set_speed: speed must be between 0.1 and 10, got 20']);
  });
});

describe('nodeHost: bad input never throws out', () => {
  it('reports commands on dead processes, before boot, and of unknown type', async () => {
    const h = new HostHarness();
    await h.post({ type: 'pause' });
    await h.boot(TREE);
    await h.post({ type: 'link', a: { node: 1, id: 999 }, b: h.pidOf('count') });
    await h.post({ type: 'send', to: 'nobody', msg: 'hi' });
    await h.post({ type: 'crash', pid: { node: 1, id: 1 }, reason: 'x' });
    await h.post({ type: 'warp' } as never);
    expect(h.errors()).toEqual([
      'pause: the node is not booted yet',
      'link: <1.999.0> is not alive',
      "send: no process is registered as 'nobody'",
      'crash: <1.1.0> (shell) is not a gen_server; send it an exit signal instead',
      'unknown command "warp"',
    ]);
  });
});

describe('nodeHost: distribution over a MessageChannel', () => {
  async function pair(): Promise<[HostHarness, HostHarness, () => void]> {
    const a = new HostHarness();
    const b = new HostHarness();
    const ch = new MessageChannel();
    await a.post({ type: 'connect', peer: 2, port: ch.port1 });
    await b.post({ type: 'connect', peer: 1, port: ch.port2 });
    await a.boot(TREE, { id: 1 });
    await b.boot(sup('app', [worker('echo', 'echo', { name: 'echo' })]), { id: 2 });
    const close = (): void => {
      a.transport.terminate();
      b.transport.terminate();
    };
    return [a, b, close];
  }

  it('answers a call from one node to a process on another', async () => {
    const [a, b, close] = await pair();
    const rid = await a.request({
      type: 'call',
      to: b.pidOf('echo'),
      request: ['hi', 1],
      timeout: 1000,
    });
    for (let i = 0; i < 5 && a.reply(rid) === undefined; i++) {
      await a.run(20);
      await b.run(20);
    }
    expect(a.value(rid)).toEqual(['hi', 1]);
    close();
  });

  it('delivers DOWN noconnection to a monitor across a netsplit', async () => {
    const [a, b, close] = await pair();
    const echo = b.pidOf('echo');
    await a.post({ type: 'monitor', watcher: a.pidOf('count'), target: echo });
    await b.run(20);
    a.clear();
    await a.post({ type: 'disconnect', peer: 2 });
    await b.post({ type: 'disconnect', peer: 1 });
    await a.run(20);
    const down = a.trace().find((e) => e.type === 'down') as
      Extract<TraceEvent, { type: 'down' }> | undefined;
    expect(down?.reason).toBe('noconnection');
    expect(pidKey(down?.target as unknown as WirePid)).toBe(pidKey(echo));
    close();
  });
});

describe('nodeHost: determinism', () => {
  async function run(seed: number): Promise<string> {
    const h = new HostHarness({ speed: 2 });
    const tree = sup(
      'app',
      [
        worker('f', 'flaky', { args: { crash_probability: 0.3, interval: 100 } }),
        worker('t', 'ticker', { args: { interval: 70 } }),
      ],
      {
        intensity: 1000,
      },
    );
    await h.boot(tree, { seed });
    await h.run(2000);
    return JSON.stringify(h.events);
  }

  it('gives the same events for the same seed and commands, and others for another seed', async () => {
    const a = await run(7);
    expect(a).toContain('flaky_crash');
    expect(await run(7)).toBe(a);
    expect(await run(8)).not.toBe(a);
  });
});
