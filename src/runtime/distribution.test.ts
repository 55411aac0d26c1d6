import { describe, expect, it } from 'vitest';
import type { Body, Ctx } from './ctx';
import type { RemoteSignal } from './distribution';
import { runEff } from './effects';
import { call, startLink } from './genServer';
import type { GenServerModule } from './genServer';
import { genServerBody } from './genServer';
import { Node } from './node';
import { childSpec, supFlags } from './supervisor/childSpec';
import { startSupervisor } from './supervisor/supervisor';
import type { Pid, Term } from './term';
import type { TraceEvent } from './traceEvent';

// The runtime compiles without DOM or Node types; the test runs in Node, which has it.
declare const structuredClone: <T>(value: T) => T;

/**
 * Two nodes joined by a simulated wire: signals are structured-cloned (as a
 * MessageChannel would) and queued, so delivery is asynchronous and FIFO.
 */
function cluster() {
  const a = new Node({ id: 1 });
  const b = new Node({ id: 2 });
  const wire: [Node, RemoteSignal][] = [];
  const events: TraceEvent[] = [];
  a.observe((e) => events.push(e));
  b.observe((e) => events.push(e));
  const join = (): void => {
    a.connect(2, (s) => wire.push([b, structuredClone(s)]));
    b.connect(1, (s) => wire.push([a, structuredClone(s)]));
  };
  join();
  const settle = (): void => {
    for (let i = 0; i < 1000; i++) {
      a.runUntilIdle();
      b.runUntilIdle();
      if (wire.length === 0) return;
      for (const [to, s] of wire.splice(0)) to.receiveRemote(s);
    }
    throw new Error('did not settle');
  };
  /** Both sides lose the connection, as in a netsplit. */
  const split = (): void => {
    a.disconnect(2);
    b.disconnect(1);
  };
  return { a, b, settle, split, join, events, wire };
}

/** A process recording every message it gets. */
const recorder =
  (got: Term[], trap = false): Body =>
  (ctx) => {
    if (trap) ctx.trapExit(true);
    ctx.receive((m) => void got.push(m));
  };

/** Runs `fn` in a fresh process on `node`. */
const run = (node: Node, fn: (ctx: Ctx) => void, trap = false): Pid =>
  node.spawn((ctx) => {
    if (trap) ctx.trapExit(true);
    fn(ctx);
    ctx.receive(() => undefined, { match: () => false });
  });

const exitOf = (events: TraceEvent[], pid: Pid): Term =>
  events.find((e): e is Extract<TraceEvent, { type: 'exit' }> => e.type === 'exit' && e.pid === pid)
    ?.reason ?? 'alive';

describe('distribution: messages', () => {
  it('delivers a message to a process on another node, with the sender pid interned', () => {
    const { a, b, settle } = cluster();
    const got: Term[] = [];
    const receiver = b.spawn(recorder(got));
    const sender = run(a, (ctx) => {
      ctx.send(receiver, ['hello', ctx.self]);
      ctx.send(receiver, ['again', ctx.self]);
    });
    settle();
    expect(got).toHaveLength(2);
    const [first, second] = got as [[string, Pid], [string, Pid]];
    expect(first[1]).toEqual(sender);
    // The same remote pid arrives as the same instance, so === keeps working.
    expect(first[1]).toBe(second[1]);
    expect(b.pidOf({ node: 1, id: sender.id })).toBe(first[1]);
  });

  it('keeps a map with node and id keys a map, and a local pid sent back the very instance', () => {
    const { a, b, settle } = cluster();
    const got: Term[] = [];
    const local = a.spawn(recorder(got));
    const echo = b.spawn((ctx) =>
      ctx.receive((m) => ctx.send((m as [Pid, Term])[0], (m as [Pid, Term])[1])),
    );
    run(a, (ctx) => ctx.send(echo, [local, [{ node: 5, id: 6 }, local]]));
    settle();
    const [map, pid] = got[0] as [Term, Term];
    expect(map).toEqual({ node: 5, id: 6 });
    expect(typeof (map as { toString: unknown }).toString).toBe('function');
    expect(pid).toBe(local);
  });

  it('answers a gen_server call across nodes (the reply ref comes back as the same instance)', () => {
    const { a, b, settle } = cluster();
    const adder: GenServerModule<number> = {
      name: 'adder',
      init: () => ['ok', 0],
      handleCall: (req, _from, n) => ['reply', n + (req as number), n + (req as number)],
    };
    const server = b.spawn(genServerBody(adder, undefined));
    const results: Term[] = [];
    a.spawn((ctx) =>
      runEff(ctx, call(ctx, server, 5), (r) => {
        results.push(r);
        runEff(ctx, call(ctx, server, 2), (r2) => void results.push(r2));
      }),
    );
    settle();
    expect(results).toEqual([5, 7]);
  });

  it('drops a message to a node it is not connected to, and traces it', () => {
    const { a, events, settle } = cluster();
    a.disconnect(2);
    const ghost = a.pidOf({ node: 2, id: 1 });
    run(a, (ctx) => ctx.send(ghost, 'lost'));
    settle();
    expect(events.some((e) => e.type === 'send_dropped' && e.to === ghost)).toBe(true);
  });
});

