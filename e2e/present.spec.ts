import { expect, test } from '@playwright/test';
import { LESSONS } from '../src/lessons';
import { expectAlive, proc, screenshot } from './helpers';

test.use({ viewport: { width: 1920, height: 1080 } });

test('presenter mode: the tree fills a 1080p screen with labels of 24 px or more, chrome hidden, P toggles', async ({
  page,
}, testInfo) => {
  await page.goto('/?present=1&speed=10');
  await expectAlive(page, 'app_sup/db_sup/cache');
  await expect(page.getByRole('toolbar', { name: 'Presenter controls' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Modules…' })).toBeHidden();
  await expect(page.getByTestId('inspector')).toBeHidden();
  await expect(page.getByTestId('event-log')).toBeHidden();
  // Every label of the default tree, as drawn on screen (the fit enlarges the tree).
  await expect
    .poll(async () =>
      Math.min(
        ...(await page
          .locator('.tree-svg .proc:not(.leaving) .label')
          .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))),
      ),
    )
    .toBeGreaterThanOrEqual(24);
  await screenshot(page, testInfo, 'present-1080p');

  await page.keyboard.press('p');
  await expect(page.getByRole('button', { name: 'Modules…' })).toBeVisible();
  await expect(page.getByTestId('inspector')).toBeVisible();
  await page.keyboard.press('p');
  await expect(page.getByRole('toolbar', { name: 'Presenter controls' })).toBeVisible();
  await expect(proc(page, 'app_sup/counter')).toBeVisible();
});

test('presenter mode: a clicker (PageDown / PageUp) walks a lesson', async ({ page }) => {
  const lesson = LESSONS[0]!;
  await page.goto(`/?present=1&speed=10&lesson=${lesson.id}&step=1`);
  const card = page.getByTestId('lesson-card');
  await expect(card).toContainText(`step 1 of ${lesson.steps.length}`);
  // PageDown runs the step when it has something to run, then moves on; PageUp comes back.
  const first = lesson.steps[0]!;
  await expect(card).toHaveAttribute('data-phase', 'ready', { timeout: 15_000 });
  if ((first.actions?.length ?? 0) > 0) {
    await page.keyboard.press('PageDown');
    await expect(card).toHaveAttribute('data-phase', 'ran', { timeout: 15_000 });
  }
  await page.keyboard.press('PageDown');
  await expect(card).toContainText(`step 2 of ${lesson.steps.length}`);
  await page.keyboard.press('PageUp');
  await expect(card).toContainText(`step 1 of ${lesson.steps.length}`);
});
