import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RestartType, Shutdown, Strategy } from './supervisor/childSpec';
import type { Pid, Term } from './term';
import { isPid } from './term';
import { sup, system, worker } from './testing/system';
import type { System, TestChild, TestSup } from './testing/system';
import type { TraceEvent } from './traceEvent';

// ---- random trees ------------------------------------------------------------------------

const restartArb = fc.constantFrom<RestartType>('permanent', 'permanent', 'transient', 'temporary');
const shutdownArb = fc.constantFrom<Shutdown>('brutal_kill', 100, 1000, 'infinity');

/** A worker without its id (ids are given by position). */
const workerArb = fc.record({
  restart: restartArb,
  shutdown: shutdownArb,
  trapExit: fc.boolean(),
  terminateMs: fc.constantFrom(0, 0, 50, 300),
  named: fc.boolean(),
});
type WorkerGen = typeof workerArb extends fc.Arbitrary<infer T> ? T : never;
interface SupGen {
  strategy: Strategy;
  intensity: number;
  period: number;
  restart: RestartType;
  children: NodeGen[];
}
type NodeGen = { w: WorkerGen } | { s: SupGen };

const supArb = (depth: number): fc.Arbitrary<SupGen> =>
  fc.record({
    strategy: fc.constantFrom<Strategy>(
      'one_for_one',
      'one_for_all',
      'rest_for_one',
      ...(depth < 3 ? (['simple_one_for_one'] as const) : []),
    ),
    intensity: fc.integer({ min: 0, max: 3 }),
    period: fc.integer({ min: 1, max: 5 }),
    restart: restartArb,
    children: fc.array(
      depth >= 3
        ? workerArb.map((w) => ({ w }))
        : fc.oneof(
            { weight: 3, arbitrary: workerArb.map((w): NodeGen => ({ w })) },
            { weight: 1, arbitrary: supArb(depth + 1).map((s): NodeGen => ({ s })) },
          ),
      { minLength: 1, maxLength: 3 },
    ),
  });

/** Gives ids by position and turns the generated shape into the driver's tree spec. */
function toTree(g: SupGen, id: string, path: string): TestSup {
  const children: TestChild[] = g.children.map((c, i) => {
    const cid = `c${i}`;
    const cpath = `${path}/${cid}`;
    if ('s' in c) return { ...toTree(c.s, cid, cpath), restart: c.s.restart };
    const { named, ...w } = c.w;
    return worker(cid, { ...w, ...(named ? { name: `n_${cpath.replace(/\//g, '_')}` } : {}) });
  });
  const flags = { strategy: g.strategy, intensity: g.intensity, period: g.period };
  if (g.strategy === 'simple_one_for_one') {
    // The template is the first worker, without its name (every dynamic child would take it).
    const first = g.children.find((c): c is { w: WorkerGen } => 'w' in c)?.w;
    const template =
      first === undefined
        ? worker('w')
        : worker('w', {
            restart: first.restart,
            shutdown: first.shutdown,
            trapExit: first.trapExit,
            terminateMs: first.terminateMs,
          });
    return sup(id, { ...flags, template });
  }
  return sup(id, flags, children);
}

// ---- random operations -------------------------------------------------------------------

const reasonArb = fc.constantFrom<Term>('normal', 'shutdown', ['shutdown', 'x'], 'boom', 'kill');
const opArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('crash' as const), at: fc.nat(), reason: reasonArb }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('kill' as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('exit' as const), at: fc.nat(), reason: reasonArb }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('link' as const), at: fc.nat(), to: fc.nat() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('monitor' as const), at: fc.nat(), to: fc.nat() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('sleep' as const),
      ms: fc.constantFrom(100, 1200, 3000, 6000),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constantFrom(
        'terminate_child' as const,
        'restart_child' as const,
        'delete_child' as const,
        'start_child' as const,
      ),
      at: fc.nat(),
      child: fc.nat(),
    }),
  },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

const pick = <T>(xs: readonly T[], i: number): T | undefined =>
  xs.length === 0 ? undefined : xs[i % xs.length];

/** A world: the system plus what the invariants need to know about the operations done. */
class World {
  /** `supPid/id` of static children stopped by terminate_child (and not brought back by restart_child). */
  readonly terminated = new Set<string>();
  readonly names = new Set<string>();
  readonly log: string[] = [];
  private extra = 0;

  constructor(readonly sys: System) {}

  live(): string[] {
    return this.paths().filter((p) => this.sys.isAlive(p));
  }
  paths(): string[] {
    return this.sys.node
      .pids()
      .map((p) => this.sys.pathOf(p))
      .filter((p) => p.startsWith('root'));
  }
  isSup(path: string): boolean {
    return this.sys.node.processInfo(this.sys.pid(path))?.behaviour === 'supervisor';
  }

