import { describe, expect, it } from 'vitest';
import type { Ctx } from './ctx';
import { exitOrder } from './linkOrder';
import { Node } from './node';
import { Pid } from './term';
import type { Term } from './term';

/** A node whose exits and handled messages go, in order, to one log. */
function traced(): { node: Node; log: string[] } {
  const node = new Node();
  const log: string[] = [];
  node.observe((e) => {
    if (e.type === 'exit') log.push(`exit ${e.pid.id} ${JSON.stringify(e.reason)}`);
    if (e.type === 'receive') log.push(`got ${e.pid.id} ${JSON.stringify(e.msg)}`);
  });
  return { node, log };
}

/** A process that keeps every message; `ctx()` acts as it from outside its turn. */
function idle(node: Node, trap = false): { pid: Pid; got: Term[]; ctx: () => Ctx } {
  const got: Term[] = [];
  const pid = node.spawn((ctx) => {
    if (trap) ctx.trapExit(true);
    ctx.receive((m) => void got.push(m));
  });
  node.runUntilIdle();
  return { pid, got, ctx: () => node.ctxOf(pid) as Ctx };
}

describe('exit signals a process sends itself (erlang:exit/2 on self())', () => {
  it('kills a non-trapping process before exit/2 returns; processes it woke run first', () => {
    const { node, log } = traced();
    const other = idle(node);
    let after = false;
    const p = node.spawn((ctx) => {
      ctx.send(other.pid, 'hello');
      ctx.exitSignal(ctx.self, 'boom');
      after = true;
    });
    node.runUntilIdle();
    expect(after).toBe(false);
    expect(log).toEqual([`got ${other.pid.id} "hello"`, `exit ${p.id} "boom"`]);
  });

  it('normal ends a non-trapping caller too; a trapping one gets {EXIT, Self, normal}', () => {
    const { node } = traced();
    const reasons: Term[] = [];
    node.observe((e) => void (e.type === 'exit' && reasons.push(e.reason)));
    node.spawn((ctx) => ctx.exitSignal(ctx.self, 'normal'));
    const trapping = idle(node, true);
    trapping.ctx().exitSignal(trapping.pid, 'normal');
    node.runUntilIdle();
    expect(reasons).toEqual(['normal']);
    expect(trapping.got).toEqual([['EXIT', trapping.pid, 'normal']]);
  });

  it('kill is untrappable, also from oneself', () => {
    const { node } = traced();
    const p = idle(node, true);
    node.spawn((ctx) => ctx.exitSignal(p.pid, 'kill'));
    node.runUntilIdle();
    expect(node.isAlive(p.pid)).toBe(false);
  });
});

