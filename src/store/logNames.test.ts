import { describe, expect, it } from 'vitest';
import { applyBatch } from './applyEvent';
import { at, lines } from './testing/find';
import { LiveNode, sup, worker } from './testing/liveNode';
import { initialViewState } from './viewState';

describe('how a log line names a process', () => {
  it('a child started at run time by its slot in the pool, and each pid as it was then', () => {
    const node = new LiveNode(1).start(
      sup('root', {}, [
        { ...sup('pool', { strategy: 'simple_one_for_one', intensity: 5 }), template: worker('w') },
      ]),
    );
    let s = applyBatch(initialViewState({ deadLingerMs: 60_000 }), node.batch());
    node.startDynamic(at(s, 'root/pool').pid, []);
    s = applyBatch(s, node.batch());
    const first = at(s, 'root/pool/#1');
    node.crash(first.pid, 'boom').settle();
    s = applyBatch(s, node.batch());
    const second = at(s, 'root/pool/#1');
    node.crash(second.pid, 'bang').settle();
    s = applyBatch(s, node.batch());
    // Two pids in one slot: each line keeps the pid it was written about.
    expect(lines(s, 'exit')).toEqual([
      `pool/#1 ${first.key} exited: boom`,
      `pool/#1 ${second.key} exited: bang`,
    ]);
  });

  it('a child by its id in the tree, the same before and after its registered name goes', () => {
    const node = new LiveNode(1).start(sup('root', {}, [worker('cache', { name: 'kv' })]));
    let s = applyBatch(initialViewState(), node.batch());
    const kv = at(s, 'root/cache');
    // It registers in its init, before its supervisor has it in a slot: the pid alone, then.
    expect(lines(s, 'register')).toEqual([`${kv.key} registered as kv`]);
    node.crash(kv.pid, 'boom').settle();
    s = applyBatch(s, node.batch());
    // A dying process's name goes first (ERTS); the lines around it name it alike.
    expect(lines(s, 'crash_report', 'unregister', 'exit').map((l) => l.split(':')[0])).toEqual([
      `CRASH REPORT cache ${kv.key} crashed`,
      `cache ${kv.key} unregistered kv`,
      `cache ${kv.key} exited`,
    ]);
  });
});
