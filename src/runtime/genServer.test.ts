import { describe, expect, it } from 'vitest';
import type { Ctx } from './ctx';
import type { Eff } from './effects';
import { runEff, sleep } from './effects';
import type { From, GenServerModule, StartResult } from './genServer';
import { call, cast, genServerBody, reply, startLink } from './genServer';
import type { Pid, Term } from './term';
import { isTuple, list } from './term';
import { system } from './testing/system';
import type { System } from './testing/system';

/** A counter server whose callbacks a test can override; it logs every callback it runs. */
function counter(
  log: string[],
  over: Partial<GenServerModule<number, Term>> = {},
): GenServerModule<number, Term> {
  return {
    name: 'counter',
    init: (arg) => (typeof arg === 'number' ? ['ok', arg] : (arg as 'ignore')),
    handleCall: (req, _from, n) => {
      log.push(`call ${String(req)}`);
      if (req === 'get') return ['reply', n, n];
      if (req === 'inc') return ['reply', n + 1, n + 1];
      if (req === 'stop') return ['stop', 'normal', 'bye', n];
      return ['noreply', n];
    },
    handleCast: (msg, n) => {
      log.push(`cast ${JSON.stringify(msg)}`);
      if (isTuple(msg) && msg[0] === 'stop') return ['stop', msg[1] as Term, n];
      if (msg === 'throw') throw new Error('oops');
      return ['noreply', n + 1];
    },
    handleInfo: (msg, n) => {
      log.push(`info ${JSON.stringify(msg)}`);
      return ['noreply', n];
    },
    terminate: (reason, n) => void log.push(`terminate ${JSON.stringify(reason)} ${n}`),
    ...over,
  };
}

/** Starts `mod` linked to the driver (which traps exits) and names it `srv`. */
function start(
  sys: System,
  mod: GenServerModule<number, Term>,
  arg: Term = 0,
  trapExit = false,
  advanceTime = true,
): StartResult {
  let pid: Pid | undefined;
  const work = function* (ctx: Ctx): Eff<Term> {
    const res = yield* startLink(ctx, mod, arg, { trapExit });
    if (isTuple(res) && res[0] === 'ok') pid = res[1] as Pid;
    return res as unknown as Term;
  };
  const r = sys.run(work, { advanceTime }) as unknown as StartResult;
  if (pid !== undefined) sys.name(pid, 'srv');
  return r;
}

/** Spawns a `caller` process that calls the server and records the answer (or dies trying). */
function caller(sys: System, work: (ctx: Ctx) => Eff<Term>, out: Term[] = []): System {
  return sys.spawn('caller', (ctx) => runEff(ctx, work(ctx), (r) => void out.push(r)));
}

describe('init and the start result', () => {
  it('returns {ok, Pid} for {ok, State}, and the server runs', () => {
    const sys = system();
    expect(start(sys, counter([]), 5)).toEqual(['ok', sys.pid('srv')]);
    sys.expectAlive('srv');
    expect(sys.run((ctx) => call(ctx, sys.pid('srv'), 'get'))).toBe(5);
    expect(sys.lines(['init'])).toEqual(['init srv ok']);
  });

  it('returns ignore for ignore, and the process exits normal', () => {
    const sys = system();
    expect(start(sys, counter([]), 'ignore')).toBe('ignore');
    const init = sys.events.find((e) => e.type === 'init');
    expect(init).toMatchObject({ result: 'ignore' });
    const pid = (init as { pid: Pid }).pid;
    expect(sys.events.find((e) => e.type === 'exit' && e.pid === pid)).toMatchObject({
      reason: 'normal',
    });
  });

  it('returns {error, R} for {stop, R}, and the process exits R', () => {
    const sys = system();
    const mod = counter([], { init: () => ['stop', 'no_db'] });
    expect(start(sys, mod)).toEqual(['error', 'no_db']);
    expect(sys.lines(['init', 'exit']).map((l) => l.replace(/<[\d.]+>/, 'P'))).toEqual([
      'init P stop no_db',
      'exit P no_db',
    ]);
  });

  it('returns {error, {error, Message}} for an exception in init', () => {
    const sys = system();
    const mod = counter([], {
      init: () => {
        throw new RangeError('bad arg');
      },
    });
    expect(start(sys, mod)).toEqual(['error', ['error', 'RangeError: bad arg']]);
  });

  it('lets a blocking init (a generator) take virtual time before acking', () => {
    const sys = system();
    const mod = counter([], {
      *init(): Eff<readonly ['ok', number]> {
        yield* sleep(700);
        return ['ok', 1];
      },
    });
    expect(start(sys, mod)).toEqual(['ok', sys.pid('srv')]);
    expect(sys.events.find((e) => e.type === 'init')?.t).toBe(700);
  });

  it('registers the name given in the start options', () => {
    const sys = system();
    const r = sys.run((ctx) => startLink(ctx, counter([]), 3, { name: 'cnt' }));
    expect(sys.node.whereis('cnt')).toEqual((r as Term[])[1]);
    expect(sys.run((ctx) => call(ctx, 'cnt', 'get'))).toBe(3);
  });

  it('returns {error, {already_started, Pid}} when the name is taken', () => {
    const sys = system();
    const first = sys.run((ctx) => startLink(ctx, counter([]), 1, { name: 'cnt' })) as Term[];
    const second = sys.run((ctx) => startLink(ctx, counter([]), 2, { name: 'cnt' }));
    expect(second).toEqual(['error', ['already_started', first[1]]]);
  });

  it('times out to handle_info(timeout) for {ok, State, Timeout}', () => {
    const log: string[] = [];
    const sys = system();
    start(sys, counter(log, { init: () => ['ok', 0, 300] }), 0, false, false);
    sys.advance(299);
    expect(log).toEqual([]);
    sys.advance(1);
    expect(log).toEqual(['info "timeout"']);
    sys.advance(1000);
    expect(log).toEqual(['info "timeout"']);
  });
});