  apply(o: Op): void {
    const sys = this.sys;
    const live = this.live();
    // crash/kill/exit spare the root (a dead root ends the interesting part of a run); the sup ops may still reach it.
    const target =
      'at' in o
        ? pick(
            live.filter((p) => p !== 'root'),
            o.at,
          )
        : undefined;
    this.log.push(`${JSON.stringify(o)} -> ${target ?? '-'}`);
    switch (o.op) {
      case 'crash':
        if (target) sys.crash(target, o.reason);
        break;
      case 'kill':
        if (target) sys.kill(target);
        break;
      case 'exit':
        if (target) sys.exit(target, o.reason);
        break;
      case 'link':
      case 'monitor': {
        const workers = live.filter((p) => !this.isSup(p));
        const from = pick(workers, o.at);
        const to = pick(live, o.to);
        if (from && to && o.op === 'link') sys.link(from, to);
        else if (from && to) sys.monitor(from, to);
        break;
      }
      case 'sleep':
        sys.advance(o.ms);
        break;
      case 'terminate_child':
      case 'restart_child':
      case 'delete_child':
      case 'start_child':
        this.supOp(
          o.op,
          pick(
            live.filter((p) => this.isSup(p)),
            o.at,
          ),
          o.child,
        );
    }
    sys.settle();
  }

  private supOp(
    op: 'terminate_child' | 'restart_child' | 'delete_child' | 'start_child',
    supPath: string | undefined,
    child: number,
  ): void {
    if (supPath === undefined) return;
    const sys = this.sys;
    const supPid = sys.pid(supPath);
    const state = sys.node.processInfo(supPid)?.state as { strategy: Strategy; children: Term[] };
    const simple = state.strategy === 'simple_one_for_one';
    try {
      if (op === 'start_child') {
        const r = simple
          ? sys.startChild(supPath)
          : sys.startChild(
              supPath,
              worker(`x${++this.extra}`, { restart: child % 2 ? 'temporary' : 'permanent' }),
            );
        this.log.push(`  = ${sys.fmt(r)}`);
        return;
      }
      if (simple) {
        const kids = state.children.filter(isPid);
        const id = pick(kids, child);
        if (op === 'terminate_child' && id)
          this.log.push(`  = ${sys.fmt(sys.supCall(supPath, ['terminate_child', id]))}`);
        return;
      }
      const ids = (state.children as { id: string }[]).map((c) => c.id);
      const id = pick(ids, child);
      if (id === undefined) return;
      const r =
        op === 'terminate_child'
          ? sys.terminateChild(supPath, id)
          : op === 'restart_child'
            ? sys.restartChild(supPath, id)
            : sys.deleteChild(supPath, id);
      this.log.push(`  ${op} ${id} = ${sys.fmt(r)}`);
      const key = `${supPid.id}/${id}`;
      if (op === 'terminate_child' && r === 'ok') this.terminated.add(key);
      if (op !== 'terminate_child' && (r === 'ok' || (Array.isArray(r) && r[0] === 'ok')))
        this.terminated.delete(key);
    } catch (e) {
      // The call can only fail if the supervisor died under it, which the invariants then judge.
      this.log.push(`  call failed: ${(e as Error).message}`);
    }
  }
}

// ---- invariants --------------------------------------------------------------------------

