import { sup, worker, workspaceOf } from './trees';
import type { Lesson } from './types';

/** Why processes are isolated, and why restarting from a known state beats defending every line. */
export const letItCrash: Lesson = {
  id: 'let_it_crash',
  title: '1. Isolated processes and “let it crash”',
  summary: 'A crash ends one process; its supervisor starts a fresh one from a known state.',
  workspace: workspaceOf(
    sup('app_sup', 'one_for_one', [
      worker('counter', 'counter'),
      worker('kv_store', 'kv_store'),
      worker('ticker', 'ticker', { args: { interval: 2000 } }),
    ]),
  ),
  steps: [
    {
      title: 'Give the counter some state',
      text: 'Three processes under app_sup, each with its own memory. Send the counter three increment messages: its state becomes #{count => 3}. Nobody else can touch that state; only messages reach it.',
      actions: [
        { type: 'select', target: 'app_sup/counter' },
        { type: 'send', to: 'app_sup/counter', msg: 'increment' },
        { type: 'send', to: 'app_sup/counter', msg: 'increment' },
        { type: 'send', to: 'app_sup/counter', msg: 'increment' },
      ],
    },
    {
      title: 'Crash the counter',
      text: 'The counter stops with reason boom. Before it runs: which processes will get new pids?',
      actions: [{ type: 'crash', target: 'app_sup/counter', reason: 'boom' }],
      predict: {
        kind: 'pids',
        question: 'Click the processes that will get new pids.',
        rule: "Processes share no memory, so a crash ends only the process that crashed. Its supervisor traps exits: it gets {'EXIT', Pid, boom}, logs a CRASH REPORT and a SUPERVISOR REPORT, and under one_for_one starts a new counter from its child spec. kv_store and ticker keep their pids.",
      },
    },
    {
      title: 'The state went with it',
      text: 'The new counter says #{count => 0}: it started from init/1, a state known to be good. That is “let it crash”: instead of guarding every line against every error, let the broken process die and start clean. State that must survive belongs in a process that does not crash (see the error-kernel lesson).',
      actions: [{ type: 'select', target: 'app_sup/counter' }],
    },
  ],
};
