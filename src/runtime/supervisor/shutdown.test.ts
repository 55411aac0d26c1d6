import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../traceEvent';
import { sup, system, worker } from '../testing/system';
import type { System, WorkerOpts } from '../testing/system';

/** Terminates root/w (spec `w`) and returns its exit reason, how long it took, and whether terminate/2 ran. */
function terminate(w: WorkerOpts): {
  reason: unknown;
  ms: number;
  result: string;
  reports: string[];
} {
  const sys = system()
    .start(sup('root', {}, [worker('w', w)]))
    .clearEvents();
  const t0 = sys.clock.now();
  const result = sys.fmt(sys.terminateChild('root', 'w'));
  const exit = sys.events.find(
    (e): e is Extract<TraceEvent, { type: 'exit' }> => e.type === 'exit',
  );
  return {
    reason: exit?.reason,
    ms: (exit?.t ?? NaN) - t0,
    result,
    reports: sys.lines(['supervisor_report']),
  };
}

describe('shutdown of one child (supervisor:shutdown/1)', () => {
  it('brutal_kill: exit(Child, kill), seen as killed at once; terminate/2 does not run', () => {
    expect(terminate({ trapExit: true, terminateMs: 1000, shutdown: 'brutal_kill' })).toEqual({
      reason: 'killed',
      ms: 0,
      result: 'ok',
      reports: [],
    });
  });

  it('a timeout: a trapping child runs terminate/2 and exits shutdown within the time', () => {
    expect(terminate({ trapExit: true, terminateMs: 300, shutdown: 1000 })).toMatchObject({
      reason: 'shutdown',
      ms: 300,
      reports: [],
    });
  });

  it('a timeout: a child that takes longer is killed when the time is up, and that is a shutdown_error', () => {
    expect(terminate({ trapExit: true, terminateMs: 2000, shutdown: 500 })).toEqual({
      reason: 'killed',
      ms: 500,
      result: 'ok',
      reports: ['supervisor_report root shutdown_error w killed'],
    });
  });

  it('infinity: waits as long as terminate/2 takes', () => {
    expect(terminate({ trapExit: true, terminateMs: 60_000, shutdown: 'infinity' })).toMatchObject({
      reason: 'shutdown',
      ms: 60_000,
    });
  });

  it('a child that does not trap exits dies at once with shutdown, without terminate/2', () => {
    expect(terminate({ terminateMs: 1000, shutdown: 1000 })).toMatchObject({
      reason: 'shutdown',
      ms: 0,
      reports: [],
    });
  });

  it('defaults: 5000 ms for a worker', () => {
    expect(terminate({ trapExit: true, terminateMs: 9000 })).toMatchObject({
      reason: 'killed',
      ms: 5000,
    });
  });
});

describe('shutdown of a whole supervisor', () => {
  const stopRoot = (sys: System): System => sys.clearEvents().exit('root', 'shutdown').settle();

  it('terminates children in reverse start order, one after the other, each by its own spec', () => {
    const sys = stopRoot(
      system().start(
        sup('root', {}, [
          worker('a', { trapExit: true, terminateMs: 100 }),
          worker('b', { shutdown: 'brutal_kill' }),
          worker('c', { trapExit: true, terminateMs: 300 }),
        ]),
      ),
    );
    expect(
      sys.events.filter((e) => e.type === 'exit').map((e) => `${sys.line(e)} @${e.t}`),
    ).toEqual([
      'exit root/c shutdown @300',
      'exit root/b killed @300',
      'exit root/a shutdown @400',
      'exit root shutdown @400',
    ]);
  });

  it('waits for a sub-supervisor (default shutdown infinity) to shut down its own children', () => {
    const sys = stopRoot(
      system().start(
        sup('root', {}, [
          sup('sub', {}, [worker('x', { trapExit: true, terminateMs: 7000, shutdown: 10_000 })]),
          worker('y'),
        ]),
      ),
    );
    sys.expectEvents([
      'exit root/y shutdown',
      'exit root/sub/x shutdown',
      'exit root/sub shutdown',
      'exit root shutdown',
    ]);
    expect(sys.clock.now()).toBe(7000);
  });

  it('a killed supervisor leaves its children to its links: non-trapping ones die killed, trapping ones run terminate', () => {
    const sys = system()
      .start(
        sup('root', {}, [
          sup('sub', {}, [worker('x'), worker('t', { trapExit: true, terminateMs: 50 })]),
        ]),
      )
      .clearEvents();
    sys.kill('root/sub').settle();
    const exits = sys.lines(['exit']).slice(0, 3);
    expect(exits).toEqual([
      'exit root/sub killed',
      'exit root/sub/x killed',
      'exit root/sub/t killed',
    ]);
    expect(sys.events.find((e) => e.type === 'exit' && sys.pathOf(e.pid) === 'root/sub/t')?.t).toBe(
      50,
    );
    sys.expectTree('root{sub{x t}}');
  });
});
