import { describe, expect, it } from 'vitest';
import type { Ctx } from '../ctx';
import type { Eff } from '../effects';
import type { StartResult } from '../genServer';
import type { Term } from '../term';
import type { SupInit } from './supervisor';
import type { ChildSpecData, SupervisorSpecData, TreeStarts } from './treeSpec';
import { childSpecOf, supArgsOf } from './treeSpec';

const started: { path: string; extra: readonly Term[] }[] = [];
const how: TreeStarts<{ n: number }> = {
  flavour: 'elixir',
  startWorker: (_w, path, _ctx, extra): Eff<StartResult> => {
    started.push({ path, extra });
    return (function* (): Eff<StartResult> {
      yield* [];
      return ['ok', undefined] as unknown as StartResult;
    })();
  },
};
const ctx = {} as Ctx;
const initOf = (s: SupervisorSpecData<{ n: number }>): Exclude<SupInit, 'ignore'> =>
  supArgsOf(s, s.id, how).init(ctx) as Exclude<SupInit, 'ignore'>;

describe('the one tree spec → the runtime', () => {
  it("makes a supervisor's flags (the flavour's defaults where omitted) and its children's specs", () => {
    const w: ChildSpecData<{ n: number }> = {
      kind: 'worker',
      id: 'w',
      behaviour: 'mine',
      args: { n: 1 },
      restart: 'transient',
    };
    const init = initOf({ kind: 'supervisor', id: 'root', strategy: 'one_for_all', children: [w] });
    expect(init.flags).toEqual({
      strategy: 'one_for_all',
      intensity: 3,
      period: 5,
      autoShutdown: 'never',
    });
    const [spec] = init.children;
    expect(spec).toMatchObject({
      id: 'w',
      type: 'worker',
      modules: 'mine',
      restart: 'transient',
      shutdown: 5000,
      significant: false,
    });
  });

  it('starts a worker with its path: sup/id, or sup/#N for a dynamic child started with [N]', () => {
    started.length = 0;
    const w: ChildSpecData<{ n: number }> = { kind: 'worker', id: 'w', behaviour: 'mine' };
    const spec = childSpecOf(w, 'root/pool', how);
    spec.start(ctx, []).next();
    spec.start(ctx, [7, 'x']).next();
    expect(started).toEqual([
      { path: 'root/pool/w', extra: [] },
      { path: 'root/pool/#7', extra: [7, 'x'] },
    ]);
  });

  it('takes the template for simple_one_for_one; an empty id is `undefined` and a nameless supervisor is named by its path', () => {
    const template: ChildSpecData<{ n: number }> = { kind: 'worker', id: '', behaviour: 'mine' };
    const pool: SupervisorSpecData<{ n: number }> = {
      kind: 'supervisor',
      id: '',
      strategy: 'simple_one_for_one',
      children: [],
      template,
    };
    expect(initOf(pool).children.map((c) => c.id)).toEqual(['undefined']);
    expect(supArgsOf(pool, 'root/#1', how).name).toBe('root/#1');
    expect(childSpecOf(pool, 'root', how).modules).toBe('supervisor');
  });
});
