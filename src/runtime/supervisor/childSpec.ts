import type { Ctx } from '../ctx';
import type { Eff } from '../effects';
import type { StartResult } from '../genServer';
import type { Term } from '../term';

export type RestartType = 'permanent' | 'transient' | 'temporary';
export type Shutdown = 'brutal_kill' | 'infinity' | number;
export type Strategy = 'one_for_one' | 'one_for_all' | 'rest_for_one' | 'simple_one_for_one';
export type AutoShutdown = 'never' | 'any_significant' | 'all_significant';
export type ChildType = 'worker' | 'supervisor';
/** Whose defaults a tree uses: Erlang's `supervisor` (1 restart in 5 s) or Elixir's `Supervisor` (3 in 5 s). */
export type Flavour = 'erlang' | 'elixir';

/**
 * How to start a child: the `{M, F, A}` of a child spec, called with the
 * whole argument list: the spec's `args`, plus what `start_child/2` appends
 * (simple_one_for_one) or what `extra_arguments` prepends (DynamicSupervisor).
 */
export type StartFn = (ctx: Ctx, args: readonly Term[]) => Eff<StartResult>;

/** A child specification, as `supervisor:child_spec()`. */
export interface ChildSpec {
  readonly id: string;
  readonly start: StartFn;
  /** The `A` of `{M, F, A}`. */
  readonly args: readonly Term[];
  readonly restart: RestartType;
  readonly shutdown: Shutdown;
  readonly type: ChildType;
  readonly significant: boolean;
  /** What the child runs, for `which_children` and the inspector. */
  readonly modules: string;
}

export interface SupFlags {
  readonly strategy: Strategy;
  readonly intensity: number;
  readonly period: number;
  readonly autoShutdown: AutoShutdown;
}

/** Every restart strategy supervisor.erl accepts. */
export const STRATEGIES: readonly Strategy[] = [
  'one_for_one',
  'one_for_all',
  'rest_for_one',
  'simple_one_for_one',
];

export const isStrategy = (x: unknown): x is Strategy =>
  typeof x === 'string' && (STRATEGIES as readonly string[]).includes(x);

/**
 * supervisor.erl's check_flags for one flag: intensity is an integer >= 0, period an integer
 * >= 1 (seconds). Returns the problem (`intensity must be an integer >= 0, got -1`) for the
 * caller to prefix with the supervisor's name, or undefined. `shown`: how to quote the value
 * (what a person typed, say).
 */
export function flagProblem(
  key: 'intensity' | 'period',
  value: unknown,
  shown: string = typeof value === 'string' ? JSON.stringify(value) : String(value),
): string | undefined {
  const min = key === 'period' ? 1 : 0;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min) return undefined;
  return `${key} must be an integer >= ${min}, got ${shown}`;
}

export const FLAVOUR_DEFAULTS: Record<Flavour, { intensity: number; period: number }> = {
  // supervisor.erl: `intensity => 1, period => 5`.
  erlang: { intensity: 1, period: 5 },
  // Elixir's Supervisor.init/2 and DynamicSupervisor: max_restarts 3, max_seconds 5.
  elixir: { intensity: 3, period: 5 },
};

export type ChildSpecInput = Pick<ChildSpec, 'id' | 'start'> &
  Partial<Omit<ChildSpec, 'id' | 'start'>>;

/** Fills OTP's defaults: permanent; shutdown 5000 for a worker, infinity for a supervisor. */
export function childSpec(input: ChildSpecInput): ChildSpec {
  const type = input.type ?? 'worker';
  return {
    id: input.id,
    start: input.start,
    args: input.args ?? [],
    restart: input.restart ?? 'permanent',
    shutdown: input.shutdown ?? (type === 'worker' ? 5000 : 'infinity'),
    type,
    significant: input.significant ?? false,
    modules: input.modules ?? input.id,
  };
}

export function supFlags(flavour: Flavour, input: Partial<SupFlags> = {}): SupFlags {
  const d = FLAVOUR_DEFAULTS[flavour];
  return {
    strategy: input.strategy ?? 'one_for_one',
    intensity: input.intensity ?? d.intensity,
    period: input.period ?? d.period,
    autoShutdown: input.autoShutdown ?? 'never',
  };
}

/**
 * supervisor:check_startspec/2 and check_flags: returns the first problem as
 * a short message naming the culprit, or undefined.
 */
export function checkStartSpec(
  name: string,
  flags: SupFlags,
  children: readonly ChildSpec[],
): string | undefined {
  const flagError =
    flagProblem('intensity', flags.intensity) ?? flagProblem('period', flags.period);
  if (flagError !== undefined) return `supervisor ${name}: ${flagError}`;
  if (flags.strategy === 'simple_one_for_one' && children.length !== 1)
    return `supervisor ${name}: simple_one_for_one needs exactly one child spec, got ${children.length}`;
  const seen = new Set<string>();
  for (const c of children) {
    if (seen.has(c.id)) return `supervisor ${name}: duplicate child id '${c.id}'`;
    seen.add(c.id);
    const problem = checkChildSpec(name, flags, c);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

export function checkChildSpec(name: string, flags: SupFlags, c: ChildSpec): string | undefined {
  if (typeof c.shutdown === 'number' && (!Number.isInteger(c.shutdown) || c.shutdown < 0))
    return `supervisor ${name}: child '${c.id}' has a bad shutdown ${c.shutdown}`;
  // OTP 24+: only transient or temporary children may be significant, and only with auto_shutdown.
  if (c.significant && c.restart === 'permanent')
    return `supervisor ${name}: child '${c.id}' is significant but permanent`;
  if (c.significant && flags.autoShutdown === 'never')
    return `supervisor ${name}: child '${c.id}' is significant but auto_shutdown is never`;
  return undefined;
}
