import { expect, test } from '@playwright/test';
import { expectAlive, openPlayground, proc, screenshot } from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

test('every process is reachable by keyboard; shortcuts and dialogs work without a mouse', async ({
  page,
}, testInfo) => {
  await openPlayground(page);
  await proc(page, 'app_sup').focus();
  await page.keyboard.press('ArrowDown');
  await expect(proc(page, 'app_sup/counter')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(proc(page, 'app_sup/kv_store')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector-path')).toHaveText('app_sup/kv_store');

  // ? lists the shortcuts; focus is trapped in the dialog; Escape closes it.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Crash the selected process');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(help.getByRole('button', { name: 'Close dialog' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // Space pauses and resumes; the step button and `.` step while paused.
  await page.locator('body').press(' ');
  await expect(page.getByTestId('play-pause')).toHaveText(/Resume/);
  await page.keyboard.press('.');
  await page.locator('body').press(' ');
  await expect(page.getByTestId('play-pause')).toHaveText(/Pause/);

  // c opens the crash dialog for the selection, with its reasons.
  await page.keyboard.press('c');
  const crash = page.getByRole('dialog', { name: /^Crash kv_store/ });
  await expect(crash.getByRole('radio', { name: /^boom/ })).toBeFocused();
  await screenshot(page, testInfo, 'crash-dialog');
  await page.keyboard.press('Escape');
  await expect(crash).toBeHidden();
  await expectAlive(page, 'app_sup/kv_store');
});

test('large text and the light theme', async ({ page }, testInfo) => {
  await openPlayground(page);
  await page.getByRole('button', { name: 'Large text' }).click();
  await expect(page.getByTestId('app')).toHaveClass(/large-text/);
  await page.getByRole('button', { name: /Switch to (light|dark) theme/ }).click();
  await proc(page, 'app_sup/db_sup').click();
  await screenshot(page, testInfo, 'large-text-theme');
});
