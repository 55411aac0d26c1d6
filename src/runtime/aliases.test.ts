import { describe, expect, it } from 'vitest';
import type { Ctx } from './ctx';
import { Node } from './node';
import type { Pid, Ref, Term } from './term';
import type { TraceEvent } from './traceEvent';

/** A process that records what it gets and exposes its Ctx to the test. */
function recorder(node: Node): { pid: Pid; got: Term[]; ctx: () => Ctx } {
  const got: Term[] = [];
  const pid = node.spawn((ctx) => ctx.receive((m) => void got.push(m)));
  node.runUntilIdle();
  return { pid, got, ctx: () => node.ctxOf(pid) as Ctx };
}

describe('process aliases (erlang:alias/1)', () => {
  it('delivers to the owner while active and drops once unaliased', () => {
    const node = new Node();
    const owner = recorder(node);
    const sender = recorder(node);
    const alias = owner.ctx().alias();
    sender.ctx().send(alias, 'one');
    node.runUntilIdle();
    expect(owner.ctx().unalias(alias)).toBe(true);
    expect(owner.ctx().unalias(alias)).toBe(false);
    sender.ctx().send(alias, 'two');
    node.runUntilIdle();
    expect(owner.got).toEqual(['one']);
  });

  it('only the owner can deactivate it', () => {
    const node = new Node();
    const owner = recorder(node);
    const other = recorder(node);
    const alias = owner.ctx().alias();
    expect(other.ctx().unalias(alias)).toBe(false);
    other.ctx().send(alias, 'still');
    node.runUntilIdle();
    expect(owner.got).toEqual(['still']);
  });

  it('traces a message to an inactive alias as dropped, to its owner', () => {
    const node = new Node();
    const events: TraceEvent[] = [];
    node.observe((e) => events.push(e));
    const owner = recorder(node);
    const alias = owner.ctx().alias();
    owner.ctx().unalias(alias);
    node.send(undefined, alias, 'late');
    expect(events.filter((e) => e.type === 'send_dropped')).toMatchObject([
      { to: owner.pid, msg: 'late' },
    ]);
  });

  it('monitor {alias, demonitor}: the alias goes with the monitor (demonitor, or its DOWN)', () => {
    const node = new Node();
    const owner = recorder(node);
    const target = recorder(node);
    const byDemonitor: Ref = owner.ctx().monitor(target.pid, { alias: 'demonitor' });
    const byDown: Ref = owner.ctx().monitor(target.pid, { alias: 'demonitor' });
    const explicit: Ref = owner.ctx().monitor(target.pid, { alias: 'explicit_unalias' });
    owner.ctx().demonitor(byDemonitor);
    node.send(undefined, byDemonitor, 'after demonitor');
    node.send(undefined, byDown, 'before DOWN');
    target.ctx().exitSignal(target.pid, 'kill');
    node.runUntilIdle();
    node.send(undefined, byDown, 'after DOWN');
    node.send(undefined, explicit, 'explicit after DOWN');
    node.runUntilIdle();
    expect(owner.got.filter((m) => typeof m === 'string')).toEqual([
      'before DOWN',
      'explicit after DOWN',
    ]);
  });

  it('a monitor alias of a process that is already dead is never active', () => {
    const node = new Node();
    const owner = recorder(node);
    const dead = node.spawn(() => undefined);
    node.runUntilIdle();
    const ref = owner.ctx().monitor(dead, { alias: 'demonitor' });
    node.runUntilIdle();
    node.send(undefined, ref, 'nope');
    node.runUntilIdle();
    expect(owner.got).toEqual([['DOWN', ref, 'process', dead, 'noproc']]);
  });

  it('a dead owner’s alias drops messages', () => {
    const node = new Node();
    const owner = recorder(node);
    const alias = owner.ctx().alias();
    owner.ctx().exitSignal(owner.pid, 'kill');
    node.runUntilIdle();
    expect(() => node.send(undefined, alias, 'x')).not.toThrow();
    expect(node.isAlive(owner.pid)).toBe(false);
  });
});
