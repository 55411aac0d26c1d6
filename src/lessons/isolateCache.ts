import { sup, worker, workspaceOf } from './trees';
import type { Lesson, LessonWorld } from './types';

/** Met when the cache has been restarted without the web layer: web is older than the cache. */
export function webOutlivesCache(w: LessonWorld): boolean {
  const cache = w.procs.get('app_sup/cache');
  const web = w.procs.get('app_sup/web');
  return (
    cache !== undefined &&
    web !== undefined &&
    cache.generation >= 1 &&
    web.spawnedAt < cache.spawnedAt
  );
}

/** A challenge: the strategy decides what a crash takes down. */
export const isolateCache: Lesson = {
  id: 'isolate_cache',
  title: '6. Challenge: keep the web layer up',
  summary: 'Change the tree so a crashing cache never takes the web layer down.',
  workspace: workspaceOf(
    sup('app_sup', 'rest_for_one', [worker('cache', 'kv_store'), worker('web', 'echo')]),
  ),
  steps: [
    {
      title: 'The cache crashes',
      text: 'app_sup is rest_for_one, and cache was started before web.',
      actions: [{ type: 'crash', target: 'app_sup/cache', reason: 'boom' }],
      predict: {
        kind: 'pids',
        question: 'Click the processes that will get new pids.',
        rule: 'rest_for_one restarts the crashed child and every child started after it: web goes down with the cache, and every request it was serving fails.',
      },
    },
    {
      title: 'Your turn',
      text: 'Change the tree so that a crash of the cache never takes web down, then crash the cache to show it. Use the page as you normally would: the inspector’s Change flags… and Crash….',
    },
  ],
  goal: {
    task: 'Make a crash of app_sup/cache restart the cache alone: crash it and keep web’s pid.',
    hints: [
      'Which strategy restarts only the child that died?',
      'Select app_sup, press Change flags… in the inspector and pick one_for_one.',
      'Apply, then crash app_sup/cache (Crash… in the inspector or the right-click menu). web keeps its pid.',
    ],
    success: 'Solved: the cache restarted alone and web kept its pid.',
    check: webOutlivesCache,
  },
};
