import { afterEach, describe, expect, it, vi } from 'vitest';
import { ledgerOutlivesWorkers } from '../../lessons';
import { isSplit } from '../../store/selectors';
import { LessonHarness } from '../testing/lessonHarness';
import { lessonWorld } from './lessonWorld';
import { changedPaths } from './predictCheck';

/** Lessons 12–14 headless on the real runtime: every claim of their text checked. */
vi.setConfig({ testTimeout: 60_000 });

let h: LessonHarness;
afterEach(() => h.destroy());

const changed = (r: { before: Map<string, string>; after: Map<string, string> }) =>
  changedPaths(r.before, r.after).sort();

describe('lesson call_timeouts', () => {
  it('a quick call replies; a slow one times out for the caller, the server finishes, its reply is dropped', async () => {
    h = new LessonHarness().start();
    await h.open('call_timeouts');
    await h.step();
    expect(h.toasts).toContain('call app_sup/server → {slept,500}');
    h.next();
    const r = await h.step({ choice: 1 });
    expect(r.result).toMatchObject({ correct: true });
    expect(h.toasts.some((t) => /^call app_sup\/server failed: .*timeout/.test(t))).toBe(true);
    expect(h.toasts.some((t) => t.includes('{slept,3000}'))).toBe(false);
    expect(changed(r)).toEqual([]);
    // The server did finish and reply; the caller (the shell) never took the late reply.
    // The reply's tag is the call's ref (OTP 25's `[alias | Mref]`), printed as a ref.
    expect(h.log('send').join('\n')).toMatch(/sent \{#Ref<[\d.]+>,\{slept,3000\}\} to/);
    const shell = [...h.view().processes.values()].find((p) => p.behaviour === 'shell');
    expect(shell?.mailbox).toBe(0);
  });
});

describe('lesson netsplit', () => {
  it('a netsplit fires noconnection on both ends of the link and DOWN at the watcher', async () => {
    h = new LessonHarness().start();
    await h.open('netsplit');
    await h.step();
    h.next();
    const r = await h.step({ picks: ['app_sup/counter', 'node2_sup/echo'] });
    expect(changed(r)).toEqual(['app_sup/counter', 'node2_sup/echo']);
    expect(r.result).toMatchObject({ correct: true });
    const died = h.view().log.filter((e) => e.kind === 'exit' && e.text.endsWith(': noconnection'));
    expect(died.map((e) => e.pids[0]).sort()).toEqual(
      [r.before.get('app_sup/counter'), r.before.get('node2_sup/echo')].sort(),
    );
    const down = h.view().log.find((e) => e.kind === 'down');
    expect(down?.to).toBe(r.before.get('app_sup/watcher'));
    expect(down?.label).toBe('noconnection');
    expect(isSplit(h.view(), 1, 2)).toBe(true);
    h.next();
    await h.step();
    expect(isSplit(h.view(), 1, 2)).toBe(false);
    // Healing brings no link back.
    expect(h.at('app_sup/counter').links.size).toBe(1);
  });
});

describe('lesson error_kernel (challenge)', () => {
  it('one_for_all restarts the ledger with the parser; rest_for_one, set by hand, keeps it', async () => {
    h = new LessonHarness().start();
    await h.open('error_kernel');
    const r = await h.step({ picks: ['app_sup/parser'] });
    expect(changed(r)).toEqual(['app_sup/ledger', 'app_sup/mailer', 'app_sup/parser']);
    expect(ledgerOutlivesWorkers(lessonWorld(h.view()))).toBe(false);
    h.pg.dispatch({ type: 'crash', target: 'app_sup/mailer', reason: 'boom' });
    await h.run(300);
    // Both restarted, but so was the ledger: not met.
    expect(ledgerOutlivesWorkers(lessonWorld(h.view()))).toBe(false);
    expect(h.pg.ui.getState().lesson?.solved).toBe(false);
    h.next();
    h.pg.dispatch({ type: 'set_flags', sup: 'app_sup', strategy: 'rest_for_one' });
    await h.run(300);
    const ledger = h.at('app_sup/ledger').key;
    h.pg.dispatch({ type: 'crash', target: 'app_sup/parser', reason: 'bad_input' });
    await h.run(300);
    h.pg.dispatch({ type: 'crash', target: 'app_sup/mailer', reason: 'boom' });
    await h.run(300);
    expect(h.at('app_sup/ledger').key).toBe(ledger);
    expect(ledgerOutlivesWorkers(lessonWorld(h.view()))).toBe(true);
    expect(h.pg.ui.getState().lesson?.solved).toBe(true);
  });
});