function checkInvariants(w: World): void {
  const { sys } = w;
  const node = sys.node;
  const live = node.pids();
  const isLive = (p: Pid): boolean => node.isAlive(p);
  expect(node.processCount).toBe(live.length);
  // Settled: nothing runnable, no timer pending (nothing in these trees waits forever on a timer).
  expect(node.runnable).toBe(0);
  expect(node.nextTimerAt()).toBeUndefined();

  for (const p of live) {
    const info = node.processInfo(p);
    expect(info, `live ${sys.pathOf(p)} has info`).toBeDefined();
    if (info === undefined) continue;
    // Links are symmetric and only between live processes.
    for (const q of info.links) {
      expect(isLive(q), `${sys.pathOf(p)} is linked to dead ${sys.pathOf(q)}`).toBe(true);
      expect(
        node.processInfo(q)?.links,
        `link ${sys.pathOf(p)}-${sys.pathOf(q)} is one-sided`,
      ).toContain(p);
    }
    // Monitors point at live processes, and both ends agree.
    for (const { ref, target } of info.monitors) {
      expect(isLive(target), `${sys.pathOf(p)} monitors dead ${sys.pathOf(target)}`).toBe(true);
      expect(node.processInfo(target)?.monitoredBy).toContainEqual({ ref, watcher: p });
    }
    for (const { watcher } of info.monitoredBy)
      expect(isLive(watcher), `dead watcher of ${sys.pathOf(p)}`).toBe(true);
    // No orphans: whoever started a live process is alive too (a supervisor's death takes its children with it).
    if (info.parent !== undefined)
      expect(isLive(info.parent), `${sys.pathOf(p)} outlived its parent`).toBe(true);

    // Every child a live supervisor shows as running is alive; a permanent one is running unless terminate_child stopped it.
    if (info.behaviour !== 'supervisor') continue;
    const state = info.state as { strategy: Strategy; children: Term[] };
    if (state.strategy === 'simple_one_for_one') {
      for (const c of state.children) {
        expect(
          isPid(c) && isLive(c),
          `${sys.pathOf(p)} has a dead dynamic child ${String(c)}`,
        ).toBe(true);
        expect(info.links, `${sys.pathOf(p)} is not linked to a child`).toContain(c);
      }
      continue;
    }
    for (const c of state.children as { id: string; pid: Term; restart: RestartType }[]) {
      const where = `${sys.pathOf(p)}/${c.id}`;
      if (isPid(c.pid)) {
        expect(isLive(c.pid), `${where} is shown running but dead`).toBe(true);
        expect(info.links, `${where} is not linked to its supervisor`).toContain(c.pid);
      } else if (c.restart === 'permanent') {
        expect(
          c.pid === 'undefined' && w.terminated.has(`${p.id}/${c.id}`),
          `permanent ${where} is ${String(c.pid)}`,
        ).toBe(true);
      }
    }
  }

  // A dead process keeps nothing: no info, no name.
  const spawned = sys.events
    .filter((e): e is Extract<TraceEvent, { type: 'spawn' }> => e.type === 'spawn')
    .map((e) => e.pid);
  for (const p of spawned) if (!isLive(p)) expect(node.processInfo(p)).toBeUndefined();
  for (const name of w.names) {
    const p = node.whereis(name);
    if (p !== undefined) expect(isLive(p), `${name} names a dead process`).toBe(true);
  }

  // Restarts: within any window a supervisor counts at most intensity + 1, and the (intensity+1)-th is its last.
  const bySup = new Map<Pid, Extract<TraceEvent, { type: 'restart' }>[]>();
  for (const e of sys.events)
    if (e.type === 'restart') bySup.set(e.sup, [...(bySup.get(e.sup) ?? []), e]);
  for (const [s, rs] of bySup) {
    rs.forEach((r, i) => {
      const now = Math.floor(r.t / 1000);
      const inWindow = rs
        .slice(0, i + 1)
        .filter((x) => Math.floor(x.t / 1000) >= now - r.period).length;
      expect(
        inWindow,
        `${sys.pathOf(s)}: ${inWindow} restarts in a window, intensity ${r.intensity}`,
      ).toBeLessThanOrEqual(r.intensity + 1);
      if (inWindow === r.intensity + 1) {
        expect(i, `${sys.pathOf(s)} restarted after exceeding its intensity`).toBe(rs.length - 1);
        expect(isLive(s), `${sys.pathOf(s)} is alive after exceeding its intensity`).toBe(false);
      }
    });
  }
}

describe('properties of random trees under random operations', () => {
  it('keeps the tree, links, monitors, names and restart counts consistent after every operation', () => {
    fc.assert(
      fc.property(
        supArb(1),
        fc.array(opArb, { maxLength: 15 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.boolean(),
        fc.constantFrom(1, 3, 2000),
        (g, ops, seed, shuffle, reductionsPerTurn) => {
          const strategy = g.strategy === 'simple_one_for_one' ? 'one_for_one' : g.strategy;
          const tree = toTree({ ...g, strategy, intensity: g.intensity + 1 }, 'root', 'root');
          const sys = system({ seed, shuffle, reductionsPerTurn }).start(tree);
          const w = new World(sys);
          sys.events
            .filter((e) => e.type === 'register')
            .forEach((e) => w.names.add((e as { name: string }).name));
          try {
            checkInvariants(w);
            for (const o of ops) {
              w.apply(o);
              sys.events
                .filter((e) => e.type === 'register')
                .forEach((e) => w.names.add((e as { name: string }).name));
              checkInvariants(w);
            }
          } catch (e) {
            throw new Error(
              `${(e as Error).message}\nafter:\n${w.log.join('\n')}\ntree: ${sys.tree()}`,
              { cause: e },
            );
          }
        },
      ),
      { numRuns: 100 },
    );
  }, 20_000);

  it('replays identically: the same seed and operations give the same event stream, shuffled or not', () => {
    fc.assert(
      fc.property(
        supArb(1),
        fc.array(opArb, { maxLength: 10 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.boolean(),
        (g, ops, seed, shuffle) => {
          const run = (): string[] => {
            const sys = system({ seed, shuffle }).start(
              toTree({ ...g, strategy: 'one_for_one' }, 'root', 'root'),
            );
            const w = new World(sys);
            for (const o of ops) w.apply(o);
            return sys.events.map((e) => `${e.t} ${sys.line(e)}`);
          };
          expect(run()).toEqual(run());
        },
      ),
      { numRuns: 30 },
    );
  }, 20_000);
});
