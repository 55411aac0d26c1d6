import { sup, worker, workspaceOf } from './trees';
import type { Lesson } from './types';

/** simple_one_for_one: a template, children started at run time; what a restart of it loses. */
export const pools: Lesson = {
  id: 'pools',
  title: '10. Dynamic pools: simple_one_for_one and DynamicSupervisor',
  summary:
    'Children started at run time from a template, and what happens to them when the pool restarts.',
  workspace: workspaceOf(
    sup('app_sup', 'one_for_one', [
      sup('pool_sup', 'simple_one_for_one', [], {
        intensity: 1,
        period: 60,
        template: worker('conn', 'counter'),
      }),
    ]),
  ),
  steps: [
    {
      title: 'Start three workers',
      text: 'pool_sup is simple_one_for_one: one template child spec and no children at start. supervisor:start_child(pool_sup, [N]) starts one more from the template with N appended to its args; they are shown as #1, #2, #3.',
      actions: [
        { type: 'start_dynamic', sup: 'app_sup/pool_sup', args: [1] },
        { type: 'start_dynamic', sup: 'app_sup/pool_sup', args: [2] },
        { type: 'start_dynamic', sup: 'app_sup/pool_sup', args: [3] },
      ],
    },
    {
      title: 'Crash one',
      text: 'Crash #2, one of the three workers.',
      actions: [{ type: 'crash', target: 'app_sup/pool_sup/#2', reason: 'boom' }],
      predict: {
        kind: 'pids',
        question: 'Click the processes that will get new pids.',
        rule: 'simple_one_for_one restarts like one_for_one: only the crashed child, from the template with the same arguments.',
      },
    },
    {
      title: 'Crash another within the minute',
      text: 'pool_sup allows 1 restart in 60 s. Crash #1.',
      actions: [{ type: 'crash', target: 'app_sup/pool_sup/#1', reason: 'boom' }],
      predict: {
        kind: 'choice',
        question: 'What is left of the pool afterwards?',
        choices: [
          'Three workers: #1 is restarted',
          'A new, empty pool_sup: its workers are gone',
          'Nothing: the whole application stops',
        ],
        answer: 1,
        rule: 'The second restart in the window is one too many: pool_sup gives up and exits shutdown, and app_sup restarts it from its spec — a template and no children. Workers started with start_child are not in any spec, so whoever started them must start them again.',
      },
    },
    {
      title: 'Elixir’s DynamicSupervisor',
      text: 'Elixir replaces simple_one_for_one with DynamicSupervisor, its own module: no template at init, each DynamicSupervisor.start_child(sup, child_spec) brings a full spec; max_children caps the pool ({:error, :max_children} beyond it); extra_arguments are prepended to each child’s arguments, where simple_one_for_one appends. Restart and intensity rules are the same.',
    },
  ],
};
