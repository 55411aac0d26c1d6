import { describe, expect, it } from 'vitest';
import { sup, system, worker } from '../testing/system';
import { startSupervisor } from './supervisor';

const root = (...children: ReturnType<typeof worker>[]) =>
  system().start(sup('root', { intensity: 3 }, children));

describe('start_link of a tree', () => {
  it('returns {ok, Pid} and starts children in spec order', () => {
    const sys = root(worker('a'), worker('b'));
    expect(sys.fmt(sys.startResult)).toBe('{ok,<root>}');
    expect(sys.lines(['init'])).toEqual(['init root/a ok', 'init root/b ok', 'init root ok']);
  });

  it('returns {error,{shutdown,{failed_to_start_child,Id,Reason}}} after terminating the children already started', () => {
    const sys = root(worker('a'), worker('b', { init: 'fail' }), worker('c'));
    expect(sys.fmt(sys.startResult)).toBe(
      '{error,{shutdown,{failed_to_start_child,b,init_failed}}}',
    );
    sys.expectEvents([
      'init root/a ok',
      'init root/b stop init_failed',
      'exit root/b init_failed',
      'supervisor_report root start_error b init_failed',
      'exit root/a shutdown',
      'init root stop {shutdown,{failed_to_start_child,b,init_failed}}',
      'exit root {shutdown,{failed_to_start_child,b,init_failed}}',
    ]);
    expect(sys.startCount('root/c')).toBe(0);
  });

  it('keeps the spec of a child whose init returns ignore, with pid undefined', () => {
    const sys = root(worker('a', { init: 'ignore' }), worker('b'));
    expect(sys.fmt(sys.startResult)).toBe('{ok,<root>}');
    expect(sys.fmt(sys.whichChildren('root'))).toBe(
      '{{b,<root/b>,worker,{test_worker}},{a,undefined,worker,{test_worker}}}',
    );
  });

  it('drops a temporary child whose init returns ignore, and still starts the next one', () => {
    const sys = root(worker('t', { init: 'ignore', restart: 'temporary' }), worker('b'));
    sys.expectAlive('root/b').expectTree('root{b}');
  });

  it('returns ignore when the supervisor init callback returns ignore', () => {
    const sys = system();
    expect(sys.run((ctx) => startSupervisor(ctx, { name: 'root', init: () => 'ignore' }))).toBe(
      'ignore',
    );
    expect(sys.node.processCount).toBe(1);
  });
});

describe('start_child', () => {
  it('returns {ok, Pid} and adds the child after the others', () => {
    const sys = root(worker('a'));
    expect(sys.fmt(sys.startChild('root', worker('c')))).toBe('{ok,<root/c>}');
    sys.expectTree('root{a c}');
  });

  it('returns {error,{already_started,Pid}} for a running id and {error,already_present} for a stopped one', () => {
    const sys = root(worker('a'));
    sys.startChild('root', worker('c'));
    expect(sys.fmt(sys.startChild('root', worker('c')))).toBe('{error,{already_started,<root/c>}}');
    expect(sys.fmt(sys.terminateChild('root', 'c'))).toBe('ok');
    expect(sys.fmt(sys.startChild('root', worker('c')))).toBe('{error,already_present}');
  });

  it('returns {ok,undefined} for a child whose init ignores, keeping the spec unless temporary', () => {
    const sys = root(worker('a'));
    expect(sys.fmt(sys.startChild('root', worker('d', { init: 'ignore' })))).toBe('{ok,undefined}');
    expect(
      sys.fmt(sys.startChild('root', worker('t', { init: 'ignore', restart: 'temporary' }))),
    ).toBe('{ok,undefined}');
    sys.expectTree('root{a d:undefined}');
  });

  it('returns {error,{Reason,#child{id=Id}}} when the child fails to start, and keeps no spec', () => {
    const sys = root(worker('a'));
    expect(sys.fmt(sys.startChild('root', worker('e', { init: 'fail' })))).toBe(
      '{error,{init_failed,#child{id=e}}}',
    );
    sys.expectTree('root{a}');
    expect(sys.lines(['supervisor_report'])).toEqual([]);
  });

  it('refuses an invalid child spec with a message naming the child', () => {
    const sys = root(worker('a'));
    const r = sys.startChild('root', worker('s', { restart: 'permanent', significant: true }));
    expect(r).toEqual(['error', expect.stringContaining("'s'")]);
  });
});

