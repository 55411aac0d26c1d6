/**
 * UI benchmarks in headless Chromium (`npm run bench:ui`, after `vite build`):
 *  - frames per second while 1,000 and 10,000 processes ping-pong (messages in flight);
 *  - main-thread long tasks while a node runs a message blaster flat out;
 *  - time from the click on "Crash" to the crash being drawn;
 *  - the playhead: its lag at 1× while a node blasts messages, the time a seek to the middle of a
 *    10,000- and a 100,000-event history takes, and the page's heap after 100,000 events.
 * `--json` prints one JSON line per figure. Uses the system Chromium like the e2e tests.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const json = process.argv.includes('--json');
const PORT = 4273;
const BASE = `http://localhost:${PORT}`;
const exe =
  process.env.PLAYWRIGHT_CHROMIUM ??
  process.env.CHROMIUM_PATH ??
  (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // The playhead bench reads the heap after a collection.
  '--enable-precise-memory-info',
  '--js-flags=--expose-gc',
];

function report(bench, metric, value, extra = {}) {
  const f = { bench, metric, value: Math.round(value * 100) / 100, ...extra };
  if (json) console.log(JSON.stringify(f));
  else console.log(`${bench.padEnd(28)} ${metric.padEnd(22)} ${String(f.value).padStart(10)}`);
}

const b64url = (s) =>
  Buffer.from(s, 'utf8')
    .toString('base64')
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const shareHash = (workspace, speed = 1) => `#w=${b64url(JSON.stringify({ workspace, speed }))}`;
const workspace = (root, modules = []) => ({
  version: 1,
  flavour: 'erlang',
  seed: 1,
  modules,
  nodes: [{ id: 1, name: 'node1', root }],
});

/** N processes as N/2 ping-pong pairs: every pinger pings its partner every `interval` ms. */
function pingPongTree(n, interval) {
  const children = [];
  for (let i = 0; i < n / 2; i++) {
    children.push({ kind: 'worker', id: `q${i}`, behaviour: 'echo', name: `q${i}` });
    children.push({
      kind: 'worker',
      id: `p${i}`,
      behaviour: 'echo',
      args: { mode: 'ping_pong', peer: `q${i}`, interval },
    });
  }
  return {
    kind: 'supervisor',
    id: 'bench_sup',
    strategy: 'one_for_one',
    intensity: 10,
    period: 5,
    children,
  };
}

const BLASTER = `({
  init(args, ctx) { ctx.send(ctx.self, 'go'); return ['ok', 0]; },
  handleInfo(msg, n, ctx) { ctx.send(ctx.self, 'go'); return ['noreply', n + 1]; },
  describe(n) { return n; },
})`;

