import { describe, expect, it } from 'vitest';
import type { Strategy } from './childSpec';
import { sup, system, worker } from '../testing/system';

/** root with children a, b, c (d) under `strategy`, intensity high enough not to give up. */
const tree = (strategy: Strategy, ids = ['a', 'b', 'c']) =>
  system()
    .start(
      sup(
        'root',
        { strategy, intensity: 10 },
        ids.map((id) => worker(id)),
      ),
    )
    .clearEvents();

describe('one_for_one', () => {
  it('restarts only the crashed child', () => {
    const sys = tree('one_for_one');
    const [a, c] = [sys.pid('root/a'), sys.pid('root/c')];
    sys.crash('root/b', 'boom').settle();
    sys.expectEvents([
      'exit root/b boom',
      'supervisor_report root child_terminated b boom',
      'init root/b ok',
    ]);
    expect([sys.pid('root/a'), sys.pid('root/c')]).toEqual([a, c]);
    sys.expectTree('root{a b c}');
  });

  it('lets a restarted child register the name its previous incarnation had', () => {
    const sys = system().start(sup('root', { intensity: 5 }, [worker('a', { name: 'srv' })]));
    const first = sys.pid('root/a');
    sys.kill('root/a').settle().crash('root/a', 'boom').settle();
    expect(sys.startCount('root/a')).toBe(3);
    expect(sys.node.whereis('srv')).toBe(sys.pid('root/a'));
    expect(sys.pid('root/a')).not.toBe(first);
  });

  it('restarts a child that was killed', () => {
    const sys = tree('one_for_one');
    sys.kill('root/a').settle();
    sys.expectEvents([
      'exit root/a killed',
      'supervisor_report root child_terminated a killed',
      'init root/a ok',
    ]);
    expect(sys.startCount('root/a')).toBe(2);
  });
});

describe('one_for_all', () => {
  it('terminates the other children in reverse start order, then restarts all in start order', () => {
    const sys = tree('one_for_all', ['a', 'b', 'c', 'd']);
    sys.crash('root/b', 'boom').settle();
    sys.expectEvents([
      'exit root/b boom',
      'supervisor_report root child_terminated b boom',
      'exit root/d shutdown',
      'exit root/c shutdown',
      'exit root/a shutdown',
      'init root/a ok',
      'init root/b ok',
      'init root/c ok',
      'init root/d ok',
    ]);
    sys.expectTree('root{a b c d}');
  });

  it('removes a temporary sibling terminated as collateral instead of restarting it', () => {
    const sys = system()
      .start(
        sup('root', { strategy: 'one_for_all', intensity: 10 }, [
          worker('a'),
          worker('t', { restart: 'temporary' }),
          worker('c'),
        ]),
      )
      .clearEvents();
    sys.crash('root/a', 'boom').settle();
    sys.expectEvents([
      'exit root/a boom',
      'supervisor_report root child_terminated a boom',
      'exit root/c shutdown',
      'exit root/t shutdown',
      'init root/a ok',
      'init root/c ok',
    ]);
    sys.expectTree('root{a c}');
  });

  it('counts one crash as one restart, however many children it restarts', () => {
    const sys = system().start(
      sup('root', { strategy: 'one_for_all', intensity: 1 }, [
        worker('a'),
        worker('b'),
        worker('c'),
      ]),
    );
    sys.clearEvents().crash('root/a', 'boom').settle();
    expect(sys.lines(['restart'])).toEqual(['restart root a 1/1']);
    sys.expectAlive('root').expectTree('root{a b c}');
  });

  it('shuts collateral children down with their own shutdown spec (a trapping one runs terminate)', () => {
    const sys = system().start(
      sup('root', { strategy: 'one_for_all', intensity: 10 }, [
        worker('a'),
        worker('slow', { trapExit: true, terminateMs: 400, shutdown: 1000 }),
      ]),
    );
    sys.clearEvents().crash('root/a', 'boom').settle();
    const exitOfSlow = sys.events.find(
      (e) => e.type === 'exit' && sys.pathOf(e.pid) === 'root/slow',
    );
    expect(exitOfSlow).toMatchObject({ reason: 'shutdown', t: 400 });
    expect(sys.events.filter((e) => e.type === 'init').map((e) => e.t)).toEqual([400, 400]);
  });
});

describe('rest_for_one', () => {
  it('terminates the later siblings in reverse order, then restarts the crashed one and those after it', () => {
    const sys = tree('rest_for_one', ['a', 'b', 'c', 'd']);
    const a = sys.pid('root/a');
    sys.crash('root/b', 'boom').settle();
    sys.expectEvents([
      'exit root/b boom',
      'supervisor_report root child_terminated b boom',
      'exit root/d shutdown',
      'exit root/c shutdown',
      'init root/b ok',
      'init root/c ok',
      'init root/d ok',
    ]);
    expect(sys.pid('root/a')).toBe(a);
  });

  it('restarts only the last child when the last child crashes', () => {
    const sys = tree('rest_for_one');
    sys.crash('root/c', 'boom').settle();
    sys.expectEvents([
      'exit root/c boom',
      'supervisor_report root child_terminated c boom',
      'init root/c ok',
    ]);
  });
});

describe('nested supervisors', () => {
  it('a crash inside a sub-supervisor is handled there; the parent sees nothing', () => {
    const sys = system()
      .start(
        sup('root', { strategy: 'one_for_all' }, [
          worker('a'),
          sup('sub', { intensity: 5 }, [worker('x'), worker('y')]),
        ]),
      )
      .clearEvents();
    sys.crash('root/sub/x', 'boom').settle();
    sys.expectEvents([
      'exit root/sub/x boom',
      'supervisor_report root/sub child_terminated x boom',
      'init root/sub/x ok',
    ]);
    sys.expectTree('root{a sub{x y}}');
  });

  it('one_for_all at the root restarts a whole sub-tree, children first down, then up in order', () => {
    const sys = system()
      .start(
        sup('root', { strategy: 'one_for_all' }, [
          sup('sub', {}, [worker('x'), worker('y')]),
          worker('b'),
        ]),
      )
      .clearEvents();
    sys.crash('root/b', 'boom').settle();
    sys.expectEvents([
      'exit root/b boom',
      'supervisor_report root child_terminated b boom',
      'exit root/sub/y shutdown',
      'exit root/sub/x shutdown',
      'exit root/sub shutdown',
      // A supervisor's init returns once its children have started.
      'init root/sub/x ok',
      'init root/sub/y ok',
      'init root/sub ok',
      'init root/b ok',
    ]);
  });
});
