// User modules compile only in a locked-down realm, as in a node's worker.
import './sandbox/install';
import { describe, expect, it } from 'vitest';
import type { WirePid } from '../base';
import type { JournalInput } from './journal';
import type { NodeEvent } from './protocol';
import { HostHarness, settle, sup, worker } from './testing/hostHarness';

/**
 * Issue 7's "Resume from here" rests on this: a node host's journal (journal.ts) replays to the
 * very trace it recorded — every event, its node time and its terms — although the recorded run
 * was cut into slices by real time, took commands and a peer's packets whenever they came, and
 * went through a netsplit and a heal.
 */

type Batch = Extract<NodeEvent, { type: 'batch' }>;
const batches = (h: HostHarness): Batch[] => h.events.filter((e): e is Batch => e.type === 'batch');
const journalOf = (h: HostHarness): JournalInput[] => batches(h).flatMap((b) => b.inputs ?? []);
/** What the page folds: each batch's events, counts and states (not its record). */
const shown = (h: HostHarness) =>
  batches(h).map((b) => ({ now: b.now, events: b.events, summary: b.summary, states: b.states }));

/** Real time that moves a little at every reading, so slices end after a varying number of turns. */
function jitteryNow(h: { time: { now: () => number } }, seed: number): () => number {
  let drift = 0;
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    drift += (x % 1000) / 900;
    return h.time.now() + drift;
  };
}

function makeNode(seed: number): HostHarness {
  const holder: { time: { now: () => number } } = { time: { now: () => 0 } };
  const h = new HostHarness({ speed: 2, now: jitteryNow(holder, seed) });
  holder.time = h.time;
  return h;
}

/** Both nodes' fake time moves together, so packets between them flow as time goes. */
async function runBoth(a: HostHarness, b: HostHarness, ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 8) {
    a.time.advance(8);
    b.time.advance(8);
    await settle();
  }
}

async function connect(a: HostHarness, b: HostHarness): Promise<void> {
  const ch = new MessageChannel();
  await a.post({ type: 'connect', peer: 2, port: ch.port1 });
  await b.post({ type: 'connect', peer: 1, port: ch.port2 });
}

async function recordedRun(): Promise<[HostHarness, HostHarness]> {
  const a = makeNode(1);
  const b = makeNode(2);
  await connect(a, b);
  await a.boot(
    sup(
      'app',
      [
        worker('count', 'counter', { name: 'count' }),
        worker('tick', 'ticker', { args: { interval: 30 } }),
        worker('flaky', 'flaky', { args: { crash_probability: 0.4, interval: 25 } }),
      ],
      { intensity: 1000 },
    ),
    { id: 1, seed: 11 },
  );
  await b.boot(sup('app', [worker('echo', 'echo', { name: 'echo' }), worker('c2', 'counter')]), {
    id: 2,
    seed: 12,
  });
  await runBoth(a, b, 100);
  const echo = b.pidOf('echo');
  const count = a.pidOf('count');
  // Across the nodes: a monitor, a link, calls and casts both ways.
  await a.post({ type: 'monitor', watcher: count, target: echo });
  await b.post({ type: 'link', a: b.pidOf('c2'), b: count });
  for (let i = 0; i < 6; i++) {
    await a.request({ type: 'call', to: echo, request: ['hi', i], timeout: 500 });
    await b.post({ type: 'send', to: count as WirePid, msg: 'inc' });
    await runBoth(a, b, 20 + i * 7);
  }
  await a.post({ type: 'crash', pid: a.pidOf('count'), reason: 'boom' });
  await runBoth(a, b, 60);
  // A netsplit: the link and the monitor fire noconnection; then a heal, and more traffic.
  await a.post({ type: 'disconnect', peer: 2 });
  await b.post({ type: 'disconnect', peer: 1 });
  await runBoth(a, b, 80);
  await connect(a, b);
  await a.request({ type: 'call', to: b.pidOf('echo'), request: 'again', timeout: 500 });
  await a.post({ type: 'monitor', watcher: a.pidOf('count'), target: b.pidOf('echo') });
  await b.post({ type: 'exit_signal', pid: b.pidOf('echo'), reason: 'kill' });
  await runBoth(a, b, 100);
  // Paused, stepped and resumed at another speed.
  await a.post({ type: 'pause' });
  for (let i = 0; i < 5; i++) await a.post({ type: 'step' });
  await a.post({ type: 'set_speed', speed: 5 });
  await a.post({ type: 'resume' });
  await runBoth(a, b, 150);
  return [a, b];
}

async function replayed(journal: JournalInput[]): Promise<HostHarness> {
  const h = new HostHarness({ speed: 1 });
  const rid = await h.request({ type: 'replay', inputs: journal, echo: true });
  expect(h.value(rid)).toMatchObject({ diverged: 'none', inputs: journal.length });
  return h;
}

describe('replay: a journal reproduces its recorded run', () => {
  it('replays two nodes through calls, a crash, a netsplit, a heal and stepping to the same trace', async () => {
    const [a, b] = await recordedRun();
    for (const [h, id] of [
      [a, 1],
      [b, 2],
    ] as const) {
      const journal = journalOf(h);
      const kinds = new Set(journal.map((i) => i.k));
      // The run really went through what makes a replay hard.
      for (const k of ['boot', 'cmd', 'slice', 'recv', 'connect', 'disconnect', 'flush'])
        expect(kinds, `node ${id}`).toContain(k);
      const r = await replayed(journal);
      expect(r.trace().length, `node ${id}`).toBeGreaterThan(60);
      expect(shown(r)).toEqual(shown(h));
    }
    expect(journalOf(a).some((i) => i.k === 'step')).toBe(true);
    // Slices stopped after varying numbers of turns (real time, not the work, ended them).
    const turns = new Set(journalOf(a).flatMap((i) => (i.k === 'slice' ? [i.turns] : [])));
    expect(turns.size).toBeGreaterThan(2);
  });

  it('says where a replay went another way when the record was tampered with', async () => {
    const [a] = await recordedRun();
    const journal = journalOf(a).map((i) =>
      i.k === 'slice' && i.turns > 1 ? { ...i, turns: i.turns - 1 } : i,
    );
    const h = new HostHarness();
    const rid = await h.request({ type: 'replay', inputs: journal });
    expect((h.value(rid) as { diverged: string }).diverged).toMatch(/batch|input/);
  });

  it('refuses a record that does not start with a boot', async () => {
    const h = new HostHarness();
    const rid = await h.request({ type: 'replay', inputs: [{ k: 'step', at: 0 }] });
    expect(h.reply(rid)).toMatchObject({ ok: false, error: expect.stringMatching(/boot/) });
  });
});
