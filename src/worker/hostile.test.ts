// Hostile modules against the real compile path, in a locked-down realm, on a real node host.
import './sandbox/install';
import { describe, expect, it } from 'vitest';
import type { Term, TraceEvent } from '../runtime';
import { Node, call, genServerBody } from '../runtime';
import { system } from '../runtime/testing/system';
import type { System } from '../runtime/testing/system';
import type { WirePid } from '../base';
import { pidKey } from '../base';
import { CALLBACK_MS, CALLBACK_REDUCTIONS, lastStrayModule, meterFor } from './sandbox/meter';
import { HostHarness, settle, sup, worker } from './testing/hostHarness';
import { compileUserModule } from './userModule';

const EXCEEDED = ['reductions_exceeded', CALLBACK_REDUCTIONS];

/** A module whose handleInfo does `body` when sent anything. */
const onInfo = (body: string, init = "return ['ok', 0];"): string => `({
  init(args, ctx) { ${init} },
  handleInfo(msg, state, ctx) {
    ${body}
    return ['noreply', state];
  },
  handleCall(req, from, state) { return ['reply', state, state]; },
})`;

function compiled(name: string, source: string) {
  const r = compileUserModule({ name, source });
  if (!r.ok) throw new Error(r.error);
  return r.module;
}

function compileError(name: string, source: string): string {
  const r = compileUserModule({ name, source });
  if (r.ok) throw new Error('expected a compile error');
  return r.error;
}

/** Module `source` as process `w`, next to a bystander `b`, on a bare runtime node. */
function alone(source: string, name = 'evil'): System {
  const sys = system();
  sys.spawn('w', genServerBody(compiled(name, source), {}));
  sys.spawn('b', (ctx) => ctx.receive(() => undefined));
  return sys.runUntilIdle();
}

const ofType = <T extends TraceEvent['type']>(h: HostHarness, type: T) =>
  h.trace().filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);
const same = (a: unknown, b: WirePid): boolean => pidKey(a as WirePid) === pidKey(b);

/**
 * A node running `evil` (temporary, so its death is final) next to the library's
 * `count` and `echo` under one_for_one: the node stays up, and `count` still
 * restarts after a crash.
 */
async function hostile(source: string, extra: { name?: string }[] = []): Promise<HostHarness> {
  const h = new HostHarness({ speed: 10 });
  const rid = await h.boot(
    sup('app', [
      worker('evil', 'evil', { restart: 'temporary' }),
      ...extra.map((e, i) => worker(`evil${i + 2}`, 'evil', { restart: 'temporary', ...e })),
      worker('count', 'counter', { name: 'count' }),
      worker('echo', 'echo'),
    ]),
    { modules: [{ name: 'evil', source }] },
  );
  expect(h.reply(rid)?.ok).toBe(true);
  return h;
}

/** Sends `msg` to `evil` and returns its exit reason (undefined: still alive). */
async function provoke(h: HostHarness, msg: Term = 'go', who = 'evil'): Promise<Term | undefined> {
  const pid = h.pidOf(who);
  await h.post({ type: 'send', to: pid, msg });
  await h.run(200);
  return ofType(h, 'exit').find((e) => same(e.pid, pid))?.reason;
}

/** The node answers, `count` works, and a crash of it is still followed by a restart. */
async function expectNodeFine(h: HostHarness): Promise<void> {
  const before = h.events.length;
  await h.post({ type: 'ping', seq: 7 });
  expect(h.events.slice(before)).toContainEqual({ type: 'pong', seq: 7 });
  const got = await h.request({ type: 'call', to: 'count', request: 'increment', timeout: 1000 });
  await h.run(50);
  expect(h.value(got)).toBe(1);
  const count = h.pidOf('count');
  await h.post({ type: 'crash', pid: count, reason: 'boom' });
  await h.run(100);
  expect(same(h.pidOf('count'), count)).toBe(false);
  const again = await h.request({ type: 'call', to: 'count', request: 'get', timeout: 1000 });
  await h.run(50);
  expect(h.value(again)).toBe(0);
}

