import { describe, expect, it } from 'vitest';
import { sup, system, worker } from '../testing/system';

describe('auto_shutdown (OTP 24+)', () => {
  const anySig = () =>
    system()
      .start(
        sup('root', { intensity: 3, autoShutdown: 'any_significant' }, [
          worker('main', { restart: 'transient', significant: true }),
          worker('helper'),
        ]),
      )
      .clearEvents();

  it('any_significant: restarts a significant transient child that crashes', () => {
    const sys = anySig().crash('root/main', 'boom').settle();
    sys.expectAlive('root').expectTree('root{main helper}');
  });

  it('any_significant: shuts down when a significant child ends by itself and is not restarted', () => {
    const sys = anySig().crash('root/main', 'normal').settle();
    sys.expectEvents([
      'exit root/main normal',
      'gave_up root auto_shutdown',
      'exit root/helper shutdown',
      'exit root shutdown',
    ]);
  });

  it('does not fire on terminate_child of a significant child', () => {
    const sys = anySig();
    expect(sys.terminateChild('root', 'main')).toBe('ok');
    sys.expectAlive('root').expectTree('root{main:undefined helper}');
  });

  it('fires for a significant temporary child that crashes (it is not restarted)', () => {
    const sys = system()
      .start(
        sup('root', { autoShutdown: 'any_significant' }, [
          worker('t', { restart: 'temporary', significant: true }),
          worker('h'),
        ]),
      )
      .crash('root/t', 'boom')
      .settle();
    sys.expectDead('root');
    expect(sys.exitReason('root')).toBe('shutdown');
  });

  it('all_significant: waits for the last significant child; a transient supervisor shut down so is not restarted', () => {
    const sys = system().start(
      sup('root', { intensity: 3 }, [
        worker('w'),
        sup('jobs', { restart: 'transient', autoShutdown: 'all_significant', intensity: 3 }, [
          worker('j1', { restart: 'temporary', significant: true }),
          worker('j2', { restart: 'temporary', significant: true }),
          worker('log'),
        ]),
      ]),
    );
    sys.crash('root/jobs/j1', 'normal').settle().expectAlive('root/jobs');
    expect(sys.fmt(sys.whichChildren('root/jobs'))).toBe(
      '{{log,<root/jobs/log>,worker,{test_worker}},{j2,<root/jobs/j2>,worker,{test_worker}}}',
    );
    sys.clearEvents().crash('root/jobs/j2', 'boom').settle();
    sys.expectEvents([
      'exit root/jobs/j2 boom',
      'supervisor_report root/jobs child_terminated j2 boom',
      'gave_up root/jobs auto_shutdown',
      'exit root/jobs/log shutdown',
      'exit root/jobs shutdown',
    ]);
    sys.expectTree('root{w jobs:undefined}');
  });

  it('never (the default) ignores significance altogether: a non-significant child ending changes nothing', () => {
    const sys = system()
      .start(sup('root', {}, [worker('t', { restart: 'transient' }), worker('h')]))
      .crash('root/t', 'normal')
      .settle();
    sys.expectAlive('root').expectTree('root{t:undefined h}');
  });

  it('simple_one_for_one with all_significant shuts down when its last dynamic child ends', () => {
    const sys = system().start(
      sup('root', {}, [
        sup('pool', {
          strategy: 'simple_one_for_one',
          restart: 'transient',
          autoShutdown: 'all_significant',
          template: worker('w', { restart: 'temporary', significant: true }),
        }),
      ]),
    );
    sys.startChild('root/pool');
    sys.startChild('root/pool');
    sys.crash('root/pool/#1', 'normal').settle().expectAlive('root/pool');
    sys.crash('root/pool/#2', 'normal').settle().expectDead('root/pool');
    sys.expectTree('root{pool:undefined}');
  });
});
