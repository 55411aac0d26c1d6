import { describe, expect, it } from 'vitest';
import {
  crashReport,
  progressReport,
  serverErrorReport,
  supervisorReport,
} from '../../store/reports';
import { elixirReport } from './elixirReports';

const offender = {
  pid: '<1.5.0>',
  id: 'counter',
  mfargs: '{counter,start_link,[#{start => 0}]}',
  restartType: 'permanent',
  significant: false,
  shutdown: '5000',
  childType: 'worker',
};

describe('elixirReport (OTP reports in Elixir Logger words)', () => {
  it('writes gen_server’s ERROR REPORT as GenServer … terminating', () => {
    const r = serverErrorReport({
      server: '<1.5.0>',
      lastMessage: "{'$gen_cast',boom}",
      state: '#{count => 1}',
      reason: '{shutdown,bye}',
      name: 'counter <1.5.0>',
    });
    expect(elixirReport(r)).toEqual({
      level: '[error]',
      summary: 'GenServer #PID<1.5.0> (counter) terminating ** (stop) {:shutdown, :bye}',
      text: [
        '[error] GenServer #PID<1.5.0> (counter) terminating',
        '** (stop) {:shutdown, :bye}',
        'Last message: {:"$gen_cast", :boom}',
        'State: %{count: 1}',
      ].join('\n'),
    });
    const named = serverErrorReport({
      server: 'kv',
      lastMessage: 'x',
      state: '#{}',
      reason: 'boom',
      name: 'kv <1.6.0>',
    });
    expect(elixirReport(named).summary).toBe('GenServer :kv terminating ** (stop) :boom');
  });

  it('writes a SUPERVISOR REPORT as Child … of Supervisor … terminated', () => {
    const r = supervisorReport('{<1.2.0>,app_sup}', 'child_terminated', 'boom', offender, {
      sup: 'app_sup <1.2.0>',
      child: 'counter <1.5.0>',
    });
    expect(elixirReport(r).text).toBe(
      [
        '[error] Child :counter of Supervisor :app_sup terminated',
        '** (exit) :boom',
        'Pid: #PID<1.5.0>',
        'Start Call: Counter.start_link(%{start: 0})',
        'Restart: :permanent',
        'Shutdown: 5000',
        'Type: :worker',
      ].join('\n'),
    );
    const shutdown = supervisorReport(
      '{local,app_sup}',
      'shutdown',
      'reached_max_restart_intensity',
      offender,
      {
        sup: 'app_sup',
        child: 'counter',
      },
    );
    expect(elixirReport(shutdown).summary).toBe(
      'Child :counter of Supervisor :app_sup caused shutdown ** (exit) :reached_max_restart_intensity',
    );
  });

  it('writes CRASH and PROGRESS REPORTs as Logger.Translator does', () => {
    const crash = crashReport({
      initialCall: 'counter:init/1',
      pid: '<1.5.0>',
      registeredName: undefined,
      reason: 'boom',
      ancestors: ['<1.2.0>'],
      messageQueueLen: 0,
      messages: [],
      links: ['<1.2.0>'],
      trapExit: false,
      name: 'counter <1.5.0>',
    });
    const c = elixirReport(crash);
    expect(c.summary).toBe('Process #PID<1.5.0> terminating ** (exit) :boom');
    expect(c.text).toContain('Initial Call: Counter.init/1\nAncestors: [#PID<1.2.0>]');
    const p = progressReport('{local,app_sup}', offender, { sup: 'app_sup', child: 'counter' });
    expect(elixirReport(p)).toMatchObject({
      level: '[info]',
      summary: 'Child :counter of Supervisor :app_sup started',
    });
  });
});