describe('distribution: links and exit signals', () => {
  it('propagates a remote process crash through a link', () => {
    const { a, b, settle } = cluster();
    const got: Term[] = [];
    const victim = b.spawn((ctx) => ctx.receive((m) => ctx.exit(m)));
    const watcher = a.spawn(recorder(got, true));
    a.ctxOf(watcher)?.link(victim);
    settle();
    expect(b.processInfo(victim)?.links).toEqual([watcher]);
    b.send(undefined, victim, 'boom');
    settle();
    expect(got).toEqual([['EXIT', victim, 'boom']]);
    expect(a.processInfo(watcher)?.links).toEqual([]);
  });

  it('kills a linked process with noconnection when the nodes disconnect', () => {
    const { a, b, settle, split, events } = cluster();
    const remote = b.spawn(recorder([]));
    const plain = a.spawn(recorder([]));
    const got: Term[] = [];
    const trapper = a.spawn(recorder(got, true));
    a.ctxOf(plain)?.link(remote);
    a.ctxOf(trapper)?.link(remote);
    settle();
    split();
    settle();
    expect(exitOf(events, plain)).toBe('noconnection');
    expect(got).toEqual([['EXIT', remote, 'noconnection']]);
    // Both sides see the connection go: the remote end of the links dies with noconnection too.
    expect(exitOf(events, remote)).toBe('noconnection');
  });

  it('answers a link to a dead remote process with exit noproc', () => {
    const { a, b, settle } = cluster();
    const dead = b.spawn(() => undefined);
    settle();
    const got: Term[] = [];
    const trapper = a.spawn(recorder(got, true));
    a.ctxOf(trapper)?.link(dead);
    settle();
    expect(got).toEqual([['EXIT', dead, 'noproc']]);
    expect(a.processInfo(trapper)?.links).toEqual([]);
  });

  it('gives noconnection at once for a link to a node it is not connected to', () => {
    const { a, settle, events } = cluster();
    a.disconnect(2);
    const ghost = a.pidOf({ node: 2, id: 1 });
    const p = run(a, (ctx) => ctx.link(ghost));
    settle();
    expect(exitOf(events, p)).toBe('noconnection');
  });

  it('carries exit/2 across nodes with OTP rules: kill is untrappable and seen as killed', () => {
    const { a, b, settle, events } = cluster();
    const got: Term[] = [];
    const trapper = b.spawn(recorder(got, true));
    const victim = b.spawn(recorder([], true));
    run(a, (ctx) => {
      ctx.exitSignal(trapper, 'bye');
      ctx.exitSignal(victim, 'kill');
    });
    settle();
    expect((got[0] as Term[])[2]).toBe('bye');
    expect(exitOf(events, victim)).toBe('killed');
  });

  it('unlinks on both sides', () => {
    const { a, b, settle } = cluster();
    const remote = b.spawn(recorder([]));
    const local = a.spawn(recorder([]));
    a.ctxOf(local)?.link(remote);
    settle();
    a.ctxOf(local)?.unlink(remote);
    settle();
    expect(b.processInfo(remote)?.links).toEqual([]);
    expect(a.processInfo(local)?.links).toEqual([]);
  });
});