describe('call', () => {
  it('returns the reply of handle_call', () => {
    const sys = system();
    start(sys, counter([]), 41);
    expect(sys.run((ctx) => call(ctx, sys.pid('srv'), 'inc'))).toBe(42);
    expect(sys.run((ctx) => call(ctx, sys.pid('srv'), 'get'))).toBe(42);
  });

  it('accepts a later reply/2 for a {noreply, S} answer', () => {
    let pending: From | undefined;
    const mod = counter([], {
      handleCall: (_req, from, n) => {
        pending = from;
        return ['noreply', n];
      },
      handleInfo: (_msg, n, ctx) => {
        if (pending) reply(ctx, pending, 'later');
        return ['noreply', n];
      },
    });
    const sys = system();
    start(sys, mod);
    const out: Term[] = [];
    caller(sys, (ctx) => call(ctx, sys.pid('srv'), 'q'), out).runUntilIdle();
    expect(out).toEqual([]);
    sys.send('srv', 'tick').runUntilIdle();
    expect(out).toEqual(['later']);
  });

  it('exits the caller with {timeout, {gen_server, call, [Server, Req, T]}} when no reply comes in time', () => {
    const sys = system();
    start(sys, counter([]));
    const srv = sys.pid('srv');
    caller(sys, (ctx) => call(ctx, srv, 'never', 100))
      .advance(99)
      .expectAlive('caller')
      .advance(1);
    expect(sys.exitReason('caller')).toEqual([
      'timeout',
      ['gen_server', 'call', list(srv, 'never', 100)],
    ]);
    expect(sys.node.processInfo(srv)?.monitoredBy).toEqual([]);
  });

  it('exits the caller with noproc for a dead pid or an unregistered name', () => {
    const sys = system()
      .spawn('dead', () => undefined)
      .runUntilIdle();
    const dead = sys.pid('dead');
    caller(sys, (ctx) => call(ctx, dead, 'get')).runUntilIdle();
    expect(sys.exitReason('caller')).toEqual([
      'noproc',
      ['gen_server', 'call', list(dead, 'get', 5000)],
    ]);
    caller(sys, (ctx) => call(ctx, 'nobody', 'get', 'infinity')).runUntilIdle();
    expect(sys.exitReason('caller')).toEqual([
      'noproc',
      ['gen_server', 'call', list('nobody', 'get', 'infinity')],
    ]);
  });

  it('exits the caller with calling_self when a process calls itself', () => {
    const sys = system();
    sys
      .spawn('caller', (ctx) => runEff(ctx, call(ctx, ctx.self, 'get'), () => undefined))
      .runUntilIdle();
    expect(sys.exitReason('caller')).toEqual([
      'calling_self',
      ['gen_server', 'call', list(sys.pid('caller'), 'get', 5000)],
    ]);
  });

  it("exits the caller with the server's reason when the server dies during the call", () => {
    const sys = system();
    start(sys, counter([], { handleCall: () => ['stop', 'boom', 0] }));
    const srv = sys.pid('srv');
    caller(sys, (ctx) => call(ctx, srv, 'x', 'infinity')).runUntilIdle();
    expect(sys.exitReason('caller')).toEqual([
      'boom',
      ['gen_server', 'call', list(srv, 'x', 'infinity')],
    ]);
  });

  it('replies, then runs terminate for {stop, R, Reply, S}', () => {
    const log: string[] = [];
    const sys = system();
    start(sys, counter(log), 3);
    expect(sys.run((ctx) => call(ctx, sys.pid('srv'), 'stop'))).toBe('bye');
    expect(log).toEqual(['call stop', 'terminate "normal" 3']);
    expect(sys.exitReason('srv')).toBe('normal');
  });

  it('sends the {stop, R, Reply, S} reply only after terminate/2 has finished', () => {
    const sys = system();
    start(sys, counter([], { terminate: () => sleep(500) }));
    const out: Term[] = [];
    const srv = sys.pid('srv');
    sys.spawn('caller', (ctx) =>
      runEff(ctx, call(ctx, srv, 'stop', 'infinity'), (r) => void out.push(ctx.now(), r)),
    );
    sys.settle();
    expect(out).toEqual([500, 'bye']);
  });

  it('stops the server with {bad_call, Req} when it has no handle_call', () => {
    const sys = system();
    start(sys, { name: 'mute', init: () => ['ok', 0] });
    const srv = sys.pid('srv');
    caller(sys, (ctx) => call(ctx, srv, 'hello')).runUntilIdle();
    expect(sys.exitReason('srv')).toEqual(['bad_call', 'hello']);
  });

  it('serves other messages while a blocking callback waits (its own mailbox keeps them)', () => {
    const log: string[] = [];
    const sys = system();
    start(
      sys,
      counter(log, {
        *handleCall(req, _from, n): Eff<readonly ['reply', Term, number]> {
          yield* sleep(100);
          return ['reply', ['slow', req], n];
        },
      }),
    );
    const srv = sys.pid('srv');
    const out: Term[] = [];
    caller(sys, (ctx) => call(ctx, srv, 1), out);
    sys.send('srv', 'info_during_call').advance(50);
    expect(log).toEqual([]);
    sys.advance(50);
    expect(out).toEqual([['slow', 1]]);
    expect(log).toEqual(['info "info_during_call"']);
  });
});

