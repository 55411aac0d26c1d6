import { describe, expect, it } from 'vitest';
import { Node, Pid, Ref, binary, formatTerm, list } from '../runtime';
import { toPlain } from './plain';

describe('lists and binaries across the worker boundary', () => {
  it('keep their { $list } / { $bin } shape through toPlain and structured clone, and come back as terms', () => {
    const term = ['shutdown', list('x', binary('y'), list(104, 105))];
    const wire = structuredClone(toPlain(term));
    expect(wire).toEqual(['shutdown', { $list: ['x', { $bin: 'y' }, { $list: [104, 105] }] }]);
    const back = new Node().rehydrate(wire);
    expect(formatTerm(back)).toBe('{shutdown,[x,<<"y">>,"hi"]}');
  });

  it('a function inside a list is made printable like anywhere else', () => {
    const wire = structuredClone(toPlain(list(function f() {} as never)));
    expect(wire).toEqual({ $list: ['#Fun<f>'] });
  });

  it('a ref keeps a shape apart from a pid ({ $ref: [node, id] }), and comes back as a ref', () => {
    const reply = [new Ref(1, 7), new Pid(1, 5)];
    const wire = structuredClone(toPlain(reply));
    expect(wire).toEqual([{ $ref: [1, 7] }, { node: 1, id: 5 }]);
    expect(formatTerm(new Node({ id: 1 }).rehydrate(wire))).toBe('{#Ref<1.7>,<1.5.0>}');
  });
});
