import AxeBuilder from '@axe-core/playwright';
import { type Page, expect, test } from '@playwright/test';
import { expectAlive, openPlayground, proc, select } from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

/** WCAG's contrast ratio of two computed CSS colours (`rgb(r, g, b)`). */
function contrast(fg: string, bg: string): number {
  const lum = (c: string) => {
    const [r = 0, g = 0, b = 0] = (c.match(/[\d.]+/g) ?? []).map(Number);
    const f = (v: number) => {
      const x = v / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x) as [number, number];
  return (a + 0.05) / (b + 0.05);
}

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

    // axe does not hover: a pressed toggle under the pointer keeps AA contrast (it was 1.2:1).
    const toggle = page.getByRole('button', { name: 'Large text' });
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await toggle.hover();
    const { color, background } = await toggle.evaluate((el) => {
      const cs = getComputedStyle(el);
      return { color: cs.color, background: cs.backgroundColor };
    });
    expect(contrast(color, background)).toBeGreaterThanOrEqual(4.5);
    await toggle.click();
    await page.mouse.move(0, 0);

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

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('axe finds nothing serious with the menu open and the inspector sheet up', async ({
    page,
  }) => {
    await openPlayground(page);
    await expectAlive(page, 'app_sup/db_sup/cache');
    await page.getByRole('button', { name: 'Menu' }).tap();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Menu' }).tap();
    await proc(page, 'app_sup/counter').tap();
    await expect(page.getByTestId('inspector-path')).toHaveText('app_sup/counter');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
