/**
 * supervisor:add_restart/3 in OTP 25: restarts are recorded in whole seconds
 * (`erlang:monotonic_time(1)`), the ones with `R >= Now - Period` are kept,
 * and the supervisor gives up when the count, this one included, exceeds
 * the intensity.
 * @param restarts earlier restart times in seconds, newest first
 * @returns the new list and whether the supervisor must give up
 */
export function addRestart(
  restarts: readonly number[],
  nowMs: number,
  intensity: number,
  period: number,
): { restarts: number[]; giveUp: boolean } {
  const now = Math.floor(nowMs / 1000);
  const threshold = now - period;
  const kept: number[] = [now];
  for (const r of restarts) {
    if (r < threshold) break; // lists:takewhile: the list is newest first
    kept.push(r);
  }
  return { restarts: kept, giveUp: kept.length > intensity };
}

/** Restarts still inside the window at `nowMs` (for the intensity meter). */
export function restartsInWindow(
  restarts: readonly number[],
  nowMs: number,
  period: number,
): number {
  const threshold = Math.floor(nowMs / 1000) - period;
  let n = 0;
  for (const r of restarts) {
    if (r < threshold) break;
    n++;
  }
  return n;
}

/**
 * The same rule as {@link addRestart}, kept oldest first so each restart is
 * O(1) amortised: a supervisor with a large intensity restarting thousands of
 * children must not copy its whole history on every restart.
 */
export class RestartWindow {
  private times: number[] = [];
  private head = 0;

  constructor(
    private intensity: number,
    private period: number,
  ) {}

  /** New limits for the same history (the playground's live flag change). */
  retune(intensity: number, period: number): void {
    this.intensity = intensity;
    this.period = period;
  }

  /** Records a restart at `nowMs`; true when the count now exceeds the intensity. */
  add(nowMs: number): boolean {
    const now = Math.floor(nowMs / 1000);
    this.times.push(now);
    this.trim(now);
    return this.times.length - this.head > this.intensity;
  }

  /** Restarts inside the window at `nowMs`. */
  count(nowMs: number): number {
    this.trim(Math.floor(nowMs / 1000));
    return this.times.length - this.head;
  }

  /** Restart times in seconds, newest first (as OTP keeps them). */
  newestFirst(): number[] {
    return this.times.slice(this.head).reverse();
  }

  private trim(now: number): void {
    const threshold = now - this.period;
    while (this.head < this.times.length && (this.times[this.head] as number) < threshold)
      this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
}
