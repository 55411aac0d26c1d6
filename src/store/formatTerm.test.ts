import { describe, expect, it } from 'vitest';
import { isWirePid } from '../base';
import { formatTerm } from './formatTerm';

describe('formatTerm (wire terms, as ~0p prints them)', () => {
  it('prints atoms, quoting the ones that need it', () => {
    expect(formatTerm('boom')).toBe('boom');
    expect(formatTerm('EXIT')).toBe("'EXIT'");
    expect(formatTerm('hello world')).toBe("'hello world'");
    expect(formatTerm("it's")).toBe("'it\\'s'");
    expect(formatTerm(undefined)).toBe('undefined');
    expect(formatTerm(true)).toBe('true');
  });

  it('prints numbers, tuples and maps', () => {
    expect(formatTerm(42)).toBe('42');
    expect(formatTerm(1.5)).toBe('1.5');
    expect(formatTerm(['shutdown', ['failed_to_start_child', 'a', 'init_failed']])).toBe(
      '{shutdown,{failed_to_start_child,a,init_failed}}',
    );
    expect(formatTerm([])).toBe('{}');
    expect(formatTerm({ count: 1, name: 'x' })).toBe('#{count => 1,name => x}');
    expect(formatTerm({})).toBe('#{}');
  });

  it('prints pids after structured clone, by registered name when there is one', () => {
    const pid = structuredClone({ node: 0, id: 5 });
    expect(isWirePid(pid)).toBe(true);
    expect(formatTerm(['EXIT', pid, 'boom'])).toBe("{'EXIT',<0.5.0>,boom}");
    expect(formatTerm(pid, { pidName: (k) => (k === '<0.5.0>' ? 'cache' : undefined) })).toBe(
      'cache',
    );
    expect(isWirePid({ node: 0, id: 5, x: 1 })).toBe(false);
  });

  it("prints refs where OTP's shapes put them", () => {
    const ref = { node: 0, id: 7 };
    const pid = { node: 0, id: 5 };
    expect(formatTerm(['DOWN', ref, 'process', pid, 'normal'])).toBe(
      "{'DOWN',#Ref<0.7>,process,<0.5.0>,normal}",
    );
    expect(formatTerm(['$gen_call', [pid, ref], 'ping'])).toBe(
      "{'$gen_call',{<0.5.0>,#Ref<0.7>},ping}",
    );
  });

  it('prints records, and cuts long or deep terms', () => {
    expect(formatTerm({ name: 'child', fields: { id: 'a' } })).toBe('#child{id=a}');
    expect(formatTerm(['a', ['b', ['c', ['d']]]], { depth: 3 })).toBe('{a,{b,...}}');
    expect(formatTerm(['aaaaaaaaaa', 'bbbbbbbbbb'], { maxLength: 12 })).toBe('{aaaaaaaa...');
  });
});
