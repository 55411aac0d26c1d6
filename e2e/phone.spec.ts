import { type Page, expect, test } from '@playwright/test';
import { expectAlive, expectRestarted, openPlayground, proc, screenshot } from './helpers';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

/** How far the page's content reaches sideways (390 or less: nothing overflows). */
const scrollWidth = (page: Page): Promise<number> =>
  page.evaluate(() => document.scrollingElement?.scrollWidth ?? Infinity);

test('on a phone nothing overflows, the toolbar is a menu, a crash is submitted by tap', async ({
  page,
}, testInfo) => {
  await openPlayground(page);
  await expectAlive(page, 'app_sup/db_sup/cache');
  expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
  // The tree fills the width.
  const tree = await page.getByTestId('tree').boundingBox();
  expect(tree?.width ?? 0).toBeGreaterThanOrEqual(380);
  await screenshot(page, testInfo, 'phone-main');

  // The toolbar's actions are behind Menu, each under its own name.
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(page.getByRole('button', { name: 'Lessons…' })).toBeHidden();
  await menu.tap();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  for (const name of [
    'Step',
    '+ Node',
    'Lessons…',
    'Modules…',
    'Share',
    'Export…',
    'Recover…',
    'Reset',
    'Large text',
    /Switch to (light|dark) theme/,
    'Help: keyboard shortcuts',
  ])
    await expect(page.getByRole('button', { name, exact: typeof name === 'string' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Flavour' })).toBeVisible();
  expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
  await screenshot(page, testInfo, 'phone-menu');
  await menu.tap();
  await expect(page.getByRole('button', { name: 'Lessons…' })).toBeHidden();

  // Tap a process: the inspector is a sheet at the bottom of the screen.
  await proc(page, 'app_sup/counter').tap();
  const sheet = page.getByTestId('inspector');
  await expect(page.getByTestId('inspector-path')).toHaveText('app_sup/counter');
  const box = await sheet.boundingBox();
  expect(box?.width).toBe(390);
  expect((box?.y ?? 0) + (box?.height ?? 0)).toBeCloseTo(844, 0);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
  await screenshot(page, testInfo, 'phone-inspector');

  // Crash from the sheet; the dialog fits the screen and its buttons are tapped.
  await sheet.getByRole('button', { name: 'Crash…' }).tap();
  const dialog = page.getByRole('dialog', { name: /^Crash/ });
  await expect(dialog).toBeVisible();
  const d = await dialog.boundingBox();
  expect(d?.x ?? -1).toBeGreaterThanOrEqual(0);
  expect((d?.x ?? 0) + (d?.width ?? 999)).toBeLessThanOrEqual(390);
  expect((d?.y ?? 0) + (d?.height ?? 999)).toBeLessThanOrEqual(844);
  await dialog.getByRole('radio', { name: /^boom/ }).tap();
  await screenshot(page, testInfo, 'phone-dialog');
  await dialog.getByRole('button', { name: 'Crash', exact: true }).tap();
  await expect(dialog).toBeHidden();
  await expectRestarted(page, 'app_sup/counter', 1);
  await expectAlive(page, 'app_sup');
  expect(await scrollWidth(page)).toBeLessThanOrEqual(390);

  // The sheet closes from its own button.
  await proc(page, 'app_sup/kv_store').tap();
  await expect(page.getByTestId('inspector-path')).toHaveText('app_sup/kv_store');
  await sheet.getByRole('button', { name: 'Close inspector' }).tap();
  await expect(sheet).toBeHidden();

  // A lesson's card fits too (whatever the first lesson is).
  await menu.tap();
  await page.getByRole('button', { name: 'Lessons…' }).tap();
  await page
    .getByRole('dialog', { name: /Lessons/ })
    .getByRole('listitem')
    .first()
    .getByRole('button')
    .first()
    .tap();
  await expect(page.getByRole('button', { name: 'Next' }).first()).toBeVisible();
  expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
  await screenshot(page, testInfo, 'phone-lesson');
});
