/**
 * `?lesson=ID&step=N` (a teacher's slide): the lesson and its step, counted from 1 as people count.
 * Only parsed here; `open_lesson` decides whether it exists (and says so when not).
 */
export function lessonFromSearch(search: string): { id: string; step: number } | undefined {
  const params = new URLSearchParams(search);
  const id = params.get('lesson');
  if (id === null || id === '') return undefined;
  const raw = params.get('step');
  // Not a whole number: step 0, which open_lesson refuses with a message, as it does step 99.
  const step = raw === null || raw === '' ? 1 : /^\d+$/.test(raw) ? Number(raw) : 0;
  return { id, step };
}