describe('a runaway callback costs only its process', () => {
  it('ends an endless loop with {reductions_exceeded, N}; the node and every other process go on', async () => {
    const h = await hostile(onInfo('while (true) {}'));
    expect(await provoke(h)).toEqual(EXCEEDED);
    await expectNodeFine(h);
  });

  it('cannot be caught: a loop around a try/catch around the loop still ends', async () => {
    const h = await hostile(
      onInfo('for (;;) { try { for (;;) {} } catch (e) { state = e; } } return state;'),
    );
    expect(await provoke(h)).toEqual(EXCEEDED);
    await expectNodeFine(h);
  });

  it('a callback that catches the budget and returns normally still exits', () => {
    const sys = alone(onInfo('try { for (;;) {} } catch (e) {}'));
    sys.send('w', 'go').runUntilIdle();
    expect(sys.exitReason('w')).toEqual(EXCEEDED);
    sys.expectAlive('b');
  });

  it('turns deep recursion into that process crash (RangeError), not the node', async () => {
    const h = await hostile(onInfo('const f = (n) => f(n + 1) + 1; f(0);'));
    const reason = (await provoke(h)) as [string, string];
    expect(reason[0]).toBe('error');
    expect(reason[1]).toMatch(/^RangeError: evil\.handleInfo: Maximum call stack size exceeded/);
    await expectNodeFine(h);
  });

  it('stops a recursion that catches its own stack overflow and recurses again', async () => {
    const h = await hostile(onInfo('function f() { try { f(); } catch (e) { f(); } } f();'));
    // Unwinding and re-entering a full stack is slow work: the clock may stop it before the count.
    expect(((await provoke(h)) as string[])[0]).toMatch(/^(reductions|cpu_time)_exceeded$/);
    await expectNodeFine(h);
  });

  it('preempts a process whose callbacks work hard after its message, as BEAM does', () => {
    const busy = (charged: boolean): number => {
      const node = new Node();
      const r = compileUserModule(
        { name: 'busy', source: onInfo('for (let i = 0; i < 300000; i++) {}') },
        charged ? { charge: (n) => node.charge(n) } : {},
      );
      if (!r.ok) throw new Error(r.error);
      const w = node.spawn(genServerBody(r.module, {}));
      node.runUntilIdle();
      for (let i = 0; i < 5; i++) node.send(undefined, w, 'burn');
      node.step();
      return node.processInfo(w)?.mailbox.length ?? -1;
    };
    // 300,000 counted reductions are 3,000 of a turn's 2,000: the turn ends after one message.
    expect(busy(true)).toBe(4);
    expect(busy(false)).toBe(0);
  });

  it('stops a loop of slow native work by the clock before the watchdog has to', () => {
    const sys = alone(
      onInfo('const big = new Array(200000).fill(7); for (;;) JSON.stringify(big);'),
    );
    const t0 = performance.now();
    sys.send('w', 'go').runUntilIdle();
    expect(sys.exitReason('w')).toEqual(['cpu_time_exceeded', CALLBACK_MS]);
    expect(performance.now() - t0).toBeLessThan(3 * CALLBACK_MS);
    sys.expectAlive('b');
  });

  it('counts getters, receive patterns and describe too', () => {
    const getter = alone(onInfo('const o = { get x() { for (;;) {} } }; o.x;'));
    getter.send('w', 'go').runUntilIdle();
    expect(getter.exitReason('w')).toEqual(EXCEEDED);

    const source = `({
      init() { return ['ok', 0]; },
      *handleCall(req, from, state) {
        const m = yield* otp.receive((m) => { for (;;) {} }, 1000);
        return ['reply', m, state];
      },
      describe(state) { for (;;) {} },
    })`;
    const sys = alone(source);
    expect(sys.node.processInfo(sys.pid('w'))?.state).toEqual({
      describe_error: 'reductions_exceeded',
    });
    sys.enqueue((ctx) => {
      ctx.send(sys.pid('w'), ['$gen_call', [ctx.self, ctx.makeRef()], 'x']);
      ctx.send(sys.pid('w'), 'anything');
    });
    sys.runUntilIdle();
    expect(sys.exitReason('w')).toEqual(EXCEEDED);
  });

  it('makes an endless loop at the top level a compile error', () => {
    expect(
      compileError('spin', "(() => { for (;;) {} })() || ({ init() { return ['ok', 0]; } })"),
    ).toBe(
      'module spin: evaluating the module used more than 10,000,000 reductions (an endless loop at its top level?)',
    );
  });

  it('bounds code that runs after the callback, in a promise reaction', async () => {
    const sys = alone(
      onInfo('Promise.resolve().then(() => { for (;;) {} }).catch(otp.isTuple);'),
      'stray',
    );
    sys.send('w', 'go').runUntilIdle();
    await settle();
    expect(lastStrayModule()).toBe('stray');
    sys.expectAlive('w', 'b');
    // The meter outside any callback charges a budget of its own, which also runs out.
    const meter = meterFor('stray');
    expect(() => {
      for (;;) meter();
    }).toThrow();
  });
});