describe('distribution: monitors', () => {
  it('delivers DOWN with the exit reason when a remote process dies', () => {
    const { a, b, settle } = cluster();
    const target = b.spawn((ctx) => ctx.receive((m) => ctx.exit(m)));
    const got: Term[] = [];
    const watcher = a.spawn(recorder(got));
    const ref = a.ctxOf(watcher)?.monitor(target);
    settle();
    expect(b.processInfo(target)?.monitoredBy).toEqual([{ ref: expect.anything(), watcher }]);
    b.send(undefined, target, 'gone');
    settle();
    expect(got).toEqual([['DOWN', ref, 'process', target, 'gone']]);
    expect((got[0] as Term[])[1]).toBe(ref);
  });

  it('delivers DOWN noconnection to every monitor when the connection is lost', () => {
    const { a, b, settle, split } = cluster();
    const target = b.spawn(recorder([]));
    const got: Term[] = [];
    const watcher = a.spawn(recorder(got));
    const ref = a.ctxOf(watcher)?.monitor(target);
    settle();
    split();
    settle();
    expect(got).toEqual([['DOWN', ref, 'process', target, 'noconnection']]);
    expect(b.processInfo(target)?.monitoredBy).toEqual([]);
  });

  it('answers a monitor of a dead remote process with DOWN noproc, of an unreachable one with noconnection', () => {
    const { a, b, settle } = cluster();
    const dead = b.spawn(() => undefined);
    settle();
    const got: Term[] = [];
    const watcher = a.spawn(recorder(got));
    a.ctxOf(watcher)?.monitor(dead);
    settle();
    expect((got[0] as Term[])[4]).toBe('noproc');
    a.disconnect(2);
    a.ctxOf(watcher)?.monitor(dead);
    settle();
    expect((got[1] as Term[])[4]).toBe('noconnection');
  });

  it('demonitors on the remote side too', () => {
    const { a, b, settle } = cluster();
    const target = b.spawn(recorder([]));
    const watcher = a.spawn(recorder([]));
    const ctx = a.ctxOf(watcher);
    const ref = ctx?.monitor(target);
    settle();
    if (ref !== undefined) ctx?.demonitor(ref);
    settle();
    expect(b.processInfo(target)?.monitoredBy).toEqual([]);
  });

  it('ignores signals from a node after disconnecting from it', () => {
    const { a, b, settle, wire } = cluster();
    const got: Term[] = [];
    const receiver = a.spawn(recorder(got));
    run(b, (ctx) => ctx.send(receiver, 'late'));
    b.runUntilIdle();
    expect(wire).toHaveLength(1);
    a.disconnect(2);
    settle();
    expect(got).toEqual([]);
  });
});

describe('distribution: supervisors', () => {
  it("ignores an EXIT from a remote process whose pid number is a child's", () => {
    // A supervisor finds its children by pid number; the pid itself must match too.
    const { a, b, settle } = cluster();
    const worker: GenServerModule<null> = { name: 'worker', init: () => ['ok', null] };
    let sup: Pid | undefined;
    a.spawn((ctx) =>
      runEff(
        ctx,
        startSupervisor(ctx, {
          name: 'sup',
          init: () => ({
            flags: supFlags('erlang'),
            children: [childSpec({ id: 'w', start: (c) => startLink(c, worker, undefined) })],
          }),
        }),
        (r) => {
          sup = (r as readonly [string, Pid])[1];
          ctx.receive(() => undefined);
        },
      ),
    );
    settle();
    const child = a.pids().find((p) => a.processInfo(p)?.behaviour === 'gen_server:worker') as Pid;
    let twin: Pid | undefined;
    while (twin === undefined || twin.id < child.id)
      twin = b.spawn((ctx) => ctx.receive((m) => ctx.exit(m)));
    expect(twin.id).toBe(child.id);
    b.ctxOf(twin)?.link(sup as Pid);
    settle();
    b.send(undefined, twin, 'boom');
    settle();
    expect(a.isAlive(child)).toBe(true);
    expect(a.pids().filter((p) => a.processInfo(p)?.behaviour === 'gen_server:worker')).toEqual([
      child,
    ]);
  });
});
