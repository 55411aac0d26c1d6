import type { Term } from '../../runtime';

/**
 * The reduction meter that instrumented module code calls (instrument.ts):
 * once per function entry and once per loop iteration. Whatever user code
 * runs is charged to the {@link Budget} of the callback running now; a
 * budget that runs out makes every further call throw, so a callback cannot
 * catch its way out of it, and the wrapper then ends the process with
 * `{reductions_exceeded, N}`. Deterministic: the same module and messages
 * use the same reductions. A wall-clock guard catches a loop whose
 * iterations are slow native work (a huge `sort` per iteration) before the
 * watchdog has to.
 */

/**
 * The meter's name inside module code (instrument.ts inserts the calls). A
 * source that mentions it is refused. Here, not in instrument.ts, so that
 * nothing on the page imports acorn.
 */
export const METER = '$$otp_meter';

/** Reductions one callback may use (a tight loop of this many takes about 100 ms). */
export const CALLBACK_REDUCTIONS = 10_000_000;
/** Real ms one callback may run, whatever it counts. */
export const CALLBACK_MS = 500;
/**
 * Reductions between two checks of the wall clock and the limit: starts
 * small and doubles while checks come less than 1 ms apart (a tight loop
 * checks every few thousand), halves when they come slower (a loop whose
 * every iteration is slow native work checks often), so a check is never
 * long in coming and costs nothing that shows.
 */
const FIRST_CHUNK = 8;
const MAX_CHUNK = 4096;

const now = (): number => performance.now();

/** What one callback (or one top-level evaluation) may still use. */
export class Budget {
  /** Reductions left before the next check. */
  left = FIRST_CHUNK;
  private chunk = FIRST_CHUNK;
  /** Reductions used up to the last check. */
  private used = 0;
  /** The exit reason once exceeded; every meter call throws from then on. */
  tripped: Term | undefined = undefined;
  private checked: number;
  private readonly deadline: number;

  constructor(
    /** The process acting (its runtime Ctx), or null: module top level, describe, stray code. */
    readonly owner: object | null,
    readonly limit = CALLBACK_REDUCTIONS,
    ms = CALLBACK_MS,
  ) {
    this.checked = now();
    this.deadline = this.checked + ms;
  }

  /** Reductions used so far. */
  get spent(): number {
    return this.used + (this.chunk - Math.max(0, this.left));
  }

  /** Called by the meter when `left` runs out: refills, or trips for good. */
  check(): void {
    if (this.tripped === undefined) {
      this.used += this.chunk;
      const t = now();
      if (this.used >= this.limit) this.tripped = ['reductions_exceeded', this.limit];
      else if (t > this.deadline) this.tripped = ['cpu_time_exceeded', CALLBACK_MS];
      else {
        this.chunk =
          t - this.checked < 1 ? Math.min(this.chunk * 2, MAX_CHUNK) : Math.max(1, this.chunk >> 1);
        this.checked = t;
        // This call is one of the chunk's reductions.
        this.left = this.chunk - 1;
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
