import { expect, test } from '@playwright/test';
import { expectAlive, expectRestarted, openPlayground, proc, screenshot, select } from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

test('focus comes back to the process a dialog acted on; Space pauses from a tree node', async ({
  page,
}) => {
  await openPlayground(page);
  const counter = proc(page, 'app_sup/counter');
  await counter.focus();

  // Space on a focused process pauses (it does not select), and again resumes.
  await page.keyboard.press(' ');
  await expect(page.getByTestId('play-pause')).toHaveText(/Resume/);
  await page.keyboard.press(' ');
  await expect(page.getByTestId('play-pause')).toHaveText(/Pause/);
  await expect(counter).toBeFocused();

  // The context menu (Shift+F10), Crash…, the dialog: focus returns to counter, not to the
  // menu item that opened the dialog (it is gone).
  await page.keyboard.press('Shift+F10');
  await page.getByRole('menuitem', { name: /Crash/ }).click();
  const dialog = page.getByRole('dialog', { name: /^Crash/ });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Crash', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(counter).toBeFocused();
  await expectRestarted(page, 'app_sup/counter', 1);
  await expect(counter).toBeFocused();

  // From the inspector's button too: after Escape, focus is on the process, not the button.
  await select(page, 'app_sup/kv_store');
  await page.getByTestId('inspector').getByRole('button', { name: 'Send…' }).click();
  await expect(page.getByRole('dialog', { name: /^Send/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(proc(page, 'app_sup/kv_store')).toBeFocused();
});

test('when the root supervisor is gone the page says so and offers Restart application', async ({
  page,
}, testInfo) => {
  await openPlayground(page);
  // No restarts allowed: the first crash under app_sup takes it down.
  await select(page, 'app_sup');
  await page.getByRole('button', { name: 'Change flags…' }).click();
  const flags = page.getByRole('dialog', { name: /Supervisor flags/ });
  await flags.getByLabel('Intensity (max restarts)').fill('0');
  await flags.getByLabel('Period (seconds)').fill('3600');
  await flags.getByRole('button', { name: 'Apply' }).click();
  await expect(flags).toBeHidden();

  await select(page, 'app_sup/counter');
  await page.keyboard.press('k');
  const banner = page.getByTestId('root-down');
  await expect(banner).toContainText('app_sup is gone');
  await expect(proc(page, 'app_sup')).toHaveAttribute('data-state', 'dead');
  await select(page, 'app_sup');
  await expect(page.getByTestId('intensity-meter')).toContainText('restarts nothing');
  await expect(page.getByTestId('intensity-meter')).not.toContainText('allowed');
  await screenshot(page, testInfo, 'root-gone');

  await banner.getByRole('button', { name: 'Restart application' }).click();
  await expect(banner).toBeHidden();
  await expectAlive(page, 'app_sup');
  await expectAlive(page, 'app_sup/counter');
});
