import { describe, expect, it } from 'vitest';
import type { Body, Ctx } from './ctx';
import { ErlangError } from './errors';
import type { Pid, Term } from './term';
import { isTuple } from './term';
import { system } from './testing/system';
import type { System } from './testing/system';

/** A process that records every message it receives. */
const inbox =
  (got: Term[], opts: { trap?: boolean } = {}): Body =>
  (ctx) => {
    if (opts.trap) ctx.trapExit(true);
    ctx.receive((m) => void got.push(m));
  };

/** A process that waits forever and does nothing. */
const idle: Body = (ctx) => ctx.receive(() => undefined, { match: () => false });

const exitReason = (sys: System, path: string): Term => sys.exitReason(path) ?? 'still_alive';

/** Runs `fn` inside a fresh process named `path` on its first turn. */
const inProcess = (sys: System, path: string, fn: (ctx: Ctx) => void): System =>
  sys.spawn(path, (ctx) => fn(ctx)).runUntilIdle();

describe('spawn and exit', () => {
  it('runs a body on its first turn and ends it normal when it installs no receive', () => {
    const sys = system();
    let ran = false;
    sys.spawn('p', () => void (ran = true));
    expect(ran).toBe(false);
    sys.runUntilIdle();
    expect(ran).toBe(true);
    expect(exitReason(sys, 'p')).toBe('normal');
    expect(sys.node.processInfo(sys.pid('p'))).toBeUndefined();
  });

  it('ends a process with the reason it passes to exit/1', () => {
    const sys = inProcess(system(), 'p', (ctx) => ctx.exit(['shutdown', 'bye']));
    expect(exitReason(sys, 'p')).toEqual(['shutdown', 'bye']);
  });

  it('turns an uncaught JS error into {error, "Name: message"}', () => {
    const sys = inProcess(system(), 'p', () => {
      throw new TypeError('nope');
    });
    expect(exitReason(sys, 'p')).toEqual(['error', 'TypeError: nope']);
  });

  it('ends a process with the reason of an uncaught Erlang error', () => {
    const sys = inProcess(system(), 'p', () => {
      throw new ErlangError('badarg');
    });
    expect(exitReason(sys, 'p')).toBe('badarg');
  });

  it('ends a process normal when it clears its receive loop', () => {
    const sys = system().spawn('p', (ctx) => ctx.receive(() => ctx.clearReceive()));
    sys.runUntilIdle().expectAlive('p').send('p', 'stop').runUntilIdle().expectDead('p');
    expect(exitReason(sys, 'p')).toBe('normal');
  });

  it('counts live processes and lists their pids in spawn order', () => {
    const sys = system()
      .spawn('a', idle)
      .spawn('b', idle)
      .spawn('c', () => undefined)
      .runUntilIdle();
    expect(sys.node.pids()).toEqual([sys.driver, sys.pid('a'), sys.pid('b')]);
    expect(sys.node.processCount).toBe(3);
  });
});