describe('signals about a dead target, and signals that wake their target', () => {
  it('a DOWN noproc for a dead target arrives after the caller’s turn', () => {
    const { node, log } = traced();
    const other = idle(node);
    const dead = node.spawn(() => undefined);
    node.runUntilIdle();
    const watcher = node.spawn((ctx) => {
      ctx.monitor(dead);
      ctx.send(other.pid, 'first');
      ctx.receive(() => ctx.clearReceive());
    });
    node.runUntilIdle();
    expect(log.filter((l) => l.startsWith('got'))).toEqual([
      `got ${other.pid.id} "first"`,
      expect.stringMatching(new RegExp(`^got ${watcher.id} \\["DOWN"`)) as unknown as string,
    ]);
  });

  it('demonitor without flush leaves a DOWN already queued; with flush it removes it', () => {
    const node = new Node();
    const watcher = idle(node);
    const a = idle(node);
    const b = idle(node);
    const ra = watcher.ctx().monitor(a.pid);
    const rb = watcher.ctx().monitor(b.pid);
    // The watcher is busy: the DOWNs queue up before it demonitors.
    node.ctxOf(a.pid)?.exitSignal(a.pid, 'kill');
    node.ctxOf(b.pid)?.exitSignal(b.pid, 'kill');
    node.step(); // a dies: its DOWN is queued at the watcher
    node.step(); // b likewise
    watcher.ctx().demonitor(ra, false);
    watcher.ctx().demonitor(rb, true);
    node.runUntilIdle();
    expect(watcher.got).toEqual([['DOWN', ra, 'process', a.pid, 'killed']]);
  });

  it('link, demonitor and an ignored exit signal make a waiting target runnable; a monitor does not', () => {
    const node = new Node();
    const a = idle(node);
    const t = idle(node);
    const status = (): string | undefined => node.processInfo(t.pid)?.status;
    a.ctx().link(t.pid);
    expect(status()).toBe('runnable');
    node.runUntilIdle();
    const ref = a.ctx().monitor(t.pid);
    expect(status()).toBe('waiting');
    a.ctx().demonitor(ref);
    expect(status()).toBe('runnable');
    node.runUntilIdle();
    a.ctx().exitSignal(t.pid, 'normal');
    expect(status()).toBe('runnable');
    node.runUntilIdle();
    expect(node.isAlive(t.pid)).toBe(true);
    expect(t.got).toEqual([]);
  });

  it('link/1 to a dead process: a trapping caller gets {EXIT, Pid, noproc} at once', () => {
    const { node, log } = traced();
    const other = idle(node);
    const dead = node.spawn(() => undefined);
    node.runUntilIdle();
    const p = node.spawn((ctx) => {
      ctx.trapExit(true);
      ctx.send(other.pid, 'first');
      ctx.link(dead);
      ctx.receive(() => ctx.clearReceive());
    });
    node.runUntilIdle();
    expect(log.filter((l) => l.startsWith('got'))).toEqual([
      `got ${p.id} ["EXIT",{"node":0,"id":${dead.id}},"noproc"]`,
      `got ${other.pid.id} "first"`,
    ]);
  });

  it('link/1 to a process killed but not yet dead succeeds; its death answers with noproc', () => {
    const node = new Node();
    const t = idle(node);
    const trapping = idle(node, true);
    const plain = idle(node);
    const reasons = new Map<number, Term>();
    node.observe((e) => void (e.type === 'exit' && reasons.set(e.pid.id, e.reason)));
    node.spawn((ctx) => {
      ctx.exitSignal(t.pid, 'kill');
      node.ctxOf(trapping.pid)?.link(t.pid);
      node.ctxOf(plain.pid)?.link(t.pid);
    });
    node.runUntilIdle();
    expect(reasons.get(t.pid.id)).toBe('killed');
    expect(trapping.got).toEqual([['EXIT', t.pid, 'noproc']]);
    expect(reasons.get(plain.pid.id)).toBe('noproc');
  });

  it('is_process_alive/1 waits for a process with an exit signal pending, not for one with messages', () => {
    const node = new Node();
    const t = idle(node, true);
    const answers: string[] = [];
    node.ctxOf(t.pid)?.send(t.pid, 'just a message');
    node.isAliveWhenScheduled(t.pid, (a) => answers.push(`message: ${a} ${t.got.length}`));
    node.runUntilIdle();
    node.spawn((ctx) => ctx.exitSignal(t.pid, 'boom'));
    node.step();
    node.isAliveWhenScheduled(t.pid, (a) =>
      answers.push(`exit signal: ${a}, after its turn started`),
    );
    expect(answers).toEqual(['message: true 0']);
    node.runUntilIdle();
    expect(answers).toEqual(['message: true 0', 'exit signal: true, after its turn started']);
  });

  it('trap_exit can be turned on and off at run time', () => {
    const node = new Node();
    const t = idle(node);
    t.ctx().trapExit(true);
    node.spawn((ctx) => ctx.exitSignal(t.pid, 'boom'));
    node.runUntilIdle();
    expect(t.got).toEqual([['EXIT', expect.any(Pid), 'boom']]);
    t.ctx().trapExit(false);
    node.spawn((ctx) => ctx.exitSignal(t.pid, 'boom'));
    node.runUntilIdle();
    expect(node.isAlive(t.pid)).toBe(false);
  });

  it('unlink removes the link both ways: a crash no longer propagates', () => {
    const node = new Node();
    const a = idle(node);
    const b = idle(node);
    a.ctx().link(b.pid);
    a.ctx().unlink(b.pid);
    node.ctxOf(b.pid)?.exitSignal(b.pid, 'boom');
    node.runUntilIdle();
    expect(node.isAlive(a.pid)).toBe(true);
  });
});

describe('exitOrder: the order a dying process’s links are signalled in', () => {
  const [A, B, C, D] = [1, 2, 3, 4].map((i) => new Pid(0, i)) as [Pid, Pid, Pid, Pid];
  const name = (p: Pid): string => 'ABCD'[p.id - 1] as string;

  it.each([
    [[C, A, D, B], 'BADC'],
    [[B, D, A, C], 'ACDB'],
    [[B, A], 'AB'],
    [[A, B], 'BA'],
  ])('linked in the order %#: as OTP 25 signals them', (links, order) => {
    expect(exitOrder(links).map(name).join('')).toBe(order);
  });

  it('handles ten thousand links without recursion', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => new Pid(0, i + 1));
    expect(new Set(exitOrder(many)).size).toBe(10_000);
  });
});
