import { readFileSync } from 'node:fs';
import { type Page, expect, test } from '@playwright/test';
import { defaultWorkspace } from '../src/app/workspace/defaultWorkspace';
import { encodeShareHash } from '../src/app/workspace/shareLink';
import type { Workspace } from '../src/worker/protocol';
import { expectAlive, openPlayground, proc, screenshot } from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

// The page's Content-Security-Policy (strict when built, relaxed for the dev server) must never
// get in the way: no test here may see a violation.
const violations = new WeakMap<Page, string[]>();
test.beforeEach(({ page }) => {
  const seen: string[] = [];
  violations.set(page, seen);
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
});
test.afterEach(({ page }) => {
  expect(violations.get(page) ?? []).toEqual([]);
});

/** A small workspace of its own, so which one is showing is plain. */
function sharedWorkspace(modules: Workspace['modules'] = []): Workspace {
  return {
    version: 1,
    flavour: 'erlang',
    seed: 3,
    modules,
    nodes: [
      {
        id: 1,
        name: 'node1',
        root: {
          kind: 'supervisor',
          id: 'shared_sup',
          strategy: 'one_for_one',
          children: [
            { kind: 'worker', id: 'plain', behaviour: 'echo' },
            ...modules.map((m) => ({ kind: 'worker' as const, id: m.name, behaviour: m.name })),
          ],
        },
      },
    ],
  };
}

/** Code a person would not want run unasked; it leaves a trace if it runs. */
const EVIL = `({
  init(args, ctx) { otp.log(ctx, 'EVIL CODE RAN'); return ['ok', 0]; },
  describe(s) { return s; },
})`;

const linkTo = (ws: Workspace, speed = 10) => encodeShareHash({ workspace: ws, speed });

/** Opens the playground (saving its default tree), then makes it ours: Elixir flavour. */
async function withSavedWorkspace(page: Page): Promise<void> {
  await openPlayground(page);
  await page.getByLabel('Flavour').selectOption('elixir');
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('otp-playground:session:v1')))
    .toContain('"flavour":"elixir"');
}

/** Loads the page afresh with `hash` (a new document, not a hash change). */
async function openLink(page: Page, hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`/?speed=10${hash}`);
}

const consent = (page: Page) => page.getByRole('dialog', { name: 'Open a shared workspace?' });