describe('messages', () => {
  it('delivers the messages of one sender in the order sent', () => {
    const got: Term[] = [];
    const sys = system().spawn('r', inbox(got));
    const r = sys.pid('r');
    inProcess(sys, 's', (ctx) => {
      for (let i = 0; i < 50; i++) ctx.send(r, i);
    });
    expect(got).toEqual([...Array(50).keys()]);
  });

  it('keeps per-sender FIFO order when the scheduler shuffles senders', () => {
    for (const seed of [1, 2, 3, 4]) {
      const got: Term[] = [];
      const sys = system({ seed, shuffle: true, reductionsPerTurn: 1 }).spawn('r', inbox(got));
      const r = sys.pid('r');
      for (const s of ['a', 'b', 'c']) {
        sys.spawn(s, (ctx) => {
          let i = 0;
          const next = (): void => {
            ctx.send(r, [s, i++]);
            if (i < 20) ctx.send(ctx.self, 'go');
            else ctx.clearReceive();
          };
          ctx.receive(next);
          next();
        });
      }
      sys.runUntilIdle();
      for (const s of ['a', 'b', 'c']) {
        const mine = got.filter((m) => (m as Term[])[0] === s).map((m) => (m as Term[])[1]);
        expect(mine).toEqual([...Array(20).keys()]);
      }
    }
  });

  it('leaves messages a selective receive rejects in the mailbox, in order', () => {
    const got: Term[] = [];
    let left: Term[] | undefined;
    const sys = system();
    sys.spawn('p', (ctx) => {
      ctx.receive(
        (m) => {
          got.push(m);
          left = sys.node.processInfo(ctx.self)?.mailbox;
          ctx.receive((x) => void got.push(x));
        },
        { match: (m) => m === 'c' },
      );
    });
    for (const m of ['a', 'b', 'c', 'd']) sys.node.send(undefined, sys.pid('p'), m);
    sys.runUntilIdle();
    expect(left).toEqual(['a', 'b', 'd']);
    expect(got).toEqual(['c', 'a', 'b', 'd']);
  });

  it('finds a matching message that arrives after the receive has scanned the mailbox', () => {
    const got: Term[] = [];
    const sys = system().spawn('p', (ctx) =>
      ctx.receive((m) => void got.push(m), { match: (m) => m === 'go' }),
    );
    sys.send('p', 'x').send('p', 'y').runUntilIdle();
    expect(got).toEqual([]);
    sys.send('p', 'go').runUntilIdle();
    expect(got).toEqual(['go']);
    expect(sys.node.processInfo(sys.pid('p'))?.mailbox).toEqual(['x', 'y']);
  });

  it('a receive with a mark (since) ignores messages queued before the mark', () => {
    const got: Term[] = [];
    const sys = system().spawn('p', (ctx) => {
      const m = ctx.mark();
      ctx.receive((x) => void got.push(x), { since: m });
    });
    sys.node.send(undefined, sys.pid('p'), 'old');
    sys.runUntilIdle();
    sys.spawn('q', (ctx) => {
      ctx.receive(() => {
        const m = ctx.mark();
        ctx.receive(
          (x) => {
            got.push(x);
            idle(ctx);
          },
          { since: m },
        );
      });
    });
    sys.send('q', 'go').send('q', 'before').runUntilIdle();
    expect(got).toEqual([]);
    sys.send('q', 'after').runUntilIdle();
    expect(got).toEqual(['after']);
    expect(sys.node.processInfo(sys.pid('q'))?.mailbox).toEqual(['before']);
  });

  it('a receive with a mark finds a reply past older messages (the match must reject them anyway)', () => {
    const got: Term[] = [];
    const sys = system().spawn('p', (ctx) => {
      ctx.receive(
        () => {
          const m = ctx.mark();
          ctx.receive((y) => void got.push(y), { since: m, match: (x) => x === 'reply' });
        },
        { match: (x) => x === 'go' },
      );
    });
    sys.send('p', 'old').send('p', 'go').runUntilIdle();
    sys.send('p', 'reply').runUntilIdle();
    expect(got).toEqual(['reply']);
    expect(sys.node.processInfo(sys.pid('p'))?.mailbox).toEqual(['old']);
  });

  it('drops a message to a dead pid silently, and shows it as send_dropped', () => {
    const sys = system()
      .spawn('dead', () => undefined)
      .runUntilIdle();
    const dead = sys.pid('dead');
    sys.clearEvents();
    inProcess(sys, 's', (ctx) => ctx.send(dead, 'hello'));
    expect(exitReason(sys, 's')).toBe('normal');
    expect(sys.lines(['send', 'send_dropped'])).toEqual(['send_dropped s dead hello']);
  });

  it('raises badarg when sending to an unregistered name', () => {
    const sys = inProcess(system(), 's', (ctx) => ctx.send('nobody', 'hello'));
    expect(exitReason(sys, 's')).toBe('badarg');
    expect(() => sys.node.send(undefined, 'nobody', 'x')).toThrow(ErlangError);
  });
});

