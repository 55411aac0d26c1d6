import { exhaustiveSwitchError } from '../../base';
import { LESSONS } from '../../lessons';
import type { LessonState } from '../lessons/lessonState';
import type { ActionContext } from './context';
import type { PageAction } from './types';

const asksForPids = (l: LessonState): boolean =>
  LESSONS.find((x) => x.id === l.id)?.steps[l.step]?.predict?.kind === 'pids';

/** The page: selection, dialogs, link/monitor pick mode, display prefs, toasts. */
export function runPageAction(ctx: ActionContext, action: PageAction): void {
  const { engine, set, get, vs, dispatch, toast } = ctx;
  switch (action.type) {
    case 'select': {
      // A path selects the process that has it now.
      const key =
        action.target === undefined
          ? undefined
          : (engine.resolve(action.target)?.key ?? action.target);
      vs().select(key);
      return;
    }
    case 'open_dialog':
      set({ dialog: action.dialog, pick: undefined });
      return;
    case 'close_dialog':
      set({ dialog: undefined });
      return;
    case 'start_pick':
      set({ pick: { mode: action.mode, from: action.from } });
      return;
    case 'pick': {
      const pick = get().pick;
      const lesson = get().lesson;
      // A lesson asking "which processes will get new pids?": a click picks (or unpicks) one.
      if (!pick && lesson?.phase === 'ready' && asksForPids(lesson)) {
        const path = engine.pathOf(action.target);
        if (path !== undefined) dispatch({ type: 'lesson_pick', path });
        return;
      }
      if (!pick) {
        dispatch({ type: 'select', target: action.target });
        return;
      }
      set({ pick: undefined });
      if (pick.from === action.target) {
        toast(`a process cannot ${pick.mode} itself`, 'error');
        return;
      }
      if (pick.mode === 'link') dispatch({ type: 'link', a: pick.from, b: action.target });
      else dispatch({ type: 'monitor', watcher: pick.from, target: action.target });
      return;
    }
    case 'cancel_pick':
      set({ pick: undefined });
      return;
    case 'toggle_large_text':
      set((s) => ({ largeText: !s.largeText }));
      return;
    case 'toggle_present':
      set((s) => ({ present: !s.present }));
      return;
    case 'set_theme':
      set({ theme: action.theme });
      return;
    case 'focus_inspector':
      set((s) => ({ focusInspector: s.focusInspector + 1 }));
      return;
    case 'toast':
      toast(action.text, action.tone);
      return;
    case 'dismiss_toast':
      set((s) => ({ toasts: s.toasts.filter((t) => t.id !== action.id) }));
      return;
    default:
      exhaustiveSwitchError(action);
  }
}
