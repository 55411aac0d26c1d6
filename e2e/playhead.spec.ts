import { expect, test } from '@playwright/test';
import { crash, eventLog, expectAlive, openPlayground, proc, screenshot } from './helpers';

/**
 * The page shows the system as of a playhead that walks the trace at the chosen speed: at 1× a
 * crash reads in order (the child leaves running, then its supervisor's report and the restart,
 * then the new pid), and the timeline moves the playhead back and forth over it.
 */

const COUNTER = 'app_sup/counter';

interface Sample {
  t: number;
  state: string | null;
  pid: string | null;
  restarted: boolean;
}

test('at 1× a crash reads as a story: the state leaves running before the restart is logged, then a new pid', async ({
  page,
}, testInfo) => {
  await openPlayground(page, { speed: 1 });
  const counter = proc(page, COUNTER);
  const oldPid = await counter.getAttribute('data-pid');
  expect(oldPid).toMatch(/^<\d+\.\d+\.\d+>$/);
  await crash(page, COUNTER, 'boom');

  const samples: Sample[] = [];
  const t0 = Date.now();
  let shot = 0;
  while (Date.now() - t0 < 8_000) {
    const el = page.locator(`[data-path="${COUNTER}"]`).last();
    const [state, pid, log] = await Promise.all([
      el.getAttribute('data-state'),
      el.getAttribute('data-pid'),
      eventLog(page).innerText(),
    ]);
    samples.push({
      t: Date.now() - t0,
      state,
      pid,
      restarted: /restarted|SUPERVISOR REPORT/.test(log),
    });
    if (Date.now() - t0 >= shot * 200 && shot < 20)
      await screenshot(page, testInfo, `crash-story-${String(shot++).padStart(2, '0')}`);
    if (pid !== oldPid && pid !== null && samples.length > 3 && /running|waiting/.test(state ?? ''))
      break;
    await page.waitForTimeout(50);
  }
  const left = samples.findIndex(
    (s) => s.pid === oldPid && s.state !== 'running' && s.state !== 'waiting',
  );
  const logged = samples.findIndex((s) => s.restarted);
  const renewed = samples.findIndex((s) => s.pid !== oldPid && s.pid !== null);
  expect(left, JSON.stringify(samples)).toBeGreaterThanOrEqual(0);
  expect(logged).toBeGreaterThan(left);
  expect(renewed).toBeGreaterThanOrEqual(logged);
  await expectAlive(page, COUNTER);
});

test('the timeline: `,` steps back until the counter shows its old pid again, `.` forward to the new one', async ({
  page,
}) => {
  await openPlayground(page);
  const counter = proc(page, COUNTER);
  const oldPid = await counter.getAttribute('data-pid');
  await crash(page, COUNTER, 'boom');
  await expect(counter).not.toHaveAttribute('data-pid', oldPid ?? '');
  await expectAlive(page, COUNTER);
  const newPid = await counter.getAttribute('data-pid');

  const timeline = page.getByRole('slider', { name: /Timeline/ });
  await expect(timeline).toHaveAttribute('aria-valuetext', /^event \d+ of \d+/);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  // Back one event at a time: the page shows the state there (and pauses).
  let back = 0;
  while ((await counter.getAttribute('data-pid')) !== oldPid && back < 200) {
    await page.keyboard.press(',');
    back++;
    // The tree is drawn at the next frame.
    await page.waitForTimeout(40);
  }
  expect(back).toBeLessThan(200);
  await expect(page.getByTestId('play-pause')).toHaveText(/Resume/);
  await expect(counter).toHaveAttribute('data-pid', oldPid ?? '');
  // The slider says where the playhead is, in numbers and in words (one render: they agree).
  await expect
    .poll(async () => {
      const [now, max, text] = await Promise.all([
        timeline.getAttribute('aria-valuenow'),
        timeline.getAttribute('aria-valuemax'),
        timeline.getAttribute('aria-valuetext'),
      ]);
      return Number(now) < Number(max) && (text?.startsWith(`event ${now} of`) ?? false);
    })
    .toBe(true);

  // Forward again with `.`: the same steps, to the new pid.
  let forward = 0;
  while ((await counter.getAttribute('data-pid')) !== newPid && forward < 200) {
    await page.keyboard.press('.');
    forward++;
    await page.waitForTimeout(40);
  }
  await expect(counter).toHaveAttribute('data-pid', newPid ?? '');
  expect(forward).toBeLessThan(200);
});

test('the sequence view: the crashed child and its supervisor as lifelines, the exit signal with its reason, the restart', async ({
  page,
}, testInfo) => {
  await openPlayground(page);
  await crash(page, COUNTER, 'boom');
  await expectAlive(page, COUNTER);
  await expect(proc(page, COUNTER)).toHaveAttribute('aria-label', /restarted 1 time/);
  await page.getByRole('tab', { name: 'Sequence' }).click();
  const seq = page.getByTestId('sequence');
  await expect(seq.getByRole('img', { name: /Sequence chart of app_sup, counter/ })).toBeVisible();
  await expect(seq.locator('[data-kind="EXIT"]').last()).toContainText('boom');
  await expect(seq.locator('[data-kind="restart"]').last()).toContainText('restart counter');
  await expect(seq.locator('[data-kind="spawn"]').last()).toContainText('started');
  await screenshot(page, testInfo, 'sequence-view');
  // It follows the playhead: back before the crash, no exit signal is drawn.
  const rowsNow = await seq.locator('[data-kind="EXIT"]').count();
  let back = 0;
  while ((await seq.locator('[data-kind="EXIT"]').count()) >= rowsNow && back < 200) {
    await page.keyboard.press(',');
    back++;
  }
  expect(back).toBeLessThan(200);
  await page.getByRole('tab', { name: 'Tree' }).click();
  await expect(page.getByTestId('tree')).toBeVisible();
  await screenshot(page, testInfo, 'timeline-in-the-past');
});
