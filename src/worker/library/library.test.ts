import { describe, expect, it } from 'vitest';
import type { GenServerModule, Pid, Term } from '../../runtime';
import {
  call,
  childSpec,
  genServerBody,
  startLink,
  startSupervisor,
  supFlags,
} from '../../runtime';
import { system } from '../../runtime/testing/system';
import type { System } from '../../runtime/testing/system';
import {
  behaviours,
  counterModule,
  echoModule,
  flakyModule,
  kvStoreModule,
  slowTerminatorModule,
  tickerModule,
} from './index';

/** Spawns `mod` as process `w` (plus any extra named servers) and runs its init. */
function start<S>(
  mod: GenServerModule<S>,
  args: Term,
  opts: { name?: string; seed?: number } = {},
): System {
  const sys = system(opts.seed === undefined ? {} : { seed: opts.seed });
  sys.spawn('w', genServerBody(mod, args, opts.name === undefined ? {} : { name: opts.name }));
  return sys.runUntilIdle();
}

const callW = (sys: System, req: Term): Term =>
  sys.run((ctx) => call(ctx, sys.pid('w'), req), { advanceTime: false });
const state = (sys: System, path = 'w'): Term => sys.node.processInfo(sys.pid(path))?.state;
const cast = (sys: System, msg: Term): System => sys.send('w', ['$gen_cast', msg]).runUntilIdle();

describe('the behaviour registry', () => {
  it('lists the six library behaviours under their module names, each with a description', () => {
    expect(Object.keys(behaviours).sort()).toEqual([
      'counter',
      'echo',
      'flaky',
      'kv_store',
      'slow_terminator',
      'ticker',
    ]);
    for (const [name, b] of Object.entries(behaviours)) {
      expect(b.name).toBe(name);
      expect(b.module.name).toBe(name);
      expect(b.description.length).toBeGreaterThan(10);
    }
  });
});

describe('counter', () => {
  it('counts increments, answers get, and resets on a cast', () => {
    const sys = start(counterModule, { start: 0 });
    expect(callW(sys, 'increment')).toBe(1);
    expect(callW(sys, ['increment', 5])).toBe(6);
    expect(callW(sys, 'get')).toBe(6);
    cast(sys, 'reset');
    expect(state(sys)).toEqual({ count: 0 });
    sys.send('w', 'increment').runUntilIdle();
    expect(callW(sys, 'get')).toBe(1);
  });
});

describe('echo', () => {
  it('replies to a call with its request and sends {Pid, Msg} back to Pid', () => {
    const sys = start(echoModule, {});
    expect(callW(sys, ['hello', 1])).toEqual(['hello', 1]);
    const got: Term[] = [];
    sys.spawn('r', (ctx) => ctx.receive((m) => void got.push(m))).runUntilIdle();
    sys.send('w', [sys.pid('r'), 'back']).runUntilIdle();
    expect(got).toEqual(['back']);
    expect(state(sys)).toMatchObject({ mode: 'echo', echoed: 2 });
  });

  it('in ping_pong mode pings a named peer every interval and counts the pongs', () => {
    const sys = system();
    sys.spawn('ponger', genServerBody(echoModule, {}, { name: 'ponger' }));
    sys.spawn('w', genServerBody(echoModule, { mode: 'ping_pong', peer: 'ponger', interval: 100 }));
    sys.advance(1050);
    expect(state(sys)).toMatchObject({
      mode: 'ping_pong',
      peer: 'ponger',
      pings_sent: 10,
      pongs: 10,
    });
    expect(state(sys, 'ponger')).toMatchObject({ pings_answered: 10 });
  });

  it('keeps its beat when the peer is missing, and takes a new peer by cast', () => {
    const sys = start(echoModule, { mode: 'ping_pong', peer: 'nobody', interval: 100 });
    sys.advance(300);
    expect(state(sys)).toMatchObject({ pings_sent: 0, pongs: 0 });
    sys.spawn('p', genServerBody(echoModule, {})).runUntilIdle();
    cast(sys, ['set_peer', sys.pid('p')]);
    sys.advance(300);
    expect(state(sys)).toMatchObject({ pings_sent: 3, pongs: 3 });
  });
});