describe('receive … after', () => {
  /** A process whose receive has `after` ms; logs `[t, what]`; leaves its loop on the timeout. */
  const timed =
    (log: Term[], after: number, match?: (m: Term) => boolean): Body =>
    (ctx) =>
      ctx.receive((m) => void log.push([ctx.now(), m]), {
        after,
        ...(match ? { match } : {}),
        onTimeout: () => {
          log.push([ctx.now(), 'timeout']);
          ctx.clearReceive();
        },
      });

  it('keeps the loop (and its after) installed when onTimeout does not leave it', () => {
    let n = 0;
    const sys = system().spawn('p', (ctx) =>
      ctx.receive(() => undefined, { after: 100, onTimeout: () => void n++ }),
    );
    sys.advance(450).expectAlive('p');
    expect(n).toBe(4);
  });

  it('runs onTimeout after the given ms when nothing matches', () => {
    const log: Term[] = [];
    const sys = system().spawn('p', timed(log, 100)).advance(99);
    expect(log).toEqual([]);
    sys.advance(1);
    expect(log).toEqual([[100, 'timeout']]);
    expect(exitReason(sys, 'p')).toBe('normal');
  });

  it('does not restart the timer for a message the receive rejects', () => {
    const log: Term[] = [];
    const sys = system()
      .spawn(
        'p',
        timed(log, 100, (m) => m === 'yes'),
      )
      .advance(50);
    sys.send('p', 'no').advance(60);
    expect(log).toEqual([[100, 'timeout']]);
  });

  it('re-arms the timer each time the loop blocks again after a matching message', () => {
    const log: Term[] = [];
    const sys = system().spawn('p', timed(log, 100)).advance(50);
    sys.send('p', 'hi').advance(120);
    expect(log).toEqual([
      [50, 'hi'],
      [150, 'timeout'],
    ]);
  });

  it('with after 0 times out at once when nothing matches, but a queued match wins', () => {
    const empty: Term[] = [];
    system().spawn('p', timed(empty, 0)).runUntilIdle();
    expect(empty).toEqual([[0, 'timeout']]);

    const full: Term[] = [];
    const sys = system().spawn('p', timed(full, 0));
    sys.node.send(undefined, sys.pid('p'), 'first');
    sys.runUntilIdle();
    expect(full).toEqual([
      [0, 'first'],
      [0, 'timeout'],
    ]);
  });

  it('re-enters a receive with after in a loop (a ticker)', () => {
    const ticks: number[] = [];
    const sys = system().spawn('tick', (ctx) => {
      const loop = (): void =>
        ctx.receive(() => undefined, {
          after: 10,
          onTimeout: () => {
            ticks.push(ctx.now());
            if (ticks.length < 5) loop();
            else ctx.clearReceive();
          },
        });
      loop();
    });
    sys.advance(1000);
    expect(ticks).toEqual([10, 20, 30, 40, 50]);
    sys.expectDead('tick');
  });

  it('loops on after 0 without starving other processes', () => {
    let spins = 0;
    const got: Term[] = [];
    const sys = system({ reductionsPerTurn: 10 }).spawn('spin', (ctx) => {
      const loop = (): void =>
        ctx.receive(() => undefined, {
          after: 0,
          onTimeout: () => (++spins < 100 ? loop() : ctx.clearReceive()),
        });
      loop();
    });
    sys.spawn('other', inbox(got)).send('other', 'hi').runUntilIdle();
    expect(spins).toBe(100);
    expect(got).toEqual(['hi']);
  });
});

describe('timers', () => {
  it('send_after delivers the message at the given time', () => {
    const log: Term[] = [];
    const sys = system().spawn('p', (ctx) => {
      ctx.sendAfter(250, ctx.self, 'ding');
      ctx.receive((m) => void log.push([ctx.now(), m]));
    });
    sys.advance(249);
    expect(log).toEqual([]);
    sys.advance(1);
    expect(log).toEqual([[250, 'ding']]);
  });

  it('cancel_timer returns the ms left, then false once cancelled or fired', () => {
    const out: Term[] = [];
    const sys = system().spawn('p', (ctx) => {
      const a = ctx.sendAfter(1000, ctx.self, 'a');
      const b = ctx.sendAfter(100, ctx.self, 'b');
      ctx.receive(
        (m) => {
          out.push(m, ctx.cancelTimer(b), ctx.cancelTimer(a), ctx.cancelTimer(a));
        },
        { match: (m) => m === 'b' },
      );
    });
    sys.advance(5000);
    expect(out).toEqual(['b', false, 900, false]);
  });

  it('fires timers due at the same time in the order they were set', () => {
    const got: Term[] = [];
    const sys = system().spawn('p', (ctx) => {
      for (const m of ['x', 'y', 'z']) ctx.sendAfter(10, ctx.self, m);
      ctx.receive((m) => void got.push(m));
    });
    sys.advance(10);
    expect(got).toEqual(['x', 'y', 'z']);
  });

  it('drops a timer message to a name that is no longer registered', () => {
    const sys = system().spawn('p', (ctx) => {
      ctx.register('srv');
      ctx.sendAfter(10, 'srv', 'late');
    });
    sys.advance(20);
    expect(exitReason(sys, 'p')).toBe('normal');
    expect(sys.node.whereis('srv')).toBeUndefined();
  });
});

