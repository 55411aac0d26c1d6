/**
 * Runtime benchmarks (Node): `npm run bench` prints a table, `npm run bench -- --json`
 * prints one JSON line per figure. Each figure is measured twice: with no
 * observer, and with the event stream the playground attaches (EventBatcher,
 * flushed as a frame would be).
 */
import {
  Node,
  VirtualClock,
  childSpec,
  startSupervisor,
  startLink,
  supFlags,
} from '../src/runtime';
import type { Body, ChildSpec, Ctx, GenServerModule, Pid, Term } from '../src/runtime';
import { EventBatcher } from '../src/worker/eventBatcher';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
/** `--only ring,spawn,storm`: run a subset. */
const onlyArg = process.argv[process.argv.indexOf('--only') + 1];
const only =
  process.argv.includes('--only') && onlyArg !== undefined
    ? new Set(onlyArg.split(','))
    : undefined;
const runs = (name: string): boolean => only === undefined || only.has(name);
const gc = (globalThis as { gc?: () => void }).gc;

interface Figure {
  bench: string;
  metric: string;
  value: number;
  observer: boolean;
}
const figures: Figure[] = [];
function report(f: Figure): void {
  figures.push(f);
  if (json) console.log(JSON.stringify(f));
  else
    console.log(
      `${f.bench.padEnd(24)} ${f.metric.padEnd(16)} ${fmt(f.value).padStart(14)}  ${f.observer ? 'event stream' : 'no observer'}`,
    );
}
const fmt = (v: number): string => (v >= 100 ? Math.round(v).toLocaleString('en') : v.toFixed(3));

/** A node, optionally with the playground's batcher attached and flushed every `flushEvery` events. */
function makeNode(
  observer: boolean,
  clock = new VirtualClock(),
): { node: Node; flush: () => void } {
  // A million spawns stay alive at once: over the playground's default process limit (100,000).
  const node = new Node({ clock, maxProcesses: 2_000_000 });
  if (!observer) return { node, flush: () => {} };
  const batcher = new EventBatcher();
  node.observe(batcher.observe);
  return { node, flush: () => batcher.flush() };
}

/** Runs the node to idle, flushing the batch every 1,000 turns (≈ one frame's worth). */
function drain(node: Node, flush: () => void): void {
  for (;;) {
    const turns = node.runUntilIdle({ maxTurns: 1000 });
    flush();
    if (turns < 1000) return;
  }
}

function ring(observer: boolean, size: number, laps: number, warmup = false): void {
  const { node, flush } = makeNode(observer);
  const pids: Pid[] = [];
  let done = false;
  const relay =
    (i: number): Body =>
    (ctx: Ctx) => {
      ctx.receive((msg) => {
        const n = msg as number;
        if (n === 0) {
          done = true;
          return;
        }
        ctx.send(pids[(i + 1) % size] as Pid, n - 1);
      });
    };
  for (let i = 0; i < size; i++) pids.push(node.spawn(relay(i)));
  drain(node, flush);
  const messages = size * laps;
  const t0 = performance.now();
  node.send(undefined, pids[0] as Pid, messages);
  drain(node, flush);
  const s = (performance.now() - t0) / 1000;
  if (!done) throw new Error('ring did not finish');
  if (!warmup) report({ bench: 'ring', metric: 'msgs_per_s', value: messages / s, observer });
}

function spawnMany(observer: boolean, n: number): void {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const { node, flush } = makeNode(observer);
  const idle: Body = (ctx) => ctx.receive(() => {});
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    node.spawn(idle);
    if ((i & 1023) === 1023) drain(node, flush);
  }
  drain(node, flush);
  const us = ((performance.now() - t0) * 1000) / n;
  gc?.();
  const bytes = (process.memoryUsage().heapUsed - before) / n;
  if (node.processCount !== n) throw new Error('spawn lost processes');
  report({ bench: `spawn_${n}`, metric: 'us_per_spawn', value: us, observer });
  report({ bench: `spawn_${n}`, metric: 'bytes_per_process', value: bytes, observer });
}

const idleServer: GenServerModule<number, number> = {
  name: 'idle',
  init: (n) => ['ok', n],
};

