import type { NodeSpecData, SupervisorSpecData, Workspace } from '../../worker/protocol';

/**
 * What a first visit shows: an application supervisor with a few workers and
 * a one_for_all sub-supervisor, so a crash, a restart and an escalation can
 * each be tried at once.
 */
export function defaultRoot(id = 'app_sup'): SupervisorSpecData {
  return {
    kind: 'supervisor',
    id,
    strategy: 'one_for_one',
    intensity: 3,
    period: 5,
    children: [
      { kind: 'worker', id: 'counter', behaviour: 'counter' },
      { kind: 'worker', id: 'kv_store', behaviour: 'kv_store' },
      { kind: 'worker', id: 'ticker', behaviour: 'ticker', args: { interval: 2000 } },
      {
        kind: 'supervisor',
        id: 'db_sup',
        strategy: 'one_for_all',
        intensity: 2,
        period: 5,
        children: [
          { kind: 'worker', id: 'conn', behaviour: 'echo' },
          { kind: 'worker', id: 'cache', behaviour: 'kv_store' },
        ],
      },
    ],
  };
}

/** A node added with "add node": a small tree of its own, its root named after the node. */
export function newNodeSpec(id: number): NodeSpecData {
  return {
    id,
    name: `node${id}`,
    root: {
      kind: 'supervisor',
      id: `node${id}_sup`,
      strategy: 'one_for_one',
      children: [
        { kind: 'worker', id: 'echo', behaviour: 'echo' },
        { kind: 'worker', id: 'counter', behaviour: 'counter' },
      ],
    },
  };
}

/**
 * A new module's starting text. The format is src/worker/userModule.ts's: one
 * JavaScript expression, an object with OTP's callbacks returning OTP's
 * tuples as arrays (atoms are strings).
 */
export const EXAMPLE_MODULE_SOURCE = `// A gen_server in JavaScript. Atoms are strings, tuples are arrays.
({
  init(args, ctx) {
    return ['ok', { hits: 0 }];
  },
  handleCall(request, from, state, ctx) {
    if (request === 'get') return ['reply', state.hits, state];
    if (request === 'boom') throw new Error('asked to crash');
    return ['reply', ['error', 'unknown_call'], state];
  },
  handleCast(msg, state, ctx) {
    return ['noreply', state];
  },
  handleInfo(msg, state, ctx) {
    otp.log(ctx, 'got ' + otp.format(msg));
    return ['noreply', { hits: state.hits + 1 }];
  },
  // What the inspector shows as its state.
  describe(state) {
    return state;
  },
})
`;

export function defaultWorkspace(): Workspace {
  return {
    version: 1,
    flavour: 'erlang',
    nodes: [{ id: 1, name: 'node1', root: defaultRoot() }],
    modules: [],
    seed: 1,
  };
}