describe('registered names', () => {
  it('whereis finds the registered process; sending to the name reaches it', () => {
    const got: Term[] = [];
    const sys = system().spawn('p', (ctx) => {
      ctx.register('srv');
      inbox(got)(ctx);
    });
    sys.runUntilIdle();
    expect(sys.node.whereis('srv')).toBe(sys.pid('p'));
    inProcess(sys, 's', (ctx) => ctx.send('srv', 'hi'));
    expect(got).toEqual(['hi']);
  });

  it('allows one name per process (badarg on a second name)', () => {
    const sys = inProcess(system(), 'p', (ctx) => {
      ctx.register('one');
      ctx.register('two');
    });
    expect(exitReason(sys, 'p')).toBe('badarg');
  });

  it('allows one process per name (badarg for a name in use)', () => {
    const sys = system().spawn('a', (ctx) => {
      ctx.register('srv');
      idle(ctx);
    });
    inProcess(sys, 'b', (ctx) => ctx.register('srv'));
    expect(exitReason(sys, 'b')).toBe('badarg');
    expect(sys.node.whereis('srv')).toBe(sys.pid('a'));
  });

  it("refuses the name 'undefined' and unregistering without a name (badarg)", () => {
    const sys = inProcess(system(), 'a', (ctx) => ctx.register('undefined'));
    inProcess(sys, 'b', (ctx) => ctx.unregister());
    expect([exitReason(sys, 'a'), exitReason(sys, 'b')]).toEqual(['badarg', 'badarg']);
  });

  it('releases the name on exit before the exit signals go out, so a linked restarter can take it', () => {
    let seen: Term = 'not_run';
    const sys = system().spawn('watcher', (ctx) => {
      ctx.trapExit(true);
      const child = ctx.spawnLink((c) => {
        c.register('srv');
        c.receive((m) => c.exit(m));
      });
      ctx.receive((m) => {
        if (isTuple(m) && m[0] === 'EXIT' && m[1] === child) {
          seen = ctx.whereis('srv') ?? 'free';
          ctx.register('srv');
        }
      });
    });
    sys.runUntilIdle().clearEvents();
    inProcess(sys, 's', (ctx) => ctx.send('srv', 'boom'));
    expect(seen).toBe('free');
    expect(sys.node.whereis('srv')).toBe(sys.pid('watcher'));
    const order = sys.lines(['unregister', 'exit_signal', 'register']);
    expect(order[0]).toMatch(/^unregister .* srv$/);
    expect(order[1]).toMatch(/^exit_signal .* watcher boom link trapped$/);
    expect(order[2]).toBe('register watcher srv');
  });
});

