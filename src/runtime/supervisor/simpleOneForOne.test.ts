import { describe, expect, it } from 'vitest';
import type { Ctx } from '../ctx';
import { startLink } from '../genServer';
import type { GenServerModule } from '../genServer';
import type { Term } from '../term';
import { sup, system, worker } from '../testing/system';
import type { WorkerOpts } from '../testing/system';
import { childSpec, supFlags } from './childSpec';
import { startSupervisor } from './supervisor';

const pool = (template: WorkerOpts = {}, intensity = 5) =>
  system().start(
    sup('root', { intensity: 5 }, [
      sup('pool', { strategy: 'simple_one_for_one', intensity, template: worker('w', template) }),
    ]),
  );

describe('simple_one_for_one', () => {
  it('starts no child at init, and one per start_child from the template', () => {
    const sys = pool();
    sys.expectTree('root{pool{}}');
    expect(sys.fmt(sys.startChild('root/pool'))).toBe('{ok,<root/pool/#1>}');
    expect(sys.fmt(sys.startChild('root/pool'))).toBe('{ok,<root/pool/#2>}');
    sys.expectTree('root{pool{#1 #2}}');
  });

  it("appends start_child's args to the template's args", () => {
    const seen: Term[] = [];
    const keeper: GenServerModule<null, readonly Term[]> = {
      name: 'keeper',
      init: () => ['ok', null],
    };
    const sys = system();
    const r = sys.run((ctx) =>
      startSupervisor(ctx, {
        name: 'pool',
        init: () => ({
          flags: supFlags('erlang', { strategy: 'simple_one_for_one' }),
          children: [
            childSpec({
              id: 'w',
              args: ['from_template'],
              start: (c: Ctx, args) => {
                seen.push(args);
                return startLink(c, keeper, args);
              },
            }),
          ],
        }),
      }),
    );
    const poolPid = (r as readonly Term[])[1];
    sys.name(poolPid as never, 'pool');
    sys.supCall('pool', ['start_child', ['x', 1]]);
    sys.supCall('pool', ['start_child', []]);
    expect(seen).toEqual([['from_template', 'x', 1], ['from_template']]);
  });

  it('restarts a crashed child with the same args; which_children lists pids in spawn order (undefined ids)', () => {
    const sys = pool();
    for (let i = 0; i < 3; i++) sys.startChild('root/pool');
    sys.crash('root/pool/#2', 'boom').settle();
    expect(sys.startCount('root/pool/#2')).toBe(2);
    expect(sys.fmt(sys.whichChildren('root/pool'))).toBe(
      '{{undefined,<root/pool/#1>,worker,{test_worker}},{undefined,<root/pool/#3>,worker,{test_worker}},{undefined,<root/pool/#2>,worker,{test_worker}}}',
    );
  });

  it('answers {error,simple_one_for_one} to restart_child, delete_child and terminate_child by id', () => {
    const sys = pool();
    sys.startChild('root/pool');
    expect(sys.fmt(sys.restartChild('root/pool', '#1'))).toBe('{error,simple_one_for_one}');
    expect(sys.fmt(sys.deleteChild('root/pool', '#1'))).toBe('{error,simple_one_for_one}');
    expect(sys.fmt(sys.supCall('root/pool', ['terminate_child', 'w']))).toBe(
      '{error,simple_one_for_one}',
    );
  });

  it('terminate_child by pid: ok for its child (and for a dead pid), {error,not_found} for a live stranger', () => {
    const sys = pool();
    sys.startChild('root/pool');
    sys.startChild('root/pool');
    expect(sys.fmt(sys.terminateChild('root/pool', '#1'))).toBe('ok');
    sys.expectDead('root/pool/#1').expectTree('root{pool{#2}}');
    expect(sys.fmt(sys.terminateChild('root/pool', '#1'))).toBe('ok');
    expect(sys.fmt(sys.supCall('root/pool', ['terminate_child', sys.pid('root')]))).toBe(
      '{error,not_found}',
    );
  });

  it('counts children: one spec, active ones, workers', () => {
    const sys = pool();
    for (let i = 0; i < 3; i++) sys.startChild('root/pool');
    sys.terminateChild('root/pool', '#1');
    expect(sys.fmt(sys.countChildren('root/pool'))).toBe(
      '{{specs,1},{active,2},{supervisors,0},{workers,2}}',
    );
  });

  it('returns the start result unwrapped: {ok,undefined} for ignore, {error,R} for a failing init', () => {
    const sys = pool();
    sys.setInit('root/pool/#1', 'ignore').setInit('root/pool/#2', 'fail');
    expect(sys.fmt(sys.startChild('root/pool'))).toBe('{ok,undefined}');
    expect(sys.fmt(sys.startChild('root/pool'))).toBe('{error,init_failed}');
    sys.expectTree('root{pool{}}');
  });

  it('does not restart a temporary child, and forgets it', () => {
    const sys = pool({ restart: 'temporary' });
    sys.startChild('root/pool');
    sys.crash('root/pool/#1', 'boom').settle();
    sys.expectTree('root{pool{}}');
    expect(sys.fmt(sys.countChildren('root/pool'))).toBe(
      '{{specs,1},{active,0},{supervisors,0},{workers,0}}',
    );
  });

  it('shuts its children down concurrently, under one shutdown timer', () => {
    const sys = pool({ trapExit: true, terminateMs: 300, shutdown: 1000 });
    for (let i = 0; i < 3; i++) sys.startChild('root/pool');
    sys.clearEvents().exit('root', 'shutdown').settle();
    const exits = sys.events.filter((e) => e.type === 'exit');
    expect(exits.map((e) => e.t)).toEqual([300, 300, 300, 300, 300]);
    expect(sys.lines(['exit']).slice(-2)).toEqual([
      'exit root/pool shutdown',
      'exit root shutdown',
    ]);
  });

  it('kills the children still running when the shutdown time is up (reported as shutdown_error killed)', () => {
    const sys = pool({ trapExit: true, terminateMs: 5000, shutdown: 200 });
    sys.startChild('root/pool');
    sys.startChild('root/pool');
    sys.clearEvents().exit('root', 'shutdown').settle();
    expect(sys.lines(['exit'])).toEqual([
      'exit root/pool/#1 killed',
      'exit root/pool/#2 killed',
      'exit root/pool shutdown',
      'exit root shutdown',
    ]);
    expect(new Set(sys.lines(['supervisor_report']))).toEqual(
      new Set(['supervisor_report root/pool shutdown_error undefined killed']),
    );
    expect(sys.clock.now()).toBe(200);
  });

  it('writes one shutdown_error report per reason, not per child', () => {
    const sys = pool({ trapExit: true, terminateMs: 5000, shutdown: 200 });
    sys.startChild('root/pool');
    sys.startChild('root/pool');
    sys.clearEvents().exit('root', 'shutdown').settle();
    expect(sys.lines(['supervisor_report'])).toHaveLength(1);
  });
});
