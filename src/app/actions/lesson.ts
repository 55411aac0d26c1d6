import { exhaustiveSwitchError } from '../../base';
import { LESSONS, type Lesson, type LessonAction } from '../../lessons';
import { liveView } from '../lessons/liveView';
import { livePaths } from '../lessons/lessonWorld';
import { freshStep, type LessonState } from '../lessons/lessonState';
import { loadProgress, saveProgress } from '../lessons/lessonProgress';
import { judge } from '../lessons/predictCheck';
import { settle } from '../lessons/settle';
import type { ActionContext } from './context';
import type { Action, LessonControlAction } from './types';

/** A lesson's action is one of the page's actions (this line fails to compile if they drift apart). */
const lessonAction = (a: LessonAction): Action => a;

/** The live pid of every path. */
const pidsByPath = (ctx: ActionContext): Map<string, string> =>
  new Map([...livePaths(liveView(ctx.view))].map(([path, p]) => [path, p.key]));

/**
 * Lessons: open one (from the dialog, `?lesson=ID&step=N` or an embed's options, all through
 * `open_lesson`), go to a step, predict, run, hints, finish. Every run or rewind takes a ticket;
 * one that is overtaken (Back pressed while a step runs, the lesson closed) stops where it is.
 */
export function createLessonActions(ctx: ActionContext) {
  const { set, get, vs, dispatch, toast } = ctx;
  let ticket = 0;

  const lessonOf = (id: string | undefined): Lesson | undefined => LESSONS.find((l) => l.id === id);
  const patch = (t: number, change: Partial<LessonState>): boolean => {
    const cur = get().lesson;
    if (t !== ticket || cur === undefined) return false;
    set({ lesson: { ...cur, ...change } });
    return true;
  };

  /** Runs a step's actions one at a time, each after the tree settled from the one before. */
  const runActions = async (t: number, actions: readonly LessonAction[], waitMs = 0) => {
    for (const a of actions) {
      if (t !== ticket) return;
      dispatch(lessonAction(a));
      await settle(ctx.view, ctx.sleep);
    }
    if (waitMs > 0 && t === ticket) await settle(ctx.view, ctx.sleep, waitMs);
  };

  /**
   * Shows step `step` of `lesson` as it would be had the learner got there: the lesson's own tree
   * (a fresh boot: fresh supervisors, empty restart windows), then the earlier steps' actions.
   */
  const rewind = async (lesson: Lesson, step: number) => {
    const t = ++ticket;
    const solved = loadProgress(ctx.storage)[lesson.id]?.solved ?? false;
    const hints = get().lesson?.id === lesson.id ? (get().lesson?.hints ?? 0) : 0;
    set({ lesson: { ...freshStep(lesson.id, step, solved), hints, phase: 'rewinding' } });
    saveProgress(ctx.storage, lesson.id, { step });
    dispatch({ type: 'load_session', session: { workspace: lesson.workspace, speed: vs().speed } });
    await settle(ctx.view, ctx.sleep);
    for (const s of lesson.steps.slice(0, step)) await runActions(t, s.actions ?? [], s.waitMs);
    patch(t, { phase: 'ready' });
  };

  const run = async () => {
    const cur = get().lesson;
    const lesson = lessonOf(cur?.id);
    const step = lesson?.steps[cur?.step ?? -1];
    if (!cur || !lesson || !step || cur.phase === 'running' || cur.phase === 'rewinding') return;
    const t = ++ticket;
    const before = pidsByPath(ctx);
    set({ lesson: { ...cur, phase: 'running', result: undefined } });
    await runActions(t, step.actions ?? [], step.waitMs);
    const result = step.predict && judge(step.predict, cur, before, pidsByPath(ctx));
    patch(t, { phase: 'ran', result });
  };

  return (action: LessonControlAction): void => {
    switch (action.type) {
      case 'open_lesson': {
        const lesson = lessonOf(action.id);
        if (!lesson) {
          toast(`There is no lesson called “${action.id}”.`, 'error');
          return;
        }
        const saved = loadProgress(ctx.storage)[lesson.id]?.step ?? 0;
        const step = action.step === undefined ? saved : action.step - 1;
        if (!Number.isInteger(step) || step < 0 || step >= lesson.steps.length) {
          toast(
            `“${lesson.title}” has steps 1 to ${lesson.steps.length}; there is no step ${action.step ?? step + 1}.`,
            'error',
          );
          return;
        }
        // The person's own tree is kept as a backup the first time a lesson replaces it.
        if (get().lesson === undefined)
          ctx.vault?.backup(
            { workspace: get().workspace, speed: vs().speed },
            `replaced by the lesson ${lesson.title}`,
          );
        set({ dialog: undefined });
        void rewind(lesson, step);
        return;
      }
      case 'lesson_step': {
        const cur = get().lesson;
        const lesson = lessonOf(cur?.id);
        if (!cur || !lesson) return;
        const step = Math.max(0, Math.min(lesson.steps.length - 1, action.step));
        if (step === cur.step) return;
        // Forward keeps the tree as the learner left it; back rebuilds it (Back really goes back).
        if (step < cur.step) {
          void rewind(lesson, step);
          return;
        }
        ++ticket;
        set({ lesson: { ...freshStep(cur.id, step, cur.solved), hints: cur.hints } });
        saveProgress(ctx.storage, cur.id, { step });
        return;
      }
      case 'run_lesson_step':
        void run();
        return;
      case 'lesson_forward': {
        const cur = get().lesson;
        const step = lessonOf(cur?.id)?.steps[cur?.step ?? 0];
        if (!cur || !step) return;
        if (cur.phase === 'ready' && (step.actions?.length ?? 0) > 0)
          dispatch({ type: 'run_lesson_step' });
        else if (cur.phase !== 'running' && cur.phase !== 'rewinding')
          dispatch({ type: 'lesson_step', step: cur.step + 1 });
        return;
      }
      case 'lesson_back': {
        const cur = get().lesson;
        if (cur && cur.step > 0) dispatch({ type: 'lesson_step', step: cur.step - 1 });
        return;
      }
      case 'lesson_pick': {
        const cur = get().lesson;
        if (!cur || cur.phase !== 'ready') return;
        const picks = cur.picks.includes(action.path)
          ? cur.picks.filter((p) => p !== action.path)
          : [...cur.picks, action.path];
        set({ lesson: { ...cur, picks } });
        return;
      }
      case 'lesson_choose': {
        const cur = get().lesson;
        if (cur && cur.phase === 'ready') set({ lesson: { ...cur, choice: action.choice } });
        return;
      }
      case 'lesson_hint': {
        const cur = get().lesson;
        const hints = lessonOf(cur?.id)?.goal?.hints.length ?? 0;
        if (cur) set({ lesson: { ...cur, hints: Math.min(hints, cur.hints + 1) } });
        return;
      }
      case 'finish_lesson': {
        const cur = get().lesson;
        if (cur) saveProgress(ctx.storage, cur.id, { done: true, step: 0 });
        ++ticket;
        set({ lesson: undefined });
        return;
      }
      case 'close_lesson':
        ++ticket;
        set({ lesson: undefined });
        return;
      default:
        exhaustiveSwitchError(action);
    }
  };
}
