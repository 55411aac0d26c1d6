import { describe, expect, it } from 'vitest';
import { at } from '../../store/testing/find';
import type { ViewState } from '../../store/types';
import { createPlaygroundStore } from '../../store/vanilla';
import { inThreadTransport } from '../../worker/inThreadTransport';
import type { ChildSpecData, Workspace } from '../../worker/protocol';
import { createClusterEngine } from '../clusterEngine';
import { SESSION_FORMAT, parseSessionFile, recordingOf, sessionFileText } from './sessionFile';

/**
 * "Resume from here" end to end over real node hosts (in this thread, real time): two nodes
 * talking across, a netsplit and a heal, a crash; the page goes back to a point in the middle and
 * the nodes are rebuilt from their records. Each replay must make exactly the batches it recorded,
 * the page must show that point, and the nodes must go on from it (and be resumable again).
 */

const w = (id: string, behaviour: string, extra: Partial<ChildSpecData> = {}): ChildSpecData =>
  ({ kind: 'worker', id, behaviour, ...extra }) as ChildSpecData;

const workspace: Workspace = {
  version: 1,
  flavour: 'erlang',
  seed: 3,
  modules: [],
  nodes: [
    {
      id: 1,
      name: 'node1',
      root: {
        kind: 'supervisor',
        id: 'app',
        strategy: 'one_for_one',
        intensity: 1000,
        children: [
          w('counter', 'counter', { name: 'counter' }),
          w('ticker', 'ticker', { args: { interval: 40 } }),
          w('flaky', 'flaky', { args: { crash_probability: 0.3, interval: 30 } }),
        ],
      },
    },
    {
      id: 2,
      name: 'node2',
      root: {
        kind: 'supervisor',
        id: 'edge',
        strategy: 'one_for_one',
        children: [w('echo', 'echo', { name: 'echo' })],
      },
    },
  ],
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What the page shows of a state: every live process's slot, pid and generation, and the nodes
 * (the dead fade out by node time, which a batch's end moves on).
 */
const picture = (s: ViewState) => ({
  procs: [...s.processes.values()]
    .filter((p) => p.status === 'running' || p.status === 'waiting')
    .map((p) => [p.key, p.childId, p.status === 'waiting' ? 'running' : p.status, p.generation])
    .sort(),
  nodes: [...s.nodes.values()].map((n) => [n.id, n.status, [...n.peers]]),
});

describe('Resume from here', () => {
  it('rebuilds two nodes at a past point from their records, exactly, and goes on live', async () => {
    const view = createPlaygroundStore();
    const engine = createClusterEngine(view, {
      makeTransport: () => inThreadTransport({ frameMs: 8, defaultSpeed: 4 }),
    });
    const vs = view.getState;
    engine.start(workspace, 4);
    await sleep(250);
    const echo = engine.resolve('edge/echo');
    const counter = engine.resolve('app/counter');
    expect(echo && counter).toBeTruthy();
    engine.post(1, { type: 'monitor', watcher: counter!.pid, target: echo!.pid });
    for (let i = 0; i < 5; i++) {
      await engine.call(1, echo!.pid, ['ping', i], 1000);
      await sleep(20);
    }
    engine.netsplit(1, 2);
    await sleep(80);
    engine.heal(1, 2);
    await sleep(80);
    engine.post(1, { type: 'crash', pid: engine.resolve('app/counter')!.pid, reason: 'boom' });
    await sleep(150);
    engine.pause();
    vs().setPaused(true);
    await sleep(50);

    const h = vs().history();
    // A point after the netsplit: the records must carry the split, the heal and the crash.
    const splitAt = [...Array(h.end - h.start).keys()]
      .map((i) => i + h.start)
      .find((i) => {
        const s = h.step(i);
        return s?.k === 'cluster' && s.ev.type === 'nodes_disconnected';
      });
    expect(splitAt).toBeDefined();
    // Inside a batch of node 1's, after the netsplit: its first events shown, not the rest.
    let mid = Math.floor((splitAt! + h.end) / 2);
    for (let j = mid; j < h.end; j++) {
      const s = h.step(j);
      if (s?.k === 'batch_end' && s.batch.node === 1 && s.batch.events.length >= 4) {
        mid = j - 2;
        break;
      }
    }
    expect(h.step(mid)?.k).toBe('trace');
    const expected = picture(h.stateAt(mid));
    const outcome = await engine.resumeAt!(mid);
    if (!outcome.ok) throw new Error(outcome.why);
    // At the point, or where the process turn it fell in began (a turn runs whole).
    expect(outcome.at).toBeLessThanOrEqual(mid);
    expect(outcome.at).toBeGreaterThan(splitAt!);
    expect(outcome.reports.map((r) => [r.node, r.diverged])).toEqual([
      [1, 'none'],
      [2, 'none'],
    ]);
    expect(outcome.reports.map((r) => r.batches > 3)).toEqual([true, true]);
    // The page is at that point, and node 1 posted what it replayed of the batch the point fell
    // in (as a batch with no new events), then nothing else yet: paused.
    if (outcome.at === mid) expect(picture(h.stateAt(outcome.at))).toEqual(expected);
    expect(picture(vs().liveState())).toEqual(picture(h.stateAt(outcome.at)));
    await sleep(30);
    const after = [...Array(h.end - outcome.at).keys()].map((i) => h.step(outcome.at + i));
    expect(after.every((s) => s?.k === 'batch_end' || (s?.k === 'trace' && s.node === 1))).toBe(
      true,
    );
    expect(after.at(-1)?.k).toBe('batch_end');

    // The nodes go on from there: the counter answers with the count it had.
    const count = at(vs().liveState(), 'app/counter');
    const info = (await engine.inspect(1, count.pid)) as { status?: string };
    expect(info.status).toBeDefined();
    engine.resume();
    vs().setPaused(false);
    await sleep(200);
    expect(vs().history().end).toBeGreaterThan(outcome.at + 20);
    // The ticker kept its pid across the resume (it was not restarted), and node 2 is still there.
    expect(at(vs().liveState(), 'app/ticker').key).toBe(
      [...h.stateAt(outcome.at).processes.values()].find(
        (p) => p.childId === 'ticker' && p.status !== 'dead',
      )?.key,
    );
    expect(await engine.call(1, engine.resolve('edge/echo')!.pid, 'after', 1000)).toBe('after');

    // A resumed run is recorded on from its replay: it can be resumed again, as exactly.
    engine.pause();
    vs().setPaused(true);
    await sleep(50);
    const again = await engine.resumeAt!(Math.floor((outcome.at + vs().history().end) / 2));
    if (!again.ok) throw new Error(again.why);
    expect(again.reports.map((r) => r.diverged)).toEqual(['none', 'none']);
    await sleep(100);

    // The session as a file, opened in another page: the same history, the nodes where they were.
    engine.pause();
    vs().setPaused(true);
    await sleep(50);
    const rec = recordingOf(vs().history(), engine.recorded!());
    if (!rec.ok) throw new Error(rec.error);
    const text = sessionFileText({
      format: SESSION_FORMAT,
      version: 1,
      workspace,
      speed: 4,
      recording: rec.value,
    });
    const file = parseSessionFile(text, 'file');
    if (!file.ok) throw new Error(file.error);
    const view2 = createPlaygroundStore();
    view2.getState().setPaused(true);
    const engine2 = createClusterEngine(view2, {
      makeTransport: () => inThreadTransport({ frameMs: 8, defaultSpeed: 4 }),
    });
    const opened = await engine2.openRecording!(workspace, file.value.recording, 4);
    if (!opened.ok) throw new Error(opened.why);
    expect(opened.reports.map((r) => r.diverged)).toEqual(['none', 'none']);
    const h2 = view2.getState().history();
    expect(h2.end - h2.start).toBe(vs().history().end - vs().history().start);
    expect(picture(view2.getState().liveState())).toEqual(picture(vs().liveState()));
    // And it goes on from there.
    engine2.resume();
    view2.getState().setPaused(false);
    expect(await engine2.call(1, engine2.resolve('edge/echo')!.pid, 'opened', 1000)).toBe('opened');
    engine2.stop();
    engine.stop();
  });

  it('a session file keeps what JSON cannot say (undefined in a list, NaN) and refuses a malformed one', () => {
    const text = sessionFileText({
      format: SESSION_FORMAT,
      version: 1,
      workspace,
      speed: 1,
      recording: {
        told: [{ k: 'prune', node: 1, now: 5 }],
        runs: [
          {
            node: 1,
            start: 0,
            marks: [],
            off: undefined,
            inputs: [
              {
                k: 'cmd',
                at: 1,
                cmd: { type: 'send', to: 'x', msg: [1, undefined, Number.NaN] as never },
              },
            ],
          },
        ],
      },
    });
    const back = parseSessionFile(text, 'f');
    if (!back.ok) throw new Error(back.error);
    const cmd = back.value.recording.runs[0]!.inputs[0] as unknown as { cmd: { msg: unknown[] } };
    expect(cmd.cmd.msg).toEqual([1, undefined, Number.NaN]);
    expect(parseSessionFile(text.replace('"prune"', '"warp"'), 'f')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^f: the recording is malformed at told\.0/),
    });
    expect(parseSessionFile('{"format":"x"}', 'f')).toMatchObject({ ok: false });
  });
});