describe('links', () => {
  it('is symmetric and there is at most one link per pair', () => {
    const sys = system().spawn('b', idle);
    const b = sys.pid('b');
    sys.spawn('a', (ctx) => {
      ctx.link(b);
      ctx.link(b);
      idle(ctx);
    });
    sys.runUntilIdle();
    const info = (p: string) => sys.node.processInfo(sys.pid(p));
    expect(info('a')?.links).toEqual([b]);
    expect(info('b')?.links).toEqual([sys.pid('a')]);
    expect(sys.lines(['link'])).toEqual(['link a b']);
  });

  it('unlink removes both sides', () => {
    const sys = system().spawn('b', idle);
    const b = sys.pid('b');
    sys.spawn('a', (ctx) => {
      ctx.link(b);
      ctx.unlink(b);
      idle(ctx);
    });
    sys.runUntilIdle().kill('b').runUntilIdle().expectAlive('a');
    expect(sys.node.processInfo(sys.pid('a'))?.links).toEqual([]);
  });

  it('keeps links in link order as they grow past one, and after removing the first', () => {
    // A process holds its only link inline and switches to a Set at the second (Proc.addLink).
    const sys = system().spawn('b', idle).spawn('c', idle).spawn('d', idle);
    const [b, c, d] = [sys.pid('b'), sys.pid('c'), sys.pid('d')];
    sys.spawn('a', (ctx) => {
      ctx.link(b);
      ctx.link(c);
      ctx.link(d);
      ctx.unlink(b);
      ctx.link(b);
      idle(ctx);
    });
    sys.runUntilIdle();
    expect(sys.node.processInfo(sys.pid('a'))?.links).toEqual([c, d, b]);
    expect(sys.node.processInfo(b)?.links).toEqual([sys.pid('a')]);
  });

  it('a dying process signals every link, whether it had one or many', () => {
    const got: Term[] = [];
    const sys = system();
    for (const name of ['x', 'y', 'z']) {
      sys.spawn(name, (ctx) => {
        ctx.trapExit(true);
        inbox(got)(ctx);
      });
    }
    sys.spawn('one', (ctx) => {
      ctx.link(sys.pid('x'));
      ctx.receive((m) => ctx.exit(m));
    });
    sys.spawn('many', (ctx) => {
      ctx.link(sys.pid('y'));
      ctx.link(sys.pid('z'));
      ctx.receive((m) => ctx.exit(m));
    });
    sys.runUntilIdle().send('one', 'boom').send('many', 'bang').runUntilIdle();
    expect(got).toEqual([
      ['EXIT', sys.pid('one'), 'boom'],
      ['EXIT', sys.pid('many'), 'bang'],
      ['EXIT', sys.pid('many'), 'bang'],
    ]);
    for (const name of ['x', 'y', 'z'])
      expect(sys.node.processInfo(sys.pid(name))?.links).toEqual([]);
  });

  it('linking to a dead pid raises noproc in a caller that does not trap exits', () => {
    const sys = system()
      .spawn('dead', () => undefined)
      .runUntilIdle();
    const dead = sys.pid('dead');
    inProcess(sys, 'a', (ctx) => ctx.link(dead));
    expect(exitReason(sys, 'a')).toBe('noproc');
  });

  it("linking to a dead pid sends {'EXIT', Pid, noproc} to a trapping caller", () => {
    const got: Term[] = [];
    const sys = system()
      .spawn('dead', () => undefined)
      .runUntilIdle();
    const dead = sys.pid('dead');
    sys.spawn('a', (ctx) => {
      ctx.trapExit(true);
      ctx.link(dead);
      inbox(got)(ctx);
    });
    sys.runUntilIdle().expectAlive('a');
    expect(got).toEqual([['EXIT', dead, 'noproc']]);
  });

  it('linking to itself does nothing', () => {
    const sys = system().spawn('a', (ctx) => {
      ctx.link(ctx.self);
      idle(ctx);
    });
    sys.runUntilIdle();
    expect(sys.node.processInfo(sys.pid('a'))?.links).toEqual([]);
  });

  it('a linked process dies with the same abnormal reason, and its links with it', () => {
    const sys = system().spawn('a', (ctx) => {
      ctx.spawnLink((b) => {
        b.spawnLink(idle);
        idle(b);
      });
      ctx.receive((m) => ctx.exit(m));
    });
    sys.runUntilIdle().clearEvents().send('a', 'boom').runUntilIdle();
    expect(sys.lines(['exit']).map((l) => l.replace(/<[\d.]+>/, 'P'))).toEqual([
      'exit a boom',
      'exit P boom',
      'exit P boom',
    ]);
  });

  it('a normal exit does not take linked processes with it', () => {
    const sys = system().spawn('b', idle);
    const b = sys.pid('b');
    inProcess(sys, 'a', (ctx) => ctx.link(b));
    expect(exitReason(sys, 'a')).toBe('normal');
    sys.expectAlive('b');
  });
});

