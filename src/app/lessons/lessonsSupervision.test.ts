import { afterEach, describe, expect, it, vi } from 'vitest';
import { dbSupSurvivesThree, poolSurvivesBurst } from '../../lessons';
import { LessonHarness } from '../testing/lessonHarness';
import { lessonWorld } from './lessonWorld';
import { changedPaths } from './predictCheck';

/**
 * Lessons 5–11 run headless on the real runtime, step by step as the page runs them; every
 * outcome their text claims is checked, and each challenge's goal is checked failing on the
 * lesson's own state and passing once done by hand (the same actions the UI dispatches).
 */
vi.setConfig({ testTimeout: 60_000 });

let h: LessonHarness;
afterEach(() => h.destroy());

const changed = (r: { before: Map<string, string>; after: Map<string, string> }) =>
  changedPaths(r.before, r.after).sort();
const exits = (keys: (string | undefined)[]) =>
  h.view().log.filter((e) => e.kind === 'exit' && keys.includes(e.pids[0]));

describe('lesson strategies', () => {
  it('one_for_one restarts b; one_for_all all three (c, then a shut down); rest_for_one b and c', async () => {
    h = new LessonHarness().start();
    await h.open('strategies');
    const r1 = await h.step({ picks: ['app_sup/ofo_sup/b'] });
    expect(changed(r1)).toEqual(['app_sup/ofo_sup/b']);
    expect(r1.result).toMatchObject({ correct: true });
    h.next();
    const r2 = await h.step({ picks: ['app_sup/ofa_sup/b'] });
    expect(changed(r2)).toEqual(['app_sup/ofa_sup/a', 'app_sup/ofa_sup/b', 'app_sup/ofa_sup/c']);
    expect(r2.result).toMatchObject({ correct: false });
    const [a, c] = [r2.before.get('app_sup/ofa_sup/a'), r2.before.get('app_sup/ofa_sup/c')];
    expect(exits([a, c]).map((e) => [e.pids[0], e.text.replace(/.*exited: /, '')])).toEqual([
      [c, 'shutdown'],
      [a, 'shutdown'],
    ]);
    // One crash, one restart against the intensity, however many children it touched.
    expect(h.at('app_sup/ofa_sup').supervisor?.restartTimes).toHaveLength(1);
    h.next();
    const r3 = await h.step({ picks: ['app_sup/rfo_sup/b', 'app_sup/rfo_sup/c'] });
    expect(changed(r3)).toEqual(['app_sup/rfo_sup/b', 'app_sup/rfo_sup/c']);
    expect(r3.result).toMatchObject({ correct: true });
  });
});

describe('lesson isolate_cache (challenge)', () => {
  it('rest_for_one takes web down with the cache; one_for_one, set by hand, does not', async () => {
    h = new LessonHarness().start();
    const lesson = await h.open('isolate_cache');
    const r = await h.step({ picks: ['app_sup/cache', 'app_sup/web'] });
    expect(changed(r)).toEqual(['app_sup/cache', 'app_sup/web']);
    const goal = lesson.goal;
    expect(goal?.check(lessonWorld(h.view()))).toBe(false);
    expect(h.pg.ui.getState().lesson?.solved).toBe(false);
    h.next();
    h.pg.dispatch({ type: 'set_flags', sup: 'app_sup', strategy: 'one_for_one' });
    await h.run(300);
    h.pg.dispatch({ type: 'crash', target: 'app_sup/cache', reason: 'boom' });
    await h.run(300);
    expect(goal?.check(lessonWorld(h.view()))).toBe(true);
    expect(h.pg.ui.getState().lesson?.solved).toBe(true);
    expect(h.toasts).toContain(goal?.success);
  });
});

