import { sup, worker, workspaceOf } from './trees';
import type { Lesson, LessonWorld } from './types';

/** Met when parser and mailer have both been restarted since the ledger last started. */
export function ledgerOutlivesWorkers(w: LessonWorld): boolean {
  const ledger = w.procs.get('app_sup/ledger');
  const parser = w.procs.get('app_sup/parser');
  const mailer = w.procs.get('app_sup/mailer');
  return (
    ledger !== undefined &&
    parser !== undefined &&
    mailer !== undefined &&
    parser.generation >= 1 &&
    mailer.generation >= 1 &&
    ledger.spawnedAt < parser.spawnedAt &&
    ledger.spawnedAt < mailer.spawnedAt
  );
}

/** A challenge: keep the state that matters where the risky code cannot restart it. */
export const errorKernel: Lesson = {
  id: 'error_kernel',
  title: '14. Challenge: design an error kernel',
  summary: 'Keep the ledger’s state when the risky workers crash.',
  workspace: workspaceOf(
    sup('app_sup', 'one_for_all', [
      worker('ledger', 'kv_store'),
      worker('parser', 'counter'),
      worker('mailer', 'echo'),
    ]),
  ),
  steps: [
    {
      title: 'Everything goes together',
      text: 'ledger holds the state that must not be lost; parser and mailer run code that fails on bad input. app_sup is one_for_all. Crash parser.',
      actions: [{ type: 'crash', target: 'app_sup/parser', reason: 'bad_input' }],
      predict: {
        kind: 'pids',
        question: 'Click the processes that will get new pids.',
        rule: 'one_for_all restarts every child when one dies: the ledger loses its state to a parser bug. The error kernel is the part that must stay correct; it should be small, simple, and placed so that nothing else’s crash restarts it.',
      },
    },
    {
      title: 'Your turn',
      text: 'Change the tree so crashes of parser and mailer never restart the ledger, then crash both to show it.',
    },
  ],
  goal: {
    task: 'Crash parser and mailer while the ledger keeps its pid.',
    hints: [
      'The ledger must not be restarted by anyone else’s crash; it was started first.',
      'rest_for_one restarts only the children started after the crashed one; one_for_one only the crashed one. Either protects the ledger.',
      'Select app_sup, Change flags…, choose rest_for_one (or one_for_one), Apply; then crash parser and mailer.',
    ],
    success: 'Solved: parser and mailer restarted, the ledger kept its pid and its state.',
    check: ledgerOutlivesWorkers,
  },
};
