import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Frame, type Locator, type Page, expect, test } from '@playwright/test';
import { LESSONS } from '../src/lessons';
import { screenshot } from './helpers';

/**
 * The embed as a docs site uses it: host pages served from ANOTHER origin (a port of their own)
 * load the built site's embed.js, or frame its /embed.html. Built project only: dist/embed.js
 * exists only in a build.
 */
// eslint-disable-next-line no-empty-pattern -- Playwright's fixtures come first; none is needed.
test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== 'built', 'dist/embed.js exists only in the build');
});

const SMALL_TREE = {
  version: 1,
  flavour: 'erlang',
  seed: 7,
  modules: [],
  nodes: [
    {
      id: 1,
      name: 'node1',
      root: {
        kind: 'supervisor',
        id: 'top',
        strategy: 'one_for_one',
        children: [
          { kind: 'worker', id: 'alpha', behaviour: 'counter' },
          { kind: 'worker', id: 'beta', behaviour: 'echo' },
        ],
      },
    },
  ],
};

/** A tiny server for host pages: `/name` answers the HTML registered under that name. */
async function hostServer(): Promise<{ url: string; pages: Map<string, string>; server: Server }> {
  const pages = new Map<string, string>();
  const server = createServer((req, res) => {
    const html = pages.get(req.url ?? '/');
    res.writeHead(html === undefined ? 404 : 200, { 'content-type': 'text/html' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((r) => server.listen(0, 'localhost', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://localhost:${port}`, pages, server };
}

let host: Awaited<ReturnType<typeof hostServer>>;
let other: Awaited<ReturnType<typeof hostServer>>;
test.beforeAll(async () => {
  host = await hostServer();
  other = await hostServer();
});
test.afterAll(() => {
  host.server.close();
  other.server.close();
});

const pidsOf = (scope: Locator) =>
  scope
    .locator('[data-pid]:not(.leaving)')
    .evaluateAll((els) =>
      Object.fromEntries(els.map((e) => [e.getAttribute('data-path'), e.getAttribute('data-pid')])),
    );

/** Waits until `path` inside `scope` runs and returns its pid. */
async function runningPid(scope: Locator | Frame, path: string): Promise<string> {
  const el = scope.locator(`[data-path="${path}"]:not(.leaving)`);
  await expect(el).toHaveAttribute('data-state', /^(running|waiting)$/, { timeout: 15_000 });
  return (await el.getAttribute('data-pid')) ?? '';
}

function trackWorkers(page: Page): { started: string[]; closed: string[] } {
  const log = { started: [] as string[], closed: [] as string[] };
  page.on('worker', (w) => {
    log.started.push(w.url());
    w.on('close', () => log.closed.push(w.url()));
  });
  return log;
}

test('two elements on another origin: their own trees, no Worker before interaction, a crash stays in its own', async ({
  page,
  baseURL,
}, testInfo) => {
  host.pages.set(
    '/two',
    `<!doctype html><html><head><style>body { font: 20px serif; color: red; line-height: 3 }</style></head><body>
     <p>Host text</p>
     <otp-playground id="a" chrome="minimal" speed="10" style="width:700px;height:450px"></otp-playground>
     <otp-playground id="b" chrome="minimal" speed="10" style="width:480px;height:320px"
       tree='${JSON.stringify(SMALL_TREE)}'></otp-playground>
     <script type="module" src="${baseURL}/embed.js"></script></body></html>`,
  );
  const workers = trackWorkers(page);
  await page.goto(`${host.url}/two`);
  const a = page.locator('#a');
  const b = page.locator('#b');
  // The static pictures: each its own tree, by path, with no pids yet.
  await expect(a.locator('[data-path="app_sup/counter"]')).toBeVisible();
  await expect(b.locator('[data-path="top/alpha"]')).toBeVisible();
  await expect(a.locator('[data-path="top/alpha"]')).toHaveCount(0);
  await expect(b.locator('[data-path="app_sup/counter"]')).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(workers.started).toEqual([]);
  // Host styles do not leak in.
  const font = await a
    .locator('[data-path="app_sup/counter"] text')
    .first()
    .evaluate((e) => getComputedStyle(e).fontFamily);
  expect(font).not.toContain('serif,');
  await screenshot(page, testInfo, 'embed-two-static');

  await a.getByRole('button', { name: /Run this tree/ }).click();
  const counterBefore = await runningPid(a, 'app_sup/counter');
  expect(workers.started.length).toBe(1);
  await b.click();
  await runningPid(b, 'top/alpha');
  await runningPid(b, 'top/beta');
  expect(workers.started.length).toBe(2);
  const bBefore = await pidsOf(b);

  await page.evaluate(() =>
    (document.querySelector('#a') as unknown as { dispatch(a: unknown): void }).dispatch({
      type: 'exit_signal',
      target: 'app_sup/counter',
      reason: 'kill',
    }),
  );
  await expect
    .poll(() => a.locator('[data-path="app_sup/counter"]:not(.leaving)').getAttribute('data-pid'))
    .not.toBe(counterBefore);
  await runningPid(a, 'app_sup/counter');
  await page.waitForTimeout(500);
  expect(await pidsOf(b)).toEqual(bBefore);
  await screenshot(page, testInfo, 'embed-two-live');
});

test('mount(): destroyed and mounted again; events reach the host', async ({ page, baseURL }) => {
  host.pages.set(
    '/mount',
    `<!doctype html><html><body><div id="m" style="width:700px;height:450px"></div>
     <script type="module">
       import { mount } from '${baseURL}/embed.js';
       window.embedMount = (opts) => {
         window.handle = mount(document.getElementById('m'), opts);
         window.events = [];
         for (const n of ['ready', 'crash', 'restart'])
           window.handle.on(n, (d) => window.events.push([n, d]));
         return window.handle.start();
       };
     </script></body></html>`,
  );
  const workers = trackWorkers(page);
  await page.goto(`${host.url}/mount`);
  await page.waitForFunction(() => 'embedMount' in window);
  await page.evaluate(() =>
    (window as unknown as { embedMount(o: object): Promise<void> }).embedMount({ speed: 10 }),
  );
  const m = page.locator('#m');
  const pid = await runningPid(m, 'app_sup/counter');
  await page.evaluate(() =>
    (window as unknown as { handle: { dispatch(a: unknown): void } }).handle.dispatch({
      type: 'crash',
      target: 'app_sup/counter',
      reason: 'boom',
    }),
  );
  await expect
    .poll(() =>
      page.evaluate(() => (window as unknown as { events: [string][] }).events.map((e) => e[0])),
    )
    .toEqual(expect.arrayContaining(['ready', 'crash', 'restart']));

  await page.evaluate(() =>
    (window as unknown as { handle: { destroy(): void } }).handle.destroy(),
  );
  await expect(m.locator('[data-path]')).toHaveCount(0);
  await expect.poll(() => workers.closed.length).toBe(1);

  await page.evaluate(
    (tree) =>
      (window as unknown as { embedMount(o: object): Promise<void> }).embedMount({
        speed: 10,
        tree,
      }),
    JSON.stringify(SMALL_TREE),
  );
  await runningPid(m, 'top/alpha');
  expect(workers.started.length).toBe(2);
  expect(pid).not.toBe('');
});

test('invalid options are named inside the box and in the console, never a blank box', async ({
  page,
  baseURL,
}) => {
  host.pages.set(
    '/bad',
    `<!doctype html><html><body>
     <otp-playground id="x" chrome="huge" colour="red" speed="99"></otp-playground>
     <otp-playground id="y" tree="not a tree"></otp-playground>
     <script type="module" src="${baseURL}/embed.js"></script></body></html>`,
  );
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await page.goto(`${host.url}/bad`);
  const problems = page.locator('#x').getByRole('alert');
  await expect(problems).toContainText('chrome: expected full, minimal, none');
  await expect(problems).toContainText('unknown option "colour"');
  await expect(problems).toContainText('speed:');
  // Still a picture of the default tree.
  await expect(page.locator('#x [data-path="app_sup"]')).toBeVisible();
  await expect(page.locator('#y').getByRole('alert')).toContainText('tree: expected a workspace');
  expect(warnings.some((w) => w.includes('chrome: expected'))).toBe(true);
});

test('iframe: chrome=none at 700×450 shows the whole tree; postMessage obeyed from allowed origins only', async ({
  page,
  baseURL,
}, testInfo) => {
  const frameUrl = (allow: string) =>
    `${baseURL}/embed.html?chrome=none&speed=10&allow-origin=${encodeURIComponent(allow)}`;
  const hostPage = (allow: string) =>
    `<!doctype html><html><body style="margin:0">
     <iframe id="f" src="${frameUrl(allow)}" width="700" height="450" style="border:0"></iframe>
     <script>
       window.fromFrame = [];
       window.addEventListener('message', (e) => window.fromFrame.push(e.data));
       window.kill = (path) => document.getElementById('f').contentWindow.postMessage(
         { type: 'otp-playground', action: { type: 'exit_signal', target: path, reason: 'kill' } }, '*');
     </script></body></html>`;
  host.pages.set('/frame', hostPage(host.url));
  other.pages.set('/frame', hostPage(host.url));

  // Allowed: the host's own origin is in allow-origin.
  await page.goto(`${host.url}/frame`);
  const frame = page.frameLocator('#f');
  const counter = frame.locator('[data-path="app_sup/counter"]:not(.leaving)');
  await expect(counter).toHaveAttribute('data-state', /^(running|waiting)$/, { timeout: 15_000 });
  await expect(frame.locator('[data-path="app_sup/db_sup/cache"]')).toBeVisible();
  await expect(frame.getByRole('button', { name: /Pause|Resume/ })).toHaveCount(0);
  await expect(frame.getByRole('banner')).toHaveCount(0);
  // The whole tree inside the 700×450 box.
  const boxes = await frame
    .locator('[data-path]:not(.leaving) .shape')
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  for (const r of boxes) {
    expect(r.left).toBeGreaterThanOrEqual(0);
    expect(r.top).toBeGreaterThanOrEqual(0);
    expect(r.right).toBeLessThanOrEqual(700);
    expect(r.bottom).toBeLessThanOrEqual(450);
  }
  await screenshot(page, testInfo, 'embed-iframe-none');
  const before = await counter.getAttribute('data-pid');
  await page.evaluate(() =>
    (window as unknown as { kill(p: string): void }).kill('app_sup/counter'),
  );
  await expect.poll(() => counter.getAttribute('data-pid')).not.toBe(before);
  await expect
    .poll(() =>
      page.evaluate(() =>
        (window as unknown as { fromFrame: { event?: string }[] }).fromFrame.map((m) => m.event),
      ),
    )
    .toContain('crash');

  // Not allowed: the same page on another origin; its command is ignored, nothing is reported.
  await page.goto(`${other.url}/frame`);
  const counter2 = page.frameLocator('#f').locator('[data-path="app_sup/counter"]:not(.leaving)');
  await expect(counter2).toHaveAttribute('data-state', /^(running|waiting)$/, { timeout: 15_000 });
  const pid2 = await counter2.getAttribute('data-pid');
  await page.evaluate(() =>
    (window as unknown as { kill(p: string): void }).kill('app_sup/counter'),
  );
  await page.waitForTimeout(1500);
  expect(await counter2.getAttribute('data-pid')).toBe(pid2);
  expect(
    await page.evaluate(() => (window as unknown as { fromFrame: unknown[] }).fromFrame.length),
  ).toBe(0);
});

test('a sandboxed iframe (no storage, no clipboard) still runs, and Share shows the link to select', async ({
  page,
  baseURL,
}) => {
  host.pages.set(
    '/sandboxed',
    `<!doctype html><html><body>
     <iframe id="f" sandbox="allow-scripts" src="${baseURL}/embed.html?chrome=full&speed=10"
       width="700" height="450"></iframe></body></html>`,
  );
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${host.url}/sandboxed`);
  const frame = page.frameLocator('#f');
  await expect(frame.locator('[data-path="app_sup/counter"]:not(.leaving)')).toHaveAttribute(
    'data-state',
    /^(running|waiting)$/,
    { timeout: 15_000 },
  );
  await frame.getByRole('button', { name: 'Open in playground' }).click();
  const dialog = frame.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox')).toHaveValue(new RegExp(`^${baseURL}/#w2=`));
  expect(errors).toEqual([]);
});

test('lesson and step options open the lesson on its own tree; readonly shows no editing controls', async ({
  page,
  baseURL,
}) => {
  const lesson = LESSONS[1]!;
  const rootId = lesson.workspace.nodes[0]!.root.id;
  host.pages.set(
    '/lesson',
    `<!doctype html><html><body>
     <otp-playground id="l" lesson="${lesson.id}" step="2" speed="10" style="width:700px;height:450px"></otp-playground>
     <otp-playground id="r" readonly speed="10" chrome="minimal" style="width:700px;height:450px"></otp-playground>
     <script type="module" src="${baseURL}/embed.js"></script></body></html>`,
  );
  await page.goto(`${host.url}/lesson`);
  const l = page.locator('#l');
  // Before interaction: the lesson's own tree, drawn from its data.
  await expect(l.locator(`[data-path="${rootId}"]`)).toBeVisible();
  await l.getByRole('button', { name: /Run this tree/ }).click();
  await expect(l.getByTestId('lesson-card')).toContainText(`step 2 of ${lesson.steps.length}`, {
    timeout: 15_000,
  });

  const r = page.locator('#r');
  await r.getByRole('button', { name: /Run this tree/ }).click();
  await runningPid(r, 'app_sup/counter');
  await r.locator('[data-path="app_sup/counter"]:not(.leaving)').click();
  await expect(r.getByTestId('inspector')).toBeVisible();
  await expect(r.getByRole('button', { name: /^Crash/ })).toHaveCount(0);
  await r.locator('[data-path="app_sup/counter"]:not(.leaving)').click({ button: 'right' });
  await expect(r.getByRole('menu')).toHaveCount(0);
  await expect(r.getByRole('button', { name: 'Reset' })).toHaveCount(0);
});
