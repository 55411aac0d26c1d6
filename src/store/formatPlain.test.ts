import { describe, expect, it } from 'vitest';
import { isWirePid } from '../base';
import { formatPlainTerm } from './formatPlain';

describe('formatPlainTerm (plain terms, as ~0p prints them)', () => {
  it('prints atoms, quoting the ones that need it', () => {
    expect(formatPlainTerm('boom')).toBe('boom');
    expect(formatPlainTerm('EXIT')).toBe("'EXIT'");
    expect(formatPlainTerm('hello world')).toBe("'hello world'");
    expect(formatPlainTerm("it's")).toBe("'it\\'s'");
    expect(formatPlainTerm(undefined)).toBe('undefined');
    expect(formatPlainTerm(true)).toBe('true');
  });

  it('prints numbers, tuples and maps', () => {
    expect(formatPlainTerm(42)).toBe('42');
    expect(formatPlainTerm(1.5)).toBe('1.5');
    expect(formatPlainTerm(['shutdown', ['failed_to_start_child', 'a', 'init_failed']])).toBe(
      '{shutdown,{failed_to_start_child,a,init_failed}}',
    );
    expect(formatPlainTerm([])).toBe('{}');
    expect(formatPlainTerm({ count: 1, name: 'x' })).toBe('#{count => 1,name => x}');
    expect(formatPlainTerm({})).toBe('#{}');
  });

  it('prints pids after structured clone, by registered name when there is one', () => {
    const pid = structuredClone({ node: 0, id: 5 });
    expect(isWirePid(pid)).toBe(true);
    expect(formatPlainTerm(['EXIT', pid, 'boom'])).toBe("{'EXIT',<0.5.0>,boom}");
    expect(formatPlainTerm(pid, { pidName: (k) => (k === '<0.5.0>' ? 'cache' : undefined) })).toBe(
      'cache',
    );
    expect(isWirePid({ node: 0, id: 5, x: 1 })).toBe(false);
  });

  it("prints refs where OTP's shapes put them", () => {
    const ref = { node: 0, id: 7 };
    const pid = { node: 0, id: 5 };
    expect(formatPlainTerm(['DOWN', ref, 'process', pid, 'normal'])).toBe(
      "{'DOWN',#Ref<0.7>,process,<0.5.0>,normal}",
    );
    expect(formatPlainTerm(['$gen_call', [pid, ref], 'ping'])).toBe(
      "{'$gen_call',{<0.5.0>,#Ref<0.7>},ping}",
    );
  });

  it('prints a ref the node host posted as `{ $ref: [node, id] }` as #Ref, wherever it is', () => {
    const ref = { $ref: [1, 7] };
    expect(formatPlainTerm([ref, 42])).toBe('{#Ref<1.7>,42}');
    expect(formatPlainTerm(['$gen_call', [{ node: 1, id: 5 }, ref], 'get'])).toBe(
      "{'$gen_call',{<1.5.0>,#Ref<1.7>},get}",
    );
    expect(formatPlainTerm([['alias', ref], 'pong'])).toBe('{{alias,#Ref<1.7>},pong}');
    expect(formatPlainTerm({ $ref: [1, 7], x: 1 })).toBe("#{'$ref' => {1,7},x => 1}");
  });

  it('prints records, and cuts long or deep terms', () => {
    expect(formatPlainTerm({ name: 'child', fields: { id: 'a' } })).toBe('#child{id=a}');
    expect(formatPlainTerm(['a', ['b', ['c', ['d']]]], { depth: 3 })).toBe('{a,{b,...}}');
    expect(formatPlainTerm(['aaaaaaaaaa', 'bbbbbbbbbb'], { maxLength: 12 })).toBe('{aaaaaaaa...');
  });

  it('prints lists, strings and binaries as the runtime leaves them after structured clone', () => {
    expect(formatPlainTerm({ $list: [] })).toBe('[]');
    expect(formatPlainTerm({ $list: [104, 105] })).toBe('"hi"');
    expect(formatPlainTerm({ $list: ['x', { $bin: 'y' }, 300] })).toBe('[x,<<"y">>,300]');
    expect(formatPlainTerm(['shutdown', { $bin: 'bye' }])).toBe('{shutdown,<<"bye">>}');
    expect(formatPlainTerm({ $bin: '\x01' })).toBe('<<1>>');
    expect(formatPlainTerm({ $list: [1], other: 2 })).toBe(
      '#{$list => {1},other => 2}'.replace('$list', "'$list'"),
    );
  });

  it("prints a call's alias tag and its reply's tag as refs", () => {
    const ref = { node: 0, id: 7 };
    const pid = { node: 0, id: 5 };
    expect(formatPlainTerm(['$gen_call', [pid, ['alias', ref]], 'ping'])).toBe(
      "{'$gen_call',{<0.5.0>,{alias,#Ref<0.7>}},ping}",
    );
    expect(formatPlainTerm([['alias', ref], 'pong'])).toBe('{{alias,#Ref<0.7>},pong}');
  });
});
