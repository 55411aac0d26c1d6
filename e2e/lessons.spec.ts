import { expect, test } from '@playwright/test';
import { crash, expectAlive, expectRestarted, proc, screenshot, select } from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

test('predict, then observe: pick in the tree, run, see what was right and why; Back goes back', async ({
  page,
}, testInfo) => {
  await page.goto('/?speed=10');
  await expectAlive(page, 'app_sup');
  await page.getByRole('button', { name: 'Lessons…' }).click();
  await page
    .getByRole('dialog', { name: 'Lessons' })
    .getByRole('button', { name: /Isolated processes/ })
    .click();
  const card = page.getByTestId('lesson-card');
  await expect(card).toContainText('step 1 of 3');
  await expect(card).toHaveAttribute('data-phase', 'ready');
  // Its own tree: no db_sup here.
  await expectAlive(page, 'app_sup/ticker');
  await expect(proc(page, 'app_sup/db_sup')).toHaveCount(0);
  await card.getByRole('button', { name: 'Do it' }).click();
  await expect(card).toHaveAttribute('data-phase', 'ran');
  await card.getByRole('button', { name: 'Next' }).click();
  await expect(card).toContainText('Crash the counter');
  const predict = card.getByTestId('lesson-predict');
  await expect(predict).toContainText('Click the processes that will get new pids');
  // Picked in the tree itself; the list beside it follows.
  await proc(page, 'app_sup/counter').click();
  await expect(predict.getByRole('checkbox', { name: 'app_sup/counter' })).toBeChecked();
  // And one wrong pick, by keyboard, in the list.
  await predict.getByRole('checkbox', { name: 'app_sup/kv_store' }).check();
  await screenshot(page, testInfo, 'lesson-predict');
  // By keyboard: the run button goes disabled while it runs, so focus moves on to Next.
  await card.getByRole('button', { name: 'Run and check' }).press('Enter');
  const result = card.getByTestId('predict-result');
  await expect(result).toContainText('Not quite');
  await expect(card.getByRole('button', { name: 'Next' })).toBeFocused();
  await expect(result.locator('[data-pick="app_sup/counter"]')).toHaveAttribute(
    'data-right',
    'true',
  );
  await expect(result.locator('[data-pick="app_sup/kv_store"]')).toHaveAttribute(
    'data-right',
    'false',
  );
  await expect(result).toContainText('Processes share no memory');
  await expectRestarted(page, 'app_sup/counter', 1);
  await screenshot(page, testInfo, 'lesson-result');

  // Back: the tree as it was at that step (the counter not restarted yet), the question asked again.
  await card.getByRole('button', { name: 'Back' }).click();
  await expect(card).toContainText('step 1 of 3');
  await expect(card).toHaveAttribute('data-phase', 'ready');
  await card.getByRole('button', { name: 'Next' }).click();
  await expect(card.getByTestId('lesson-predict')).toBeVisible();
  await expectAlive(page, 'app_sup/counter');
  await expect(proc(page, 'app_sup/counter')).not.toHaveAttribute('aria-label', /restarted/);
});

test('?lesson=…&step=… opens a challenge at its step, and solving it by hand is noticed', async ({
  page,
}, testInfo) => {
  await page.goto('/?speed=10&lesson=isolate_cache&step=2');
  const card = page.getByTestId('lesson-card');
  await expect(card).toContainText('step 2 of 2');
  await expect(card).toHaveAttribute('data-phase', 'ready');
  // Step 1 was replayed: the cache and web went down together once.
  await expectRestarted(page, 'app_sup/web', 1);
  const goal = card.getByTestId('lesson-goal');
  await expect(goal).toHaveAttribute('data-solved', 'false');
  await goal.getByRole('button', { name: 'Hint 1 of 3' }).click();
  await expect(goal.getByTestId('lesson-hints')).toContainText('restarts only the child');
  await goal.getByRole('button', { name: 'Hint 2 of 3' }).click();
  await expect(goal.getByTestId('lesson-hints').getByRole('listitem')).toHaveCount(2);

  // By hand, as anyone would: the flags dialog, then a crash.
  await select(page, 'app_sup');
  await page.getByRole('button', { name: 'Change flags…' }).click();
  const flags = page.getByTestId('flags-dialog');
  await flags.getByLabel('Strategy').selectOption('one_for_one');
  await flags.getByRole('button', { name: 'Apply' }).click();
  await expect(flags).toBeHidden();
  await crash(page, 'app_sup/cache');
  await expectRestarted(page, 'app_sup/cache', 2);
  await expect(goal).toHaveAttribute('data-solved', 'true');
  await expect(goal).toContainText('Solved');
  await expectRestarted(page, 'app_sup/web', 1);
  await screenshot(page, testInfo, 'lesson-challenge-solved');
});

test('?lesson= with an unknown id or step says so and opens nothing', async ({ page }) => {
  await page.goto('/?speed=10&lesson=no_such_lesson&step=1');
  await expectAlive(page, 'app_sup');
  await expect(page.getByTestId('toast')).toContainText('There is no lesson called');
  await expect(page.getByTestId('lesson-card')).toHaveCount(0);
  await page.goto('/?speed=10&lesson=trap_exit&step=99');
  await expect(page.getByTestId('toast')).toContainText('has steps 1 to 4; there is no step 99');
  await expect(page.getByTestId('lesson-card')).toHaveCount(0);
});
