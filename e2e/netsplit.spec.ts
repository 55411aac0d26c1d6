import { expect, test } from '@playwright/test';
import { expectAlive, openPlayground } from './helpers';

test('a netsplit is drawn as a cut between the two nodes, and healed visibly', async ({ page }) => {
  await openPlayground(page);
  await page.getByRole('button', { name: '+ Node' }).first().click();
  await expectAlive(page, 'node2_sup');
  await page.getByRole('button', { name: /netsplit 1–2/ }).click();
  await expect(page.locator('g.netsplit[data-cut="1:2"]')).toBeVisible();
  await expect(page.locator('.region.cut')).toHaveCount(2);
  await expect(page.locator('.region[data-node="1"] text.reason')).toHaveText(
    'netsplit: cannot reach node2',
  );
  await page.getByRole('button', { name: /heal 1–2/ }).click();
  await expect(page.locator('g.netsplit.healed')).toHaveText(/healed/);
  await expect(page.locator('.region.cut')).toHaveCount(0);
  await expect(page.locator('g.netsplit')).toHaveCount(0, { timeout: 5_000 });
});
