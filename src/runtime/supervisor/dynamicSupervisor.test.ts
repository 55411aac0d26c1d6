import { describe, expect, it } from 'vitest';
import type { Ctx } from '../ctx';
import type { GenServerModule } from '../genServer';
import { call, startLink } from '../genServer';
import type { Pid, Term } from '../term';
import { system } from '../testing/system';
import { childSpec } from './childSpec';
import { startDynamicSupervisor } from './dynamicSupervisor';
import type { DynamicFlags } from './dynamicSupervisor';

/** A worker that keeps its init args so tests can see what it was started with. */
const argsKeeper: GenServerModule<readonly Term[], readonly Term[]> = {
  name: 'args_keeper',
  init: (args) => ['ok', args],
  handleCall: (_req, _from, state) => ['reply', state as unknown as Term, state],
};

const spec = (args: Term[] = [], restart: 'permanent' | 'temporary' | 'transient' = 'permanent') =>
  childSpec({ id: 'w', args, restart, start: (ctx: Ctx, a) => startLink(ctx, argsKeeper, a) });

function withDynSup(flags: Partial<DynamicFlags>) {
  const sys = system();
  const started = sys.run((ctx) => startDynamicSupervisor(ctx, { name: 'dyn', init: () => flags }));
  const sup = (started as readonly Term[])[1] as Pid;
  const req = (r: Term) => sys.run((ctx) => call(ctx, sup, r, 'infinity'));
  return { sys, sup, req };
}

describe("Elixir's DynamicSupervisor", () => {
  it('prepends extra_arguments to the child spec args', () => {
    const { sys, req } = withDynSup({ extraArguments: ['extra'] });
    const r = req(['start_child', spec(['own']) as unknown as Term]) as readonly Term[];
    expect(r[0]).toBe('ok');
    expect(sys.run((ctx) => call(ctx, r[1] as Pid, 'args'))).toEqual(['extra', 'own']);
  });

  it('answers {error, max_children} once max_children are running', () => {
    const { req } = withDynSup({ maxChildren: 2 });
    expect((req(['start_child', spec() as unknown as Term]) as Term[])[0]).toBe('ok');
    expect((req(['start_child', spec() as unknown as Term]) as Term[])[0]).toBe('ok');
    expect(req(['start_child', spec() as unknown as Term])).toEqual(['error', 'max_children']);
  });

  it('restarts a crashed permanent child and counts children like count_children/1', () => {
    const { sys, req } = withDynSup({});
    const first = (req(['start_child', spec() as unknown as Term]) as Term[])[1] as Pid;
    sys.run((ctx) => ctx.exitSignal(first, 'boom'));
    const kids = req(['which_children']) as readonly (readonly Term[])[];
    expect(kids).toHaveLength(1);
    expect(kids[0]?.[0]).toBe('undefined');
    expect(kids[0]?.[1]).not.toBe(first);
    expect(req(['count_children'])).toEqual({ specs: 1, active: 1, supervisors: 0, workers: 1 });
  });

  it('uses the Elixir defaults: gives up on the 4th restart within 5 s', () => {
    const { sys, sup, req } = withDynSup({});
    req(['start_child', spec() as unknown as Term]);
    for (let i = 0; i < 4; i++) {
      const kids = req(['which_children']) as readonly (readonly Term[])[];
      sys.run((ctx) => ctx.exitSignal(kids[0]?.[1] as Pid, 'boom'));
    }
    expect(sys.node.isAlive(sup)).toBe(false);
    expect(
      sys.events.some(
        (e) => e.type === 'supervisor_report' && e.reason === 'reached_max_restart_intensity',
      ),
    ).toBe(true);
  });

  it('answers {error, not_found} for terminate_child of a stranger and ok for its own child', () => {
    const { sys, req } = withDynSup({});
    const child = (req(['start_child', spec() as unknown as Term]) as Term[])[1] as Pid;
    expect(req(['terminate_child', sys.driver])).toEqual(['error', 'not_found']);
    expect(req(['terminate_child', child])).toBe('ok');
    expect(sys.node.isAlive(child)).toBe(false);
    expect(req(['which_children'])).toEqual([]);
  });

  it('does not restart a temporary child', () => {
    const { sys, req } = withDynSup({});
    const child = (
      req(['start_child', spec([], 'temporary') as unknown as Term]) as Term[]
    )[1] as Pid;
    sys.run((ctx) => ctx.exitSignal(child, 'boom'));
    expect(req(['which_children'])).toEqual([]);
  });
});
