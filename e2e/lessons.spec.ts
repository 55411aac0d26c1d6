import { expect, test } from '@playwright/test';
import { expectRestarted, openPlayground, proc, screenshot } from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

test('a lesson step runs the same actions a person would', async ({ page }, testInfo) => {
  await openPlayground(page);
  await page.getByRole('button', { name: 'Lessons…' }).click();
  await page
    .getByRole('dialog', { name: 'Lessons' })
    .getByRole('button', { name: /Let it crash/ })
    .click();
  const card = page.getByTestId('lesson-card');
  await expect(card).toContainText('step 1 of 3');
  await card.getByRole('button', { name: 'Next' }).click();
  await expect(card).toContainText('Crash the counter');
  await card.getByRole('button', { name: 'Do it' }).click();
  await expectRestarted(page, 'app_sup/counter', 1);
  await expect(page.getByTestId('inspector-path')).toHaveText('app_sup/counter');
  await expect(proc(page, 'app_sup/kv_store')).not.toHaveAttribute('aria-label', /restarted/);
  await screenshot(page, testInfo, 'lesson');
});
