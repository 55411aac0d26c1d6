import { sup, worker, workspaceOf } from './trees';
import type { Lesson } from './types';

/** trap_exit turns exit signals into messages, except kill; normal is ignored by non-trappers. */
export const trapExit: Lesson = {
  id: 'trap_exit',
  title: '4. trap_exit: exits become messages',
  summary: 'A trapping process survives a linked crash; kill cannot be trapped; normal is ignored.',
  workspace: workspaceOf(
    sup('app_sup', 'one_for_one', [worker('worker', 'counter'), worker('guard', 'kv_store')]),
  ),
  steps: [
    {
      title: 'Link, and trap exits',
      text: 'worker and guard are linked, and guard calls process_flag(trap_exit, true).',
      actions: [
        { type: 'link', a: 'app_sup/worker', b: 'app_sup/guard' },
        { type: 'trap_exit', target: 'app_sup/guard', on: true },
        { type: 'select', target: 'app_sup/guard' },
      ],
    },
    {
      title: 'Crash the worker',
      text: 'worker stops with reason boom; the link carries the signal to guard.',
      actions: [{ type: 'crash', target: 'app_sup/worker', reason: 'boom' }],
      predict: {
        kind: 'pids',
        question: 'Click the processes that will get new pids.',
        rule: "A process that traps exits receives an exit signal as the message {'EXIT', From, Reason} instead of dying. guard lives (the log marks the signal trapped); only worker is restarted. Supervisors trap exits exactly so.",
      },
    },
    {
      title: 'exit(Guard, kill)',
      text: 'The shell sends guard the exit signal kill.',
      actions: [{ type: 'exit_signal', target: 'app_sup/guard', reason: 'kill' }],
      predict: {
        kind: 'choice',
        question: 'guard traps exits. What does exit(Guard, kill) do?',
        choices: [
          "guard gets {'EXIT', Shell, kill} and lives",
          'guard dies with reason killed, and app_sup restarts it',
          'Nothing: a trapping process ignores kill',
        ],
        answer: 1,
        rule: 'kill is the one signal that cannot be trapped: exit(Pid, kill) ends Pid with reason killed whatever its trap_exit flag. Its links then receive killed, which they can trap (app_sup does, and restarts guard).',
      },
    },
    {
      title: 'exit(Worker, normal)',
      text: 'The new worker does not trap exits. The shell sends it the exit signal normal.',
      actions: [{ type: 'exit_signal', target: 'app_sup/worker', reason: 'normal' }],
      predict: {
        kind: 'choice',
        question: 'What does exit(Worker, normal) do to a process that does not trap exits?',
        choices: ['It dies with reason normal', 'Nothing: the signal is ignored'],
        answer: 1,
        rule: "An exit signal with reason normal is ignored by a process that does not trap exits (a trapping one would get {'EXIT', From, normal}). Only exit(self(), normal) ends the caller itself.",
      },
    },
  ],
};