async function fps(page, ms) {
  return page.evaluate(
    (ms) =>
      new Promise((resolve) => {
        let frames = 0;
        const t0 = performance.now();
        const tick = () => {
          frames++;
          if (performance.now() - t0 < ms) requestAnimationFrame(tick);
          else resolve((frames * 1000) / (performance.now() - t0));
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

async function waitDrawn(page, path, timeout = 60_000) {
  await page.locator(`[data-path="${path}"]`).first().waitFor({ state: 'attached', timeout });
}

async function benchFps(browser, n) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const t0 = Date.now();
  await page.goto(`${BASE}/?speed=1${shareHash(workspace(pingPongTree(n, 500)))}`);
  await waitDrawn(page, 'bench_sup');
  const bootMs = Date.now() - t0;
  await page.waitForTimeout(3000); // the pairs start pinging; let the picture settle
  const value = await fps(page, 5000);
  report(`fps_${n}_processes`, 'frames_per_s', value);
  report(`fps_${n}_processes`, 'ms_to_first_draw', bootMs);
  await page.close();
}

async function benchLongTasks(browser) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const root = {
    kind: 'supervisor',
    id: 'bench_sup',
    strategy: 'one_for_one',
    children: [{ kind: 'worker', id: 'blaster', behaviour: 'blaster' }],
  };
  await page.goto(
    `${BASE}/?speed=1${shareHash(workspace(root, [{ name: 'blaster', source: BLASTER }]))}`,
  );
  // A link with module code runs it only after the person agrees.
  await page.getByRole('button', { name: 'Open and run code' }).click();
  await waitDrawn(page, 'bench_sup/blaster');
  await page.locator('[data-path="bench_sup/blaster"]').first().click();
  const read = async () =>
    Number((await page.getByTestId('inspector-state-term').textContent()) ?? 'NaN');
  await page.waitForTimeout(1000);
  const n0 = await read();
  const t0 = Date.now();
  const tasks = await page.evaluate(
    (ms) =>
      new Promise((resolve) => {
        const seen = [];
        const obs = new PerformanceObserver((list) =>
          seen.push(...list.getEntries().map((e) => e.duration)),
        );
        obs.observe({ type: 'longtask', buffered: false });
        setTimeout(() => {
          obs.disconnect();
          resolve(seen);
        }, ms);
      }),
    5000,
  );
  const n1 = await read();
  const rate = ((n1 - n0) * 1000) / (Date.now() - t0);
  report('node_blasting_messages', 'node_msgs_per_s', rate);
  report('node_blasting_messages', 'long_tasks_in_5s', tasks.length);
  report('node_blasting_messages', 'longest_task_ms', tasks.length ? Math.max(...tasks) : 0);
  report('node_blasting_messages', 'fps', await fps(page, 3000));
  await page.close();
}

/**
 * A supervisor with one counter and room for the benchmark's crashes: with a small intensity,
 * crashes 1.5 s apart would make it give up (OTP's rule) and the next sample would never start.
 */
function crashTree() {
  return {
    kind: 'supervisor',
    id: 'app_sup',
    strategy: 'one_for_one',
    intensity: 100,
    period: 5,
    children: [{ kind: 'worker', id: 'counter', behaviour: 'counter' }],
  };
}

async function benchCrashLatency(browser) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${BASE}/?speed=1${shareHash(workspace(crashTree()))}`);
  const target = 'app_sup/counter';
  await waitDrawn(page, target);
  const samples = [];
  for (let i = 0; i < 5; i++) {
    await page.locator(`[data-path="${target}"]:not(.leaving)`).waitFor();
    await page.waitForFunction(
      (p) =>
        /^(running|waiting)$/.test(
          document.querySelector(`[data-path="${p}"]:not(.leaving)`)?.getAttribute('data-state') ??
            '',
        ),
      target,
    );
    await page.locator(`[data-path="${target}"]:not(.leaving)`).click();
    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: /^Crash/ });
    await dialog.waitFor();
    // Stamp the click and the first change of the drawn process, both on the page's clock.
    await page.evaluate((p) => {
      const w = window;
      w.__crashClick = undefined;
      w.__crashDrawn = undefined;
      document.addEventListener('click', () => (w.__crashClick ??= performance.now()), {
        capture: true,
        once: true,
      });
      const el = document.querySelector(`[data-path="${p}"]:not(.leaving)`);
      const before = el?.getAttribute('data-state');
      const obs = new MutationObserver(() => {
        const now = document.querySelector(`[data-path="${p}"]`);
        if (
          now !== el ||
          now?.getAttribute('data-state') !== before ||
          document.querySelector('.burst')
        ) {
          w.__crashDrawn ??= performance.now();
          obs.disconnect();
        }
      });
      obs.observe(document.body, { subtree: true, attributes: true, childList: true });
    }, target);
    await dialog.getByRole('button', { name: 'Crash', exact: true }).click();
    await page.waitForFunction(() => window.__crashDrawn !== undefined, null, { timeout: 10_000 });
    samples.push(await page.evaluate(() => window.__crashDrawn - window.__crashClick));
    await page.waitForTimeout(1500);
  }
  samples.sort((a, b) => a - b);
  report('click_to_crash_drawn', 'median_ms', samples[Math.floor(samples.length / 2)]);
  report('click_to_crash_drawn', 'max_ms', samples[samples.length - 1]);
  await page.close();
}

/** Opens the blaster workspace at 1× (consenting to its code) and waits for it to be drawn. */
async function openBlaster(browser) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const root = {
    kind: 'supervisor',
    id: 'bench_sup',
    strategy: 'one_for_one',
    children: [{ kind: 'worker', id: 'blaster', behaviour: 'blaster' }],
  };
  await page.goto(
    `${BASE}/?speed=1${shareHash(workspace(root, [{ name: 'blaster', source: BLASTER }]))}`,
  );
  await page.getByRole('button', { name: 'Open and run code' }).click();
  await waitDrawn(page, 'bench_sup/blaster');
  return page;
}

const timelineMax = (page) =>
  page.evaluate(() => Number(document.querySelector('[data-testid="timeline"] input').max));

/** Moves the timeline's playhead to `index` as a drag does; ms until the state there is in the store, and until the next frame. */
function seekMs(page, index) {
  return page.evaluate(async (i) => {
    const el = document.querySelector('[data-testid="timeline"] input');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const t0 = performance.now();
    setValue.call(el, String(i));
    el.dispatchEvent(new Event('input', { bubbles: true }));
    const folded = performance.now() - t0;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return { folded, drawn: performance.now() - t0 };
  }, index);
}

/** Seeks to the middle of the history (and to the farthest point from a checkpoint near it). */
async function benchSeek(page, events) {
  const max = await timelineMax(page);
  const mid = Math.floor(max / 2);
  const worst = { folded: 0, drawn: 0 };
  for (const i of [mid, mid - (mid % 1000) + 999, mid + 1, 0, max, mid]) {
    const r = await seekMs(page, i);
    worst.folded = Math.max(worst.folded, r.folded);
    worst.drawn = Math.max(worst.drawn, r.drawn);
  }
  report(`seek_${events}_events`, 'ms_folded_max', worst.folded, { events: max });
  report(`seek_${events}_events`, 'ms_to_frame_max', worst.drawn, { events: max });
}

/** Waits (running) until the history holds `n` events, then pauses. */
async function runUntilEvents(page, n) {
  if ((await page.getByTestId('play-pause').textContent())?.includes('Resume'))
    await page.getByTestId('play-pause').click();
  await page.waitForFunction(
    (k) => Number(document.querySelector('[data-testid="timeline"] input')?.max) >= k,
    n,
    { timeout: 120_000, polling: 100 },
  );
  await page.getByTestId('play-pause').click();
}

async function benchPlayhead(browser) {
  const page = await openBlaster(browser);
  // The timeline stamps how long the oldest step not yet shown has waited, every 200 ms.
  const lags = await page.evaluate(
    (ms) =>
      new Promise((resolve) => {
        const seen = [];
        const box = document.querySelector('[data-testid="timeline"]');
        const id = setInterval(() => seen.push(Number(box.dataset.lagMs ?? 0)), 100);
        setTimeout(() => {
          clearInterval(id);
          resolve(seen);
        }, ms);
      }),
    5000,
  );
  lags.sort((a, b) => a - b);
  report('playhead_while_blasting', 'lag_ms_median', lags[Math.floor(lags.length / 2)] ?? 0);
  report('playhead_while_blasting', 'lag_ms_max', lags[lags.length - 1] ?? 0);
  await runUntilEvents(page, 10_000);
  await benchSeek(page, '10k');
  await runUntilEvents(page, 100_000);
  await benchSeek(page, '100k');
  const heap = await page.evaluate(() => {
    globalThis.gc?.();
    return performance.memory?.usedJSHeapSize ?? NaN;
  });
  report('history_100k_events', 'heap_mb', heap / 1024 / 1024, { events: await timelineMax(page) });
  await page.close();
}

async function main() {
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], {
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(BASE)).ok) break;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const browser = await chromium.launch({ args: ARGS, ...(exe ? { executablePath: exe } : {}) });
    if (!json) console.log('UI benchmarks (headless Chromium, built site)');
    const only = process.argv.includes('--only-playhead');
    if (only) {
      await benchPlayhead(browser);
      await browser.close();
      return;
    }
    await benchFps(browser, 1000);
    await benchFps(browser, 10000);
    await benchLongTasks(browser);
    await benchCrashLatency(browser);
    await benchPlayhead(browser);
    await browser.close();
  } finally {
    try {
      process.kill(-server.pid);
    } catch {
      server.kill();
    }
  }
}

await main();
