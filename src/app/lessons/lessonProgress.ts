import type { KeyValue } from '../workspace/storage';

export const LESSON_PROGRESS_KEY = 'otp-playground:lessons:v1';

/** One lesson's progress: the step last shown (0-based), finished, challenge solved. */
export interface LessonProgress {
  step: number;
  done: boolean;
  solved: boolean;
}

export type ProgressMap = Readonly<Record<string, LessonProgress>>;

const isProgress = (p: unknown): p is LessonProgress =>
  typeof p === 'object' &&
  p !== null &&
  Number.isInteger((p as LessonProgress).step) &&
  (p as LessonProgress).step >= 0 &&
  typeof (p as LessonProgress).done === 'boolean' &&
  typeof (p as LessonProgress).solved === 'boolean';

/** Saved progress; anything damaged, or storage that is absent or refuses, reads as none. */
export function loadProgress(store: KeyValue | undefined): ProgressMap {
  try {
    const raw = store?.getItem(LESSON_PROGRESS_KEY);
    if (!raw) return {};
    const data = JSON.parse(raw) as unknown;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
    const out: Record<string, LessonProgress> = {};
    for (const [id, p] of Object.entries(data)) if (isProgress(p)) out[id] = p;
    return out;
  } catch {
    return {};
  }
}

/** Merges `change` into lesson `id`'s progress and saves it (a nicety: a full or absent storage loses it). */
export function saveProgress(
  store: KeyValue | undefined,
  id: string,
  change: Partial<LessonProgress>,
): ProgressMap {
  const all = loadProgress(store);
  const next = { ...all, [id]: { step: 0, done: false, solved: false, ...all[id], ...change } };
  try {
    store?.setItem(LESSON_PROGRESS_KEY, JSON.stringify(next));
  } catch {
    // Storage disabled or full: progress is a nicety.
  }
  return next;
}
