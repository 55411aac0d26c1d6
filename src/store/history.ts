import { invariant } from '../base';
import { Draft } from './draft';
import { type Step, foldStep } from './steps';
import type { ViewState } from './types';

/** A folded state is kept every this many steps: a seek folds at most this many. */
export const CHECKPOINT_EVERY = 1_000;
/** Steps kept at most; the oldest {@link CHECKPOINT_EVERY} go when over (memory stays bounded). */
export const MAX_STEPS = 200_000;

/**
 * Every step since the workspace started (the last {@link MAX_STEPS}), the live state (all of
 * them folded) and checkpoints: the folded state every {@link CHECKPOINT_EVERY} steps. The fold
 * never mutates a state it was given (copy-on-write, `draft.ts`), so a checkpoint is a reference
 * to the state the live fold passed through, not a copy: it shares every unchanged process with
 * its neighbours. Seeking to step `i` folds at most {@link CHECKPOINT_EVERY} steps from the
 * checkpoint before it.
 *
 * Indices are global: step `i` is the i-th since the workspace started, whatever was dropped.
 */
export class History {
  private steps: Step[] = [];
  /** Real time (ms) each step reached the page: the playhead's lag is measured from it. */
  private arrived: number[] = [];
  /** Global index of `steps[0]`. */
  private origin = 0;
  /** Steps were dropped to stay under {@link MAX_STEPS} since the last {@link clear}. */
  private dropped = false;
  /** Folded state at global index `origin + n × CHECKPOINT_EVERY` (before that step). */
  private checkpoints: ViewState[];
  private liveState: ViewState;

  constructor(base: ViewState) {
    this.checkpoints = [base];
    this.liveState = base;
  }

  /** The first index kept (0 until {@link MAX_STEPS} were exceeded). */
  get start(): number {
    return this.origin;
  }

  /** Whether the oldest steps since the workspace started were dropped (over {@link MAX_STEPS}). */
  get trimmed(): boolean {
    return this.dropped;
  }

  /** One past the last step: the live state is the fold up to here. */
  get end(): number {
    return this.origin + this.steps.length;
  }

  /** Every step folded. */
  get live(): ViewState {
    return this.liveState;
  }

  step(i: number): Step | undefined {
    return this.steps[i - this.origin];
  }

  arrivedAt(i: number): number | undefined {
    return this.arrived[i - this.origin];
  }

  /** Appends steps and folds them into the live state (one draft between checkpoints). */
  append(steps: readonly Step[], now: number): void {
    if (steps.length === 0) return;
    let d = new Draft(this.liveState);
    let failed: unknown;
    for (const s of steps) {
      try {
        foldStep(d, s);
      } catch (e) {
        // Our bug: the step is left out of the history, so a seek never folds it again; the rest
        // of the batch goes on, and the error is thrown once the history is whole.
        failed ??= e;
        continue;
      }
      this.steps.push(s);
      this.arrived.push(now);
      if (this.steps.length % CHECKPOINT_EVERY === 0) {
        this.liveState = d.finish(this.liveState);
        this.checkpoints.push(this.liveState);
        d = new Draft(this.liveState);
      }
    }
    this.liveState = d.finish(this.liveState);
    if (this.steps.length > MAX_STEPS) this.dropOldest();
    if (failed !== undefined) throw failed;
  }

  /** The state after the steps before `index` (clamped to what is kept). */
  stateAt(index: number): ViewState {
    const i = Math.max(this.origin, Math.min(this.end, index));
    if (i === this.end) return this.liveState;
    const c = Math.floor((i - this.origin) / CHECKPOINT_EVERY);
    const cp = this.checkpoints[c];
    invariant(cp !== undefined, 'BUG: history without its checkpoint');
    return this.foldRange(cp, this.origin + c * CHECKPOINT_EVERY, i);
  }

  /** `state` (the fold before `from`) with the steps `from`…`to - 1` folded in. */
  foldRange(state: ViewState, from: number, to: number): ViewState {
    if (to <= from) return state;
    const d = new Draft(state);
    for (let i = from; i < to; i++) foldStep(d, this.steps[i - this.origin] as Step);
    return d.finish(state);
  }

  /**
   * Forgets every step from `index` on (clamped to what is kept): the live state becomes the fold
   * before it, and new steps follow on from there ("Resume from here").
   */
  truncate(index: number): void {
    const i = Math.max(this.origin, Math.min(this.end, index));
    if (i === this.end) return;
    const state = this.stateAt(i);
    const kept = i - this.origin;
    this.steps.length = kept;
    this.arrived.length = kept;
    // Checkpoint c is the fold before step origin + c × CHECKPOINT_EVERY: those up to `i` stay.
    this.checkpoints.length = Math.floor(kept / CHECKPOINT_EVERY) + 1;
    this.liveState = state;
  }

  /** Forgets every step; the live state starts again from `base`. */
  clear(base: ViewState): void {
    this.origin = this.end;
    this.dropped = false;
    this.steps = [];
    this.arrived = [];
    this.checkpoints = [base];
    this.liveState = base;
  }

  /** Rough count of what is held, for the bench: steps and checkpoints. */
  size(): { steps: number; checkpoints: number } {
    return { steps: this.steps.length, checkpoints: this.checkpoints.length };
  }

  private dropOldest(): void {
    this.steps.splice(0, CHECKPOINT_EVERY);
    this.arrived.splice(0, CHECKPOINT_EVERY);
    this.checkpoints.shift();
    this.origin += CHECKPOINT_EVERY;
    this.dropped = true;
  }
}
