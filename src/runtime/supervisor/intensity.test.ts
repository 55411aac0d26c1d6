import { describe, expect, it } from 'vitest';
import { call } from '../genServer';
import type { Term } from '../term';
import { sup, system, worker } from '../testing/system';
import type { System } from '../testing/system';

describe('restart intensity', () => {
  it('gives up when restarts exceed the intensity: reports, shuts the rest down in reverse order, exits shutdown', () => {
    const sys = system().start(
      sup('root', { intensity: 1, period: 5 }, [worker('a'), worker('b'), worker('c')]),
    );
    sys.clearEvents().crash('root/a', 'boom').settle().crash('root/a', 'boom').settle();
    sys.expectEvents([
      'exit root/a boom',
      'supervisor_report root child_terminated a boom',
      'init root/a ok',
      'exit root/a boom',
      'supervisor_report root child_terminated a boom',
      'supervisor_report root shutdown a reached_max_restart_intensity',
      'gave_up root reached_max_restart_intensity',
      'exit root/c shutdown',
      'exit root/b shutdown',
      'exit root shutdown',
    ]);
    expect(sys.lines(['restart'])).toEqual(['restart root a 1/1', 'restart root a 2/1']);
  });

  it('gives up on the first crash with intensity 0', () => {
    const sys = system()
      .start(sup('root', { intensity: 0 }, [worker('a')]))
      .crash('root/a', 'boom')
      .settle();
    sys.expectDead('root');
    expect(sys.exitReason('root')).toBe('shutdown');
  });

  it('counts restarts in whole seconds: one exactly Period seconds earlier still counts', () => {
    // Restart at second 0; the next crash at 5.9 s is in second 5 = Now - Period: still in the window.
    const sys = system().start(sup('root', { intensity: 1, period: 5 }, [worker('a')]));
    sys.crash('root/a', 'boom').settle().advance(5900).crash('root/a', 'boom').settle();
    sys.expectDead('root');
  });

  it('forgets a restart once it is more than Period seconds old', () => {
    const sys = system().start(sup('root', { intensity: 1, period: 5 }, [worker('a')]));
    sys.crash('root/a', 'boom').settle().advance(6000).crash('root/a', 'boom').settle();
    sys.expectAlive('root');
    expect(sys.startCount('root/a')).toBe(3);
  });

  it('slides the window: restarts 3.3 s apart are fine with intensity 1, period 2; one more at once is too many', () => {
    const sys = system().start(
      sup('root', { intensity: 1, period: 2 }, [worker('a'), worker('b')]),
    );
    sys
      .crash('root/a', 'boom')
      .settle()
      .advance(3300)
      .crash('root/a', 'boom')
      .settle()
      .expectAlive('root');
    sys.crash('root/b', 'boom').settle().expectDead('root');
  });

  it("uses Erlang's defaults (1 in 5 s) or Elixir's (3 in 5 s) by flavour", () => {
    const crashes = (flavour: 'erlang' | 'elixir'): number => {
      const sys = system({ flavour }).start(sup('root', {}, [worker('a')]));
      let n = 0;
      while (sys.isAlive('root') && n < 10) {
        sys.crash('root/a', 'boom').settle();
        n++;
      }
      return n;
    };
    expect(crashes('erlang')).toBe(2);
    expect(crashes('elixir')).toBe(4);
  });
});

describe('escalation', () => {
  const nested = (subRestart: 'permanent' | 'transient', rootIntensity = 1) =>
    system().start(
      sup('root', { intensity: rootIntensity }, [
        sup('sub', { intensity: 0, restart: subRestart }, [worker('x')]),
        worker('y'),
      ]),
    );

  it("restarts a permanent sub-supervisor that gave up, counting against the parent's intensity", () => {
    const sys = nested('permanent').clearEvents();
    sys.crash('root/sub/x', 'boom').settle();
    sys.expectEvents([
      'exit root/sub/x boom',
      'supervisor_report root/sub child_terminated x boom',
      'supervisor_report root/sub shutdown x reached_max_restart_intensity',
      'gave_up root/sub reached_max_restart_intensity',
      'exit root/sub shutdown',
      'supervisor_report root child_terminated sub shutdown',
      'init root/sub/x ok',
      'init root/sub ok',
    ]);
    sys.expectTree('root{sub{x} y}');
    expect(sys.lines(['restart'])).toEqual(['restart root/sub x 1/0', 'restart root sub 1/1']);
    // Once more in the same second: the sub-supervisor gives up again, and now so does root.
    sys.clearEvents().crash('root/sub/x', 'boom').settle();
    sys.expectDead('root');
    expect(sys.lines(['exit']).slice(-2)).toEqual(['exit root/y shutdown', 'exit root shutdown']);
  });

  it('does not restart a transient sub-supervisor that gave up: the subtree silently stays down', () => {
    const sys = nested('transient').clearEvents();
    sys.crash('root/sub/x', 'boom').settle();
    expect(sys.lines(['supervisor_report'])).toEqual([
      'supervisor_report root/sub child_terminated x boom',
      'supervisor_report root/sub shutdown x reached_max_restart_intensity',
    ]);
    sys.expectTree('root{sub:undefined y}');
  });

  it('a root that gives up exits shutdown to its parent', () => {
    const sys = nested('permanent', 0).crash('root/y', 'boom').settle();
    expect(sys.exitReason('root')).toBe('shutdown');
    expect(sys.node.processInfo(sys.driver)?.mailbox).toContainEqual([
      'EXIT',
      sys.pid('root'),
      'shutdown',
    ]);
  });
});

