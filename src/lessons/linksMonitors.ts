import { sup, worker, workspaceOf } from './trees';
import type { Lesson } from './types';

/** A link ties two lives together; a monitor only reports a death. */
export const linksMonitors: Lesson = {
  id: 'links_monitors',
  title: '3. Links vs monitors',
  summary: 'A link is two-way and carries death; a monitor is one-way and sends a DOWN message.',
  workspace: workspaceOf(
    sup('app_sup', 'one_for_one', [
      worker('worker', 'counter'),
      worker('partner', 'kv_store'),
      worker('watcher', 'echo'),
    ]),
  ),
  steps: [
    {
      title: 'A link and a monitor',
      text: 'worker links to partner (link/1: one link, both ways). watcher monitors worker (monitor/2: one way; every call makes a new monitor). In the tree a link is a solid line, a monitor a dashed arrow.',
      actions: [
        { type: 'link', a: 'app_sup/worker', b: 'app_sup/partner' },
        { type: 'monitor', watcher: 'app_sup/watcher', target: 'app_sup/worker' },
      ],
    },
    {
      title: 'Crash the worker',
      text: 'worker stops with reason boom. Neither partner nor watcher traps exits.',
      actions: [{ type: 'crash', target: 'app_sup/worker', reason: 'boom' }],
      predict: {
        kind: 'pids',
        question: 'Click the processes that will get new pids.',
        rule: "A link carries the exit signal boom to partner, which does not trap exits, so it dies too (and app_sup restarts both, one restart each). A monitor only informs: watcher gets {'DOWN', Ref, process, Pid, boom} as an ordinary message and goes on.",
      },
    },
    {
      title: 'When to use which',
      text: 'Link processes that cannot work without each other (and let a supervisor, which traps exits, link to its children). Monitor what you only need to know about: a client watching a server, a pool watching its borrowers. The watcher’s DOWN is in the log.',
      actions: [{ type: 'select', target: 'app_sup/watcher' }],
    },
  ],
};
