import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../runtime';
import { Pid } from '../runtime';
import { EventBatcher } from './eventBatcher';

const a = new Pid(0, 1);
const b = new Pid(0, 2);
const send = (to: Pid): TraceEvent => ({ type: 'send', t: 0, from: a, to, msg: 'hi' });
const receive = (pid: Pid): TraceEvent => ({ type: 'receive', t: 0, pid, msg: 'hi' });
const types = (evs: readonly TraceEvent[]): string[] => evs.map((e) => e.type);

describe('EventBatcher', () => {
  it('sends message events up to the cap and counts the rest; keeps everything else', () => {
    const batcher = new EventBatcher(2);
    for (const ev of [send(b), send(b), send(b), send(b)]) batcher.observe(ev);
    batcher.observe({ type: 'link', t: 0, a, b });
    const { events, summary } = batcher.flush();
    expect(types(events)).toEqual(['send', 'send', 'link']);
    expect(summary).toEqual({ sends: 2, receives: 0, dropped: 0 });
    expect(batcher.flush()).toEqual({ events: [], summary: undefined });
  });

  it('over the cap, keeps the receive of a message it told about, so mailboxes stay right', () => {
    const batcher = new EventBatcher(2);
    // Two sends fill the cap; their receives still go, a third (untold) message's do not.
    for (const ev of [send(b), send(b), send(b), receive(b), receive(b), receive(b)])
      batcher.observe(ev);
    const { events, summary } = batcher.flush();
    expect(types(events)).toEqual(['send', 'send', 'receive', 'receive']);
    expect(summary).toEqual({ sends: 1, receives: 1, dropped: 0 });
  });

  it('owes a receive across batches, and for trapped EXITs and DOWNs', () => {
    const batcher = new EventBatcher(1);
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
});
