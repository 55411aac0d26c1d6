import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock';
import type { RemoteSignal } from './distribution';
import type { Eff } from './effects';
import { runEff, sleep } from './effects';
import { ProcessExit } from './errors';
import type { GenServerModule } from './genServer';
import { call, genServerBody } from './genServer';
import { Node } from './node';
import type { Pid, Term } from './term';
import { binary, list } from './term';
import { termEquals } from './termEquals';

// The runtime compiles without DOM or Node types; the test runs in Node, which has it.
declare const structuredClone: <T>(value: T) => T;

/** Two nodes on one virtual clock, joined by a structured-cloning wire. */
function cluster(): { a: Node; b: Node; settle: () => void } {
  const clock = new VirtualClock();
  const a = new Node({ id: 1, clock });
  const b = new Node({ id: 2, clock });
  const wire: [Node, RemoteSignal][] = [];
  a.connect(2, (s) => wire.push([b, structuredClone(s)]));
  b.connect(1, (s) => wire.push([a, structuredClone(s)]));
  const settle = (): void => {
    for (let i = 0; i < 10_000; i++) {
      a.runUntilIdle();
      b.runUntilIdle();
      if (wire.length > 0) {
        for (const [to, s] of wire.splice(0)) to.receiveRemote(s);
        continue;
      }
      const next = Math.min(a.nextTimerAt() ?? Infinity, b.nextTimerAt() ?? Infinity);
      if (next === Infinity) return;
      clock.advanceTo(next);
      a.fireDueTimers();
      b.fireDueTimers();
    }
    throw new Error('did not settle');
  };
  return { a, b, settle };
}

const echo = (ms: number): GenServerModule<null> => ({
  name: 'echo',
  init: () => ['ok', null],
  *handleCall(req, _from, s): Eff<['reply', Term, null]> {
    if (ms > 0) yield* sleep(ms);
    return ['reply', ['ok', req], s];
  },
});

/** A caller on `node` that calls `srv` and records the results and any other message. */
function callFrom(
  node: Node,
  srv: Pid,
  timeouts: (number | 'infinity')[],
): { results: Term[]; stray: Term[] } {
  const out = { results: [] as Term[], stray: [] as Term[] };
  node.spawn((ctx) =>
    runEff(
      ctx,
      (function* (): Eff<void> {
        for (const t of timeouts) {
          try {
            out.results.push(yield* call(ctx, srv, list('req', binary('x')), t));
          } catch (e) {
            if (!(e instanceof ProcessExit)) throw e;
            out.results.push(['EXIT', e.reason]);
          }
        }
      })(),
      () => ctx.receive((m) => void out.stray.push(m)),
    ),
  );
  return out;
}

describe('gen_server:call across nodes, through the caller’s alias', () => {
  it('the reply crosses back through the alias; lists and binaries survive the wire', () => {
    const { a, b, settle } = cluster();
    const srv = b.spawn(genServerBody(echo(0), null));
    settle();
    const out = callFrom(a, a.pidOf(srv), [1000, 'infinity']);
    settle();
    expect(out.results).toHaveLength(2);
    for (const r of out.results) expect(termEquals(r, ['ok', list('req', binary('x'))])).toBe(true);
    expect(out.stray).toEqual([]);
  });

  it('a reply that arrives after the timeout is dropped on the caller’s node', () => {
    const { a, b, settle } = cluster();
    const srv = b.spawn(genServerBody(echo(300), null));
    settle();
    const out = callFrom(a, a.pidOf(srv), [100]);
    settle();
    expect(out.results).toMatchObject([['EXIT', ['timeout', expect.anything()]]]);
    expect(out.stray).toEqual([]);
  });
});
