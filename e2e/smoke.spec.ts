import { join } from 'node:path';
import { expect, test } from '@playwright/test';

test('shows the playground heading', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(
    page.getByRole('heading', { level: 1, name: 'OTP Supervision Playground' }),
  ).toBeVisible();
  await expect(page).toHaveTitle('OTP Supervision Playground');
  // project.outputDir is the (gitignored) test-results/ folder.
  await page.screenshot({
    path: join(testInfo.project.outputDir, 'screens', `smoke-${testInfo.project.name}.png`),
    fullPage: true,
  });
});