test('a link never silently replaces saved work: Stay keeps it', async ({ page }) => {
  await withSavedWorkspace(page);
  await openLink(page, linkTo(sharedWorkspace()));
  const dialog = consent(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('offer-summary')).toHaveText(
    '1 node, 2 processes (1 supervisor, 1 worker), no modules',
  );
  // The link left the address before it was read.
  await expect(page).not.toHaveURL(/#w/);
  // Behind the dialog, the saved workspace is what runs.
  await expectAlive(page, 'app_sup/counter');
  await dialog.getByRole('button', { name: 'Stay with my workspace' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Flavour')).toHaveValue('elixir');
  await expect(proc(page, 'shared_sup')).toHaveCount(0);

  await page.reload();
  await expectAlive(page, 'app_sup/counter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByLabel('Flavour')).toHaveValue('elixir');
});

test('Open opens the link and the old workspace is recoverable', async ({ page }) => {
  await withSavedWorkspace(page);
  await openLink(page, linkTo(sharedWorkspace()));
  const dialog = consent(page);
  await expect(dialog).toContainText('Yours is kept as a backup');
  await dialog.getByRole('button', { name: 'Open the link' }).click();
  await expectAlive(page, 'shared_sup/plain');
  await expect(page.getByLabel('Flavour')).toHaveValue('erlang');

  await page.getByRole('button', { name: 'Recover…' }).click();
  const recover = page.getByRole('dialog', { name: 'Recover a workspace' });
  const backups = recover.getByRole('region', { name: 'Backups' });
  await expect(backups.getByRole('listitem').first()).toContainText('replaced by a link');
  await backups
    .getByRole('button', { name: /^Restore backup from/ })
    .first()
    .click();
  await expectAlive(page, 'app_sup/counter');
  await expect(page.getByLabel('Flavour')).toHaveValue('elixir');
});

test('a link with code says so, and "Open without running code" runs none', async ({
  page,
}, testInfo) => {
  await withSavedWorkspace(page);
  await openLink(page, linkTo(sharedWorkspace([{ name: 'evil', source: EVIL }])));
  const dialog = consent(page);
  await expect(dialog.getByTestId('offer-code')).toContainText('It contains module code');
  await expect(dialog.getByTestId('offer-summary')).toContainText('1 module (evil)');
  // Keyboard: the safe choice has focus, and Tab moves through named buttons.
  await expect(dialog.getByRole('button', { name: 'Stay with my workspace' })).toBeFocused();
  await dialog.getByText('Read module').click();
  await expect(dialog.locator('pre')).toContainText('EVIL CODE RAN');
  await screenshot(page, testInfo, 'consent-dialog');

  await dialog.getByRole('button', { name: 'Open without running code' }).click();
  await expectAlive(page, 'shared_sup/plain');
  await expect(page.getByTestId('toast').last()).toContainText('left out: shared_sup/evil');
  await expect(proc(page, 'shared_sup/evil')).toHaveCount(0);
  await expect(page.getByTestId('log-list')).not.toContainText('EVIL CODE RAN');
  // The code was not kept either: nothing can run it later.
  const saved = await page.evaluate(() => localStorage.getItem('otp-playground:session:v1'));
  expect(saved).not.toContain('EVIL');
});

test('"Open and run code" runs it, after consent', async ({ page }) => {
  await openLink(page, linkTo(sharedWorkspace([{ name: 'evil', source: EVIL }])));
  const dialog = consent(page);
  // A first visit: nothing of the person's is replaced, but the code still waits for a yes.
  await expect(dialog).toContainText('Nothing of yours is replaced');
  await expect(page.getByTestId('log-list')).not.toContainText('EVIL CODE RAN');
  await dialog.getByRole('button', { name: 'Open and run code' }).click();
  await expectAlive(page, 'shared_sup/evil');
  await expect(page.getByTestId('log-list')).toContainText('EVIL CODE RAN');
});

test('a link opened in a tab that already shows the playground (hashchange)', async ({ page }) => {
  await withSavedWorkspace(page);
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, linkTo(sharedWorkspace()));
  const dialog = consent(page);
  await expect(dialog).toBeVisible();
  await expect(page).not.toHaveURL(/#w/);
  await page.keyboard.press('Escape'); // Escape is "stay"
  await expect(dialog).toBeHidden();
  await expectAlive(page, 'app_sup/counter');

  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, linkTo(sharedWorkspace()));
  await consent(page).getByRole('button', { name: 'Open the link' }).click();
  await expectAlive(page, 'shared_sup/plain');
});

test('?safe=1 opens the saved workspace without starting any node', async ({ page }) => {
  await withSavedWorkspace(page);
  await page.goto('/?safe=1&speed=10');
  const banner = page.getByRole('region', { name: 'Safe mode' });
  await expect(banner).toContainText('Nothing is running');
  await expect(page.getByLabel('Flavour')).toHaveValue('elixir');
  await page.waitForTimeout(1000);
  await expect(page.locator('[data-path]')).toHaveCount(0);
  await expect(page.locator('[data-testid^="node-"]')).toHaveCount(0);

  await banner.getByRole('button', { name: 'Start nodes' }).click();
  await expectAlive(page, 'app_sup/counter');
  await expect(banner).toBeHidden();
  await expect(page).not.toHaveURL(/safe=1/);
});

test('a link that would crash at boot does not stick on reload', async ({ page }) => {
  await withSavedWorkspace(page);
  // 20,000 nested supervisors, in the first link format (JSON built as text: too deep to stringify).
  const depth = 20_000;
  let json = '';
  for (let i = 0; i < depth; i++)
    json += `{"kind":"supervisor","id":"s${i}","strategy":"one_for_one","children":[`;
  json += ']}'.repeat(depth);
  const ws = `{"version":1,"flavour":"erlang","seed":1,"modules":[],"nodes":[{"id":1,"name":"node1","root":${json}}]}`;
  await openLink(page, `#w=${Buffer.from(ws).toString('base64url')}`);
  await expect(page.getByTestId('toast').first()).toContainText('share link:');
  await expect(page.getByTestId('toast').first()).toContainText('kept your saved workspace');
  await expect(page).not.toHaveURL(/#w/);
  await expectAlive(page, 'app_sup/counter');
  await expect(page.getByLabel('Flavour')).toHaveValue('elixir');

  await page.reload();
  await expectAlive(page, 'app_sup/counter');
  await expect(page.getByTestId('toast')).toHaveCount(0);
  await expect(page.getByLabel('Flavour')).toHaveValue('elixir');
});

test('a page that crashed reloads in safe mode', async ({ page }) => {
  await withSavedWorkspace(page);
  // What the error boundary leaves when React crashes.
  await page.evaluate(() => localStorage.setItem('otp-playground:crashed', 'Error: boom'));
  await page.reload();
  const banner = page.getByRole('region', { name: 'Safe mode' });
  await expect(banner).toContainText('The page crashed last time (Error: boom)');
  await expect(page.locator('[data-path]')).toHaveCount(0);
  await banner.getByRole('button', { name: 'Recover…' }).click();
  await expect(
    page.getByRole('dialog', { name: 'Recover a workspace' }).getByRole('region', {
      name: 'Quarantined',
    }),
  ).toContainText('the page crashed with it: Error: boom');
});

test('export to a file, import it back through the consent step', async ({ page }) => {
  await openPlayground(page);
  await page.getByLabel('Flavour').selectOption('elixir');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export…', exact: true }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export' });
  await exportDialog.getByRole('button', { name: 'Workspace (JSON)' }).click();
  const file = await (await download).path();
  await page.keyboard.press('Escape');
  await expect(exportDialog).toBeHidden();
  const text = readFileSync(file, 'utf8');
  expect(JSON.parse(text)).toMatchObject({ workspace: { flavour: 'elixir' } });

  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Reset the workspace?' })
    .getByRole('button', {
      name: 'Reset workspace',
    })
    .click();
  await page.getByLabel('Flavour').selectOption('erlang');
  await expectAlive(page, 'app_sup/counter');

  await page.getByTestId('import-file').setInputFiles({
    name: 'mine.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  const dialog = page.getByRole('dialog', { name: 'Open the imported workspace?' });
  await dialog.getByRole('button', { name: 'Open the file' }).click();
  await expect(page.getByLabel('Flavour')).toHaveValue('elixir');
  await expectAlive(page, 'app_sup/counter');
});

test('the default tree shares as a short link, and an old link still opens', async ({ page }) => {
  await openPlayground(page);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(new URL(url).hash.length).toBeLessThan(40);
  expect(linkTo(defaultWorkspace()).length).toBeLessThan(40);

  const old = readFileSync('src/app/workspace/fixtures/link-v1.txt', 'utf8').trim();
  await openLink(page, old);
  await consent(page).getByRole('button', { name: 'Open and run code' }).click();
  await expectAlive(page, 'app_sup/greeter');
});
