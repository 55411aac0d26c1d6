import { sup, worker, workspaceOf } from './trees';
import type { Lesson } from './types';

/** permanent, transient, temporary: which exits a supervisor restarts. */
export const restartTypes: Lesson = {
  id: 'restart_types',
  title: '7. Restart types: permanent, transient, temporary',
  summary: 'Which exits are restarted: normal, shutdown and abnormal, per restart type.',
  workspace: workspaceOf(
    sup('app_sup', 'one_for_one', [
      worker('perm', 'counter', { restart: 'permanent' }),
      worker('trans', 'counter', { restart: 'transient' }),
      worker('temp', 'counter', { restart: 'temporary' }),
    ]),
  ),
  steps: [
    {
      title: 'An abnormal exit',
      text: 'perm is permanent, trans transient, temp temporary. All three stop with reason boom.',
      actions: [
        { type: 'crash', target: 'app_sup/perm', reason: 'boom' },
        { type: 'crash', target: 'app_sup/trans', reason: 'boom' },
        { type: 'crash', target: 'app_sup/temp', reason: 'boom' },
      ],
      predict: {
        kind: 'pids',
        question: 'Click the processes that will get new pids.',
        rule: 'permanent and transient children are restarted after an abnormal exit. A temporary child never is: its spec is removed from the supervisor when it exits (the SUPERVISOR REPORT still says child_terminated).',
      },
    },
    {
      title: 'A normal exit',
      text: 'perm and trans both stop with reason normal: their job is done.',
      actions: [
        { type: 'crash', target: 'app_sup/perm', reason: 'normal' },
        { type: 'crash', target: 'app_sup/trans', reason: 'normal' },
      ],
      predict: {
        kind: 'pids',
        question: 'Click the processes that will get new pids.',
        rule: 'A permanent child is restarted whatever the reason. A transient one only after an abnormal exit: normal, shutdown and {shutdown, Term} are normal, so trans stays down, and without a SUPERVISOR REPORT (perm’s normal exit gets one: a permanent child is not meant to stop).',
      },
    },
    {
      title: 'A {shutdown, _} exit',
      text: 'perm stops with {shutdown, maintenance}.',
      actions: [{ type: 'crash', target: 'app_sup/perm', reason: ['shutdown', 'maintenance'] }],
      predict: {
        kind: 'choice',
        question: 'Is perm restarted?',
        choices: ['Yes: it is permanent', 'No: {shutdown, _} is a normal exit'],
        answer: 0,
        rule: 'The reason matters only for transient children. permanent: always restarted; transient: unless normal, shutdown or {shutdown, _}; temporary: never.',
      },
    },
  ],
};