describe('kv_store', () => {
  it('puts, gets and deletes keys, answering get as maps:find does, and shows the map', () => {
    const sys = start(kvStoreModule, {});
    expect(callW(sys, ['put', 'a', 1])).toBe('ok');
    expect(callW(sys, ['put', 7, ['x', 'y']])).toBe('ok');
    expect(callW(sys, ['get', 'a'])).toEqual(['ok', 1]);
    expect(callW(sys, ['get', 'missing'])).toBe('error');
    expect(state(sys)).toEqual({ a: 1, '7': ['x', 'y'] });
    expect(callW(sys, ['delete', 'a'])).toBe('ok');
    cast(sys, ['put', 'b', 2]);
    expect(callW(sys, 'keys')).toEqual(['7', 'b']);
  });
});

describe('flaky', () => {
  it('crashes with flaky_crash on its first tick when the probability is 1', () => {
    const sys = start(flakyModule, { crash_probability: 1, interval: 100 });
    sys.advance(150);
    expect(sys.exitReason('w')).toBe('flaky_crash');
    expect(sys.events.some((e) => e.type === 'crash_report')).toBe(true);
  });

  it('never crashes at probability 0, and counts the ticks it survived', () => {
    const sys = start(flakyModule, { crash_probability: 0, interval: 100 });
    sys.advance(1050);
    expect(state(sys)).toMatchObject({ ticks_survived: 10 });
  });

  it('crashes at the same moment for the same seed', () => {
    const crashAt = (seed: number): number | undefined => {
      const sys = start(flakyModule, { crash_probability: 0.3, interval: 10 }, { seed });
      sys.advance(10_000);
      return sys.events.find((e) => e.type === 'exit')?.t;
    };
    expect(crashAt(42)).toBeDefined();
    expect(crashAt(42)).toBe(crashAt(42));
  });

  it('rolls the dice on calls too', () => {
    const sys = start(flakyModule, { crash_probability: 1, interval: 0 });
    expect(() => callW(sys, 'hello')).toThrow(/flaky_crash/);
  });
});

describe('ticker', () => {
  it('counts a tick every interval and stops when told', () => {
    const sys = start(tickerModule, { interval: 100 });
    sys.advance(350);
    expect(callW(sys, 'get')).toBe(3);
    expect(state(sys)).toMatchObject({ ticks: 3, running: true, next_tick_in: 50 });
    cast(sys, 'stop');
    sys.advance(500);
    expect(state(sys)).toMatchObject({ ticks: 3, running: false });
    cast(sys, 'start');
    sys.advance(100);
    expect(callW(sys, 'get')).toBe(4);
  });
});

describe('slow_terminator', () => {
  /** A one_for_one supervisor `root` with one slow_terminator child `w` and the given shutdown. */
  function underSupervisor(shutdown: number, terminateMs: number): System {
    const sys = system();
    const child = childSpec({
      id: 'w',
      shutdown,
      start: (c) => startLink(c, slowTerminatorModule, { terminate_ms: terminateMs }),
    });
    const started = sys.run((ctx) =>
      startSupervisor(ctx, {
        name: 'root',
        init: () => ({ flags: supFlags('erlang'), children: [child] }),
      }),
    );
    sys.name((started as [string, Pid])[1], 'root');
    const [[, pid]] = sys.supCall('root', ['which_children']) as [[string, Pid]];
    sys.name(pid, 'w');
    return sys;
  }

  it('traps exits and takes terminate_ms to shut down', () => {
    const sys = underSupervisor(5000, 1000);
    expect(sys.node.processInfo(sys.pid('w'))?.trapExit).toBe(true);
    const before = sys.clock.now();
    expect(sys.supCall('root', ['terminate_child', 'w'])).toBe('ok');
    expect(sys.exitReason('w')).toBe('shutdown');
    expect(sys.clock.now() - before).toBe(1000);
  });

  it('is killed when its shutdown is shorter than its terminate', () => {
    const sys = underSupervisor(200, 1000);
    sys.supCall('root', ['terminate_child', 'w']);
    expect(sys.exitReason('w')).toBe('killed');
  });

  it('shows in the inspector that it is terminating', () => {
    const sys = underSupervisor(5000, 1000);
    sys.send('w', ['$sys_terminate', 'shutdown']).advance(400);
    expect(state(sys)).toMatchObject({ terminating: true, terminate_left: 600 });
  });
});
