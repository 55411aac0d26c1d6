import { sup, worker, workspaceOf } from './trees';
import type { Lesson } from './types';

const abc = () => [worker('a', 'counter'), worker('b', 'counter'), worker('c', 'counter')];

/** The three static strategies side by side: the same crash, three outcomes. */
export const strategies: Lesson = {
  id: 'strategies',
  title: '5. one_for_one, one_for_all, rest_for_one',
  summary: 'Three supervisors, the same crash of b: who is restarted with it?',
  workspace: workspaceOf(
    sup('app_sup', 'one_for_one', [
      sup('ofo_sup', 'one_for_one', abc()),
      sup('ofa_sup', 'one_for_all', abc()),
      sup('rfo_sup', 'rest_for_one', abc()),
    ]),
  ),
  steps: [
    {
      title: 'one_for_one',
      text: 'Each supervisor started a, b, c in that order. Crash b under ofo_sup.',
      actions: [{ type: 'crash', target: 'app_sup/ofo_sup/b', reason: 'boom' }],
      predict: {
        kind: 'pids',
        question: 'Click the processes that will get new pids.',
        rule: 'one_for_one: only the child that died is restarted. For children that do not depend on each other.',
      },
    },
    {
      title: 'one_for_all',
      text: 'Crash b under ofa_sup.',
      actions: [{ type: 'crash', target: 'app_sup/ofa_sup/b', reason: 'boom' }],
      predict: {
        kind: 'pids',
        question: 'Click the processes that will get new pids.',
        rule: 'one_for_all: the others are terminated (in reverse start order: c, then a, each with reason shutdown) and all three start again in order. It counts as one restart. For children that cannot work without each other.',
      },
    },
    {
      title: 'rest_for_one',
      text: 'Crash b under rest_for_one’s rfo_sup.',
      actions: [{ type: 'crash', target: 'app_sup/rfo_sup/b', reason: 'boom' }],
      predict: {
        kind: 'pids',
        question: 'Click the processes that will get new pids.',
        rule: 'rest_for_one: the children started after the crashed one (c) are terminated, then b and c start again; a, started before, keeps its pid. For a chain where later children depend on earlier ones.',
      },
    },
  ],
};
