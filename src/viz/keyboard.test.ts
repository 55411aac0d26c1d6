import { describe, expect, it } from 'vitest';
import { applyBatch } from '../store/applyEvent';
import { initialViewState } from '../store/viewState';
import { LiveNode, sup, worker } from '../store/testing/liveNode';
import { neighbour } from './keyboard';
import { layout } from './layout';

describe('keyboard moves between drawn processes', () => {
  const node = new LiveNode(0).start(
    sup('root', {}, [worker('a'), sup('sub', {}, [worker('x'), worker('y')]), worker('b')]),
  );
  const l = layout(applyBatch(initialViewState(), node.batch()));
  const path = (id: string | undefined): string | undefined =>
    id === undefined ? undefined : l.byId.get(id)?.path;
  const from = (p: string): string => l.nodes.find((n) => n.path === p)!.id;

  it('goes down to the first child, up to the parent, sideways to siblings', () => {
    expect(path(neighbour(l, from('root'), 'ArrowDown'))).toBe('root/a');
    expect(path(neighbour(l, from('root/a'), 'ArrowRight'))).toBe('root/sub');
    expect(path(neighbour(l, from('root/sub'), 'ArrowDown'))).toBe('root/sub/x');
    expect(path(neighbour(l, from('root/sub/x'), 'ArrowRight'))).toBe('root/sub/y');
    expect(path(neighbour(l, from('root/sub/y'), 'ArrowUp'))).toBe('root/sub');
    expect(path(neighbour(l, from('root/sub'), 'ArrowLeft'))).toBe('root/a');
  });

  it('stays put at the edges, and Home/End go to the first and last', () => {
    expect(neighbour(l, from('root'), 'ArrowUp')).toBeUndefined();
    expect(neighbour(l, from('root/a'), 'ArrowLeft')).toBeUndefined();
    expect(neighbour(l, from('root/b'), 'ArrowDown')).toBeUndefined();
    expect(path(neighbour(l, from('root/sub/y'), 'Home'))).toBe('root');
    expect(path(neighbour(l, from('root'), 'End'))).toBe(l.nodes[l.nodes.length - 1]!.path);
    expect(neighbour(l, from('root'), 'q')).toBeUndefined();
  });
});
