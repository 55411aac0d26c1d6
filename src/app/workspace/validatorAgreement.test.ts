import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startSupervisor, type Term } from '../../runtime';
import { system } from '../../runtime/testing/system';
import { validateWorkspace } from './validate';
import { type TreeEnv, buildRoot } from '../../worker/buildTree';
import { type AnyGenServer, echoModule } from '../../worker/library';
import type { ChildSpecData, SupervisorSpecData, Workspace } from '../../worker/protocol';
import { LIMITS, checkWorkspace } from '../../worker/specCheck';

/**
 * A person's module, as the node has it after compiling: any gen_server will do, since what is
 * compared is the tree check (a module that exists is known, compiled or not). The library's echo
 * keeps this test free of the sandbox the real compile needs.
 */
const mine: AnyGenServer = echoModule;

/** What a node of `ws` is booted with: its modules, compiled (a module that exists is known). */
const envOf = (ws: Workspace): TreeEnv => ({
  flavour: ws.flavour,
  modules: new Map(ws.modules.map((m) => [m.name, mine])),
});

/** The worker's verdict on a workspace: every node built, or the first node's error. */
function workerVerdict(ws: Workspace): { ok: true } | { ok: false; error: string } {
  for (const n of ws.nodes) {
    const r = buildRoot(n, envOf(ws));
    if (!r.ok) return r;
  }
  return { ok: true };
}

/** Each node's tree actually started in a runtime node: `ok` or the supervisor's refusal. */
function startsAll(ws: Workspace): string[] {
  return ws.nodes.map((n) => {
    const built = buildRoot(n, envOf(ws));
    if (!built.ok) return built.error;
    const sys = system();
    const r = sys.run((ctx) => startSupervisor(ctx, built.value), { advanceTime: false }) as Term[];
    return String(r[0]);
  });
}

// ---- generators: mostly valid workspaces, each field now and then subtly wrong -----------------

const sometimes = <T>(good: fc.Arbitrary<T>, ...bad: unknown[]): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: good, weight: 12 }, { arbitrary: fc.constantFrom(...bad), weight: 1 });
const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l');
const id = sometimes(ids, '', '9bad', 'has space', 7);
const restart = fc.option(sometimes(fc.constantFrom('permanent', 'transient', 'temporary'), 'x'), {
  nil: undefined,
});
const significant = fc.option(sometimes(fc.boolean(), 'yes', 1, null), {
  nil: undefined,
  freq: 2,
});
const regName = fc.option(sometimes(fc.constantFrom('n1', 'n2', 'n3', 'reg@x'), 7, 'undefined'), {
  nil: undefined,
  freq: 2,
});
const shutdown = fc.option(sometimes(fc.constantFrom('brutal_kill', 'infinity', 0, 500), -1, 1.5), {
  nil: undefined,
});
const deepTerm = (depth: number): unknown => {
  let t: unknown = 1;
  for (let i = 0; i < depth; i++) t = [t];
  return t;
};
const args = fc.option(
  sometimes(fc.constant({}), deepTerm(LIMITS.termDepth + 1), { f: deepTerm(40) }),
  { nil: undefined, freq: 3 },
);

const strip = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const workerSpec = fc
  .record({
    id,
    behaviour: sometimes(fc.constantFrom('counter', 'echo', 'kv_store', 'mine'), 'nope', 3),
    restart,
    shutdown,
    significant,
    name: regName,
    trapExit: fc.option(sometimes(fc.boolean(), 'yes'), { nil: undefined, freq: 3 }),
    args,
  })
  .map((w) => strip({ kind: 'worker', ...w }));

const supFields = fc.record({
  id,
  strategy: sometimes(
    fc.constantFrom('one_for_one', 'one_for_all', 'rest_for_one', 'simple_one_for_one'),
    'one_for_none',
  ),
  intensity: fc.option(sometimes(fc.nat(5), -1, 1.5, '3'), { nil: undefined }),
  period: fc.option(sometimes(fc.integer({ min: 1, max: 10 }), 0), { nil: undefined }),
  autoShutdown: fc.option(
    sometimes(fc.constantFrom('never', 'any_significant', 'all_significant'), 'sometimes'),
    { nil: undefined },
  ),
  restart,
  significant,
  name: regName,
  /** simple_one_for_one without a template, one_for_one with one: each now and then. */
  templateSlip: fc.integer({ min: 0, max: 19 }),
});

const { tree } = fc.letrec<{ tree: Record<string, unknown>; child: Record<string, unknown> }>(
  (tie) => ({
    child: fc.oneof({ depthSize: 'small', withCrossShrink: true }, workerSpec, tie('tree')),
    tree: fc
      .record({ f: supFields, children: fc.array(tie('child'), { maxLength: 4 }), t: workerSpec })
      .map(({ f, children, t }) => {
        const { templateSlip, ...s } = f;
        const simple = s.strategy === 'simple_one_for_one';
        const withTemplate = simple ? templateSlip !== 0 : templateSlip === 0;
        return strip({
          kind: 'supervisor',
          ...s,
          children: simple && templateSlip !== 1 ? [] : children,
          template: withTemplate ? t : undefined,
        });
      }),
  }),
);