describe('a module has only otp and its own ctx', () => {
  const GLOBALS = [
    'self',
    'window',
    'postMessage',
    'onmessage',
    'fetch',
    'WebSocket',
    'XMLHttpRequest',
    'importScripts',
    'Worker',
    'indexedDB',
    'caches',
    'BroadcastChannel',
    'setTimeout',
    'setInterval',
    'queueMicrotask',
    'eval',
    'Function',
    'Compartment',
    'lockdown',
    'process',
    'require',
  ];

  it('sees none of the worker’s globals, timers or evaluators', () => {
    const report = `({
      init() {
        const seen = {};
        for (const name of ${JSON.stringify(GLOBALS)}) seen[name] = typeof globalThis[name];
        return ['ok', seen];
      },
    })`;
    const sys = alone(report);
    const seen = sys.node.processInfo(sys.pid('w'))?.state as Record<string, string>;
    expect(Object.keys(seen)).toEqual(GLOBALS);
    for (const name of GLOBALS) expect([name, seen[name]]).toEqual([name, 'undefined']);
  });

  it('cannot reach a new evaluator through a constructor either', () => {
    const sys = alone(
      onInfo("(function () {}).constructor('for (;;) {}')();", "return ['ok', 0];"),
    );
    sys.send('w', 'go').runUntilIdle();
    expect((sys.exitReason('w') as string[])[1]).toMatch(/^TypeError: evil\.handleInfo: /);
  });

  it('gets a frozen ctx: no node, no process table, no runtime object reachable from it', () => {
    const report = `({
      init(args, ctx) {
        const proto = Object.getPrototypeOf(ctx);
        let made = 'no';
        try { new proto.constructor(undefined, {}, {}); made = 'yes'; } catch (e) {}
        const statics = Object.getOwnPropertyNames(proto.constructor).sort().join(' ');
        let detached = 'no';
        try { const { send } = ctx; send(ctx.self, 1); detached = 'yes'; } catch (e) {}
        return ['ok', {
          own: Reflect.ownKeys(ctx).map(String).sort().join(' '),
          methods: Object.getOwnPropertyNames(proto).filter((k) => k !== 'constructor').sort().join(' '),
          node: typeof ctx.node,
          frozen: Object.isFrozen(ctx) && Object.isFrozen(proto) && Object.isFrozen(ctx.send),
          self_frozen: Object.isFrozen(ctx.self) && Object.isFrozen(Object.getPrototypeOf(ctx.self)),
          made,
          detached,
          statics,
        }];
      },
    })`;
    const sys = alone(report);
    expect(sys.node.processInfo(sys.pid('w'))?.state).toEqual({
      own: 'parent self',
      methods:
        'cancelTimer demonitor exit exitSignal isAlive isTrappingExits link makeRef monitor now random receive register send sendAfter spawn spawnLink trapExit unlink unregister whereis',
      node: 'undefined',
      frozen: true,
      self_frozen: true,
      made: 'no',
      detached: 'no',
      // Nothing on the class either: it only has what every class has.
      statics: 'length name prototype',
    });
  });

  it('cannot change anything shared it can reach: otp, ctx, pids, caught exits, generators, effects', () => {
    const probe = `({
      init(args, ctx) {
        const probes = {
          otp: () => { otp.call = null; },
          ctx: () => { ctx.send = null; },
          pidProto: () => { Object.getPrototypeOf(ctx.self).toString = () => 'x'; },
          pidClass: () => { Object.getPrototypeOf(ctx.self).constructor.x = 1; },
          pid: () => { ctx.self.id = 1; },
          callGen: () => {
            Object.getPrototypeOf(otp.call(ctx, 'nobody', 1)).next = () => ({ done: true, value: 'forged' });
          },
          receiveGen: () => { Object.getPrototypeOf(otp.receive(() => true)).next = () => 1; },
          effect: () => { const eff = otp.sleep(10).next().value; eff.after = 0; },
          caughtExit: () => { try { ctx.exit('x'); } catch (e) { Object.getPrototypeOf(e).x = 1; } },
          caughtError: () => { try { ctx.send('nobody', 1); } catch (e) { Object.getPrototypeOf(e).x = 1; } },
          // SES makes a module's Error.prepareStackTrace a no-op: the assignment is ignored.
          prepareStackTrace: () => {
            const mine = () => 'mine';
            Error.prepareStackTrace = mine;
            if (Error.prepareStackTrace !== mine) throw new Error('ignored');
          },
          intrinsic: () => { Object.prototype.polluted = 1; },
        };
        const result = {};
        for (const k of Object.keys(probes)) {
          try { probes[k](); result[k] = 'changed'; } catch (e) { result[k] = 'refused'; }
        }
        return ['ok', result];
      },
    })`;
    const sys = alone(probe);
    const result = sys.node.processInfo(sys.pid('w'))?.state as Record<string, string>;
    for (const [k, v] of Object.entries(result)) expect([k, v]).toEqual([k, 'refused']);
    expect(Object.keys(result)).toHaveLength(12);
    expect(String(sys.pid('w'))).toMatch(/^<\d+\.\d+\.0>$/);
    expect(new Error('host').stack).toMatch(/^Error: host\n\s+at /);
  });

  it('cannot replace a shared intrinsic (Array.prototype.push): only that process crashes', async () => {
    const h = await hostile(onInfo('Array.prototype.push = () => 0;'));
    const reason = (await provoke(h)) as [string, string];
    expect(reason[1]).toMatch(/^TypeError: evil\.handleInfo: Cannot assign to read only property/);
    expect([1].push(2)).toBe(2);
    await expectNodeFine(h);
  });

  it('cannot act as a process through a pid it made up (exit/2 to a forged pid is badarg)', async () => {
    const h = await hostile(
      onInfo(
        'const Pid = Object.getPrototypeOf(ctx.self).constructor; ctx.exitSignal(new Pid(1, msg), "kill");',
      ),
    );
    const count = h.pidOf('count');
    expect(await provoke(h, count.id)).toBe('badarg');
    expect(ofType(h, 'exit').some((e) => same(e.pid, count))).toBe(false);
    await expectNodeFine(h);
  });

  it('cannot use another process’s ctx, kept in a module variable', async () => {
    const source = `(() => {
      let saved;
      return {
        init(args, ctx) { saved ??= ctx; return ['ok', 0]; },
        handleInfo(msg, state, ctx) {
          if (msg === 'spoof') saved.send(saved.self, 'spoofed');
          if (msg === 'call') otp.cast(saved, 'count', 'x');
          return ['noreply', state];
        },
      };
    })()`;
    const h2 = await hostile(source, [{}]);
    const first = h2.pidOf('evil');
    const reason = (await provoke(h2, 'spoof', 'evil2')) as [string, string];
    expect(reason[1]).toMatch(
      /^TypeError: evil\.handleInfo: ctx\.send: this ctx belongs to <1\.\d+\.0>, which is not the process running now/,
    );
    const reason2 = (await provoke(h2, 'call', 'evil')) as Term;
    expect(reason2).toBeUndefined(); // its own ctx: fine
    expect(ofType(h2, 'receive').some((e) => same(e.pid, first) && e.msg === 'spoofed')).toBe(
      false,
    );
    await expectNodeFine(h2);
  });

  it('cannot cancel a timer it did not start', () => {
    const sys = alone(
      onInfo(
        "state = [ctx.cancelTimer({ id: 1 }), ctx.cancelTimer(ctx.makeRef()), ctx.cancelTimer(ctx.sendAfter(10, ctx.self, 't')) !== false];",
      ),
    );
    sys.send('w', 'go').runUntilIdle();
    expect(sys.node.processInfo(sys.pid('w'))?.state).toEqual([false, false, true]);
  });

  it('cannot change a message another process still holds: what arrives is a frozen copy', () => {
    const sys = alone(onInfo('msg.list.push(3);'));
    const sent = { list: [1, 2] };
    sys.send('w', sent as unknown as Term).runUntilIdle();
    expect(sent.list).toEqual([1, 2]);
    expect((sys.exitReason('w') as string[])[1]).toMatch(/^TypeError: evil\.handleInfo: /);
  });
});