/**
 * A supervisor with `n` workers, then storms on it: all children killed
 * (`killAll`) or one. The first storm is cold (JIT not warmed up) and
 * reported apart; then `warmups` untimed storms, then `timed` storms whose
 * median and maximum are reported. The virtual clock moves past the
 * supervisor's period between storms, as if they were seconds apart, so each
 * one starts with an empty restart window. No forced GC before a timed storm:
 * a full GC throws away optimised code tied to dead objects, and the storm
 * would then measure V8 re-optimising rather than the runtime.
 */
function storm(
  observer: boolean,
  strategy: 'one_for_one' | 'one_for_all',
  n: number,
  killAll: boolean,
  warmups: number,
  timed: number,
): void {
  gc?.();
  const clock = new VirtualClock();
  const { node, flush } = makeNode(observer, clock);
  const children: ChildSpec[] = [];
  for (let i = 0; i < n; i++) {
    children.push(childSpec({ id: `w${i}`, start: (ctx) => startLink(ctx, idleServer, i) }));
  }
  const period = 5;
  let sup: Pid | undefined;
  node.spawn((ctx) => {
    ctx.trapExit(true);
    const gen = startSupervisor(ctx, {
      name: 'storm',
      init: () => ({
        flags: supFlags('erlang', { strategy, intensity: n + 10, period }),
        children,
      }),
    });
    // Drive the start to completion and keep the parent alive.
    let r = gen.next();
    const go = (input: Term): void => {
      r = gen.next(input);
      if (r.done) {
        sup = (r.value as readonly [string, Pid])[1];
        ctx.receive(() => {});
      } else ctx.receive(go, { match: r.value.match });
    };
    if (!r.done) ctx.receive(go, { match: r.value.match });
  });
  drain(node, flush);
  if (sup === undefined) throw new Error('supervisor did not start');
  const workers = (): Pid[] =>
    node.pids().filter((p) => node.processInfo(p)?.behaviour === 'gen_server:idle');

  const once = (): number => {
    clock.advanceTo(clock.now() + (period + 1) * 1000);
    const kids = workers();
    if (kids.length !== n) throw new Error(`expected ${n} children, got ${kids.length}`);
    const t0 = performance.now();
    if (killAll) for (const k of kids) node.exitSignal(undefined, k, 'kill');
    else node.exitSignal(undefined, kids[Math.floor(n / 2)] as Pid, 'kill');
    drain(node, flush);
    const ms = performance.now() - t0;
    const alive = workers();
    const old = new Set(kids);
    if (alive.length !== n || (killAll && alive.some((p) => old.has(p)))) {
      throw new Error(`expected ${n} new children running, got ${alive.length}`);
    }
    return ms;
  };

  const bench = `${strategy}_${n}${killAll ? '_all_killed' : '_one_crash'}`;
  report({ bench, metric: 'ms_first_run', value: once(), observer });
  for (let i = 0; i < warmups; i++) once();
  const times: number[] = [];
  for (let i = 0; i < timed; i++) times.push(once());
  times.sort((a, b) => a - b);
  report({
    bench,
    metric: 'ms_to_recover',
    value: times[Math.floor(times.length / 2)] as number,
    observer,
  });
  report({ bench, metric: 'ms_max', value: times[times.length - 1] as number, observer });
}

function main(): void {
  if (!json) {
    console.log(
      `runtime benchmarks (node ${process.version}${gc ? '' : ', no --expose-gc: bytes are rough'})`,
    );
    console.log(
      'timed figures follow untimed warm-up runs of the same code (JIT); ms_first_run is the cold one; storms: median and max of 5',
    );
  }
  for (const observer of [false, true]) {
    if (runs('storm')) {
      storm(observer, 'one_for_one', 10_000, true, 3, quick ? 3 : 5);
      storm(observer, 'one_for_all', 1_000, false, 3, quick ? 3 : 5);
    }
    if (runs('ring')) {
      ring(observer, 10_000, 10, true);
      ring(observer, 10_000, quick ? 10 : 100);
    }
    if (runs('spawn')) {
      spawnMany(observer, 100_000);
      if (!quick) spawnMany(observer, 1_000_000);
    }
  }
}

main();
