import type { Lesson } from './types';

export type { Lesson, LessonAction, LessonStep } from './types';

/** The built-in lessons, on the default tree (app_sup with db_sup under it). */
export const LESSONS: readonly Lesson[] = [
  {
    id: 'let_it_crash',
    title: 'Let it crash (one_for_one)',
    summary: 'A supervisor restarts a crashed worker; nothing else is touched.',
    steps: [
      {
        title: 'Start from the default tree',
        text: 'app_sup is a one_for_one supervisor with three workers and a sub-supervisor. Reset brings the tree back to that.',
        actions: [{ type: 'reset_workspace' }],
      },
      {
        title: 'Crash the counter',
        text: 'counter stops with reason boom. Watch the burst, the CRASH REPORT and SUPERVISOR REPORT in the log, and the counter come back with generation 1.',
        actions: [
          { type: 'select', target: 'app_sup/counter' },
          { type: 'crash', target: 'app_sup/counter', reason: 'boom' },
        ],
      },
      {
        title: 'Only the counter restarted',
        text: 'kv_store and ticker kept their pids and their state: under one_for_one a crash is the crashed child’s business alone.',
        actions: [{ type: 'select', target: 'app_sup/kv_store' }],
      },
    ],
  },
  {
    id: 'one_for_all',
    title: 'one_for_all: all or nothing',
    summary: 'db_sup restarts both of its children when one dies.',
    steps: [
      {
        title: 'Crash the cache',
        text: 'db_sup is one_for_all: when cache dies, it terminates conn too (in reverse start order), then starts both again.',
        actions: [
          { type: 'select', target: 'app_sup/db_sup' },
          { type: 'crash', target: 'app_sup/db_sup/cache', reason: 'boom' },
        ],
      },
      {
        title: 'Look at the log',
        text: 'conn was shut down with reason shutdown — not a crash, so no CRASH REPORT for it — and both show generation 1.',
      },
    ],
  },
  {
    id: 'intensity',
    title: 'Restart intensity and escalation',
    summary:
      'Too many restarts in the window and the supervisor gives up; its own supervisor takes over.',
    steps: [
      {
        title: 'Allow one restart a minute',
        text: 'Set db_sup to intensity 1, period 60. The meter in the inspector counts restarts in the window.',
        actions: [
          { type: 'select', target: 'app_sup/db_sup' },
          { type: 'set_flags', sup: 'app_sup/db_sup', intensity: 1, period: 60 },
        ],
      },
      {
        title: 'First kill: restarted',
        text: 'exit(Pid, kill) on cache: one restart, the meter is full.',
        actions: [{ type: 'exit_signal', target: 'app_sup/db_sup/cache', reason: 'kill' }],
      },
      {
        title: 'Second kill: db_sup gives up',
        text: 'reached_max_restart_intensity: db_sup shuts down its children and exits with shutdown. app_sup sees its child db_sup die and restarts it — escalation.',
        actions: [{ type: 'exit_signal', target: 'app_sup/db_sup/cache', reason: 'kill' }],
      },
    ],
  },
  {
    id: 'links',
    title: 'Links and trap_exit',
    summary: 'A link carries death; trapping exits turns it into a message.',
    steps: [
      {
        title: 'Link counter and kv_store',
        text: 'A link is two-way. Select the counter and press L, then click kv_store — or let this step do it.',
        actions: [{ type: 'link', a: 'app_sup/counter', b: 'app_sup/kv_store' }],
      },
      {
        title: 'Crash the counter',
        text: 'The exit signal travels the link: kv_store does not trap exits, so it dies too, and app_sup restarts both.',
        actions: [{ type: 'crash', target: 'app_sup/counter', reason: 'boom' }],
      },
      {
        title: 'Now trap exits',
        text: "Link them again, and make kv_store trap exits. The same crash arrives as a message {'EXIT', Pid, boom} and kv_store lives.",
        actions: [
          { type: 'link', a: 'app_sup/counter', b: 'app_sup/kv_store' },
          { type: 'trap_exit', target: 'app_sup/kv_store', on: true },
          { type: 'select', target: 'app_sup/kv_store' },
        ],
      },
      {
        title: 'Crash the counter again',
        text: 'Watch the signal turn into a message at kv_store.',
        actions: [{ type: 'crash', target: 'app_sup/counter', reason: 'boom' }],
      },
    ],
  },
];
