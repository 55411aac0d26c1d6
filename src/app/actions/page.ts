import { LESSONS, type LessonAction } from '../../lessons';
import { exhaustiveSwitchError } from '../../base';
import type { ActionContext } from './context';
import type { Action, PageAction } from './types';

/** A lesson's action is one of the page's actions (this line fails to compile if they drift apart). */
const lessonAction = (a: LessonAction): Action => a;

/** The page: selection, dialogs, link/monitor pick mode, display prefs, lessons, toasts. */
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
    case 'set_theme':
      set({ theme: action.theme });
      return;
    case 'focus_inspector':
      set((s) => ({ focusInspector: s.focusInspector + 1 }));
      return;
    case 'open_lesson':
      if (!LESSONS.some((l) => l.id === action.id)) toast(`missing: lesson ${action.id}`, 'error');
      else set({ lesson: { id: action.id, step: 0 }, dialog: undefined });
      return;
    case 'lesson_step': {
      const cur = get().lesson;
      const lesson = LESSONS.find((l) => l.id === cur?.id);
      if (cur && lesson)
        set({
          lesson: {
            id: cur.id,
            step: Math.max(0, Math.min(lesson.steps.length - 1, action.step)),
          },
        });
      return;
    }
    case 'run_lesson_step': {
      const cur = get().lesson;
      const step = LESSONS.find((l) => l.id === cur?.id)?.steps[cur?.step ?? 0];
      for (const a of step?.actions ?? []) dispatch(lessonAction(a));
      return;
    }
    case 'close_lesson':
      set({ lesson: undefined });
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
