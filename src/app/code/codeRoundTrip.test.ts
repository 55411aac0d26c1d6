import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Flavour, RestartType, Shutdown } from '../../runtime';
import type { ChildSpecData, SupervisorSpecData, WorkerSpecData } from '../../worker/protocol';
import { isLibraryBehaviour } from '../../worker/specCheck';
import { readSupervisor } from './readSupervisor';
import { supervisorCode } from './supervisorCode';

/** Library workers with the args each one's code can carry. */
const workerArb = (id: string): fc.Arbitrary<WorkerSpecData> =>
  fc
    .record({
      w: fc.oneof(
        fc.constant<Omit<WorkerSpecData, 'kind' | 'id'>>({ behaviour: 'echo' }),
        fc.constant<Omit<WorkerSpecData, 'kind' | 'id'>>({ behaviour: 'kv_store' }),
        fc
          .integer({ min: -1000, max: 1000 })
          .map((n) => ({ behaviour: 'counter', args: { start: n } })),
        fc
          .integer({ min: 1, max: 9000 })
          .map((n) => ({ behaviour: 'ticker', args: { interval: n } })),
        fc
          .tuple(fc.constantFrom(0, 0.25, 1), fc.nat(5000))
          .map(([p, i]) => ({ behaviour: 'flaky', args: { crash_probability: p, interval: i } })),
      ),
      restart: fc.constantFrom<RestartType | undefined>(undefined, 'transient', 'temporary'),
      shutdown: fc.constantFrom<Shutdown | undefined>(undefined, 'brutal_kill', 100, 'infinity'),
      sameId: fc.boolean(),
    })
    .map(({ w, restart, shutdown, sameId }) => ({
      kind: 'worker' as const,
      id: sameId ? w.behaviour : id,
      ...w,
      ...(restart === undefined ? {} : { restart }),
      ...(shutdown === undefined ? {} : { shutdown }),
    }));

let supN = 0;
/** A tree with ids unique under each supervisor, supervisor ids unique in the tree. */
function treeArb(flavour: Flavour, depth: number, id: string): fc.Arbitrary<SupervisorSpecData> {
  const strategies =
    flavour === 'erlang' && depth > 0
      ? (['one_for_one', 'one_for_all', 'rest_for_one', 'simple_one_for_one'] as const)
      : (['one_for_one', 'one_for_all', 'rest_for_one'] as const);
  const child = (i: number): fc.Arbitrary<ChildSpecData> =>
    depth > 0
      ? fc.oneof(
          { weight: 3, arbitrary: workerArb(`w${i}`) },
          {
            weight: 1,
            arbitrary: fc.constant(0).chain(() => treeArb(flavour, depth - 1, `s${++supN}`)),
          },
        )
      : workerArb(`w${i}`);
  return fc
    .record({
      strategy: fc.constantFrom(...strategies),
      intensity: fc.nat(10),
      period: fc.integer({ min: 1, max: 60 }),
      n: fc.nat(4),
    })
    .chain(({ strategy, intensity, period, n }) => {
      const base = { kind: 'supervisor' as const, id, strategy, intensity, period, children: [] };
      if (strategy === 'simple_one_for_one')
        return workerArb('worker').map((t): SupervisorSpecData => ({ ...base, template: t }));
      return fc
        .tuple(...Array.from({ length: n }, (_, i) => child(i)))
        .map((cs): SupervisorSpecData => {
          // Two workers of one behaviour may both take its name as id: number them apart.
          const seen = new Set<string>();
          const children = cs.map((c) => {
            let cid = c.id;
            for (let k = 2; seen.has(cid); k++) cid = `${c.id}_${k}`;
            seen.add(cid);
            return { ...c, id: cid };
          });
          return { ...base, children };
        });
    });
}

describe('supervisor code round trips (fast-check)', () => {
  for (const flavour of ['erlang', 'elixir'] as const) {
    it(`reads back every tree it writes in ${flavour}`, () => {
      fc.assert(
        fc.property(treeArb(flavour, 2, 'root_sup'), (tree) => {
          const r = readSupervisor(supervisorCode(flavour, tree), {
            known: isLibraryBehaviour,
            defaultId: 'root_sup',
          });
          if (!r.ok) throw new Error(`${r.error}\n${supervisorCode(flavour, tree)}`);
          expect(r.value.spec).toEqual(tree);
          expect(r.value.lang).toBe(flavour);
          expect(r.value.guessed).toEqual([]);
        }),
        { numRuns: 300 },
      );
    });
  }
});
