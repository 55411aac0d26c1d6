import { expect, test } from '@playwright/test';
import {
  crash,
  eventLog,
  expectAlive,
  expectRestarted,
  openPlayground,
  proc,
  screenshot,
  select,
} from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

test('renders the default tree', async ({ page }, testInfo) => {
  await openPlayground(page);
  for (const path of [
    'app_sup',
    'app_sup/counter',
    'app_sup/kv_store',
    'app_sup/ticker',
    'app_sup/db_sup',
    'app_sup/db_sup/conn',
    'app_sup/db_sup/cache',
  ]) {
    await expectAlive(page, path);
  }
  await expect(proc(page, 'app_sup')).toHaveAttribute(
    'aria-label',
    /^supervisor app_sup, one_for_one/,
  );
  await expect(proc(page, 'app_sup/db_sup')).toHaveAttribute('aria-label', /one_for_all/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'OTP Supervision Playground' }),
  ).toBeVisible();
  await screenshot(page, testInfo, 'default-tree');
});

test('one_for_one: a crashed worker is restarted alone and its generation goes up', async ({
  page,
}, testInfo) => {
  await openPlayground(page);
  await crash(page, 'app_sup/counter');
  await expectRestarted(page, 'app_sup/counter', 1);
  // The selection follows the restarted child; the inspector shows its new generation.
  await expect(page.getByTestId('inspector-generation')).toHaveText('1');
  await expect(eventLog(page)).toContainText('CRASH REPORT');
  await expect(eventLog(page)).toContainText('child_terminated');
  await expect(proc(page, 'app_sup/kv_store')).not.toHaveAttribute('aria-label', /restarted/);
  await expect(proc(page, 'app_sup/ticker')).not.toHaveAttribute('aria-label', /restarted/);
  await screenshot(page, testInfo, 'one-for-one');
});

test('one_for_all: a crash restarts every sibling', async ({ page }, testInfo) => {
  await openPlayground(page);
  await crash(page, 'app_sup/db_sup/cache');
  await expectRestarted(page, 'app_sup/db_sup/cache', 1);
  await expectRestarted(page, 'app_sup/db_sup/conn', 1);
  await expect(proc(page, 'app_sup/counter')).not.toHaveAttribute('aria-label', /restarted/);
  await screenshot(page, testInfo, 'one-for-all');
});

test('exhausting the restart intensity takes the supervisor down and escalates', async ({
  page,
}, testInfo) => {
  await openPlayground(page);
  // A long window, so the test does not race the clock: at most 1 restart in an hour.
  await select(page, 'app_sup/db_sup');
  await page.getByRole('button', { name: 'Change flags…' }).click();
  const flags = page.getByRole('dialog', { name: /Supervisor flags/ });
  await flags.getByLabel('Intensity (max restarts)').fill('1');
  await flags.getByLabel('Period (seconds)').fill('3600');
  await flags.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('inspector-flags')).toHaveText(
    '#{strategy => one_for_all, intensity => 1, period => 3600}',
  );

  await select(page, 'app_sup/db_sup/cache');
  await page.keyboard.press('k');
  await expectRestarted(page, 'app_sup/db_sup/cache', 1);
  await select(page, 'app_sup/db_sup');
  await expect(page.getByTestId('intensity-meter')).toContainText(
    '1 of 1 restarts in 3600 s window',
  );
  await screenshot(page, testInfo, 'intensity-full');

  await select(page, 'app_sup/db_sup/cache');
  await page.keyboard.press('k');
  await expect(eventLog(page)).toContainText('reached_max_restart_intensity');
  // app_sup (one_for_one) restarts db_sup, which starts its children afresh.
  await expectRestarted(page, 'app_sup/db_sup', 1);
  await expectAlive(page, 'app_sup/db_sup/cache');
  await expect(proc(page, 'app_sup/counter')).not.toHaveAttribute('aria-label', /restarted/);
  await expect(page.getByTestId('announcer')).toContainText(/gave up/);
  await screenshot(page, testInfo, 'intensity-escalated');
});

test('a message sent shows up in the log and in the receiver', async ({ page }, testInfo) => {
  await openPlayground(page);
  await select(page, 'app_sup/counter');
  // Paused, the message waits in the mailbox where the inspector shows it.
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('play-pause')).toHaveText(/Resume/);
  await page.keyboard.press('s');
  const dialog = page.getByRole('dialog', { name: /Send a message to counter/ });
  await dialog.getByLabel('Message').fill('{oops');
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText("expected ',' or '}'");
  await dialog.getByLabel('Message').fill('increment');
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('inspector-mailbox')).toContainText('increment');
  await expect(eventLog(page)).toContainText(/sent increment to/);
  await screenshot(page, testInfo, 'message-in-mailbox');

  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('inspector-state-term')).toHaveText('#{count => 1}');
  await expect(page.getByTestId('inspector-mailbox')).toHaveText('empty');
  await screenshot(page, testInfo, 'message-handled');
});

test('terminate, restart and delete a child from the supervisor', async ({ page }, testInfo) => {
  await openPlayground(page);
  await select(page, 'app_sup');
  await page.getByRole('button', { name: 'terminate child ticker' }).click();
  await expect(page.getByRole('button', { name: 'restart child ticker' })).toBeEnabled();
  await expect(eventLog(page)).toContainText(/ticker <\d+\.\d+\.0> exited: shutdown/);
  await page.getByRole('button', { name: 'restart child ticker' }).click();
  await expectAlive(page, 'app_sup/ticker');
  await expect(page.getByRole('button', { name: 'terminate child ticker' })).toBeEnabled();

  await page.getByRole('button', { name: 'terminate child ticker' }).click();
  await page.getByRole('button', { name: 'delete child ticker' }).click();
  await expect(page.getByRole('button', { name: 'delete child ticker' })).toHaveCount(0);
  // The runtime's child_deleted event takes the slot out of the log's story and the picture.
  await expect(eventLog(page)).toContainText(/deleted the spec of child ticker/);
  await expect(proc(page, 'app_sup/ticker')).toHaveCount(0);
  await screenshot(page, testInfo, 'child-deleted');
  // The workspace forgot it too: a reload does not bring it back.
  await page.reload();
  await expectAlive(page, 'app_sup/counter');
  await expect(proc(page, 'app_sup/ticker')).toHaveCount(0);
});
