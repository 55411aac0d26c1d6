import { describe, expect, it } from 'vitest';
import { MAX_TERM_DEPTH, boundTerm } from './protocolSchema';
import { checkNodeEvent } from './validateEvent';
import { HostHarness, sup, worker } from './testing/hostHarness';

const pid = (node: number, id: number) => ({ node, id });
const batch = (node: number, events: unknown[], extra: object = {}) => ({
  type: 'batch',
  node,
  now: 10,
  events,
  summary: undefined,
  states: [],
  ...extra,
});
const spawn = (node: number, id: number) => ({
  type: 'spawn',
  t: 1,
  pid: pid(node, id),
  parent: undefined,
  behaviour: 'gen_server:counter',
  linked: false,
});

describe('checkNodeEvent', () => {
  it('accepts what an honest node host posts, unchanged', async () => {
    const h = new HostHarness();
    await h.boot(
      sup('app', [
        worker('c', 'counter', { name: 'count' }),
        sup('sub', [worker('e', 'echo'), worker('f', 'flaky', { args: { crash_probability: 1 } })]),
      ]),
    );
    await h.run(2000);
    await h.request({ type: 'call', to: 'count', request: 'increment', timeout: 1000 });
    await h.run(100);
    expect(h.events.length).toBeGreaterThan(3);
    const types = new Set<string>();
    for (const ev of h.events) {
      const { event, problems } = checkNodeEvent(1, ev);
      expect(problems).toEqual([]);
      expect(event).toEqual(ev);
      if (ev.type === 'batch') for (const e of ev.events) types.add(e.type);
    }
    for (const t of [
      'spawn',
      'exit',
      'send',
      'receive',
      'init',
      'child_started',
      'supervisor_report',
    ])
      expect(types).toContain(t);
  });

  it('rejects a batch claiming to be another node', () => {
    const r = checkNodeEvent(1, batch(2, [spawn(2, 5)]));
    expect(r.event).toBeUndefined();
    expect(r.problems).toEqual([
      { kind: 'spoofed', message: 'node 1 sent a batch claiming to be node 2' },
    ]);
  });

  it("drops events and states about another node's processes, keeping the rest", () => {
    const r = checkNodeEvent(
      1,
      batch(
        1,
        [
          spawn(1, 5),
          { type: 'exit', t: 2, pid: pid(2, 7), reason: 'killed' },
          { type: 'exit', t: 2, pid: pid(2, 8), reason: 'killed' },
        ],
        { states: [{ pid: pid(2, 7), state: 1 }] },
      ),
    );
    expect(r.event).toMatchObject({ type: 'batch', events: [spawn(1, 5)], states: [] });
    expect(r.problems.map((p) => p.kind)).toEqual(['spoofed']);
  });

  it('drops a malformed or unknown event and applies the rest of the batch', () => {
    const r = checkNodeEvent(
      1,
      batch(1, [
        spawn(1, 5),
        { type: 'spawn', t: 1, pid: 'nope' },
        { type: 'frobnicate', t: 1 },
        null,
        7,
        { type: 'log', t: 'later', pid: pid(1, 5), text: 'x' },
        spawn(1, 6),
      ]),
    );
    expect(r.event).toMatchObject({ events: [spawn(1, 5), spawn(1, 6)] });
    expect(r.problems.map((p) => p.kind)).toEqual(['event:spawn', 'event:?', 'event:log']);
    expect(r.problems[0]?.message).toMatch(/^node 1 sent a malformed 'spawn' trace event \(pid/);
    expect(r.problems[1]?.message).toBe(
      "node 1 sent an unknown trace event 'frobnicate'; such events are ignored",
    );
  });

  it('rejects what is not a protocol event, a ready for another node and a wrong version', () => {
    for (const raw of [null, 42, 'ready', [], { type: 'nope' }, { type: 'pong', seq: 'x' }])
      expect(checkNodeEvent(1, raw)).toMatchObject({
        event: undefined,
        problems: [{ kind: 'message' }],
      });
    expect(checkNodeEvent(1, { type: 'ready', version: 1, node: 2 }).problems[0]?.kind).toBe(
      'spoofed',
    );
    expect(checkNodeEvent(1, { type: 'ready', version: 9, node: 1 }).problems[0]?.kind).toBe(
      'ready',
    );
  });

  it('cuts cyclic, deep and huge terms and long texts instead of passing them on', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const r = checkNodeEvent(
      1,
      batch(1, [
        { type: 'receive', t: 1, pid: pid(1, 2), msg: cyclic },
        { type: 'log', t: 1, pid: pid(1, 2), text: 'x'.repeat(100_000) },
        { type: 'receive', t: 1, pid: pid(1, 2), msg: new Array(200_000).fill(1) },
      ]),
    );
    const [rec, log, big] = (r.event as { events: Record<string, unknown>[] }).events;
    let depth = 0;
    for (let t = rec?.msg as Record<string, unknown>; typeof t === 'object'; t = t.self as never)
      depth++;
    expect(depth).toBeLessThanOrEqual(MAX_TERM_DEPTH + 1);
    expect((log?.text as string).length).toBeLessThan(2100);
    expect((big?.msg as unknown[]).length).toBeLessThan(60_000);
    expect(boundTerm(['ok', { a: [1, 2] }])).toEqual(['ok', { a: [1, 2] }]);
  });

  it('never throws, whatever arrives', () => {
    const hostile = {
      get type() {
        throw new Error('gotcha');
      },
    };
    expect(() => checkNodeEvent(1, hostile)).not.toThrow();
    expect(() => checkNodeEvent(1, batch(1, [hostile]))).not.toThrow();
  });
});
