import { sup, worker, workspaceOf } from './trees';
import type { Lesson, LessonWorld } from './types';

/** At least `n` restarts (node ms times) within `ms` of each other. */
const burst = (times: readonly number[], n: number, ms: number): boolean => {
  const t = [...times].sort((a, b) => a - b);
  for (let i = 0; i + n - 1 < t.length; i++)
    if ((t[i + n - 1] as number) - (t[i] as number) <= ms) return true;
  return false;
};

/** Met when the pool (never replaced since) restarted five workers within ten seconds. */
export function poolSurvivesBurst(w: LessonWorld): boolean {
  const pool = w.procs.get('app_sup/pool_sup');
  return pool !== undefined && burst(pool.childRestarts ?? [], 5, 10_000);
}

/** A challenge: size intensity and period for the crashes a pool is expected to see. */
export const poolBurst: Lesson = {
  id: 'pool_burst',
  title: '11. Challenge: a pool that survives a burst',
  summary: 'Make a worker pool survive 5 crashes in 10 s without restarting itself.',
  workspace: workspaceOf(
    sup('app_sup', 'one_for_one', [
      sup('pool_sup', 'simple_one_for_one', [], {
        intensity: 1,
        period: 5,
        template: worker('conn', 'counter'),
      }),
    ]),
  ),
  steps: [
    {
      title: 'Fill the pool',
      text: 'pool_sup has Erlang’s default flags: 1 restart in 5 s. Start two workers.',
      actions: [
        { type: 'start_dynamic', sup: 'app_sup/pool_sup', args: [1] },
        { type: 'start_dynamic', sup: 'app_sup/pool_sup', args: [2] },
      ],
    },
    {
      title: 'Two crashes',
      text: 'Crash #1, then #2, a moment apart.',
      actions: [
        { type: 'crash', target: 'app_sup/pool_sup/#1', reason: 'boom' },
        { type: 'crash', target: 'app_sup/pool_sup/#2', reason: 'boom' },
      ],
      predict: {
        kind: 'pids',
        question: 'Click the processes that will get new pids.',
        rule: 'The first crash is restarted; the second within 5 s makes 2 restarts in the window, more than intensity 1, so pool_sup gives up and app_sup starts a new, empty one.',
      },
    },
    {
      title: 'Your turn',
      text: 'Network connections drop in bursts. Change pool_sup so it survives 5 crashes of its workers within 10 s, then show it: start workers (Do it on step 1 starts two, or press Back) and crash them.',
      actions: [
        { type: 'start_dynamic', sup: 'app_sup/pool_sup', args: [1] },
        { type: 'start_dynamic', sup: 'app_sup/pool_sup', args: [2] },
      ],
    },
  ],
  goal: {
    task: 'Crash pool_sup’s workers 5 times within 10 s while pool_sup keeps its pid.',
    hints: [
      'Every crash is a restart counted against pool_sup’s intensity, over its period.',
      'Select pool_sup, press Change flags… in the inspector and allow at least 5 restarts in 10 s (intensity 5, period 10 or more).',
      'Apply, press Do it to start two workers, then crash them five times quickly (a restarted worker can crash again).',
    ],
    success: 'Solved: pool_sup restarted 5 workers within 10 s and kept going.',
    check: poolSurvivesBurst,
  },
};
