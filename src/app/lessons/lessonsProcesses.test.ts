import { afterEach, describe, expect, it, vi } from 'vitest';
import { LessonHarness } from '../testing/lessonHarness';
import { changedPaths } from './predictCheck';

/**
 * Lessons 1–4 run headless on the real runtime, step by step as the page runs them, and every
 * outcome their text claims is checked here.
 */
// Each lesson boots real nodes and moves a fake clock through every settle: seconds, not ms.
vi.setConfig({ testTimeout: 60_000 });

let h: LessonHarness;
afterEach(() => h.destroy());

const changed = (r: { before: Map<string, string>; after: Map<string, string> }) =>
  changedPaths(r.before, r.after).sort();

describe('lesson let_it_crash', () => {
  it('a crash ends only the counter; it restarts with its init state', async () => {
    h = new LessonHarness().start();
    await h.open('let_it_crash');
    await h.step();
    expect(h.at('app_sup/counter').state).toEqual({ count: 3 });
    h.next();
    const r = await h.step({ picks: ['app_sup/counter'] });
    expect(changed(r)).toEqual(['app_sup/counter']);
    expect(r.result).toMatchObject({ kind: 'pids', correct: true });
    expect(h.log('crash_report').join()).toMatch(/exception exit: boom/);
    expect(h.log('supervisor_report').join()).toMatch(
      /child_terminated reason: boom offender: \[\{pid,<1\.\d+\.0>\},\{id,counter\},\{mfargs,\{counter,start_link,\[\]\}\}/,
    );
    h.next();
    await h.step();
    expect(h.at('app_sup/counter').state).toEqual({ count: 0 });
  });
});

describe('lesson mailboxes', () => {
  it('queues three sends while paused, handles them in order, and drops hello into handle_info', async () => {
    h = new LessonHarness().start();
    await h.open('mailboxes');
    await h.step();
    expect(h.at('app_sup/counter').mailbox).toBe(3);
    expect(h.at('app_sup/counter').state).toEqual({ count: 0 });
    h.next();
    const r = await h.step({ choice: 0 });
    expect(r.result).toMatchObject({ kind: 'choice', correct: true });
    expect(h.at('app_sup/counter').mailbox).toBe(0);
    expect(h.at('app_sup/counter').state).toEqual({ count: 3 });
    h.next();
    const r2 = await h.step({ choice: 2 });
    expect(r2.result).toMatchObject({ kind: 'choice', correct: false, answer: 1, chosen: 2 });
    expect(changed(r2)).toEqual([]);
    expect(h.at('app_sup/counter').mailbox).toBe(0);
    expect(h.at('app_sup/counter').state).toEqual({ count: 3 });
  });
});

describe('lesson links_monitors', () => {
  it('the link takes partner down; the monitor only tells watcher', async () => {
    h = new LessonHarness().start();
    await h.open('links_monitors');
    await h.step();
    const worker = h.at('app_sup/worker');
    expect([...worker.links]).toContain(h.at('app_sup/partner').key);
    expect([...worker.monitoredBy.values()]).toEqual([h.at('app_sup/watcher').key]);
    h.next();
    const r = await h.step({ picks: ['app_sup/worker'] });
    expect(changed(r)).toEqual(['app_sup/partner', 'app_sup/worker']);
    // Computed from what happened: partner was missed, so the prediction is wrong.
    expect(r.result).toMatchObject({ kind: 'pids', correct: false });
    const down = h.view().log.find((e) => e.kind === 'down');
    expect(down?.to).toBe(r.before.get('app_sup/watcher'));
    expect(down?.label).toBe('boom');
  });
});

describe('lesson trap_exit', () => {
  it('a trapped exit is a message; kill is not trappable; normal is ignored', async () => {
    h = new LessonHarness().start();
    await h.open('trap_exit');
    await h.step();
    expect(h.at('app_sup/guard').trapExit).toBe(true);
    h.next();
    const r = await h.step({ picks: ['app_sup/worker'] });
    expect(changed(r)).toEqual(['app_sup/worker']);
    expect(r.result).toMatchObject({ correct: true });
    const trapped = h.view().log.find((e) => e.kind === 'exit_signal' && e.label === 'boom');
    expect(trapped?.outcome).toBe('trapped');
    h.next();
    const r2 = await h.step({ choice: 1 });
    expect(r2.result).toMatchObject({ correct: true });
    expect(changed(r2)).toEqual(['app_sup/guard']);
    expect(h.log('supervisor_report').at(-1)).toMatch(/reason: killed offender.*\{id,guard\}/);
    h.next();
    const r3 = await h.step({ choice: 1 });
    expect(r3.result).toMatchObject({ correct: true });
    expect(changed(r3)).toEqual([]);
  });
});
