import { expect, test } from '@playwright/test';
import { crash, expectAlive, expectRestarted, openPlayground, proc, screenshot } from './helpers';

test.use({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'allow' });

test('after one visit the page works with no network: + Node, a crash, Restart node', async ({
  page,
  context,
}, testInfo) => {
  test.skip(
    testInfo.project.name !== 'built',
    'the service worker is in the built site only: the dev server registers none',
  );
  await openPlayground(page);
  // The first visit installs the worker and precaches the site; wait until it controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((resolve) =>
      navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
    );
  });
  await expect(
    page.getByTestId('toast').filter({ hasText: 'works without a network' }),
  ).toBeVisible();

  await context.setOffline(true);
  await page.reload();
  await expectAlive(page, 'app_sup');
  await expectAlive(page, 'app_sup/db_sup/cache');

  // + Node starts a new Worker from the cached worker script.
  await page.getByRole('button', { name: '+ Node' }).click();
  await expectAlive(page, 'node2_sup/echo');
  await expect(page.getByTestId('node-2')).toHaveAttribute('data-status', 'up');

  await crash(page, 'app_sup/counter');
  await expectRestarted(page, 'app_sup/counter', 1);

  // Restart node: stop node2, then start it again, still offline.
  await page.getByRole('button', { name: 'Stop node2' }).click();
  await expect(page.getByTestId('node-2')).toHaveAttribute('data-status', 'down');
  await page.getByRole('button', { name: 'Restart node2' }).click();
  await expect(page.getByTestId('node-2')).toHaveAttribute('data-status', 'up');
  await expectAlive(page, 'node2_sup/echo');
  await expect(proc(page, 'node2_sup/echo')).toBeVisible();

  // The Modules editor is a lazily loaded chunk: it opens offline too.
  await page.getByRole('button', { name: 'Modules…' }).click();
  await expect(page.getByTestId('code-editor')).toBeVisible();
  await screenshot(page, testInfo, 'offline');
  await page.keyboard.press('Escape');
  await context.setOffline(false);
});

test('the manifest makes the page installable', async ({ page, request }, testInfo) => {
  test.skip(testInfo.project.name !== 'built', 'the manifest is made by the build');
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = (await (await request.get(href ?? '')).json()) as {
    name: string;
    display: string;
    theme_color: string;
    icons: { src: string; type: string }[];
  };
  expect(manifest.name).toBe('OTP Supervision Playground');
  expect(manifest.display).toBe('standalone');
  expect(manifest.theme_color).toMatch(/^#/);
  expect(manifest.icons.some((i) => i.type === 'image/png')).toBe(true);
  for (const icon of manifest.icons) expect((await request.get(icon.src)).ok()).toBe(true);
});