describe('exit signals', () => {
  it('ignores a normal exit signal unless trapping', () => {
    const sys = system()
      .spawn('a', idle)
      .runUntilIdle()
      .exit('a', 'normal')
      .runUntilIdle()
      .expectAlive('a');
    expect(sys.lines(['exit_signal'])).toEqual(['exit_signal driver a normal exit/2 ignored']);
  });

  it("delivers {'EXIT', From, normal} to a trapping process", () => {
    const got: Term[] = [];
    const sys = system()
      .spawn('a', inbox(got, { trap: true }))
      .runUntilIdle();
    sys.exit('a', 'normal').runUntilIdle().expectAlive('a');
    expect(got).toEqual([['EXIT', sys.driver, 'normal']]);
  });

  it('exit(self(), normal) ends the caller', () => {
    const sys = system().spawn('a', (ctx) => {
      ctx.exitSignal(ctx.self, 'normal');
      idle(ctx);
    });
    sys.runUntilIdle().expectDead('a');
    expect(exitReason(sys, 'a')).toBe('normal');
  });

  it("exit(self(), normal) in a trapping process delivers {'EXIT', Self, normal} instead", () => {
    const got: Term[] = [];
    const sys = system().spawn('a', (ctx) => {
      ctx.trapExit(true);
      ctx.exitSignal(ctx.self, 'normal');
      inbox(got)(ctx);
    });
    sys.runUntilIdle().expectAlive('a');
    expect(got).toEqual([['EXIT', sys.pid('a'), 'normal']]);
  });

  it('an abnormal signal kills a non-trapping receiver with that reason', () => {
    const sys = system().spawn('a', idle).runUntilIdle().exit('a', 'boom').runUntilIdle();
    expect(exitReason(sys, 'a')).toBe('boom');
  });

  it("an abnormal signal becomes {'EXIT', From, Reason} for a trapping receiver", () => {
    const got: Term[] = [];
    const sys = system()
      .spawn('a', inbox(got, { trap: true }))
      .runUntilIdle();
    sys.exit('a', 'boom').runUntilIdle().expectAlive('a');
    expect(got).toEqual([['EXIT', sys.driver, 'boom']]);
  });

  it('kill cannot be trapped: the receiver dies with killed', () => {
    const sys = system()
      .spawn('a', inbox([], { trap: true }))
      .runUntilIdle()
      .kill('a')
      .runUntilIdle();
    expect(exitReason(sys, 'a')).toBe('killed');
  });

  it('the links of a killed process see killed, which they can trap', () => {
    const got: Term[] = [];
    const sys = system().spawn('victim', idle);
    const victim = sys.pid('victim');
    sys.spawn('trapper', (ctx) => {
      ctx.trapExit(true);
      ctx.link(victim);
      inbox(got)(ctx);
    });
    sys.spawn('plain', (ctx) => {
      ctx.link(victim);
      idle(ctx);
    });
    sys.runUntilIdle().kill('victim').runUntilIdle();
    expect(got).toEqual([['EXIT', victim, 'killed']]);
    sys.expectAlive('trapper');
    expect(exitReason(sys, 'plain')).toBe('killed');
  });

  it('a process that exits by itself with reason kill propagates kill, which is trappable', () => {
    const got: Term[] = [];
    const sys = system().spawn('k', (ctx) => ctx.receive(() => ctx.exit('kill')));
    const k = sys.pid('k');
    sys.spawn('trapper', (ctx) => {
      ctx.trapExit(true);
      ctx.link(k);
      inbox(got)(ctx);
    });
    sys.spawn('plain', (ctx) => {
      ctx.link(k);
      idle(ctx);
    });
    sys.runUntilIdle().send('k', 'go').runUntilIdle();
    expect(exitReason(sys, 'k')).toBe('kill');
    expect(got).toEqual([['EXIT', k, 'kill']]);
    sys.expectAlive('trapper');
    expect(exitReason(sys, 'plain')).toBe('kill');
  });

  it('kills the receiver at its next turn, before it handles messages still queued', () => {
    const got: Term[] = [];
    const sys = system().spawn('a', inbox(got)).runUntilIdle();
    sys.send('a', 'one').exit('a', 'boom').send('a', 'two').runUntilIdle();
    expect(got).toEqual([]);
    expect(exitReason(sys, 'a')).toBe('boom');
  });
});

