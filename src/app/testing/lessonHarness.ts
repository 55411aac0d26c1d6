import { LESSONS, type Lesson } from '../../lessons';
import { at } from '../../store/testing/find';
import type { ProcView } from '../../store/types';
import { inThreadTransport } from '../../worker/inThreadTransport';
import { FakeTime } from '../../worker/testing/fakeTime';
import { createClusterEngine } from '../clusterEngine';
import { type Playground, createPlayground } from '../createPlayground';
import { liveView } from '../lessons/liveView';
import { livePaths } from '../lessons/lessonWorld';
import type { KeyValue } from '../workspace/storage';

/** Lets microtasks, MessagePort deliveries and timers due now run. */
const drain = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
};

/** A Map-backed storage, or one that refuses everything (`broken`). */
export function memoryStorage(broken = false): KeyValue & { map: Map<string, string> } {
  const map = new Map<string, string>();
  const refuse = () => {
    throw new Error('storage disabled');
  };
  return {
    map,
    getItem: (k) => (broken ? refuse() : (map.get(k) ?? null)),
    setItem: (k, v) => (broken ? refuse() : void map.set(k, v)),
    removeItem: (k) => (broken ? refuse() : void map.delete(k)),
  };
}

/**
 * A whole playground, headless, on the real runtime: the real dispatch and lesson controller, the
 * real cluster client, each node a real node host in this thread, on one fake clock (speed 1:
 * a node ms is a fake ms). Lessons wait for the tree to settle by moving that clock.
 */
export class LessonHarness {
  readonly time = new FakeTime();
  readonly pg: Playground;
  readonly toasts: string[] = [];

  constructor(opts: { search?: string; storage?: KeyValue } = {}) {
    this.pg = createPlayground({
      location: {
        origin: 'http://test',
        pathname: '/',
        search: opts.search ?? '?speed=1',
        hash: '',
      },
      ...(opts.storage ? { storage: opts.storage } : {}),
      createEngine: (view) =>
        createClusterEngine(view, {
          makeTransport: () =>
            inThreadTransport({ now: this.time.now, scheduler: this.time, defaultSpeed: 1 }),
          // The watchdog runs on real time; this clock is fake, so it must not judge the nodes.
          unresponsiveMs: 3_600_000,
          startupMs: 3_600_000,
        }),
      sleep: (ms) => this.run(ms),
    });
    this.pg.ui.subscribe((s, prev) => {
      for (const t of s.toasts) if (!prev.toasts.includes(t)) this.toasts.push(t.text);
    });
  }

  /** Moves the fake clock by `ms` in frame-sized steps, letting every delivery happen. */
  async run(ms: number): Promise<void> {
    for (let left = ms; left > 0; left -= 16) {
      this.time.advance(Math.min(16, left));
      await drain();
    }
  }

  /** Waits (moving fake time) until the lesson is not running or rewinding. */
  async idle(): Promise<void> {
    for (let i = 0; i < 2000; i++) {
      const phase = this.pg.ui.getState().lesson?.phase;
      if (phase !== 'running' && phase !== 'rewinding') return;
      await this.run(50);
    }
    throw new Error('the lesson never settled');
  }

  start(): this {
    this.pg.start();
    return this;
  }

  async open(id: string, step?: number): Promise<Lesson> {
    this.pg.dispatch({ type: 'open_lesson', id, ...(step === undefined ? {} : { step }) });
    await this.idle();
    const lesson = LESSONS.find((l) => l.id === id);
    if (!lesson) throw new Error(`no lesson ${id}`);
    return lesson;
  }

  /** Runs the current step (after the given prediction), then goes on to the next one. */
  async step(answer: { picks?: string[]; choice?: number } = {}) {
    const d = this.pg.dispatch;
    for (const p of answer.picks ?? []) d({ type: 'lesson_pick', path: p });
    if (answer.choice !== undefined) d({ type: 'lesson_choose', choice: answer.choice });
    const before = this.pids();
    d({ type: 'run_lesson_step' });
    await this.idle();
    const result = this.pg.ui.getState().lesson?.result;
    return { before, after: this.pids(), result };
  }

  next(): void {
    const cur = this.pg.ui.getState().lesson;
    if (cur) this.pg.dispatch({ type: 'lesson_step', step: cur.step + 1 });
  }

  /** Pid keys of the live processes, by path. */
  pids(): Map<string, string> {
    return new Map([...livePaths(this.view())].map(([path, p]) => [path, p.key]));
  }

  /** What the nodes reported, all of it (not the paced picture). */
  view() {
    return liveView(this.pg.view);
  }

  at(path: string): ProcView {
    return at(this.view(), path);
  }

  /** Log lines of these kinds. */
  log(...kinds: string[]): string[] {
    return this.view()
      .log.filter((e) => kinds.length === 0 || kinds.includes(e.kind))
      .map((e) => e.text);
  }

  destroy(): void {
    this.pg.destroy();
  }
}