describe('cast and info', () => {
  it('runs handle_cast, and never fails even for a dead server', () => {
    const log: string[] = [];
    const sys = system();
    start(sys, counter(log));
    const srv = sys.pid('srv');
    sys.run((ctx) => cast(ctx, srv, 'a'));
    expect(sys.run((ctx) => call(ctx, srv, 'get'))).toBe(1);
    sys.kill('srv').settle();
    expect(sys.run((ctx) => cast(ctx, srv, 'b'))).toBeUndefined();
    expect(sys.run((ctx) => cast(ctx, 'nobody', 'b'))).toBeUndefined();
  });

  it('gives plain messages to handle_info', () => {
    const log: string[] = [];
    const sys = system();
    start(sys, counter(log));
    sys.send('srv', 'hello').send('srv', ['a', 1]).runUntilIdle();
    expect(log).toEqual(['info "hello"', 'info ["a",1]']);
  });

  it('runs handle_info(timeout) for {noreply, S, T} when nothing arrives in time', () => {
    const log: string[] = [];
    const sys = system();
    start(sys, counter(log, { handleCast: (_m, n) => ['noreply', n, 200] }));
    sys.send('srv', ['$gen_cast', 'go']).advance(199);
    expect(log).toEqual([]);
    sys.advance(1);
    expect(log).toEqual(['info "timeout"']);
  });

  it('cancels the {noreply, S, T} timeout when a message arrives first', () => {
    const log: string[] = [];
    const sys = system();
    start(sys, counter(log, { handleCast: (_m, n) => ['noreply', n, 200] }));
    sys.send('srv', ['$gen_cast', 'go']).advance(100).send('srv', 'hi').advance(1000);
    expect(log).toEqual(['info "hi"']);
  });
});

