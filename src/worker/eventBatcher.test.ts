import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../runtime';
import { Pid } from '../runtime';
import { EventBatcher } from './eventBatcher';

const a = new Pid(0, 1);
const b = new Pid(0, 2);
const send = (to: Pid): TraceEvent => ({ type: 'send', t: 0, from: a, to, msg: 'hi' });
const receive = (pid: Pid): TraceEvent => ({ type: 'receive', t: 0, pid, msg: 'hi' });
const msgCap = (n: number) => ({ caps: { message: { burst: n, perBatch: n } } });
const types = (evs: readonly TraceEvent[]): string[] => evs.map((e) => e.type);

describe('EventBatcher', () => {
  it('sends message events up to the cap and counts the rest; keeps everything else', () => {
    const batcher = new EventBatcher(msgCap(2));
    for (const ev of [send(b), send(b), send(b), send(b)]) batcher.observe(ev);
    batcher.observe({ type: 'link', t: 0, a, b });
    const { events, summary } = batcher.flush();
    expect(types(events)).toEqual(['send', 'send', 'link']);
    expect(summary).toEqual({ sends: 2, receives: 0, dropped: 0 });
    expect(batcher.flush()).toEqual({ events: [], summary: undefined, skipped: undefined });
  });

  it('over the cap, keeps the receive of a message it told about, so mailboxes stay right', () => {
    const batcher = new EventBatcher(msgCap(2));
    // Two sends fill the cap; their receives still go, a third (untold) message's do not.
    for (const ev of [send(b), send(b), send(b), receive(b), receive(b), receive(b)])
      batcher.observe(ev);
    const { events, summary } = batcher.flush();
    expect(types(events)).toEqual(['send', 'send', 'receive', 'receive']);
    expect(summary).toEqual({ sends: 1, receives: 1, dropped: 0 });
  });

  it('owes a receive across batches, and for trapped EXITs and DOWNs', () => {
    const batcher = new EventBatcher(msgCap(1));
    batcher.observe(send(b));
    batcher.flush();
    batcher.observe(send(a)); // fills the next batch's cap
    batcher.observe(receive(b)); // told about in the last batch: kept
    batcher.observe({
      type: 'exit_signal',
      t: 0,
      from: b,
      to: a,
      reason: 'boom',
      link: true,
      outcome: 'trapped',
    });
    batcher.observe(receive(a));
    batcher.observe(receive(a));
    batcher.observe(receive(a)); // nothing owed any more: counted
    const { events, summary } = batcher.flush();
    expect(types(events)).toEqual(['send', 'receive', 'exit_signal', 'receive', 'receive']);
    expect(summary).toEqual({ sends: 0, receives: 1, dropped: 0 });
  });

  it('keeps one state event per process per batch', () => {
    const batcher = new EventBatcher();
    for (const pid of [a, a, b, a]) batcher.observe({ type: 'state', t: 0, pid });
    expect(batcher.flush().events).toHaveLength(2);
    batcher.observe({ type: 'state', t: 0, pid: a });
    expect(batcher.flush().events).toHaveLength(1);
  });

  it('caps log lines per batch and counts the rest; the cap refills each batch', () => {
    const batcher = new EventBatcher({ caps: { log: { burst: 50, perBatch: 10 } } });
    const log = (): TraceEvent => ({ type: 'log', t: 0, pid: a, text: 'spam' });
    for (let i = 0; i < 1000; i++) batcher.observe(log());
    const first = batcher.flush();
    expect(first.events).toHaveLength(50);
    expect(first.skipped).toEqual({ log: 950 });
    for (let i = 0; i < 1000; i++) batcher.observe(log());
    expect(batcher.flush()).toMatchObject({ skipped: { log: 990 } });
    expect(batcher.pending).toBe(0);
  });

  it('hides a process whose spawn is over the cap: everything about it is counted, not sent', () => {
    const batcher = new EventBatcher({ caps: { spawn: { burst: 2, perBatch: 1 } } });
    const pids = [1, 2, 3, 4].map((id) => new Pid(0, id));
    for (const pid of pids)
      batcher.observe({
        type: 'spawn',
        t: 0,
        pid,
        parent: pids[0],
        behaviour: 'x',
        linked: false,
      });
    const [p1, p2, p3, p4] = pids as [Pid, Pid, Pid, Pid];
    batcher.observe({ type: 'link', t: 0, a: p1, b: p3 });
    batcher.observe({ type: 'log', t: 0, pid: p4, text: 'hidden' });
    batcher.observe(send(p3));
    batcher.observe({ type: 'exit', t: 0, pid: p3, reason: 'normal' });
    batcher.observe({ type: 'exit', t: 0, pid: p2, reason: 'normal' });
    const { events, skipped, summary } = batcher.flush();
    // Its log lines are still worth reading ("spawn failed: system_limit" comes from one).
    expect(types(events)).toEqual(['spawn', 'spawn', 'log', 'exit']);
    expect(skipped).toEqual({ spawn: 2, link: 1, exit: 1 });
    expect(summary).toEqual({ sends: 1, receives: 0, dropped: 0 });
    expect(batcher.isShown(p1)).toBe(true);
    expect(batcher.isShown(p4)).toBe(false);
  });

  it("always sends a shown process's exit, whatever the caps", () => {
    const batcher = new EventBatcher({ caps: { spawn: { burst: 100, perBatch: 0 } } });
    const pids = Array.from({ length: 100 }, (_, i) => new Pid(0, i + 1));
    for (const pid of pids)
      batcher.observe({
        type: 'spawn',
        t: 0,
        pid,
        parent: undefined,
        behaviour: 'x',
        linked: false,
      });
    batcher.flush();
    for (const pid of pids) batcher.observe({ type: 'exit', t: 0, pid, reason: 'kill' });
    expect(batcher.flush().events).toHaveLength(100);
  });

  it('shows at most maxShown live processes; a shown one exiting makes room', () => {
    const batcher = new EventBatcher({ maxShown: 3 });
    const spawnPid = (id: number): Pid => {
      const pid = new Pid(0, id);
      batcher.observe({
        type: 'spawn',
        t: 0,
        pid,
        parent: undefined,
        behaviour: 'x',
        linked: false,
      });
      return pid;
    };
    const first = spawnPid(1);
    for (let id = 2; id <= 10; id++) spawnPid(id);
    expect(batcher.flush().skipped).toEqual({ spawn: 7 });
    batcher.observe({ type: 'exit', t: 0, pid: first, reason: 'normal' });
    expect(batcher.isShown(spawnPid(11))).toBe(true);
    expect(batcher.isShown(spawnPid(12))).toBe(false);
  });

  it('caps every kind of event: a flood of each is bounded per batch and counted', () => {
    const batcher = new EventBatcher();
    const flood: TraceEvent[] = [
      { type: 'link', t: 0, a, b },
      { type: 'unlink', t: 0, a, b },
      { type: 'trap_exit', t: 0, pid: a, on: true },
      { type: 'register', t: 0, pid: a, name: 'x' },
      { type: 'init', t: 0, pid: b, result: 'ok' },
      { type: 'crash_report', t: 0, pid: b, reason: 'boom' },
      { type: 'log', t: 0, pid: a, text: 'x' },
      send(b),
      { type: 'send_dropped', t: 0, from: a, to: b, msg: 'x' },
      { type: 'down', t: 0, ref: a, watcher: a, target: b, reason: 'x' },
    ];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 50_000; i++) for (const ev of flood) batcher.observe(ev);
      const { events, skipped, summary } = batcher.flush();
      const total = Object.values(skipped ?? {}).reduce((x, y) => x + y, 0);
      const counted = summary === undefined ? 0 : summary.sends + summary.dropped;
      expect(events.length + total + counted).toBe(500_000);
      expect(events.length).toBeLessThanOrEqual(round === 0 ? 60_000 : 2_000);
    }
  });

  it('gives plain processes a smaller burst than behaviours: a fork bomb is not a tree', () => {
    const batcher = new EventBatcher({
      caps: { spawn: { burst: 5, perBatch: 1 }, process: { burst: 2, perBatch: 1 } },
    });
    for (let id = 1; id <= 10; id++)
      batcher.observe({
        type: 'spawn',
        t: 0,
        pid: new Pid(0, id),
        parent: undefined,
        behaviour: id <= 5 ? 'process' : 'gen_server:counter',
        linked: false,
      });
    const { events, skipped } = batcher.flush();
    expect(events.map((e) => (e as { behaviour: string }).behaviour)).toEqual([
      'process',
      'process',
      'gen_server:counter',
      'gen_server:counter',
      'gen_server:counter',
      'gen_server:counter',
      'gen_server:counter',
    ]);
    expect(skipped).toEqual({ spawn: 3 });
  });

  it('hides what a hidden process spawns, even with room to show it', () => {
    const batcher = new EventBatcher({ caps: { process: { burst: 1, perBatch: 100 } } });
    const spawn = (id: number, parent?: number) =>
      batcher.observe({
        type: 'spawn',
        t: 0,
        pid: new Pid(0, id),
        parent: parent === undefined ? undefined : new Pid(0, parent),
        behaviour: 'process',
        linked: false,
      });
    spawn(1);
    spawn(2, 1);
    batcher.flush();
    spawn(3, 2);
    spawn(4, 1);
    expect(types(batcher.flush().events)).toEqual(['spawn']);
    expect(batcher.isShown(new Pid(0, 3))).toBe(false);
    expect(batcher.isShown(new Pid(0, 4))).toBe(true);
  });
});