describe('whatever a module throws, returns or stores is made safe', () => {
  const thrown = async (expr: string): Promise<string> => {
    const h = await hostile(onInfo(`throw ${expr};`));
    const reason = (await provoke(h)) as [string, string];
    expect(reason[0]).toBe('error');
    await expectNodeFine(h);
    return reason[1];
  };

  it('describes exceptions without calling their code', async () => {
    expect(await thrown('{ toString() { throw new Error("gotcha"); } }')).toBe(
      "Error: evil.handleInfo: #{toString => '#Fun<toString>'}",
    );
    expect(
      await thrown(
        '(() => { const e = new Error("x"); Object.defineProperty(e, "message", { get() { for (;;) {} } }); return e; })()',
      ),
    ).toBe('Error: evil.handleInfo: #Error');
    expect(await thrown('Symbol("odd")')).toBe('Error: evil.handleInfo: #Symbol<odd>');
    expect(await thrown('new Proxy({}, { ownKeys() { throw 1; } })')).toBe(
      'Error: evil.handleInfo: #unreadable',
    );
  });

  it('turns a WeakMap, a function and a symbol in state, replies, messages and reasons into stand-ins', async () => {
    const source = `({
      init(args, ctx) {
        return ['ok', { weak: new WeakMap(), fn() {}, sym: Symbol('s'), map: new Map([[1, 2]]) }];
      },
      handleCall(req, from, state, ctx) {
        ctx.send(otp.isPid(ctx.parent) ? ctx.parent : ctx.self, { weak: new WeakMap() });
        ctx.send('count', new WeakSet());
        if (req === 'stop') return ['stop', { why: new WeakMap() }, 'bye', state];
        return ['reply', [new WeakMap(), () => 1], state];
      },
    })`;
    const h = await hostile(source);
    const evil = h.pidOf('evil');
    const snap = h.states().find((s) => same(s.pid, evil))?.state;
    expect(snap).toEqual({ weak: '#WeakMap', fn: '#Fun<fn>', sym: '#Symbol<s>', map: '#Map' });
    const got = await h.request({ type: 'call', to: evil, request: 'x', timeout: 1000 });
    await h.run(50);
    expect(h.value(got)).toEqual(['#WeakMap', '#Fun<anonymous>']);
    const stop = await h.request({ type: 'call', to: evil, request: 'stop', timeout: 1000 });
    await h.run(50);
    expect(h.value(stop)).toBe('bye');
    expect(ofType(h, 'exit').find((e) => same(e.pid, evil))?.reason).toEqual({ why: '#WeakMap' });
    const inspect = await h.request({ type: 'inspect', pid: h.pidOf('count') });
    await h.run(20);
    expect(h.reply(inspect)?.ok).toBe(true);
    await expectNodeFine(h);
  });

  it('cuts a cyclic or absurdly deep state instead of hanging the host', async () => {
    const source = `({
      init() {
        const a = { name: 'a' }; a.self = a;
        let deep = 0; for (let i = 0; i < 10000; i++) deep = [deep];
        return ['ok', { a, deep, long: 'x'.repeat(1e7) }];
      },
    })`;
    const h = await hostile(source);
    const snap = h.states().find((s) => same(s.pid, h.pidOf('evil')))?.state as {
      a: { self: unknown };
      long: string;
    };
    expect(snap.a.self).toBe('#cycle');
    expect(snap.long).toHaveLength(100_001);
    await expectNodeFine(h);
  });
});

