import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { crash, expectAlive, expectRestarted, openPlayground, proc } from './helpers';

/**
 * Time travel that goes on: from a past point on the timeline, "Resume from here" rebuilds the
 * nodes from their records (each node replays what it did, in node time) and the page goes on
 * live from there; the replay says whether it made exactly the batches it recorded. And the
 * recorded session exported as JSON opens again (Import) to the same tree, and goes on.
 */

const COUNTER = 'app_sup/counter';

const toasts = (page: Page) => page.getByTestId('toast');

/** Back one event at a time (`,`) until `path` shows `pid` again. */
async function backTo(page: Page, path: string, pid: string): Promise<void> {
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 300 && (await proc(page, path).getAttribute('data-pid')) !== pid; i++) {
    await page.keyboard.press(',');
    await page.waitForTimeout(30);
  }
  await expect(proc(page, path)).toHaveAttribute('data-pid', pid);
}

/** Every drawn process's path, pid and state. */
const tree = (page: Page) =>
  page.locator('[data-path][data-pid]:not(.leaving)').evaluateAll((els) =>
    els
      .map((e) => [
        e.getAttribute('data-path'),
        e.getAttribute('data-pid'),
        e.getAttribute('data-state'),
      ])
      .map(([path, pid, state]) => `${path} ${pid} ${state === 'waiting' ? 'running' : state}`)
      .sort(),
  );

test('Resume from here: the nodes are rebuilt at a past point, replay exactly what they recorded, and go on', async ({
  page,
}) => {
  await openPlayground(page);
  // Two nodes, so the replay has a connection to rebuild too.
  await page.getByRole('button', { name: '+ Node' }).first().click();
  await expectAlive(page, 'node2_sup');
  const counter = proc(page, COUNTER);
  const oldPid = (await counter.getAttribute('data-pid')) ?? '';
  await crash(page, COUNTER, 'boom');
  await expectRestarted(page, COUNTER, 1);
  const newPid = (await counter.getAttribute('data-pid')) ?? '';
  expect(newPid).not.toBe(oldPid);

  // The resume button is there only in the past.
  await expect(page.getByRole('button', { name: 'Resume from here' })).toHaveCount(0);
  await backTo(page, COUNTER, oldPid);
  await page.getByRole('button', { name: 'Resume from here' }).click();
  const report = toasts(page).filter({ hasText: /^Resumed from event/ });
  await expect(report).toBeVisible({ timeout: 20_000 });
  // The replayed trace equals the recorded one: each node made the batches its record says.
  await expect(report).toHaveText(
    /node 1 replayed [\d,]+ inputs into [\d,]+ batches, as recorded; node 2 replayed [\d,]+ inputs into [\d,]+ batches, as recorded/,
  );
  await expect(report).not.toHaveText(/differed/);
  // The page is live at that point (or where the process turn it fell in began: a turn runs
  // whole): the old pid, not restarted yet, and nothing moves while paused.
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-live', 'true');
  await expect(counter).toHaveAttribute('data-pid', oldPid);
  const resumed = await tree(page);
  await page.waitForTimeout(500);
  expect(await tree(page)).toEqual(resumed);

  // And it goes on from there: play, crash again, a new restart with a pid not seen before.
  await page.getByTestId('play-pause').click();
  await crash(page, COUNTER, 'boom');
  await expect(counter).not.toHaveAttribute('data-pid', oldPid);
  await expectAlive(page, COUNTER);
  await expect(proc(page, 'node2_sup')).toHaveAttribute('data-state', /running|waiting/);
});

test('Export… the recorded session as JSON; Import opens it to the same tree, and it goes on', async ({
  page,
}) => {
  await openPlayground(page);
  await crash(page, COUNTER, 'boom');
  await expectRestarted(page, COUNTER, 1);
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('play-pause')).toHaveText(/Resume/);
  // Settled: what the page shows is the live end.
  await page.waitForTimeout(300);
  await page.getByRole('button', { name: 'Export…', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Recorded session (JSON)' }).click();
  const d = await download;
  expect(d.suggestedFilename()).toMatch(/^otp-session-\d{12}\.json$/);
  const text = readFileSync((await d.path()) ?? '', 'utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'otp-playground-recorded-session', version: 1 });
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  const recorded = await tree(page);
  const span = async (p: Page) => {
    const slider = p.getByRole('slider', { name: /Timeline/ });
    const [min, max] = await Promise.all([
      slider.getAttribute('aria-valuemin'),
      slider.getAttribute('aria-valuemax'),
    ]);
    return Number(max) - Number(min);
  };
  const events = await span(page);

  // Another page opens the file.
  const other = await page.context().newPage();
  await openPlayground(other);
  await other.getByTestId('import-file').setInputFiles({
    name: 'session.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  const report = toasts(other).filter({ hasText: /^Opened the recorded session/ });
  await expect(report).toBeVisible({ timeout: 20_000 });
  await expect(report).toHaveText(/node 1 replayed [\d,]+ inputs into [\d,]+ batches, as recorded/);
  await expect.poll(() => tree(other)).toEqual(recorded);
  // The same history on the timeline: as many events.
  await expect.poll(() => span(other)).toBe(events);
  // It goes on: play, crash the counter again.
  await other.getByTestId('play-pause').click();
  await crash(other, COUNTER, 'boom');
  await expectRestarted(other, COUNTER, 2);
});
