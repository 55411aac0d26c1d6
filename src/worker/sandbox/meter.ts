import type { Term } from '../../runtime';

/**
 * The reduction meter that instrumented module code calls (instrument.ts):
 * once per function entry and once per loop iteration. Whatever user code
 * runs is charged to the {@link Budget} of the callback running now; a
 * budget that runs out makes every further call throw, so a callback cannot
 * catch its way out of it, and the wrapper then ends the process with
 * `{reductions_exceeded, N}`. Deterministic: the same module and messages
 * use the same reductions. A wall-clock guard (checked every
 * {@link CHUNK} reductions) catches a loop whose iterations are slow native
 * work (a huge `sort` per iteration) before the watchdog has to.
 */

/** Reductions one callback may use (a tight loop of this many takes about 100 ms). */
export const CALLBACK_REDUCTIONS = 10_000_000;
/** Real ms one callback may run, whatever it counts. */
export const CALLBACK_MS = 500;
/** Reductions between two checks of the wall clock and the limit. */
const CHUNK = 1000;

const now = (): number => performance.now();

/** What one callback (or one top-level evaluation) may still use. */
export class Budget {
  /** Reductions left before the next check. */
  left = CHUNK;
  /** Reductions used up to the last check. */
  private used = 0;
  /** The exit reason once exceeded; every meter call throws from then on. */
  tripped: Term | undefined = undefined;
  private readonly deadline: number;

  constructor(
    /** The process acting (its runtime Ctx), or null: module top level, describe, stray code. */
    readonly owner: object | null,
    readonly limit = CALLBACK_REDUCTIONS,
    ms = CALLBACK_MS,
  ) {
    this.deadline = now() + ms;
  }

  /** Reductions used so far. */
  get spent(): number {
    return this.used + (CHUNK - Math.max(0, this.left));
  }

  /** Called by the meter when `left` runs out: refills, or trips for good. */
  check(): void {
    if (this.tripped === undefined) {
      this.used += CHUNK;
      if (this.used >= this.limit) this.tripped = ['reductions_exceeded', this.limit];
      else if (now() > this.deadline) this.tripped = ['cpu_time_exceeded', CALLBACK_MS];
      else {
        this.left = CHUNK - 1;
        return;
      }
    }
    this.left = 0;
    throw new Exceeded(this.tripped);
  }
}

/** What the meter throws once a budget is spent. User code may catch it; it is thrown again at once. */
export class Exceeded {
  constructor(readonly reason: Term) {
    Object.freeze(this);
  }
}
Object.freeze(Exceeded.prototype);

let current: Budget | null = null;
/** Budget for code that runs outside any callback (a promise reaction after the turn). */
let stray: Budget | null = null;
/** The module whose code last ran outside any callback, to name it when that code fails. */
let strayModule: string | undefined;

/** The meter for one module's code: `METER` in its instrumented source. */
export function meterFor(module: string): () => void {
  return () => {
    let b = current;
    if (b === null) {
      strayModule = module;
      b = stray ??= new Budget(null);
    }
    if (--b.left < 0) b.check();
  };
}

/** The budget being charged now (undefined outside any metered call). */
export const activeBudget = (): Budget | null => current;

/** The module whose code last ran outside a callback (for a worker-wide error handler). */
export const lastStrayModule = (): string | undefined => strayModule;

/**
 * Runs `fn` charging `budget`; restores the previous one after (nesting is
 * safe). Code that runs after this returns (a promise reaction) is charged
 * to a fresh stray budget.
 */
export function metered<T>(budget: Budget, fn: () => T): T {
  const prev = current;
  current = budget;
  stray = null;
  try {
    return fn();
  } finally {
    current = prev;
  }
}
