import { type Page, expect, test } from '@playwright/test';
import { encodeShareHash } from '../src/app/workspace/shareLink';
import type { UserModule, Workspace } from '../src/worker/protocol';
import { expectAlive } from './helpers';
import { FLOOD_SOURCES } from '../src/worker/testing/floodModules';

/**
 * Hostile code in a node must not take the page down: a fork bomb, a log
 * flood and a spawn flood each leave the page answering quickly, and the
 * node can still be stopped from its chip. The figures are printed (and
 * attached to the report) so a run says how quick.
 */

test.use({ viewport: { width: 1440, height: 900 } });

/**
 * Bounds. The aim is < 100 ms; the bounds allow a loaded CI machine (2 cores, a build running
 * beside the tests: a flooding worker then takes a core the page would have had) and are added to
 * what the same page measured before the flood started. A page that freezes for seconds, as it
 * did before the caps (> 15 s), fails every one of them.
 */
const MAX_MEDIAN_ROUND_TRIP_MS = 250;
const MAX_MEDIAN_LAG_MS = 150;
const MAX_LAG_P95_MS = 1000;
const MAX_CLICK_MS = 500;

/** The floods the page must survive (the hoarder is the node's business: src/worker/floods.test.ts). */
const FLOODS: Record<string, string> = {
  fork_bomb: FLOOD_SOURCES.fork_bomb,
  log_flood: FLOOD_SOURCES.log_flood,
  spawn_flood: FLOOD_SOURCES.spawn_flood,
};

function floodWorkspace(name: string): Workspace {
  const module: UserModule = { name, source: FLOODS[name] as string };
  return {
    version: 1,
    flavour: 'erlang',
    seed: 1,
    modules: [module],
    nodes: [
      {
        id: 1,
        name: 'node1',
        root: {
          kind: 'supervisor',
          id: 'flood_sup',
          strategy: 'one_for_one',
          children: [
            { kind: 'worker', id: 'counter', behaviour: 'counter' },
            { kind: 'worker', id: name, behaviour: name, restart: 'temporary' },
          ],
        },
      },
    ],
  };
}

/**
 * Opens the flood through a share link at real speed, and consents to run its code. Returns
 * the round trips of the page before it runs (the machine's own latency, to compare with).
 */
async function openFlood(page: Page, name: string): Promise<[number[], number[]]> {
  // The dev server's hot reload is cut off (the page has no sockets of its own): an edit saved
  // elsewhere must not reload or re-run modules in the middle of a measurement.
  await page.routeWebSocket(/.*/, () => undefined);
  await page.goto('about:blank');
  await page.goto(`/?speed=1${encodeShareHash({ workspace: floodWorkspace(name), speed: 1 })}`);
  const consent = page.getByRole('dialog', { name: 'Open a shared workspace?' });
  await expect(consent).toBeVisible();
  const [quiet, quietLag] = await Promise.all([roundTrips(page, 1500), lag(page, 1500)]);
  await consent.getByRole('button', { name: 'Open and run code' }).click();
  await expectAlive(page, 'flood_sup/counter');
  return [quiet, quietLag];
}

/** Round trips to the page's main thread (a task must get its turn), every ~100 ms for `ms`. */
async function roundTrips(page: Page, ms: number): Promise<number[]> {
  const out: number[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const t0 = performance.now();
    await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    out.push(performance.now() - t0);
    await page.waitForTimeout(100);
  }
  return out;
}

/**
 * In the page: clicks `target` and measures until `done()` holds in the DOM — what a person
 * sees, without the test runner's own latency (its locators resolve roles over thousands of
 * SVG nodes).
 */
async function clickToChange(page: Page, target: string, done: string): Promise<number> {
  return page.evaluate(
    ([target, done]) =>
      new Promise<number>((resolve, reject) => {
        const holds = new Function(`return (${done})`) as () => boolean;
        const el = document.querySelector(target);
        if (el === null) return reject(new Error(`missing: ${target}`));
        const t0 = performance.now();
        const mo = new MutationObserver(() => {
          if (!holds()) return;
          mo.disconnect();
          resolve(performance.now() - t0);
        });
        mo.observe(document.body, {
          subtree: true,
          attributes: true,
          childList: true,
          characterData: true,
        });
        el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
        setTimeout(() => reject(new Error(`no change after clicking ${target}`)), 10_000);
      }),
    [target, done] as const,
  );
}

