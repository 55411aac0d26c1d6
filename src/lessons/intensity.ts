import { sup, worker, workspaceOf } from './trees';
import type { Lesson, LessonWorld } from './types';

/** Met when the current db_sup (never replaced since) has restarted its children three times. */
export function dbSupSurvivesThree(w: LessonWorld): boolean {
  const db = w.procs.get('app_sup/db_sup');
  return db !== undefined && (db.childRestarts?.length ?? 0) >= 3;
}

/** Intensity and period; giving up; the parent restarting the child supervisor. */
export const intensity: Lesson = {
  id: 'intensity',
  title: '8. Restart intensity, the sliding window and escalation',
  summary: 'Too many restarts in the window and a supervisor gives up; its parent takes over.',
  workspace: workspaceOf(
    sup('app_sup', 'one_for_one', [
      worker('web', 'echo'),
      sup('db_sup', 'one_for_one', [worker('conn', 'echo'), worker('cache', 'kv_store')], {
        intensity: 2,
        period: 60,
      }),
    ]),
  ),
  steps: [
    {
      title: 'Two restarts',
      text: 'db_sup allows intensity 2 restarts in a period of 60 s. Crash cache twice: two restarts, and the meter in db_sup’s inspector is full.',
      actions: [
        { type: 'select', target: 'app_sup/db_sup' },
        { type: 'crash', target: 'app_sup/db_sup/cache', reason: 'boom' },
        { type: 'crash', target: 'app_sup/db_sup/cache', reason: 'boom' },
      ],
    },
    {
      title: 'A third crash',
      text: 'Crash cache again, within the same minute.',
      actions: [{ type: 'crash', target: 'app_sup/db_sup/cache', reason: 'boom' }],
      predict: {
        kind: 'pids',
        question: 'Click the processes that will get new pids.',
        rule: 'On each restart a supervisor notes the time and keeps those of the last Period seconds; a restart that makes more than Intensity means it gives up: SUPERVISOR REPORT reached_max_restart_intensity, its other children are shut down, and it exits with reason shutdown. app_sup sees its permanent child db_sup die and restarts it: a new db_sup, new conn and cache, and an empty window. That is escalation; web is untouched.',
      },
    },
    {
      title: 'The window slides',
      text: 'Only restarts in the last Period seconds count (OTP keeps restart times in whole seconds and drops those older than Now − Period), so a child that crashes once a minute is restarted for ever under 2 in 60 s. If the restarts reach the top, the application stops: a crash loop is not hidden for ever.',
    },
    {
      title: 'Your turn',
      text: 'Make db_sup survive three crashes of its cache in a row: change its flags by hand, then crash cache three times.',
    },
  ],
  goal: {
    task: 'Crash app_sup/db_sup/cache three times without db_sup giving up.',
    hints: [
      'db_sup allows 2 restarts in 60 s: the third is one too many.',
      'Select db_sup, press Change flags… in the inspector and raise the intensity (max restarts).',
      'Intensity 3 or more, Apply, then crash cache three times and watch db_sup keep its pid.',
    ],
    success: 'Solved: db_sup restarted its cache three times and kept going.',
    check: dbSupSurvivesThree,
  },
};