describe('lesson restart_types', () => {
  it('boom restarts perm and trans, not temp; normal only perm; {shutdown,_} restarts perm', async () => {
    h = new LessonHarness().start();
    await h.open('restart_types');
    const r1 = await h.step({ picks: ['app_sup/perm', 'app_sup/trans'] });
    expect(changed(r1)).toEqual(['app_sup/perm', 'app_sup/trans']);
    expect(r1.result).toMatchObject({ correct: true });
    expect(r1.after.has('app_sup/temp')).toBe(false);
    // The temporary child's spec is gone from the supervisor itself.
    const asked = h.pg.engine.supervisor(1, h.at('app_sup').pid, { op: 'which_children' });
    await h.run(100);
    expect(JSON.stringify(await asked)).not.toMatch(/temp/);
    expect(h.log('supervisor_report').join('\n')).toMatch(/child_terminated reason: boom.*id,temp/);
    h.next();
    const reports = h.log('supervisor_report').length;
    const r2 = await h.step({ picks: ['app_sup/perm'] });
    expect(changed(r2)).toEqual(['app_sup/perm']);
    expect(r2.after.has('app_sup/trans')).toBe(false);
    expect(r2.result).toMatchObject({ correct: true });
    // OTP's do_restart reports every exit of a permanent child; a transient one's normal exit, none.
    const added = h.log('supervisor_report').slice(reports);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/child_terminated reason: normal.*\{id,perm\}/);
    h.next();
    const r3 = await h.step({ choice: 0 });
    expect(changed(r3)).toEqual(['app_sup/perm']);
    expect(r3.result).toMatchObject({ correct: true });
  });
});

describe('lesson intensity (challenge)', () => {
  it('the third crash in the window makes db_sup give up; app_sup restarts it; raised by hand it survives', async () => {
    h = new LessonHarness().start();
    const lesson = await h.open('intensity');
    await h.step();
    expect(h.at('app_sup/db_sup/cache').generation).toBe(2);
    expect(h.at('app_sup/db_sup').supervisor?.restartTimes).toHaveLength(2);
    h.next();
    const r = await h.step({ picks: ['app_sup/db_sup/cache'] });
    expect(changed(r)).toEqual(['app_sup/db_sup', 'app_sup/db_sup/cache', 'app_sup/db_sup/conn']);
    expect(r.result).toMatchObject({ correct: false });
    expect(h.log('supervisor_report').join('\n')).toMatch(/reached_max_restart_intensity/);
    expect(h.at('app_sup/db_sup').generation).toBe(1);
    expect(h.at('app_sup/db_sup').supervisor?.restartTimes).toEqual([]);
    expect(h.at('app_sup/web').generation).toBe(0);
    expect(dbSupSurvivesThree(lessonWorld(h.view()))).toBe(false);
    expect(h.pg.ui.getState().lesson?.solved).toBe(false);
    h.next();
    await h.step();
    h.next();
    expect(lesson.steps[h.pg.ui.getState().lesson?.step ?? 0]?.title).toBe('Your turn');
    h.pg.dispatch({ type: 'set_flags', sup: 'app_sup/db_sup', intensity: 3 });
    await h.run(300);
    for (let i = 0; i < 3; i++) {
      h.pg.dispatch({ type: 'crash', target: 'app_sup/db_sup/cache', reason: 'boom' });
      await h.run(300);
    }
    expect(h.at('app_sup/db_sup').generation).toBe(1);
    expect(dbSupSurvivesThree(lessonWorld(h.view()))).toBe(true);
    expect(h.pg.ui.getState().lesson?.solved).toBe(true);
  });
});

describe('lesson intensity: the window slides', () => {
  it('under 2 restarts in 60 s, three crashes 31 s apart never make three in a window', async () => {
    h = new LessonHarness().start();
    await h.open('intensity');
    const db = h.at('app_sup/db_sup').key;
    for (let i = 0; i < 3; i++) {
      h.pg.dispatch({ type: 'crash', target: 'app_sup/db_sup/cache', reason: 'boom' });
      await h.run(31_000);
    }
    expect(h.at('app_sup/db_sup').key).toBe(db);
    expect(h.at('app_sup/db_sup/cache').generation).toBe(3);
    // OTP keeps the restarts with R >= Now - Period, in whole seconds: the first has gone.
    expect(h.at('app_sup/db_sup').supervisor?.restartTimes).toHaveLength(2);
    expect(h.log('supervisor_report').join('\n')).not.toMatch(/reached_max_restart_intensity/);
  });
});