describe('failed restarts', () => {
  /** Steps the node until a start_error report has been written. */
  const untilStartError = (sys: System): System => {
    while (!sys.events.some((e) => e.type === 'supervisor_report' && e.context === 'start_error')) {
      if (!sys.node.step()) throw new Error('no start_error');
    }
    return sys;
  };

  it('retries a child whose restart failed through its own mailbox; every attempt counts', () => {
    const sys = system()
      .start(sup('root', { intensity: 3, period: 5 }, [worker('a'), worker('b')]))
      .clearEvents();
    sys.setInit('root/a', 'fail').crash('root/a', 'boom').settle();
    expect(sys.lines(['restart', 'supervisor_report', 'supervisor_gave_up'])).toEqual([
      'supervisor_report root child_terminated a boom',
      'restart root a 1/3',
      'supervisor_report root start_error a init_failed',
      'restart root a 2/3',
      'supervisor_report root start_error a init_failed',
      'restart root a 3/3',
      'supervisor_report root start_error a init_failed',
      'restart root a 4/3',
      'supervisor_report root shutdown a reached_max_restart_intensity',
      'gave_up root reached_max_restart_intensity',
    ]);
    sys.expectDead('root', 'root/b');
  });

  it('recovers when a retry succeeds', () => {
    const sys = system().start(sup('root', { intensity: 5 }, [worker('a')]));
    sys.setInit('root/a', 'fail', 'fail', 'ok').crash('root/a', 'boom').settle();
    sys.expectAlive('root', 'root/a').expectTree('root{a}');
    expect(sys.lines(['restart']).at(-1)).toBe('restart root a 3/5');
  });

  it('shows a child being retried as restarting; restart_child and delete_child answer {error, restarting}', () => {
    const sys = system().start(sup('root', { intensity: 10 }, [worker('a'), worker('b')]));
    // Enough failures that the retries outlast the four calls below, which interleave with them.
    sys
      .setInit('root/a', 'fail', 'fail', 'fail', 'fail', 'fail', 'fail', 'ok')
      .crash('root/a', 'boom');
    untilStartError(sys);
    const root = sys.pid('root');
    // The first call is queued behind the supervisor's first retry, ahead of its second.
    const answers: Term[] = [];
    sys.enqueue(function* (ctx) {
      answers.push(yield* call(ctx, root, ['which_children'], 'infinity'));
      answers.push(yield* call(ctx, root, ['restart_child', 'a'], 'infinity'));
      answers.push(yield* call(ctx, root, ['delete_child', 'a'], 'infinity'));
      answers.push(yield* call(ctx, root, ['count_children'], 'infinity'));
      return 'done';
    });
    sys.settle();
    expect(answers.map((a) => sys.fmt(a))).toEqual([
      '{{b,<root/b>,worker,{test_worker}},{a,restarting,worker,{test_worker}}}',
      '{error,restarting}',
      '{error,restarting}',
      '{{specs,2},{active,1},{supervisors,0},{workers,2}}',
    ]);
    sys.expectTree('root{a b}');
  });

  it('under one_for_all, a failed restart of a sibling marks that sibling restarting and retries the whole group', () => {
    const sys = system().start(
      sup('root', { strategy: 'one_for_all', intensity: 10 }, [
        worker('a'),
        worker('b'),
        worker('c'),
      ]),
    );
    sys.setInit('root/b', 'fail', 'ok').clearEvents().crash('root/a', 'boom').settle();
    expect(sys.lines(['init', 'restart', 'supervisor_report'])).toEqual([
      'supervisor_report root child_terminated a boom',
      'restart root a 1/10',
      'init root/a ok',
      'init root/b stop init_failed',
      'supervisor_report root start_error b init_failed',
      'restart root b 2/10',
      'init root/a ok',
      'init root/b ok',
      'init root/c ok',
    ]);
    sys.expectTree('root{a b c}');
  });
});
