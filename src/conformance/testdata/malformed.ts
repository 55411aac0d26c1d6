/**
 * Malformed scenarios, each with a word its one-line error must contain.
 * Every one must make the trace command exit 2 with that one line on stderr.
 */

const ok = { id: 'root', children: [{ id: 'a' }, { id: 'b' }] };
const v2 = (steps: unknown[], tree: unknown = ok): string =>
  JSON.stringify({ version: 2, tree, steps });
const v1 = (steps: unknown[], tree: unknown = ok): string => JSON.stringify({ tree, steps });

/** `depth` nested supervisors, as text (JSON.stringify itself would recurse that deep). */
function deepTree(depth: number): string {
  const open = '{"id": "s", "type": "supervisor", "children": ['.repeat(depth);
  return `{"tree": {"id": "root", "children": [${open}{"id": "leaf"}${']}'.repeat(depth)}]}}`;
}

/** A term nested `depth` tuples deep, as text. */
function deepTerm(depth: number): string {
  const t = `${'{"tuple": ['.repeat(depth)}"x"${']}'.repeat(depth)}`;
  return `{"version": 2, "tree": {"id": "root", "children": [{"id": "a"}]}, "steps": [{"op": "crash", "target": "root/a", "reason": ${t}}]}`;
}

export const MALFORMED: readonly (readonly [what: string, text: string, mentions: string])[] = [
  ['not JSON', '{', 'bad JSON'],
  ['an empty file', '', 'bad JSON'],
  ['a number', '5', 'must be an object'],
  ['null', 'null', 'must be an object'],
  ['an array', '[]', 'must be an object'],
  ['a string', '"scenario"', 'must be an object'],
  ['no tree', '{}', 'tree'],
  ['a tree that is a number', '{"tree": 5}', 'tree'],
  ['steps that are an object', '{"tree": {"id": "r"}, "steps": {}}', 'steps'],
  ['an unknown top-level field', '{"tree": {"id": "r"}, "extra": 1}', 'extra'],
  ['version 3', '{"version": 3, "tree": {"id": "r"}}', 'version'],
  ['a version that is a string', '{"version": "2", "tree": {"id": "r"}}', 'version'],
  ['op toString', v1([{ op: 'toString' }]), 'op'],
  ['op constructor', v1([{ op: 'constructor' }]), 'op'],
  ['op __proto__', v1([{ op: '__proto__' }]), 'op'],
  ['op hasOwnProperty', v2([{ op: 'hasOwnProperty' }]), 'op'],
  [
    'op valueOf in a do',
    v2([{ op: 'do', from: 'root/a', actions: [{ op: 'valueOf' }] }]),
    'action',
  ],
  [
    'a field named __proto__',
    '{"tree": {"id": "r"}, "steps": [{"op": "sleep", "ms": 1, "__proto__": {}}]}',
    '__proto__',
  ],
  ['a missing op', v1([{ target: 'root/a' }]), 'op'],
  ['a step that is a string', v1(['crash']), 'steps[0]'],
  ['a tree 10,000 supervisors deep', deepTree(10_000), 'deeper'],
  ['a term 10,000 tuples deep', deepTerm(10_000), 'deeper'],
  [
    'JSON nested a million arrays deep',
    `{"tree": ${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`,
    'tree',
  ],
  ['a numeric id', v1([], { id: 1 }), 'tree.id'],
  ['an id with capitals', v1([], { id: 'Root' }), 'tree.id'],
  ['children that are a string', v1([], { id: 'r', children: 'a' }), 'children'],
  ['a child that is null', v1([], { id: 'r', children: [null] }), 'children[0]'],
  ['a duplicate child id', v1([], { id: 'r', children: [{ id: 'a' }, { id: 'a' }] }), 'duplicate'],
  ['a negative intensity', v1([], { id: 'r', intensity: -1 }), 'intensity'],
  ['period 0', v1([], { id: 'r', period: 0 }), 'period'],
  ['a float period', v1([], { id: 'r', period: 1.5 }), 'period'],
  ['a bad shutdown', v1([], { id: 'r', children: [{ id: 'a', shutdown: 'soon' }] }), 'shutdown'],
  ['a bad restart', v1([], { id: 'r', children: [{ id: 'a', restart: 5 }] }), 'restart'],
  [
    'significant "yes"',
    v1([], { id: 'r', children: [{ id: 'a', significant: 'yes' }] }),
    'significant',
  ],
  [
    'a permanent significant child',
    v1([], {
      id: 'r',
      auto_shutdown: 'any_significant',
      children: [{ id: 'a', significant: true }],
    }),
    'significant',
  ],
  ['an unknown strategy', v1([], { id: 'r', strategy: 'all_for_one' }), 'strategy'],
  ['restart on the root', v1([], { id: 'r', restart: 'temporary' }), 'root'],
  [
    'a template with an id',
    v1([], { id: 'r', strategy: 'simple_one_for_one', template: { id: 'w' } }),
    'id',
  ],
  [
    'simple_one_for_one with children',
    v1([], { id: 'r', strategy: 'simple_one_for_one', children: [{ id: 'a' }] }),
    'children',
  ],
  ['a template elsewhere', v1([], { id: 'r', template: {} }), 'template'],
  [
    'a v2 worker field in version 1',
    v1([], { id: 'r', children: [{ id: 'a', call_ms: 5 }] }),
    'version',
  ],
  ['a v2 op in version 1', v1([{ op: 'tell', from: 'root/a', to: 'root/b', msg: 'x' }]), 'version'],
  ['wait_ms in version 1', v1([{ op: 'sleep', ms: 1, wait_ms: 0 }]), 'version'],
  [
    'exit with from in version 1',
    v1([{ op: 'exit', from: 'root/a', target: 'root/b', reason: 'x' }]),
    'version',
  ],
  [
    'a tuple reason in version 1',
    v1([{ op: 'crash', target: 'root/a', reason: { tuple: ['a'] } }]),
    'version',
  ],
  [
    'an unknown worker field',
    v2([], { id: 'r', children: [{ id: 'a', colour: 'red' }] }),
    'colour',
  ],
  ['a name with capitals', v2([], { id: 'r', children: [{ id: 'a', name: 'Srv' }] }), 'name'],
  ['a name OTP registers', v2([], { id: 'r', children: [{ id: 'a', name: 'init' }] }), 'name'],
  [
    'a name used twice',
    v2([], {
      id: 'r',
      children: [
        { id: 'a', name: 'x' },
        { id: 'b', name: 'x' },
      ],
    }),
    'already used',
  ],
  [
    'a named template',
    v2([], { id: 'r', strategy: 'simple_one_for_one', template: { name: 'x' } }),
    'template',
  ],
  ['on that is an object', v2([], { id: 'r', children: [{ id: 'a', on: {} }] }), 'on'],
  [
    'a rule without message',
    v2([], { id: 'r', children: [{ id: 'a', on: [{ reply: 'x' }] }] }),
    'missing message',
  ],
  [
    'a rule with reply and forward_to',
    v2([], {
      id: 'r',
      children: [{ id: 'a', on: [{ message: 'm', reply: 'x', forward_to: 'root/a' }] }],
    }),
    'exactly one',
  ],
  [
    'a rule with times 0',
    v2([], { id: 'r', children: [{ id: 'a', on: [{ message: 'm', reply: 'x', times: 0 }] }] }),
    'times',
  ],
  [
    'a rule forwarding to a supervisor',
    v2([], { id: 'r', children: [{ id: 'a', on: [{ message: 'm', forward_to: 'r' }] }] }),
    'not a worker',
  ],
  [
    'a rule forwarding to an unknown name',
    v2([], { id: 'r', children: [{ id: 'a', on: [{ message: 'm', forward_to: 'name:nobody' }] }] }),
    'unknown name',
  ],
  ['an unknown target', v1([{ op: 'crash', target: 'root/zzz', reason: 'x' }]), 'unknown target'],
  ['a target that is a number', v1([{ op: 'crash', target: 7, reason: 'x' }]), 'target'],
  ['a reason with capitals', v1([{ op: 'crash', target: 'root/a', reason: 'Boom' }]), 'reason'],
  ['a float reason', v2([{ op: 'crash', target: 'root/a', reason: 1.5 }]), 'reason'],
  [
    'a term object with two keys',
    v2([{ op: 'crash', target: 'root/a', reason: { tuple: [], list: [] } }]),
    'reason',
  ],
  ['a binary with a quote', v2([{ op: 'send', target: 'root/a', msg: { binary: 'a"b' } }]), 'msg'],
  ['a string that is not text', v2([{ op: 'send', target: 'root/a', msg: { string: 5 } }]), 'msg'],
  [
    'tell to a supervisor',
    v2([{ op: 'tell', from: 'root/a', to: 'root', msg: 'x' }]),
    'not a worker',
  ],
  [
    'tell to an unknown name',
    v2([{ op: 'tell', from: 'root/a', to: 'name:x', msg: 'x' }]),
    'unknown name',
  ],
  [
    'tell with msg and msgs',
    v2([{ op: 'tell', from: 'root/a', to: 'root/b', msg: 'x', msgs: ['y'] }]),
    'exactly one',
  ],
  ['tell with no msgs', v2([{ op: 'tell', from: 'root/a', to: 'root/b', msgs: [] }]), 'msgs'],
  ['tell from a supervisor', v2([{ op: 'tell', from: 'root', to: 'root/b', msg: 'x' }]), 'from'],
  [
    'call to $last_sender',
    v2([{ op: 'call', from: 'root/a', to: '$last_sender', request: 'x' }]),
    'last_sender',
  ],
  [
    'call to a supervisor',
    v2([{ op: 'call', from: 'driver', to: 'root', request: 'x' }]),
    'not a worker',
  ],
  [
    'catch on the driver',
    v2([{ op: 'call', from: 'driver', to: 'root/a', request: 'x', catch: true }]),
    'catch',
  ],
  [
    'a negative timeout',
    v2([{ op: 'call', from: 'root/a', to: 'root/b', request: 'x', timeout: -1 }]),
    'timeout',
  ],
  [
    'catch "yes"',
    v2([{ op: 'call', from: 'root/a', to: 'root/b', request: 'x', catch: 'yes' }]),
    'catch',
  ],
  ['a negative wait_ms', v2([{ op: 'sleep', ms: 1, wait_ms: -1 }]), 'wait_ms'],
  ['trap_exit without value', v2([{ op: 'trap_exit', target: 'root/a' }]), 'value'],
  ['demonitor flush 1', v2([{ op: 'demonitor', from: 'root/a', to: 'root/b', flush: 1 }]), 'flush'],
  ['do with no actions', v2([{ op: 'do', from: 'root/a', actions: [] }]), 'actions'],
  [
    'an unknown action',
    v2([{ op: 'do', from: 'root/a', actions: [{ op: 'x' }] }]),
    'unknown action',
  ],
  [
    'an action with from',
    v2([{ op: 'do', from: 'root/a', actions: [{ op: 'sleep', ms: 1, from: 'root/a' }] }]),
    'from',
  ],
  ['an action that is a number', v2([{ op: 'do', from: 'root/a', actions: [3] }]), 'actions[0]'],
  ['sleep without ms', v1([{ op: 'sleep' }]), 'ms'],
  [
    'start_child with a bad child',
    v1([{ op: 'start_child', sup: 'root', child: { id: 'c', type: 'robot' } }]),
    'type',
  ],
  ['terminate_child with a bad id', v1([{ op: 'terminate_child', sup: 'root', id: '#0' }]), 'id'],
  ['unordered that is a number', '{"tree": {"id": "r"}, "unordered": 1}', 'unordered'],
  ['unordered out of range', '{"tree": {"id": "r"}, "unordered": [0]}', 'unordered'],
  [
    'a scenario that never settles (two rules answering each other forever)',
    v2([{ op: 'tell', from: 'root/a', to: 'root/b', msg: 'ping' }], {
      id: 'root',
      children: [
        { id: 'a', on: [{ message: 'pong', reply: 'ping' }] },
        { id: 'b', on: [{ message: 'ping', reply: 'pong' }] },
      ],
    }),
    'does not settle',
  ],
];
