import { describe, expect, it } from 'vitest';
import { list } from '../term';
import type { TraceEvent } from '../traceEvent';
import { sup, system, worker } from '../testing/system';

type Report = Extract<TraceEvent, { type: 'supervisor_report' }>;
const reports = (events: TraceEvent[]): Report[] =>
  events.filter((e): e is Report => e.type === 'supervisor_report');

describe('SUPERVISOR REPORTs as TraceEvents, with OTP’s errorContext', () => {
  it('child_terminated: the child, its pid and the reason it died with', () => {
    const sys = system().start(sup('root', {}, [worker('a')]));
    const a = sys.pid('root/a');
    sys.clearEvents().crash('root/a', 'boom').settle();
    expect(reports(sys.events)).toEqual([
      {
        type: 'supervisor_report',
        t: 0,
        sup: sys.pid('root'),
        context: 'child_terminated',
        reason: 'boom',
        childId: 'a',
        childPid: a,
        // The rest of the offender (supervisor:extract_child/1), from the child's spec.
        child: {
          mfargs: ['test_worker', 'start_link', list()],
          restartType: 'permanent',
          significant: false,
          shutdown: 5000,
          childType: 'worker',
        },
      },
    ]);
  });

  it('start_error: a (re)start that failed, with the start error as reason', () => {
    const sys = system().start(sup('root', { intensity: 1 }, [worker('a')]));
    sys.setInit('root/a', 'fail', 'ok').clearEvents().crash('root/a', 'boom').settle();
    expect(reports(sys.events).map((r) => [r.context, r.childId, r.reason])).toEqual([
      ['child_terminated', 'a', 'boom'],
      ['start_error', 'a', 'init_failed'],
      // The retry is the second restart in the window: intensity 1 is exceeded.
      ['shutdown', 'a', 'reached_max_restart_intensity'],
    ]);
  });

  it('shutdown_error: a child that did not stop with the expected reason during a shutdown', () => {
    const sys = system().start(
      sup('root', {}, [worker('slow', { trapExit: true, terminateMs: 900, shutdown: 100 })]),
    );
    const slow = sys.pid('root/slow');
    sys.clearEvents().exit('root', 'shutdown').settle();
    expect(reports(sys.events)).toMatchObject([
      { context: 'shutdown_error', childId: 'slow', childPid: slow, reason: 'killed' },
    ]);
  });

  it('shutdown + reached_max_restart_intensity: the supervisor gives up, then a supervisor_gave_up event', () => {
    const sys = system()
      .start(sup('root', { intensity: 0 }, [worker('a')]))
      .clearEvents();
    sys.crash('root/a', 'boom').settle();
    expect(sys.lines(['supervisor_report', 'supervisor_gave_up'])).toEqual([
      'supervisor_report root child_terminated a boom',
      'supervisor_report root shutdown a reached_max_restart_intensity',
      'gave_up root reached_max_restart_intensity',
    ]);
  });

  it('no report for a normal exit of a transient child or a temporary one', () => {
    const sys = system()
      .start(
        sup('root', {}, [
          worker('t', { restart: 'transient' }),
          worker('tmp', { restart: 'temporary' }),
        ]),
      )
      .clearEvents();
    sys.crash('root/t', 'shutdown').crash('root/tmp', ['shutdown', 'done']).settle();
    expect(reports(sys.events)).toEqual([]);
  });

  it('a PROGRESS REPORT (child_started) for each child started, with its id', () => {
    const sys = system().start(sup('root', {}, [worker('a'), worker('b')]));
    expect(sys.lines(['child_started'])).toEqual([
      'child_started root root/a',
      'child_started root root/b',
    ]);
  });
});