describe('terminate_child, restart_child, delete_child', () => {
  it('follows OTP through a whole sequence (as terminate_restart_delete_child)', () => {
    const sys = root(worker('a'), worker('b'));
    const steps = [
      sys.terminateChild('root', 'a'),
      sys.whichChildren('root'),
      sys.restartChild('root', 'a'),
      sys.deleteChild('root', 'a'),
      sys.restartChild('root', 'a'),
      sys.terminateChild('root', 'a'),
      sys.deleteChild('root', 'a'),
      sys.restartChild('root', 'a'),
      sys.terminateChild('root', 'a'),
      sys.deleteChild('root', 'a'),
      sys.countChildren('root'),
    ].map((r) => sys.fmt(r));
    expect(steps).toEqual([
      'ok',
      '{{b,<root/b>,worker,{test_worker}},{a,undefined,worker,{test_worker}}}',
      '{ok,<root/a>}',
      '{error,running}',
      '{error,running}',
      'ok',
      'ok',
      '{error,not_found}',
      '{error,not_found}',
      '{error,not_found}',
      '{{specs,1},{active,1},{supervisors,0},{workers,1}}',
    ]);
    // Only the delete that succeeded tells the world the slot is gone.
    expect(sys.lines(['child_deleted'])).toEqual(['child_deleted root a']);
  });

  it('terminate_child shuts the child down with its shutdown spec and does not restart it', () => {
    const sys = root(worker('a', { trapExit: true, terminateMs: 250 }));
    sys.clearEvents().terminateChild('root', 'a');
    sys.expectEvents(['exit root/a shutdown']);
    expect(sys.clock.now()).toBe(250);
    expect(sys.lines(['restart'])).toEqual([]);
  });

  it('terminate_child removes a temporary child’s spec', () => {
    const sys = root(worker('t', { restart: 'temporary' }), worker('b'));
    expect(sys.terminateChild('root', 't')).toBe('ok');
    sys.expectTree('root{b}');
    expect(sys.fmt(sys.restartChild('root', 't'))).toBe('{error,not_found}');
  });

  it('restart_child returns the start error of a child that fails, and leaves it stopped', () => {
    const sys = root(worker('a'));
    sys.terminateChild('root', 'a');
    sys.setInit('root/a', 'fail');
    expect(sys.fmt(sys.restartChild('root', 'a'))).toBe('{error,init_failed}');
    sys.expectTree('root{a:undefined}');
  });
});

describe('which_children and count_children', () => {
  it('lists static children newest first, a start_child one first of all', () => {
    const sys = root(worker('a'), worker('b'));
    sys.startChild('root', worker('c'));
    sys.startChild('root', sup('s', {}, [worker('x')]));
    expect(sys.fmt(sys.whichChildren('root'))).toBe(
      '{{s,<root/s>,supervisor,{supervisor}},{c,<root/c>,worker,{test_worker}},{b,<root/b>,worker,{test_worker}},{a,<root/a>,worker,{test_worker}}}',
    );
  });

  it('counts specs, active children, supervisors and workers (as start_child_results)', () => {
    const sys = root(worker('a'));
    sys.startChild('root', worker('c'));
    sys.startChild('root', worker('d', { init: 'ignore' }));
    sys.startChild('root', worker('e', { init: 'fail' }));
    sys.startChild('root', sup('s', {}, []));
    expect(sys.fmt(sys.countChildren('root'))).toBe(
      '{{specs,4},{active,3},{supervisors,1},{workers,3}}',
    );
  });

  it('calls to a dead supervisor exit the caller with noproc', () => {
    const sys = root(worker('a'));
    sys.exit('root', 'shutdown').settle();
    expect(() => sys.whichChildren('root')).toThrow(/noproc/);
  });
});

describe('set_flags (playground only, not OTP)', () => {
  it('switches strategy live and counts later restarts against the new intensity', () => {
    const sys = system().start(
      sup('root', { strategy: 'one_for_one', intensity: 5 }, [worker('a'), worker('b')]),
    );
    expect(sys.supCall('root', ['set_flags', { strategy: 'one_for_all', intensity: 0 }])).toBe(
      'ok',
    );
    sys.crash('root/a', 'boom').settle();
    expect(sys.isAlive('root')).toBe(false);
  });

  it('refuses a bad intensity, naming the supervisor', () => {
    const sys = system().start(sup('root', {}, [worker('a')]));
    expect(sys.supCall('root', ['set_flags', { intensity: -1 }])).toEqual([
      'error',
      'supervisor root: intensity must be an integer >= 0, got -1',
    ]);
  });
});
