import { describe, expect, it } from 'vitest';
import { Node, binary, formatTerm, list } from '../runtime';
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
});