describe('monitors', () => {
  it('is one-way: the watcher gets DOWN; the target does not notice the watcher die', () => {
    const got: Term[] = [];
    const sys = system().spawn('target', idle);
    const target = sys.pid('target');
    let ref: Term;
    sys.spawn('watcher', (ctx) => {
      ref = ctx.monitor(target);
      inbox(got)(ctx);
    });
    sys.runUntilIdle();
    expect(sys.node.processInfo(target)?.links).toEqual([]);
    sys.exit('target', 'boom').runUntilIdle();
    expect(got).toEqual([['DOWN', ref, 'process', target, 'boom']]);
    sys.expectAlive('watcher');

    const sys2 = system().spawn('target', idle);
    const t2 = sys2.pid('target');
    sys2.spawn('watcher', (ctx) => {
      ctx.monitor(t2);
      ctx.receive((m) => ctx.exit(m));
    });
    sys2.runUntilIdle().send('watcher', 'boom').runUntilIdle().expectAlive('target');
    expect(sys2.node.processInfo(t2)?.monitoredBy).toEqual([]);
  });

  it('makes a new monitor, and a DOWN, for each call', () => {
    const got: Term[] = [];
    const refs: Term[] = [];
    const sys = system().spawn('target', idle);
    const target = sys.pid('target');
    sys.spawn('watcher', (ctx) => {
      refs.push(ctx.monitor(target), ctx.monitor(target));
      inbox(got)(ctx);
    });
    sys.runUntilIdle();
    expect(refs[0]).not.toBe(refs[1]);
    expect(sys.node.processInfo(target)?.monitoredBy).toHaveLength(2);
    sys.kill('target').runUntilIdle();
    expect(got).toEqual([
      ['DOWN', refs[0], 'process', target, 'killed'],
      ['DOWN', refs[1], 'process', target, 'killed'],
    ]);
  });

  it('gives an immediate DOWN with noproc for a dead target', () => {
    const got: Term[] = [];
    const sys = system()
      .spawn('dead', () => undefined)
      .runUntilIdle();
    const dead = sys.pid('dead');
    let ref: Term;
    sys.spawn('watcher', (ctx) => {
      ref = ctx.monitor(dead);
      inbox(got)(ctx);
    });
    sys.runUntilIdle();
    expect(got).toEqual([['DOWN', ref, 'process', dead, 'noproc']]);
  });

  it('gives an immediate DOWN with noproc for an unregistered name', () => {
    const got: Term[] = [];
    const sys = system().spawn('watcher', (ctx) => {
      ctx.monitor('nobody');
      inbox(got)(ctx);
    });
    sys.runUntilIdle();
    expect(got).toHaveLength(1);
    expect((got[0] as Term[])[4]).toBe('noproc');
  });

  it("reports {Name, Node} as the DOWN's object for a monitor by registered name", () => {
    const got: Term[] = [];
    const sys = system().spawn('srv', (ctx) => {
      ctx.register('srv');
      idle(ctx);
    });
    sys.spawn('watcher', (ctx) => {
      ctx.monitor('srv');
      inbox(got)(ctx);
    });
    sys.runUntilIdle().kill('srv').runUntilIdle();
    expect((got[0] as Term[])[3]).toEqual(['srv', 'nonode@nohost']);
  });

  it('demonitor stops the DOWN and returns true; false for a monitor already gone', () => {
    const got: Term[] = [];
    const results: boolean[] = [];
    const sys = system().spawn('target', idle);
    const target = sys.pid('target');
    sys.spawn('watcher', (ctx) => {
      const ref = ctx.monitor(target);
      results.push(ctx.demonitor(ref), ctx.demonitor(ref));
      inbox(got)(ctx);
    });
    sys.runUntilIdle().kill('target').runUntilIdle();
    expect(results).toEqual([true, false]);
    expect(got).toEqual([]);
  });

  it('demonitor with flush removes a DOWN already queued, and only that one', () => {
    const got: Term[] = [];
    const sys = system().spawn('t1', idle).spawn('t2', idle);
    const [t1, t2] = [sys.pid('t1'), sys.pid('t2')];
    sys.spawn('watcher', (ctx) => {
      const r1 = ctx.monitor(t1);
      ctx.monitor(t2);
      ctx.receive(
        () => {
          ctx.demonitor(r1, true);
          inbox(got)(ctx);
        },
        { match: (m) => m === 'now' },
      );
    });
    sys.runUntilIdle().kill('t1').kill('t2').runUntilIdle();
    expect(sys.node.processInfo(sys.pid('watcher'))?.mailbox).toHaveLength(2);
    sys.send('watcher', 'now').runUntilIdle();
    expect(got).toEqual([['DOWN', expect.anything(), 'process', t2, 'killed']]);
  });

  it('forgets the monitors a dead watcher held', () => {
    const sys = system().spawn('target', idle);
    const target = sys.pid('target');
    inProcess(sys, 'watcher', (ctx) => void ctx.monitor(target));
    expect(sys.node.processInfo(target)?.monitoredBy).toEqual([]);
  });
});

describe('scheduling', () => {
  it('a busy process does not starve another: two self-ping-pong processes interleave', () => {
    const order: string[] = [];
    const pingPong =
      (name: string): Body =>
      (ctx) => {
        let n = 0;
        ctx.receive(() => {
          order.push(name);
          if (++n < 30) ctx.send(ctx.self, 'ping');
          else ctx.clearReceive();
        });
        ctx.send(ctx.self, 'ping');
      };
    system({ reductionsPerTurn: 5 })
      .spawn('a', pingPong('a'))
      .spawn('b', pingPong('b'))
      .runUntilIdle();
    expect(order.filter((x) => x === 'a')).toHaveLength(30);
    expect(order.indexOf('b')).toBeLessThan(order.lastIndexOf('a'));
    // No run of one process is longer than its budget per turn.
    const runs = order.join('').match(/a+|b+/g) ?? [];
    expect(Math.max(...runs.map((r) => r.length))).toBeLessThanOrEqual(5);
  });

  it('step returns false when nothing is runnable; runUntilIdle honours maxTurns', () => {
    const sys = system();
    sys.runUntilIdle();
    expect(sys.node.step()).toBe(false);
    sys.spawn('a', idle).spawn('b', idle);
    expect(sys.node.runnable).toBe(2);
    expect(sys.node.runUntilIdle({ maxTurns: 1 })).toBe(1);
    expect(sys.node.runnable).toBe(1);
  });

  it('does not advance virtual time unless asked to', () => {
    // It waits: a timer aimed at a process that has exited is cancelled (erlang:send_after/3).
    const sys = system().spawn('p', (ctx) => {
      ctx.sendAfter(100, ctx.self, 'x');
      ctx.receive(() => undefined);
    });
    sys.runUntilIdle();
    expect(sys.clock.now()).toBe(0);
    expect(sys.node.nextTimerAt()).toBe(100);
    sys.settle();
    expect(sys.clock.now()).toBe(100);
  });
});

