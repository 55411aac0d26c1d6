/**
 * How fast node time runs against real time. The node host refuses a speed
 * outside these limits; the store and a saved session clamp to them.
 */
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 10;
/** Slow enough by default that a person can follow each message. */
export const DEFAULT_SPEED = 0.5;

/** Within {@link MIN_SPEED}–{@link MAX_SPEED}; anything not a finite number is the default. */
export function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed)) return DEFAULT_SPEED;
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
}

/** A speed the host would refuse, as its message; undefined when it is fine. */
export function speedProblem(speed: unknown): string | undefined {
  return typeof speed === 'number' && speed >= MIN_SPEED && speed <= MAX_SPEED
    ? undefined
    : `speed must be between ${MIN_SPEED} and ${MAX_SPEED}, got ${String(speed)}`;
}