describe('modules compile only where they are used, exactly as checked', () => {
  it('never runs a module the node does not use', async () => {
    const h = new HostHarness();
    const rid = await h.boot(sup('app', [worker('count', 'counter', { name: 'count' })]), {
      modules: [{ name: 'bomb', source: "(() => { throw new Error('boom'); })()" }],
    });
    expect(h.reply(rid)?.ok).toBe(true);
    expect(h.errors()).toEqual([]);
  });

  it('cannot fool the check: there is no self to post an answer with', () => {
    expect(
      compileError(
        'liar',
        "(self.postMessage({ ok: true }), (() => { for (;;) {} })(), { init() { return ['ok', 0]; } })",
      ),
    ).toMatch(/^module liar: evaluating the module threw TypeError: .*postMessage/);
  });

  it('refuses async code and any mention of the meter', () => {
    expect(compileError('a', "({ async init() { return ['ok', 0]; } })")).toMatch(
      /^module a: async functions are not supported.* \(line 1\)$/,
    );
    expect(compileError('a', "({ init() { $$otp_meter = null; return ['ok', 0]; } })")).toMatch(
      /^module a: the name \$\$otp_meter is reserved \(line 1\)$/,
    );
    expect(compileError('a', "({ init() { return ['ok', 0]; } }), (1")).toMatch(
      /^module a: (the source must be one expression|SyntaxError)/,
    );
    expect(compileError('a', "({ init() { return ['ok', 0]; } })); for (;;) {} (({")).toMatch(
      /^module a: (the source must be one expression|SyntaxError)/,
    );
  });

  it('keeps the documented API: a call between two user processes, sleep, receive, timers, spawn', () => {
    const source = `({
      init(args, ctx) {
        const child = ctx.spawnLink((c) => c.receive((m) => { if (otp.isPid(m)) c.send(m, 'from child'); }));
        return ['ok', { child, got: [] }];
      },
      *handleCall(req, from, state, ctx) {
        if (req === 'ask') {
          ctx.send(state.child, ctx.self);
          const m = yield* otp.receive((m) => m === 'from child', 1000);
          yield* otp.sleep(10);
          return ['reply', m, state];
        }
        return ['reply', otp.format(['ok', req]), state];
      },
    })`;
    const sys = alone(source);
    expect(sys.run((ctx) => call(ctx, sys.pid('w'), 'ask'))).toBe('from child');
    expect(sys.run((ctx) => call(ctx, sys.pid('w'), 'x'))).toBe('{ok,x}');
  });

  it('keeps a deferred reply (noreply, then otp.reply from handleInfo) and a call timeout working', () => {
    const source = `({
      init() { return ['ok', { waiting: null }]; },
      handleCall(req, from, state, ctx) {
        if (req === 'later') { ctx.sendAfter(50, ctx.self, 'answer'); return ['noreply', { waiting: from }]; }
        return ['reply', 'now', state, 100];
      },
      handleInfo(msg, state, ctx) {
        if (msg === 'answer') otp.reply(ctx, state.waiting, 'done');
        if (msg === 'timeout') otp.log(ctx, 'idle');
        return ['noreply', { waiting: null }];
      },
    })`;
    const sys = alone(source);
    expect(sys.run((ctx) => call(ctx, sys.pid('w'), 'later'))).toBe('done');
    expect(sys.run((ctx) => call(ctx, sys.pid('w'), 'x'))).toBe('now');
    sys.advance(200);
    sys.expectAlive('w');
  });
});
