import type { Playground } from '../app/createPlayground';
import { pathOf } from '../store/selectors';

/**
 * What an embed reports to its host (`handle.on(name, fn)`, and `postMessage` to an allowed
 * parent from an iframe): a process crashed (exited abnormally), a supervisor restarted a
 * child, a lesson moved to a step, the embed became interactive, or something was wrong.
 */
export interface EmbedEvents {
  ready: Record<string, never>;
  crash: { pid: string; path: string | undefined; reason: string; text: string };
  /** `pid` and `path` are the supervisor's; `text` names the child. */
  restart: { pid: string; path: string | undefined; text: string };
  'lesson-step': { lesson: string; step: number };
  error: { message: string };
}
export type EmbedEventName = keyof EmbedEvents;
export type EmbedEmit = <K extends EmbedEventName>(name: K, detail: EmbedEvents[K]) => void;
export const EMBED_EVENTS: readonly EmbedEventName[] = [
  'ready',
  'crash',
  'restart',
  'lesson-step',
  'error',
];

/** Reads the playground's log and lesson state and emits the events above; returns the unsubscribe. */
export function watchEvents(pg: Playground, emit: EmbedEmit): () => void {
  let seen = pg.view.getState().nextSeq;
  const offView = pg.view.subscribe((s) => {
    if (s.nextSeq === seen) return;
    // Only the entries since the last look: from the end back (the log holds up to 2,000, and a
    // busy node changes the store every frame).
    let from = s.log.length;
    while (from > 0 && (s.log[from - 1]?.seq ?? -1) >= seen) from--;
    for (const e of s.log.slice(from)) {
      const [pid] = e.pids;
      if (pid === undefined) continue;
      if (e.kind === 'exit' && e.abnormal)
        emit('crash', {
          pid,
          path: pathOf(s, pid),
          reason: s.processes.get(pid)?.exitReason ?? '',
          text: e.text,
        });
      else if (e.kind === 'restart') emit('restart', { pid, path: pathOf(s, pid), text: e.text });
    }
    seen = s.nextSeq;
  });
  // Only a move to another lesson or step is an event, not each pick or phase within a step.
  let at = '';
  const offUi = pg.ui.subscribe((s) => {
    const now = s.lesson ? `${s.lesson.id}#${s.lesson.step}` : '';
    if (now === at) return;
    at = now;
    if (s.lesson) emit('lesson-step', { lesson: s.lesson.id, step: s.lesson.step + 1 });
  });
  return () => {
    offView();
    offUi();
  };
}