describe('determinism', () => {
  /** A busy little system: senders, links, kills, timers. */
  const scenario = (seed: number, shuffle: boolean): string[] => {
    const sys = system({ seed, shuffle, reductionsPerTurn: 3 });
    const got: Term[] = [];
    sys.spawn('sink', inbox(got, { trap: true }));
    const sink = sys.pid('sink');
    for (let k = 0; k < 5; k++) {
      sys.spawn(`s${k}`, (ctx) => {
        let i = 0;
        if (k % 2 === 0) ctx.link(sink);
        ctx.sendAfter(5 * k, ctx.self, 'late');
        ctx.receive(() => {
          ctx.send(sink, [k, i]);
          if (++i === 8) ctx.exit(k === 3 ? 'boom' : 'normal');
          ctx.send(ctx.self, 'more');
        });
        ctx.send(ctx.self, 'go');
      });
    }
    sys.kill('s1').settle();
    return sys.events.map((e) => `${e.t} ${sys.line(e)}`);
  };

  it('gives the same event stream for the same seed and commands', () => {
    expect(scenario(7, false)).toEqual(scenario(7, false));
    expect(scenario(7, true)).toEqual(scenario(7, true));
    expect(scenario(99, true)).toEqual(scenario(99, true));
  });

  it('explores other interleavings with another seed when shuffling', () => {
    const runs = new Set([1, 2, 3, 4, 5].map((seed) => scenario(seed, true).join('\n')));
    expect(runs.size).toBeGreaterThan(1);
  });
});

describe('processInfo', () => {
  it('describes a live process: name, behaviour, status, parent, trap_exit, mailbox, links, monitors', () => {
    const sys = system();
    let child: Pid | undefined;
    let ref: Term;
    sys.spawn(
      'p',
      (ctx) => {
        ctx.register('p_name');
        ctx.trapExit(true);
        child = ctx.spawnLink(idle, { behaviour: 'kid' });
        ref = ctx.monitor(ctx.spawn(idle));
        ctx.receive(() => undefined, { match: (m) => m === 'never' });
      },
      { behaviour: 'tester' },
    );
    sys.runUntilIdle().send('p', 'queued').runUntilIdle();
    const p = sys.pid('p');
    const info = sys.node.processInfo(p);
    expect(info).toMatchObject({
      pid: p,
      name: 'p_name',
      behaviour: 'tester',
      status: 'waiting',
      parent: undefined,
      trapExit: true,
      mailbox: ['queued'],
      links: [child],
      monitors: [{ ref, target: expect.anything() }],
      monitoredBy: [],
      state: undefined,
    });
    expect(sys.node.processInfo(child as Pid)).toMatchObject({
      parent: p,
      behaviour: 'kid',
      links: [p],
      trapExit: false,
    });
  });

  it('shows a process with work to do as runnable and one hit by a signal as exiting', () => {
    const sys = system().spawn('a', idle);
    expect(sys.node.processInfo(sys.pid('a'))?.status).toBe('runnable');
    sys.runUntilIdle();
    sys.node.exitSignal(undefined, sys.pid('a'), 'boom');
    expect(sys.node.processInfo(sys.pid('a'))?.status).toBe('exiting');
    expect(sys.node.isAlive(sys.pid('a'))).toBe(false);
  });

  it('returns undefined for a dead process', () => {
    const sys = system()
      .spawn('a', () => undefined)
      .runUntilIdle();
    expect(sys.node.processInfo(sys.pid('a'))).toBeUndefined();
    expect(sys.node.isAlive(sys.pid('a'))).toBe(false);
  });
});
