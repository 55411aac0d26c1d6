import type { Session } from '../app/workspace/session';
import type { Checked } from '../app/workspace/validate';

/**
 * The session an embed's `lesson` option starts from: the lesson's own tree (as the page's
 * `?lesson=ID&step=N` does). The lessons load lazily, in their own chunk (vite.config.ts), so
 * an embed without a lesson never fetches them.
 */
export async function lessonSession(
  id: string,
  step: number | undefined,
  speed: number,
): Promise<Checked<Session>> {
  const { LESSONS } = await import('../lessons');
  const lesson = LESSONS.find((l) => l.id === id);
  if (!lesson)
    return {
      ok: false,
      error: `lesson: there is no lesson "${id}" (known: ${LESSONS.map((l) => l.id).join(', ')})`,
    };
  if (step !== undefined && step > lesson.steps.length)
    return {
      ok: false,
      error: `step: lesson "${id}" has ${lesson.steps.length} steps, not ${step}`,
    };
  return { ok: true, value: { workspace: lesson.workspace, speed } };
}