describe('stopping', () => {
  it('runs terminate(R, S) and exits R for {stop, R, S}', () => {
    const log: string[] = [];
    const sys = system();
    start(sys, counter(log), 7);
    sys.send('srv', ['$gen_cast', ['stop', 'boom']]).runUntilIdle();
    expect(log).toEqual(['cast ["stop","boom"]', 'terminate "boom" 7']);
    expect(sys.exitReason('srv')).toBe('boom');
  });

  it('lets a slow terminate (a generator) take virtual time', () => {
    const sys = system();
    start(sys, counter([], { terminate: () => sleep(300) }));
    sys.send('srv', ['$gen_cast', ['stop', 'normal']]).settle();
    expect(sys.events.find((e) => e.type === 'exit' && e.pid === sys.pid('srv'))?.t).toBe(300);
  });

  it('runs terminate then exits with the parent’s reason when a trapping server’s parent exits', () => {
    const log: string[] = [];
    const sys = system();
    // The parent is a plain process that starts the server, then exits with whatever it is sent.
    sys.spawn('parent', (ctx) =>
      runEff(ctx, startLink(ctx, counter(log), 0, { trapExit: true }), (r) => {
        sys.name((r as readonly Term[])[1] as Pid, 'srv');
        ctx.receive((m) => ctx.exit(m));
      }),
    );
    sys.runUntilIdle().send('parent', 'boom').runUntilIdle();
    expect(log).toEqual(['terminate "boom" 0']);
    expect(sys.exitReason('srv')).toBe('boom');
  });

  it('hands an EXIT from a process other than the parent to handle_info', () => {
    const infos: Term[] = [];
    const sys = system();
    start(sys, counter([], { handleInfo: (m, n) => (infos.push(m), ['noreply', n]) }), 0, true);
    sys
      .spawn('stranger', (ctx) => ctx.exitSignal(sys.pid('srv'), 'meh'))
      .runUntilIdle()
      .expectAlive('srv');
    expect(infos).toEqual([['EXIT', sys.pid('stranger'), 'meh']]);
  });

  it('does not run terminate when the parent’s exit kills a non-trapping server', () => {
    const log: string[] = [];
    const sys = system();
    sys.spawn('parent', (ctx) =>
      runEff(ctx, startLink(ctx, counter(log), 0), (r) => {
        sys.name((r as readonly Term[])[1] as Pid, 'srv');
        ctx.receive((m) => ctx.exit(m));
      }),
    );
    sys.runUntilIdle().send('parent', 'boom').runUntilIdle();
    expect(log).toEqual([]);
    expect(sys.exitReason('srv')).toBe('boom');
  });

  it('does not run terminate when killed, even when trapping', () => {
    const log: string[] = [];
    const sys = system();
    start(sys, counter(log), 0, true);
    sys.kill('srv').runUntilIdle();
    expect(log).toEqual([]);
    expect(sys.exitReason('srv')).toBe('killed');
  });

  it('runs terminate and exits {error, Message} for an exception in a callback', () => {
    const log: string[] = [];
    const sys = system();
    start(sys, counter(log));
    sys.send('srv', ['$gen_cast', 'throw']).runUntilIdle();
    expect(log).toEqual(['cast "throw"', 'terminate ["error","Error: oops"] 0']);
    expect(sys.exitReason('srv')).toEqual(['error', 'Error: oops']);
  });

  it('runs terminate for exit/1 inside a callback, with that reason', () => {
    const log: string[] = [];
    const sys = system();
    start(sys, counter(log, { handleInfo: (_m, _n, ctx) => ctx.exit('bail') }));
    sys.send('srv', 'x').runUntilIdle();
    expect(log).toEqual(['terminate "bail" 0']);
    expect(sys.exitReason('srv')).toBe('bail');
  });

  it('stops on sys:terminate with terminate/2', () => {
    const log: string[] = [];
    const sys = system();
    start(sys, counter(log));
    sys.send('srv', ['$sys_terminate', 'shutdown']).runUntilIdle();
    expect(log).toEqual(['terminate "shutdown" 0']);
    expect(sys.exitReason('srv')).toBe('shutdown');
  });

  it('writes a CRASH REPORT only for an abnormal reason', () => {
    const reasons: Term[] = [
      'normal',
      'shutdown',
      ['shutdown', 'x'],
      'boom',
      ['error', 'bad'],
      'killed_myself',
    ];
    const reported = reasons.filter((reason) => {
      const sys = system();
      start(sys, counter([]));
      sys.send('srv', ['$gen_cast', ['stop', reason]]).runUntilIdle();
      return sys.events.some((e) => e.type === 'crash_report');
    });
    expect(reported).toEqual(['boom', ['error', 'bad'], 'killed_myself']);
  });
});

describe('genServerBody', () => {
  it('runs a server spawned from outside (no parent, nobody to ack)', () => {
    const sys = system();
    sys
      .spawn('srv', genServerBody(counter([]), 9))
      .runUntilIdle()
      .expectAlive('srv');
    expect(sys.run((ctx) => call(ctx, sys.pid('srv'), 'get'))).toBe(9);
  });
});
