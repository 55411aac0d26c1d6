import { describe, expect, it } from 'vitest';
import type { Body } from './ctx';
import { ErlangError } from './errors';
import { DEFAULT_MAX_MAILBOX, DEFAULT_MAX_PROCESSES, Node } from './node';
import type { Pid, Reason, Term } from './term';
import type { TraceEvent } from './traceEvent';

/** A node with its trace and exit reasons recorded. */
function traced(opts: ConstructorParameters<typeof Node>[0] = {}) {
  const node = new Node(opts);
  const events: TraceEvent[] = [];
  const reasons = new Map<Pid, Reason>();
  node.observe((ev) => {
    events.push(ev);
    if (ev.type === 'exit') reasons.set(ev.pid, ev.reason);
  });
  const logs = () => events.flatMap((e) => (e.type === 'log' ? [e.text] : []));
  return { node, events, reasons, logs };
}

/** Waits forever and reads nothing (every message stays queued). */
const deaf: Body = (ctx) => ctx.receive(() => undefined, { match: () => false });
const idle: Body = (ctx) => ctx.receive(() => undefined);

describe('process limit (erl +P)', () => {
  it('has defaults that leave room for big trees', () => {
    const node = new Node();
    expect(node.maxProcesses).toBe(DEFAULT_MAX_PROCESSES);
    expect(node.maxMailbox).toBe(DEFAULT_MAX_MAILBOX);
  });

  it('raises system_limit in the caller when the node is full', () => {
    const { node, logs } = traced({ maxProcesses: 5 });
    const caught: Term[] = [];
    node.spawn((ctx) => {
      for (let i = 0; i < 10; i++) {
        try {
          ctx.spawn(idle);
        } catch (e) {
          caught.push(e instanceof ErlangError ? e.reason : String(e));
        }
      }
    });
    node.runUntilIdle();
    // The spawner itself is one of the five.
    expect(caught).toEqual(Array(6).fill('system_limit'));
    expect(node.processCount).toBe(4);
    expect(logs()).toEqual([
      'spawn failed: system_limit (the node has 5 processes, its limit, like erl +P; 1 spawns refused so far)',
    ]);
  });

  it('holds a fork bomb at the limit with system_limit, saying so a few times only', () => {
    const { node, reasons, logs } = traced({ maxProcesses: 200 });
    const bomb: Body = (ctx) => {
      ctx.spawn(bomb);
      ctx.spawn(bomb);
      ctx.receive(() => undefined);
    };
    node.spawn(bomb);
    // As on BEAM, the bomb never ends: each death makes room for one more try.
    node.runUntilIdle({ maxTurns: 20_000 });
    expect(node.processCount).toBeGreaterThan(190);
    expect(node.processCount).toBeLessThanOrEqual(200);
    expect(reasons.size).toBeGreaterThan(1000);
    expect(new Set(reasons.values())).toEqual(new Set(['system_limit']));
    expect(logs().length).toBeLessThanOrEqual(5);
  });

  it('refuses a spawn from outside the node with an ErlangError', () => {
    const node = new Node({ maxProcesses: 1 });
    node.spawn(idle);
    expect(() => node.spawn(idle)).toThrow(ErlangError);
  });
});

describe('mailbox bound (like max_heap_size)', () => {
  it('kills a process whose mailbox is over the bound, with a report; nothing else is touched', () => {
    const { node, reasons, logs } = traced({ maxMailbox: 100 });
    const got: Term[] = [];
    const watcher = node.spawn((ctx) => {
      ctx.trapExit(true);
      ctx.receive((m) => void got.push(m));
    });
    node.runUntilIdle();
    const victim = node.spawn(deaf);
    const bystander = node.spawn(deaf);
    node.runUntilIdle();
    node.ctxOf(watcher)?.link(victim);
    node.spawn((ctx) => {
      for (let i = 0; i < 150; i++) ctx.send(victim, i);
      ctx.send(bystander, 'hello');
    });
    node.runUntilIdle();
    expect(reasons.get(victim)).toBe('killed');
    expect(node.isAlive(bystander)).toBe(true);
    expect(node.isAlive(watcher)).toBe(true);
    expect(got).toEqual([['EXIT', victim, 'killed']]);
    expect(logs()).toEqual([
      'killed: mailbox over 100 messages (maximum heap size reached, like max_heap_size)',
    ]);
    // The sender was not touched either: it ended normally.
    expect([...reasons.values()].filter((r) => r !== 'normal')).toEqual(['killed']);
  });

  it('kills a process flooding its own mailbox', () => {
    const { node, reasons } = traced({ maxMailbox: 1000 });
    const blaster = node.spawn((ctx) => {
      ctx.receive(() => {
        for (let i = 0; i < 10; i++) ctx.send(ctx.self, 'more');
      });
      ctx.send(ctx.self, 'go');
    });
    node.runUntilIdle({ maxTurns: 10_000 });
    expect(reasons.get(blaster)).toBe('killed');
  });

  it('killOverLimit kills one process for a bound the host measured', () => {
    const { node, reasons, logs } = traced();
    const p = node.spawn(idle);
    node.runUntilIdle();
    node.killOverLimit(p, 'state over 1,000,000 terms');
    node.runUntilIdle();
    expect(reasons.get(p)).toBe('killed');
    expect(logs()).toEqual([
      'killed: state over 1,000,000 terms (maximum heap size reached, like max_heap_size)',
    ]);
  });
});
