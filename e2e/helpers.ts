import { join } from 'node:path';
import { type Locator, type Page, type TestInfo, expect } from '@playwright/test';

/** Opens the playground at 10× (tests wait on attributes, never on fixed sleeps). */
export async function openPlayground(
  page: Page,
  opts: { speed?: number; hash?: string } = {},
): Promise<void> {
  await page.goto(`/?speed=${opts.speed ?? 10}${opts.hash ?? ''}`);
  await expectAlive(page, 'app_sup');
}

/** A drawn process by its tree path (`app_sup/db_sup/cache`). */
/** Drawn processes fading out (a dead node's, a replaced one) are left out. */
export const proc = (page: Page, path: string): Locator =>
  page.locator(`[data-path="${path}"]:not(.leaving)`);

const ALIVE = /^(running|waiting)$/;

/** Waits until the process at `path` is drawn and alive (running or waiting). */
export async function expectAlive(page: Page, path: string): Promise<void> {
  await expect(proc(page, path)).toHaveAttribute('data-state', ALIVE);
}

/** Waits until the process at `path` has been restarted `n` times (its accessible name says so). */
export async function expectRestarted(page: Page, path: string, n: number): Promise<void> {
  await expect(proc(page, path)).toHaveAttribute(
    'aria-label',
    new RegExp(`restarted ${n} times?$`),
  );
  await expectAlive(page, path);
}

/** Clicks a process in the tree and waits for the inspector to show it. */
export async function select(page: Page, path: string): Promise<void> {
  await proc(page, path).click();
  await expect(page.getByTestId('inspector-path')).toHaveText(path);
}

/** Crash with a reason through the shortcut and the dialog, as a person would. */
export async function crash(page: Page, path: string, reason = 'boom'): Promise<void> {
  await select(page, path);
  await page.keyboard.press('c');
  const dialog = page.getByRole('dialog', { name: /^Crash/ });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: new RegExp(`^${reason}`) }).check();
  await dialog.getByRole('button', { name: 'Crash', exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** The event log's text. */
export const eventLog = (page: Page): Locator => page.getByTestId('log-list');

/** Saves a full-page screenshot under test-results/screens/, named per project. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({
    path: join(testInfo.project.outputDir, 'screens', `${name}-${testInfo.project.name}.png`),
    fullPage: true,
  });
}
