import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock';
import type { Ctx } from './ctx';
import type { Eff } from './effects';
import { runEff, sleep } from './effects';
import { ProcessExit } from './errors';
import type { From, GenServerModule } from './genServer';
import { call, genServerBody } from './genServer';
import { Node } from './node';
import type { Pid, Term } from './term';
import { isRef, isTuple, list } from './term';

/** A server whose handle_call takes `ms` of virtual time, then replies `{ok, Req}`; it records each From. */
function slowServer(ms: number, froms: From[] = []): GenServerModule<null> {
  return {
    name: 'slow',
    init: () => ['ok', null],
    *handleCall(req, from, state): Eff<['reply', Term, null]> {
      froms.push(from);
      if (ms > 0) yield* sleep(ms);
      return ['reply', ['ok', req], state];
    },
  };
}

interface Caller {
  pid: Pid;
  /** What the calls returned, or `{'EXIT', Reason}` when they exited (as `catch` gives). */
  results: Term[];
  /** Every other message the caller got afterwards. */
  stray: Term[];
}

/** A process that makes the calls in turn, catching exits, then records whatever else arrives. */
function caller(
  node: Node,
  calls: ((ctx: Ctx) => Eff<Term>)[],
  opts: { trapExit?: boolean; name?: string } = {},
): Caller {
  const c: Caller = { pid: undefined as unknown as Pid, results: [], stray: [] };
  c.pid = node.spawn((ctx) => {
    if (opts.name !== undefined) ctx.register(opts.name);
    if (opts.trapExit) ctx.trapExit(true);
    runEff(
      ctx,
      (function* (): Eff<void> {
        for (const work of calls) {
          try {
            c.results.push(yield* work(ctx));
          } catch (e) {
            if (!(e instanceof ProcessExit)) throw e;
            c.results.push(['EXIT', e.reason]);
          }
        }
      })(),
      () => ctx.receive((m) => void c.stray.push(m)),
    );
  });
  return c;
}

function setup(ms: number, froms: From[] = []): { node: Node; clock: VirtualClock; srv: Pid } {
  const clock = new VirtualClock();
  const node = new Node({ clock });
  const srv = node.spawn(genServerBody(slowServer(ms, froms), null, { name: 'srv' }));
  node.runUntilIdle();
  return { node, clock, srv };
}

describe('gen_server:call as OTP 25 gen:do_call', () => {
  it('drops a reply that comes after the caller timed out: it never reaches the mailbox', () => {
    const { node, srv } = setup(300);
    const c = caller(node, [(ctx) => call(ctx, srv, 'slow', 100)]);
    node.runUntilIdle({ advanceTime: true });
    expect(c.results).toEqual([
      ['EXIT', ['timeout', ['gen_server', 'call', list(srv, 'slow', 100)]]],
    ]);
    expect(c.stray).toEqual([]);
    expect(node.processInfo(c.pid)?.mailbox).toEqual([]);
    expect(node.isAlive(srv)).toBe(true);
  });

  it('after a caught timeout the next call works normally', () => {
    const { node, srv } = setup(300);
    const c = caller(node, [
      (ctx) => call(ctx, srv, 'slow', 100),
      (ctx) => call(ctx, srv, 'again', 1000),
    ]);
    node.runUntilIdle({ advanceTime: true });
    expect(c.results[1]).toEqual(['ok', 'again']);
    expect(c.stray).toEqual([]);
  });

  it('tags a call with a timeout [alias|Mref] (here {alias, Mref}); a local infinity call with a plain monitor ref', () => {
    const froms: From[] = [];
    const { node, srv } = setup(0, froms);
    caller(node, [(ctx) => call(ctx, srv, 'a', 1000), (ctx) => call(ctx, srv, 'b', 'infinity')]);
    node.runUntilIdle({ advanceTime: true });
    const [timed, infinite] = froms.map((f) => f[1]);
    expect(isTuple(timed) && timed[0] === 'alias' && isRef(timed[1])).toBe(true);
    expect(isRef(infinite)).toBe(true);
  });

  it('exits noproc for a dead pid and for an unregistered name, naming what was called', () => {
    const { node } = setup(0);
    const dead = node.spawn(() => undefined);
    node.runUntilIdle();
    const c = caller(node, [(ctx) => call(ctx, dead, 'x'), (ctx) => call(ctx, 'nobody', 'y', 10)]);
    node.runUntilIdle({ advanceTime: true });
    expect(c.results).toEqual([
      ['EXIT', ['noproc', ['gen_server', 'call', list(dead, 'x', 5000)]]],
      ['EXIT', ['noproc', ['gen_server', 'call', list('nobody', 'y', 10)]]],
    ]);
  });

  it('exits calling_self at once, by pid or by its own name, whatever the timeout', () => {
    const { node, clock } = setup(0);
    const c = caller(
      node,
      [(ctx) => call(ctx, ctx.self, 'me', 'infinity'), (ctx) => call(ctx, 'me', 'me', 50)],
      { name: 'me' },
    );
    node.runUntilIdle({ advanceTime: true });
    expect(c.results).toEqual([
      ['EXIT', ['calling_self', ['gen_server', 'call', list(c.pid, 'me', 'infinity')]]],
      ['EXIT', ['calling_self', ['gen_server', 'call', list('me', 'me', 50)]]],
    ]);
    expect(clock.now()).toBe(0);
  });

  it('a timeout is an exception in the caller, not an exit signal: trapping exits changes nothing', () => {
    const { node, srv } = setup(300);
    const c = caller(node, [(ctx) => call(ctx, srv, 'slow', 100)], { trapExit: true });
    node.runUntilIdle({ advanceTime: true });
    expect(c.results[0]).toEqual([
      'EXIT',
      ['timeout', ['gen_server', 'call', list(srv, 'slow', 100)]],
    ]);
    expect(c.stray).toEqual([]);
  });

  it('uncaught, a timeout ends the caller with {timeout, {gen_server, call, Args}}', () => {
    const { node, srv } = setup(300);
    let reason: Term;
    node.observe((e) => {
      if (e.type === 'exit' && e.pid !== srv) reason = e.reason;
    });
    node.spawn((ctx) => runEff(ctx, call(ctx, 'srv', 'slow', 100), () => undefined));
    node.runUntilIdle({ advanceTime: true });
    expect(reason).toEqual(['timeout', ['gen_server', 'call', list('srv', 'slow', 100)]]);
  });
});
