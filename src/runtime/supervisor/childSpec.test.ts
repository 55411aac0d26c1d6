import { describe, expect, it } from 'vitest';
import type { Eff } from '../effects';
import type { StartResult } from '../genServer';
import { sup, system, worker } from '../testing/system';
import type { ChildSpec, SupFlags } from './childSpec';
import { FLAVOUR_DEFAULTS, checkChildSpec, checkStartSpec, childSpec, supFlags } from './childSpec';

// eslint-disable-next-line require-yield
function* noStart(): Eff<StartResult> {
  return 'ignore';
}

describe('childSpec defaults (supervisor:child_spec())', () => {
  it('fills permanent, shutdown 5000 and significant false for a worker; modules defaults to the id', () => {
    expect(childSpec({ id: 'a', start: noStart })).toMatchObject({
      id: 'a',
      restart: 'permanent',
      shutdown: 5000,
      type: 'worker',
      significant: false,
      modules: 'a',
      args: [],
    });
  });

  it('defaults shutdown to infinity for a supervisor', () => {
    expect(childSpec({ id: 's', start: noStart, type: 'supervisor' }).shutdown).toBe('infinity');
  });
});

describe('supFlags by flavour', () => {
  it("erlang: supervisor.erl's defaults, one_for_one, intensity 1, period 5, auto_shutdown never", () => {
    expect(supFlags('erlang')).toEqual({
      strategy: 'one_for_one',
      intensity: 1,
      period: 5,
      autoShutdown: 'never',
    });
  });

  it("elixir: Supervisor.init/2's defaults, max_restarts 3, max_seconds 5", () => {
    expect(supFlags('elixir')).toMatchObject({ intensity: 3, period: 5 });
    expect(FLAVOUR_DEFAULTS).toEqual({
      erlang: { intensity: 1, period: 5 },
      elixir: { intensity: 3, period: 5 },
    });
  });

  it('keeps explicit values over the defaults, including 0', () => {
    expect(supFlags('elixir', { intensity: 0, period: 1, strategy: 'rest_for_one' })).toMatchObject(
      {
        strategy: 'rest_for_one',
        intensity: 0,
        period: 1,
      },
    );
  });
});

describe('start spec validation', () => {
  const flags = (f: Partial<SupFlags> = {}): SupFlags => supFlags('erlang', f);
  const spec = (id: string, more: Partial<ChildSpec> = {}): ChildSpec => ({
    ...childSpec({ id, start: noStart }),
    ...more,
  });

  it.each([
    [{ intensity: -1 }, 'supervisor db: intensity must be an integer >= 0, got -1'],
    [{ intensity: 1.5 }, 'supervisor db: intensity must be an integer >= 0, got 1.5'],
    [{ period: 0 }, 'supervisor db: period must be an integer >= 1, got 0'],
  ] as const)('rejects bad flags %j', (f, message) => {
    expect(checkStartSpec('db', flags(f), [])).toBe(message);
  });

  it('rejects a duplicate child id, naming it', () => {
    expect(checkStartSpec('db_sup', flags(), [spec('cache'), spec('cache')])).toBe(
      "supervisor db_sup: duplicate child id 'cache'",
    );
  });

  it('needs exactly one child spec for simple_one_for_one', () => {
    const s1 = flags({ strategy: 'simple_one_for_one' });
    expect(checkStartSpec('p', s1, [])).toMatch(/exactly one child spec, got 0/);
    expect(checkStartSpec('p', s1, [spec('a'), spec('b')])).toMatch(
      /exactly one child spec, got 2/,
    );
    expect(checkStartSpec('p', s1, [spec('a')])).toBeUndefined();
  });

  it.each([-1, 1.5])('rejects shutdown %s', (shutdown) => {
    expect(checkChildSpec('s', flags(), spec('w', { shutdown }))).toBe(
      `supervisor s: child 'w' has a bad shutdown ${shutdown}`,
    );
  });

  it('accepts shutdown 0, brutal_kill and infinity', () => {
    for (const shutdown of [0, 'brutal_kill', 'infinity'] as const)
      expect(checkChildSpec('s', flags(), spec('w', { shutdown }))).toBeUndefined();
  });

  it('rejects a significant permanent child', () => {
    expect(
      checkChildSpec(
        's',
        flags({ autoShutdown: 'any_significant' }),
        spec('w', { significant: true }),
      ),
    ).toBe("supervisor s: child 'w' is significant but permanent");
  });

  it('rejects a significant child when auto_shutdown is never', () => {
    expect(
      checkChildSpec('s', flags(), spec('w', { significant: true, restart: 'transient' })),
    ).toBe("supervisor s: child 'w' is significant but auto_shutdown is never");
  });

  it('accepts a significant transient or temporary child with auto_shutdown', () => {
    for (const restart of ['transient', 'temporary'] as const) {
      expect(
        checkChildSpec(
          's',
          flags({ autoShutdown: 'all_significant' }),
          spec('w', { significant: true, restart }),
        ),
      ).toBeUndefined();
    }
  });

  it('makes a supervisor with a bad start spec fail to start with {error, {start_spec, Message}}', () => {
    const sys = system().start(
      sup('root', {}, [worker('a', { restart: 'transient', significant: true })]),
    );
    expect(sys.startResult).toEqual([
      'error',
      ['start_spec', "supervisor root: child 'a' is significant but auto_shutdown is never"],
    ]);
    expect(sys.startCount('root/a')).toBe(0);
  });
});