/** A chain of supervisors `depth` deep, around the limit. */
const chain = fc.integer({ min: LIMITS.treeDepth - 2, max: LIMITS.treeDepth + 2 }).map((depth) => {
  let s: Record<string, unknown> = {
    kind: 'supervisor',
    id: `s${depth}`,
    strategy: 'one_for_one',
    children: [{ kind: 'worker', id: 'w', behaviour: 'counter' }],
  };
  for (let i = depth - 1; i >= 1; i--)
    s = { kind: 'supervisor', id: `s${i}`, strategy: 'one_for_one', children: [s] };
  return s;
});

const workspace = fc
  .record({
    flavour: fc.constantFrom('erlang', 'elixir'),
    roots: fc.array(fc.oneof({ arbitrary: tree, weight: 6 }, { arbitrary: chain, weight: 1 }), {
      minLength: 1,
      maxLength: 3,
    }),
    withModule: fc.boolean(),
  })
  .map(
    ({ flavour, roots, withModule }) =>
      ({
        version: 1,
        flavour,
        seed: 1,
        modules: withModule ? [{ name: 'mine', source: '({})' }] : [],
        // Root ids differ per node (a page-only rule: paths start with the root's id).
        nodes: roots.map((r, i) => ({
          id: i + 1,
          name: `node${i + 1}`,
          root: { ...r, id: `root${i + 1}` } as unknown as SupervisorSpecData,
        })),
      }) as Workspace,
  );

describe('one validator: the page accepts exactly what the worker builds', () => {
  it('agrees on random workspaces, valid and subtly invalid, and every accepted tree starts', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(workspace, (ws) => {
        const page = validateWorkspace(ws);
        const worker = workerVerdict(ws);
        expect(page.ok).toBe(worker.ok);
        if (!page.ok && !worker.ok) expect(page.error).toBe(worker.error);
        if (page.ok) {
          accepted++;
          expect(startsAll(ws)).toEqual(ws.nodes.map(() => 'ok'));
        } else refused++;
      }),
      { numRuns: 500 },
    );
    // Both kinds were tried, so the agreement means something.
    expect(accepted).toBeGreaterThan(15);
    expect(refused).toBeGreaterThan(15);
  });
});

const ws1 = (root: Record<string, unknown>): unknown => ({
  version: 1,
  flavour: 'erlang',
  seed: 1,
  modules: [],
  nodes: [{ id: 1, name: 'node1', root: { kind: 'supervisor', id: 'app', ...root } }],
});
const errorOf = (data: unknown): string => {
  const r = checkWorkspace(data);
  return r.ok ? 'ok' : r.error;
};

describe('checkWorkspace names what the worker used to refuse after the page said yes', () => {
  const w = (extra: Record<string, unknown>) => ({
    kind: 'worker',
    id: 'w',
    behaviour: 'counter',
    ...extra,
  });
  it('a non-boolean significant', () => {
    expect(errorOf(ws1({ strategy: 'one_for_one', children: [w({ significant: 'yes' })] }))).toBe(
      `supervisor app: child 'w': significant must be true or false, got "yes"`,
    );
  });
  it('a template on one_for_one', () => {
    expect(errorOf(ws1({ strategy: 'one_for_one', children: [], template: w({}) }))).toBe(
      'supervisor app: only simple_one_for_one takes a template',
    );
  });
  it('a numeric registered name', () => {
    expect(errorOf(ws1({ strategy: 'one_for_one', children: [w({ name: 7 })] }))).toBe(
      'app/w: bad registered name 7',
    );
  });
  it('simple_one_for_one without a template', () => {
    expect(errorOf(ws1({ strategy: 'simple_one_for_one', children: [] }))).toBe(
      'supervisor app: simple_one_for_one needs a template child',
    );
  });
  it('a tree nested 20,000 deep, with the path, without recursion', () => {
    let s: Record<string, unknown> = { kind: 'supervisor', id: 'leaf', strategy: 'one_for_one' };
    for (let i = 20_000; i > 0; i--)
      s = { kind: 'supervisor', id: `s${i}`, strategy: 'one_for_one', children: [s] };
    expect(errorOf(ws1({ strategy: 'one_for_one', children: [s] }))).toBe(
      `app/s1/s2/…/s${LIMITS.treeDepth - 1}/s${LIMITS.treeDepth}: supervisors nest deeper than ${LIMITS.treeDepth} levels`,
    );
  });
  it('args nested too deep', () => {
    expect(
      errorOf(ws1({ strategy: 'one_for_one', children: [w({ args: deepTerm(100_000) })] })),
    ).toBe(`supervisor app: child 'w': args nest deeper than ${LIMITS.termDepth} levels`);
  });
  it('too many children in a node', () => {
    const children = Array.from({ length: LIMITS.specsPerNode + 1 }, (_, i) => w({ id: `w${i}` }));
    expect(errorOf(ws1({ strategy: 'one_for_one', children }))).toContain(
      `more than ${LIMITS.specsPerNode} child specs in one node`,
    );
  });
  it('a module named like a library behaviour', () => {
    const ws = ws1({ strategy: 'one_for_one', children: [] }) as Workspace;
    ws.modules = [{ name: 'counter', source: '({})' }];
    expect(errorOf(ws)).toBe("module counter: the name is a library behaviour's");
  });
});

describe('the default and a real tree', () => {
  it('accepts 10,000 workers under one supervisor (the bench)', () => {
    const children: ChildSpecData[] = Array.from({ length: 10_000 }, (_, i) => ({
      kind: 'worker',
      id: `w${i}`,
      behaviour: 'echo',
    }));
    expect(errorOf(ws1({ strategy: 'one_for_one', children }))).toBe('ok');
  });
});
