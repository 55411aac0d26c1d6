import { expect, test } from '@playwright/test';
import {
  eventLog,
  expectAlive,
  expectRestarted,
  openPlayground,
  proc,
  screenshot,
  select,
} from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

test('a second node; a cross-node link fires noconnection when that node stops', async ({
  page,
}, testInfo) => {
  await openPlayground(page);
  await page.getByRole('button', { name: '+ Node' }).click();
  await expectAlive(page, 'node2_sup/echo');
  await expect(page.getByTestId('node-2')).toHaveAttribute('data-status', 'up');

  // Link app_sup/counter (node 1) to node2_sup/echo (node 2): press L, then pick.
  await select(page, 'app_sup/counter');
  await page.keyboard.press('l');
  await expect(page.getByRole('status').filter({ hasText: 'Link from counter' })).toBeVisible();
  await proc(page, 'node2_sup/echo').click();
  await expect(page.getByTestId('inspector-links')).toContainText('<2.');
  // The link is drawn between the two node regions, fully faded in.
  const linkEdge = page.locator('path.edge.link:not(.leaving)');
  await expect(linkEdge).toHaveCount(1);
  await expect(linkEdge).toHaveCSS('opacity', '1');
  await screenshot(page, testInfo, 'cross-node-link');

  await page.getByRole('button', { name: 'Stop node2' }).click();
  await expect(page.getByTestId('node-2')).toHaveAttribute('data-status', 'down');
  await expect(eventLog(page)).toContainText('noconnection');
  await expectRestarted(page, 'app_sup/counter', 1);
  await screenshot(page, testInfo, 'node-stopped');
});

// A loop or a recursion in a module is counted and ends only its process (e2e/hostile.spec.ts).
// What no count reaches is native code: this regular expression backtracks for hours, so only the
// watchdog can stop it.
const RUNAWAY = `({
  init(args, ctx) { return ['ok', 0]; },
  handleInfo(msg, state) {
    /^(a+)+$/.test('a'.repeat(40) + 'b');
    return ['noreply', state];
  },
})`;

test('a runaway loop in user code is contained by the watchdog', async ({ page }, testInfo) => {
  await openPlayground(page);
  await page.getByRole('button', { name: 'Modules…' }).click();
  const editor = page.getByRole('dialog', { name: 'Your modules' });
  await editor.getByLabel('Module name').fill('spinner');
  const source = editor.getByRole('textbox', { name: 'Module source (JavaScript)' });
  await source.fill('({ init( })');
  await expect(editor.getByTestId('compile-status')).toContainText('SyntaxError');
  await source.fill(RUNAWAY);
  await expect(editor.getByTestId('compile-status')).toContainText('compiles');
  await editor.getByRole('button', { name: 'Save module' }).click();
  await expect(editor.getByRole('button', { name: 'spinner' })).toBeVisible();
  await screenshot(page, testInfo, 'module-editor');
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();

  await select(page, 'app_sup');
  await page.keyboard.press('a');
  const add = page.getByRole('dialog', { name: 'Add a child to app_sup' });
  await add.getByLabel('Behaviour').selectOption('spinner');
  await expect(add.getByLabel('Child id')).toHaveValue('spinner');
  await add.getByRole('button', { name: 'Add child' }).click();
  await expectAlive(page, 'app_sup/spinner');

  await select(page, 'app_sup/spinner');
  await page.keyboard.press('s');
  const send = page.getByRole('dialog', { name: /Send a message/ });
  await send.getByLabel('Message').fill('go');
  await send.getByRole('button', { name: 'Send', exact: true }).click();

  // The watchdog notices the silent node, terminates its worker and shows why (the store folds
  // the client's `node_down` with an `unresponsive: …` reason as status `unresponsive`).
  await expect(page.getByTestId('node-1')).toHaveAttribute('data-status', 'unresponsive', {
    timeout: 15_000,
  });
  await expect(page.getByTestId('node-1')).toHaveAttribute('title', /unresponsive/);
  // The page still answers.
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await screenshot(page, testInfo, 'watchdog');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Restart node1' }).click();
  await expectAlive(page, 'app_sup/spinner');
  await expectAlive(page, 'app_sup/counter');
});
