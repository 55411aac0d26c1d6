import { describe, expect, it } from 'vitest';
import type { Ctx } from './ctx';
import type { Term } from './term';
import { system } from './testing/system';
import type { System } from './testing/system';

// erlang:send_after/3 (OTP 25 reference manual): "If Dest is a pid(), the timer is automatically
// canceled if the process referred to by the pid() is not alive, or if the process exits."
// A timer aimed at a registered name is not: the name is looked up when it fires.

const idle = (ctx: Ctx): void => ctx.receive(() => undefined, { match: () => false });

const messages = (sys: System): string[] => sys.lines(['send', 'send_dropped', 'receive']);

describe('send_after timers and the death of their target', () => {
  it('cancels a timer aimed at a pid when that process exits', () => {
    const sys = system().spawn('ticker', (ctx) => {
      ctx.sendAfter(100, ctx.self, 'tick');
      idle(ctx);
    });
    sys.runUntilIdle().kill('ticker').runUntilIdle().clearEvents().advance(500);
    expect(messages(sys)).toEqual([]);
    expect(sys.node.nextTimerAt()).toBeUndefined();
  });

  it('cancels a timer another process aimed at the pid, and cancel_timer then answers false', () => {
    const out: Term[] = [];
    const sys = system().spawn('target', idle).runUntilIdle();
    const target = sys.pid('target');
    sys.spawn('setter', (ctx) => {
      const ref = ctx.sendAfter(100, target, 'late');
      ctx.receive(
        () => {
          out.push(ctx.cancelTimer(ref));
        },
        { match: (m) => m === 'check' },
      );
    });
    sys.runUntilIdle().kill('target').runUntilIdle().clearEvents().advance(500);
    expect(messages(sys)).toEqual([]);
    sys.send('setter', 'check').runUntilIdle();
    expect(out).toEqual([false]);
  });

  it('never sets a timer aimed at a pid that is already dead', () => {
    const sys = system()
      .spawn('gone', () => undefined)
      .runUntilIdle();
    const gone = sys.pid('gone');
    sys.spawn('setter', (ctx) => {
      ctx.sendAfter(50, gone, 'late');
      idle(ctx);
    });
    sys.runUntilIdle().clearEvents().advance(500);
    expect(messages(sys)).toEqual([]);
    expect(sys.node.nextTimerAt()).toBeUndefined();
  });

  it('keeps a timer aimed at a registered name: the process that holds the name then gets it', () => {
    const got: Term[] = [];
    const sys = system().spawn('first', (ctx) => {
      ctx.register('srv');
      ctx.sendAfter(100, 'srv', 'tick');
      idle(ctx);
    });
    sys.runUntilIdle().kill('first').runUntilIdle();
    sys.spawn('second', (ctx) => {
      ctx.register('srv');
      ctx.receive((m) => void got.push(m));
    });
    sys.runUntilIdle().advance(500);
    expect(got).toEqual(['tick']);
  });

  it('leaves the timers aimed at other processes alone', () => {
    const got: Term[] = [];
    const sys = system().spawn('keeper', (ctx) => ctx.receive((m) => void got.push(m)));
    sys.runUntilIdle();
    const keeper = sys.pid('keeper');
    sys.spawn('dying', (ctx) => {
      ctx.sendAfter(100, ctx.self, 'mine');
      ctx.sendAfter(100, keeper, 'yours');
      idle(ctx);
    });
    sys.runUntilIdle().kill('dying').runUntilIdle().advance(500);
    expect(got).toEqual(['yours']);
  });
});
