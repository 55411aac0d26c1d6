import { afterEach, describe, expect, it, vi } from 'vitest';
import { LESSONS, type Predict } from '../../lessons';
import { LessonHarness, memoryStorage } from '../testing/lessonHarness';
import { LESSON_PROGRESS_KEY, loadProgress, saveProgress } from './lessonProgress';
import { lessonFromSearch } from './lessonUrl';
import { judge } from './predictCheck';

vi.setConfig({ testTimeout: 60_000 });

// Not every test starts a playground (the first parses only).
let h: LessonHarness | undefined;
afterEach(() => {
  h?.destroy();
  h = undefined;
});

/** Starts a headless playground, destroyed after the test. */
const harness = (opts?: ConstructorParameters<typeof LessonHarness>[0]): LessonHarness => {
  const made = new LessonHarness(opts).start();
  h = made;
  return made;
};

describe('?lesson=ID&step=N', () => {
  it('is parsed with steps counted from 1', () => {
    expect(lessonFromSearch('?speed=10&lesson=trap_exit&step=3')).toEqual({
      id: 'trap_exit',
      step: 3,
    });
    expect(lessonFromSearch('?lesson=trap_exit')).toEqual({ id: 'trap_exit', step: 1 });
    expect(lessonFromSearch('?lesson=trap_exit&step=two')).toEqual({ id: 'trap_exit', step: 0 });
    expect(lessonFromSearch('?speed=10')).toBeUndefined();
  });

  it('opens the lesson at that step with the earlier steps replayed on its own tree', async () => {
    const h = harness({ search: '?speed=1&lesson=trap_exit&step=3' });
    await h.idle();
    expect(h.pg.ui.getState().lesson).toMatchObject({ id: 'trap_exit', step: 2, phase: 'ready' });
    // Steps 1 and 2 ran: guard traps exits, worker was crashed and restarted once.
    expect(h.at('app_sup/guard').trapExit).toBe(true);
    expect(h.at('app_sup/worker').generation).toBe(1);
    expect(h.pg.ui.getState().workspace).toEqual(
      LESSONS.find((l) => l.id === 'trap_exit')?.workspace,
    );
  });

  it('an unknown lesson or a step out of range is a toast, and nothing opens', async () => {
    const h = harness({ search: '?speed=1&lesson=nope&step=1' });
    await h.run(100);
    expect(h.pg.ui.getState().lesson).toBeUndefined();
    expect(h.toasts).toContain('There is no lesson called “nope”.');
    h.pg.dispatch({ type: 'open_lesson', id: 'trap_exit', step: 9 });
    h.pg.dispatch({ type: 'open_lesson', id: 'trap_exit', step: 0 });
    expect(h.pg.ui.getState().lesson).toBeUndefined();
    expect(h.toasts.filter((t) => t.includes('has steps 1 to 4'))).toHaveLength(2);
  });
});

describe('Back', () => {
  it('returns the tree to that step’s state: the lesson’s tree, the earlier steps replayed', async () => {
    const h = harness();
    await h.open('let_it_crash');
    await h.step();
    h.next();
    await h.step({ picks: ['app_sup/counter'] });
    h.next();
    expect(h.at('app_sup/counter').generation).toBe(1);
    expect(h.at('app_sup/counter').state).toEqual({ count: 0 });
    h.pg.dispatch({ type: 'lesson_step', step: 1 });
    await h.idle();
    // As at the start of step 2: the counter holds 3 and was never restarted.
    expect(h.pg.ui.getState().lesson).toMatchObject({ step: 1, phase: 'ready', result: undefined });
    expect(h.at('app_sup/counter').generation).toBe(0);
    expect(h.at('app_sup/counter').state).toEqual({ count: 3 });
    h.pg.dispatch({ type: 'lesson_step', step: 0 });
    await h.idle();
    expect(h.at('app_sup/counter').state).toEqual({ count: 0 });
  });

  it('each lesson starts from its own tree and an empty restart window', async () => {
    const h = harness();
    await h.open('strategies');
    await h.step({});
    await h.open('intensity');
    expect(h.at('app_sup/db_sup').supervisor?.restartTimes).toEqual([]);
    expect([...h.pids().keys()]).toEqual(
      expect.arrayContaining(['app_sup/web', 'app_sup/db_sup/conn', 'app_sup/db_sup/cache']),
    );
    expect(h.pids().has('app_sup/ofa_sup')).toBe(false);
  });
});

