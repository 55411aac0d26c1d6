import { sup, worker, workspaceOf } from './trees';
import type { Lesson } from './types';

/** Reverse start order; shutdown timeouts against a slow terminate/2; brutal_kill. */
export const shutdown: Lesson = {
  id: 'shutdown',
  title: '9. Shutdown order, timeouts and brutal_kill',
  summary: 'How a supervisor stops its children, and what a slow terminate/2 costs.',
  workspace: workspaceOf(
    sup('app_sup', 'one_for_one', [
      sup('svc_sup', 'one_for_all', [
        worker('trigger', 'counter'),
        worker('patient', 'slow_terminator', { args: { terminate_ms: 1000 }, shutdown: 3000 }),
        worker('impatient', 'slow_terminator', { args: { terminate_ms: 3000 }, shutdown: 1000 }),
        worker('brutal', 'slow_terminator', {
          args: { terminate_ms: 3000 },
          shutdown: 'brutal_kill',
        }),
      ]),
    ]),
  ),
  steps: [
    {
      title: 'Three slow terminators',
      text: 'patient, impatient and brutal trap exits, so a shutdown runs their terminate/2, which sleeps. patient’s takes 1 s and it is given shutdown 3000 ms; impatient’s takes 3 s and it is given 1000 ms; brutal’s shutdown is brutal_kill. svc_sup is one_for_all: crash trigger and it shuts the other three down.',
      actions: [{ type: 'crash', target: 'app_sup/svc_sup/trigger', reason: 'boom' }],
      waitMs: 2500,
      predict: {
        kind: 'choice',
        question: 'With what reasons do brutal, impatient and patient end?',
        choices: [
          'brutal killed, impatient killed, patient shutdown',
          'All three shutdown',
          'brutal killed, impatient shutdown, patient shutdown',
        ],
        answer: 0,
        rule: 'brutal_kill is exit(Child, kill): no terminate/2 at all, reason killed. A number T is exit(Child, shutdown), then exit(Child, kill) after T ms: impatient’s terminate/2 needs 3 s of its 1 s, so it is killed; patient finishes in 1 s of its 3 s and exits shutdown.',
      },
    },
    {
      title: 'The order',
      text: 'Look at the log: brutal went first, then impatient, then patient — reverse start order, one at a time, each waited for (here about 2 s in all). Then all four started again in start order. That is why a supervisor’s children should start in dependency order: they stop in the opposite one.',
      actions: [{ type: 'select', target: 'app_sup/svc_sup' }],
    },
  ],
};
