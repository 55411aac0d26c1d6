import { sup, worker, workspaceOf } from './trees';
import type { Lesson } from './types';

/** Links and monitors across nodes, and what a netsplit does to them. */
export const netsplit: Lesson = {
  id: 'netsplit',
  title: '13. Nodes, cross-node links and netsplits',
  summary: 'Links and monitors between two nodes fire noconnection when the network splits.',
  workspace: workspaceOf(
    sup('app_sup', 'one_for_one', [worker('counter', 'counter'), worker('watcher', 'echo')]),
    sup('node2_sup', 'one_for_one', [worker('echo', 'echo'), worker('counter', 'counter')]),
  ),
  steps: [
    {
      title: 'Two nodes',
      text: 'Each node is a Web Worker running its own runtime, as each BEAM node is an OS process (+ Node adds more). Link app_sup/counter on node1 to node2_sup/echo on node2, and let watcher on node1 monitor node2_sup/counter.',
      actions: [
        { type: 'link', a: 'app_sup/counter', b: 'node2_sup/echo' },
        { type: 'monitor', watcher: 'app_sup/watcher', target: 'node2_sup/counter' },
      ],
    },
    {
      title: 'Split the network',
      text: 'The connection between node1 and node2 goes down. Every process is still running; they just cannot reach each other.',
      actions: [{ type: 'netsplit', a: 1, b: 2 }],
      predict: {
        kind: 'pids',
        question: 'Click the processes that will get new pids.',
        rule: "When a connection goes, each side treats everything on the other as dead: every link across it fires with reason noconnection on both sides, so app_sup/counter and node2_sup/echo die (they do not trap exits) and are restarted. A monitor fires {'DOWN', Ref, process, Pid, noconnection}: watcher gets a message and lives, and node2_sup/counter never noticed anything.",
      },
    },
    {
      title: 'Heal',
      text: 'Reconnect the nodes. Nothing comes back by itself: the broken links stay broken, and the other side may have acted on its own meanwhile (two nodes each believing it is the only one left is how split brain starts).',
      actions: [{ type: 'heal', a: 1, b: 2 }],
    },
  ],
};