describe('progress', () => {
  it('saves the step, the finish and the solved challenge per lesson; opens at the saved step', async () => {
    const storage = memoryStorage();
    const h = harness({ storage });
    await h.open('let_it_crash');
    h.next();
    expect(loadProgress(storage)['let_it_crash']).toMatchObject({ step: 1, done: false });
    h.pg.dispatch({ type: 'close_lesson' });
    await h.open('let_it_crash');
    expect(h.pg.ui.getState().lesson?.step).toBe(1);
    h.pg.dispatch({ type: 'finish_lesson' });
    expect(loadProgress(storage)['let_it_crash']).toMatchObject({ done: true });
    expect(h.pg.ui.getState().lesson).toBeUndefined();
  });

  it('tolerates storage that is absent, refuses, or holds junk', () => {
    expect(loadProgress(undefined)).toEqual({});
    expect(loadProgress(memoryStorage(true))).toEqual({});
    expect(saveProgress(memoryStorage(true), 'x', { step: 2 })).toMatchObject({ x: { step: 2 } });
    const junk = memoryStorage();
    junk.setItem(LESSON_PROGRESS_KEY, '{"a":{"step":-1},"b":{"step":1,"done":true,"solved":false}');
    expect(loadProgress(junk)).toEqual({});
    junk.setItem(
      LESSON_PROGRESS_KEY,
      '{"a":{"step":-1},"b":{"step":1,"done":true,"solved":false}}',
    );
    expect(loadProgress(junk)).toEqual({ b: { step: 1, done: true, solved: false } });
  });
});

describe('the lessons as data', () => {
  it('are at least 12, each predicts at least once, and at least 4 are challenges with hints', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) {
      expect(l.steps.some((s) => s.predict !== undefined)).toBe(true);
      for (const s of l.steps) {
        if (s.predict) expect(s.actions?.length ?? 0).toBeGreaterThan(0);
        if (s.predict?.kind === 'choice') expect(s.predict.choices[s.predict.answer]).toBeDefined();
      }
    }
    const goals = LESSONS.filter((l) => l.goal);
    expect(goals.length).toBeGreaterThanOrEqual(4);
    for (const l of goals) expect(l.goal?.hints.length).toBeGreaterThanOrEqual(2);
  });

  it('a choice is judged against the answer; pids against what changed', () => {
    const choice: Predict = {
      kind: 'choice',
      question: 'q',
      choices: ['a', 'b'],
      answer: 1,
      rule: 'r',
    };
    expect(judge(choice, { picks: [], choice: 1 }, new Map(), new Map())).toMatchObject({
      correct: true,
    });
    expect(judge(choice, { picks: [], choice: 0 }, new Map(), new Map())).toMatchObject({
      correct: false,
    });
    const pids: Predict = { kind: 'pids', question: 'q', rule: 'r' };
    const before = new Map([
      ['a', '<1.1.0>'],
      ['b', '<1.2.0>'],
      ['c', '<1.3.0>'],
    ]);
    const after = new Map([
      ['a', '<1.4.0>'],
      ['b', '<1.2.0>'],
    ]);
    expect(judge(pids, { picks: ['a'], choice: undefined }, before, after)).toMatchObject({
      correct: true,
      items: [
        { path: 'a', picked: true, changed: true },
        { path: 'b', picked: false, changed: false },
        { path: 'c', picked: false, changed: false },
      ],
    });
    expect(judge(pids, { picks: ['c'], choice: undefined }, before, after)).toMatchObject({
      correct: false,
    });
  });
});
