import { expect, test } from '@playwright/test';
import { expectAlive, openPlayground, proc, screenshot, select } from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

test('reload restores the workspace', async ({ page }, testInfo) => {
  await openPlayground(page);
  await select(page, 'app_sup/db_sup');
  await page.keyboard.press('a');
  const add = page.getByRole('dialog', { name: 'Add a child to app_sup/db_sup' });
  await add.getByLabel('Behaviour').selectOption('flaky');
  await add.getByLabel('Child id').fill('9bad');
  await add.getByLabel('Crash probability (0–1)').fill('0');
  await add.getByRole('button', { name: 'Add child' }).click();
  await expect(add.getByText(/must start with a lowercase letter/)).toBeVisible();
  await add.getByLabel('Child id').fill('worker_x');
  await add.getByRole('button', { name: 'Add child' }).click();
  await expectAlive(page, 'app_sup/db_sup/worker_x');
  await page.getByLabel('Flavour').selectOption('elixir');

  await page.reload();
  await expectAlive(page, 'app_sup/db_sup/worker_x');
  await expect(page.getByLabel('Flavour')).toHaveValue('elixir');
  await select(page, 'app_sup');
  await expect(page.getByTestId('inspector-flags')).toContainText(
    'strategy: :one_for_one, max_restarts: 3, max_seconds: 5',
  );
  await screenshot(page, testInfo, 'reloaded');
});

test('a share link opens the same tree on another laptop', async ({ page, browser }, testInfo) => {
  await openPlayground(page);
  await select(page, 'app_sup');
  await page.keyboard.press('a');
  const add = page.getByRole('dialog', { name: 'Add a child to app_sup' });
  await add.getByLabel('Child id').fill('shared_counter');
  await add.getByRole('button', { name: 'Add child' }).click();
  await expectAlive(page, 'app_sup/shared_counter');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const url = await page.getByTestId('share-url').inputValue();
  // Compressed since the consent step came in (#w2=); #w= links still open.
  expect(url).toMatch(/#w2=[A-Za-z0-9_-]+$/);

  // A fresh browser context: nothing saved, only the link.
  const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const laptop = await other.newPage();
  await laptop.goto(url);
  await expectAlive(laptop, 'app_sup/shared_counter');
  await expect(laptop).not.toHaveURL(/#w/);
  await screenshot(laptop, testInfo, 'shared');
  await other.close();
});

test('a broken saved workspace never blanks the page', async ({ page }, testInfo) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem(
        'otp-playground:session:v1',
        '{"workspace": {"version": 1, "nodes": "nope"}}',
      );
    }
  });
  await openPlayground(page);
  await expect(page.getByTestId('toast').first()).toContainText('saved workspace');
  await expect(proc(page, 'app_sup/counter')).toBeVisible();
  await screenshot(page, testInfo, 'bad-saved-workspace');
});
