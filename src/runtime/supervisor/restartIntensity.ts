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
export function restartsInWindow(restarts: readonly number[], nowMs: number, period: number): number {
  const threshold = Math.floor(nowMs / 1000) - period;
  let n = 0;
  for (const r of restarts) {
    if (r < threshold) break;
    n++;
  }
  return n;
}