describe('lesson shutdown', () => {
  it('reverse start order; brutal killed, impatient killed after 1 s, patient shutdown after its 1 s terminate', async () => {
    h = new LessonHarness().start();
    await h.open('shutdown');
    const r = await h.step({ choice: 0 });
    expect(r.result).toMatchObject({ correct: true });
    const key = (id: string) => r.before.get(`app_sup/svc_sup/${id}`);
    const ends = exits([key('brutal'), key('impatient'), key('patient')]);
    expect(ends.map((e) => [e.pids[0], e.text.replace(/.*exited: /, '')])).toEqual([
      [key('brutal'), 'killed'],
      [key('impatient'), 'killed'],
      [key('patient'), 'shutdown'],
    ]);
    const [b, i, p] = ends.map((e) => e.t) as [number, number, number];
    expect(i - b).toBe(1000);
    expect(p - i).toBe(1000);
    expect(changed(r)).toEqual(
      ['brutal', 'impatient', 'patient', 'trigger'].map((c) => `app_sup/svc_sup/${c}`),
    );
    // Then all four start again, in start order.
    const started = h
      .log('progress_report')
      .slice(-4)
      .map((l) => /\{id,(\w+)\}/.exec(l)?.[1]);
    expect(started).toEqual(['trigger', 'patient', 'impatient', 'brutal']);
  });
});

describe('lesson pools', () => {
  it('starts #1–#3 from the template; restarts #2 alone; the next crash empties the pool', async () => {
    h = new LessonHarness().start();
    await h.open('pools');
    await h.step();
    expect(h.at('app_sup/pool_sup').supervisor?.children).toEqual(['#1', '#2', '#3']);
    h.next();
    const r = await h.step({ picks: ['app_sup/pool_sup/#2'] });
    expect(changed(r)).toEqual(['app_sup/pool_sup/#2']);
    expect(r.result).toMatchObject({ correct: true });
    h.next();
    const r2 = await h.step({ choice: 1 });
    expect(r2.result).toMatchObject({ correct: true });
    expect(changed(r2)).toEqual(['app_sup/pool_sup']);
    expect(h.log('supervisor_report').join('\n')).toMatch(/reached_max_restart_intensity/);
    expect(h.at('app_sup/pool_sup').supervisor?.children).toEqual([]);
    expect([...r2.after.keys()].filter((p) => p.includes('#'))).toEqual([]);
  });
});

describe('lesson pool_burst (challenge)', () => {
  it('gives up on the second crash at 1 in 5 s; at 5 in 10 s, set by hand, survives five', async () => {
    h = new LessonHarness().start();
    await h.open('pool_burst');
    await h.step();
    h.next();
    const r = await h.step({ picks: ['app_sup/pool_sup/#1'] });
    expect(changed(r)).toEqual(['app_sup/pool_sup']);
    expect(poolSurvivesBurst(lessonWorld(h.view()))).toBe(false);
    h.next();
    await h.step();
    expect(h.at('app_sup/pool_sup').supervisor?.children).toEqual(['#1', '#2']);
    expect(poolSurvivesBurst(lessonWorld(h.view()))).toBe(false);
    // The lesson's own steps never count as solving it.
    expect(h.pg.ui.getState().lesson?.solved).toBe(false);
    h.pg.dispatch({ type: 'set_flags', sup: 'app_sup/pool_sup', intensity: 5, period: 10 });
    await h.run(300);
    for (const n of [1, 2, 1, 2, 1]) {
      h.pg.dispatch({ type: 'crash', target: `app_sup/pool_sup/#${n}`, reason: 'boom' });
      await h.run(300);
    }
    expect(h.at('app_sup/pool_sup').generation).toBe(1);
    expect(poolSurvivesBurst(lessonWorld(h.view()))).toBe(true);
    expect(h.pg.ui.getState().lesson?.solved).toBe(true);
  });
});
