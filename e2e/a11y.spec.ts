import AxeBuilder from '@axe-core/playwright';
import { type Page, expect, test } from '@playwright/test';
import { expectAlive, openPlayground, select } from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

/** The serious and critical violations axe-core finds in `scope` (the whole page by default). */
async function seriousViolations(page: Page, scope?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const results = await (scope ? builder.include(scope) : builder).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const theme of ['dark', 'light'] as const) {
  test(`axe finds nothing serious: the page, a dialog, a lesson (${theme} theme)`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openPlayground(page);
    await expectAlive(page, 'app_sup/db_sup/cache');
    await select(page, 'app_sup/counter');
    expect(await seriousViolations(page)).toEqual([]);

    await page.keyboard.press('c');
    const crash = page.getByRole('dialog', { name: /^Crash/ });
    await expect(crash).toBeVisible();
    expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(crash).toBeHidden();

    // Whatever the Lessons… dialog lists, and the card of the first lesson.
    await page.getByRole('button', { name: 'Lessons…' }).click();
    const lessons = page.getByRole('dialog', { name: /Lessons/ });
    await expect(lessons).toBeVisible();
    expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
    await lessons.getByRole('listitem').first().getByRole('button').first().click();
    await expect(lessons).toBeHidden();
    // The lesson is open above the tree (its card is being rewritten: audit the whole page).
    await expect(page.getByRole('button', { name: 'Next' }).first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