/** In the page: how late a 50 ms timer fires, sampled over `ms` (the main thread's lag). */
async function lag(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(
    (ms) =>
      new Promise<number[]>((resolve) => {
        const out: number[] = [];
        const end = performance.now() + ms;
        const next = () => {
          const due = performance.now() + 50;
          setTimeout(() => {
            const now = performance.now();
            out.push(now - due);
            if (now > end) resolve(out);
            else next();
          }, 50);
        };
        next();
      }),
    ms,
  );
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { n: s.length, median: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? NaN };
};
const ms = (x: number) => Math.round(x * 10) / 10;

for (const name of Object.keys(FLOODS)) {
  test(`a ${name.replace('_', ' ')} leaves the page answering and the node stoppable`, async ({
    page,
  }, testInfo) => {
    test.setTimeout(90_000);
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const [quietTrips, quietLags] = await openFlood(page, name);
    const quiet = stats(quietTrips);
    const quietLag = stats(quietLags);
    // The flood is on, and the page says what it does not show.
    await expect(page.getByTestId('node-1-not-shown')).toContainText('events not shown', {
      timeout: 30_000,
    });
    await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks = []));

    const [trips, lags] = await Promise.all([
      roundTrips(page, 4000).then(stats),
      lag(page, 4000).then(stats),
    ]);

    // A click → a visible change: select the counter beside the flood. Dispatched, not clicked
    // at a point: the tree moves as the flood reshapes it, and a person clicks anyway.
    const click = await clickToChange(
      page,
      '[data-path="flood_sup/counter"]',
      `document.querySelector('[data-testid="inspector-path"]')?.textContent === 'flood_sup/counter'`,
    );
    await expect(page.getByTestId('inspector-path')).toHaveText('flood_sup/counter');

    const longTasks = await page.evaluate(() =>
      [...(window as unknown as { longTasks: number[] }).longTasks].sort((a, b) => b - a),
    );
    // Still up: not killed by the watchdog, and stopping it is the person's call.
    const chip = page.getByTestId('node-1');
    await expect(chip).toHaveAttribute('data-status', 'up');
    const stop = await clickToChange(
      page,
      '[data-testid="node-1"] button[aria-label="Stop node1"]',
      `document.querySelector('[data-testid="node-1"]')?.getAttribute('data-status') === 'down'`,
    );
    await expect(chip).toHaveAttribute('data-status', 'down');
    // And the page goes on answering afterwards.
    const after = stats(await roundTrips(page, 500));

    const figures = {
      flood: name,
      quietRoundTripMs: { median: ms(quiet.median), p95: ms(quiet.p95), max: ms(quiet.max) },
      quietLagMs: { median: ms(quietLag.median), p95: ms(quietLag.p95), max: ms(quietLag.max) },
      roundTripMs: { median: ms(trips.median), p95: ms(trips.p95), max: ms(trips.max), n: trips.n },
      lagMs: { median: ms(lags.median), p95: ms(lags.p95), max: ms(lags.max), n: lags.n },
      clickToInspectorMs: ms(click),
      stopToDownMs: ms(stop),
      longTasks: { count: longTasks.length, longestMs: ms(longTasks[0] ?? 0) },
      afterStopMaxMs: ms(after.max),
    };
    console.log(JSON.stringify(figures));
    await testInfo.attach('figures', { body: JSON.stringify(figures, null, 2) });

    expect(trips.median).toBeLessThan(MAX_MEDIAN_ROUND_TRIP_MS + quiet.median);
    expect(lags.median).toBeLessThan(MAX_MEDIAN_LAG_MS + quietLag.median);
    expect(lags.p95).toBeLessThan(MAX_LAG_P95_MS + quietLag.p95);
    expect(click).toBeLessThan(MAX_CLICK_MS + quietLag.p95);
    expect(stop).toBeLessThan(MAX_CLICK_MS + quietLag.p95);
  });
}
