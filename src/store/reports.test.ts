import { describe, expect, it } from 'vitest';
import { crashReport, formatReport, serverErrorReport, supervisorReport } from './reports';

// The texts OTP 25's logger prints for a gen_server `counter` that crashed with `boom` under
// `app_sup` (erl -boot start_sasl; the date replaced by cluster time).

describe("OTP 25's reports, printed in full", () => {
  it('SUPERVISOR REPORT: the whole offender, one element a line', () => {
    const r = supervisorReport(
      '{local,app_sup}',
      'child_terminated',
      'boom',
      {
        pid: '<1.9.0>',
        id: 'counter',
        mfargs: '{counter,start_link,[]}',
        restartType: 'permanent',
        significant: false,
        shutdown: '5000',
        childType: 'worker',
      },
      { sup: 'app_sup <1.5.0>', child: 'counter <1.9.0>' },
    );
    expect(formatReport(r, 12_500)).toBe(
      [
        '=SUPERVISOR REPORT==== 12.500 s ===',
        '    supervisor: {local,app_sup}',
        '    errorContext: child_terminated',
        '    reason: boom',
        '    offender: [{pid,<1.9.0>},',
        '               {id,counter},',
        '               {mfargs,{counter,start_link,[]}},',
        '               {restart_type,permanent},',
        '               {significant,false},',
        '               {shutdown,5000},',
        '               {child_type,worker}]',
      ].join('\n'),
    );
    expect(r.summary).toBe('app_sup <1.5.0>: child_terminated of counter <1.9.0>, reason: boom');
  });

  it("gen_server's ERROR REPORT", () => {
    const r = serverErrorReport({
      server: 'counter',
      lastMessage: "{'$gen_cast',{crash,boom}}",
      state: '#{count => 3}',
      reason: 'boom',
      name: 'counter <1.9.0>',
    });
    expect(formatReport(r, 1000)).toBe(
      [
        '=ERROR REPORT==== 1.000 s ===',
        '** Generic server counter terminating',
        "** Last message in was {'$gen_cast',{crash,boom}}",
        '** When Server state == #{count => 3}',
        '** Reason for termination ==',
        '** boom',
      ].join('\n'),
    );
  });

  it("proc_lib's CRASH REPORT with the crasher's fields", () => {
    const r = crashReport({
      initialCall: 'counter:init/1',
      pid: '<1.9.0>',
      registeredName: 'counter',
      reason: 'boom',
      ancestors: ['app_sup', '<1.1.0>'],
      messageQueueLen: 0,
      messages: [],
      links: ['<1.5.0>'],
      trapExit: false,
      name: 'counter <1.9.0>',
    });
    expect(formatReport(r, 1000)).toBe(
      [
        '=CRASH REPORT==== 1.000 s ===',
        '  crasher:',
        '    initial call: counter:init/1',
        '    pid: <1.9.0>',
        '    registered_name: counter',
        '    exception exit: boom',
        '    ancestors: [app_sup,<1.1.0>]',
        '    message_queue_len: 0',
        '    messages: []',
        '    links: [<1.5.0>]',
        '    trap_exit: false',
        '    status: running',
        '  neighbours:',
      ].join('\n'),
    );
  });
});
