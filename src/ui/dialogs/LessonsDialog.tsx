import { useMemo } from 'react';
import { LESSONS } from '../../lessons';
import { loadProgress } from '../../app/lessons/lessonProgress';
import { useDispatch } from '../context';
import { Dialog } from './Dialog';

/** Picks a lesson: each starts from its own tree, at the step where the learner left it. */
export function LessonsDialog({ onClose }: { onClose: () => void }) {
  const dispatch = useDispatch();
  // Read when the dialog opens: localStorage, or nothing where there is none.
  const progress = useMemo(() => {
    try {
      return loadProgress(window.localStorage);
    } catch {
      return {};
    }
  }, []);
  return (
    <Dialog title="Lessons" onClose={onClose} testId="lessons-dialog">
      <p className="dialog-lead">
        Each lesson starts from its own tree. Steps ask you to predict what will happen, then run it
        and show what did; challenges are done by hand and noticed by the page.
      </p>
      <ul className="plain lesson-list">
        {LESSONS.map((l) => {
          const p = progress[l.id];
          const state = p?.solved
            ? 'solved'
            : p?.done
              ? 'done'
              : p && p.step > 0
                ? `at step ${p.step + 1} of ${l.steps.length}`
                : undefined;
          return (
            <li key={l.id}>
              <button type="button" onClick={() => dispatch({ type: 'open_lesson', id: l.id })}>
                <strong>{l.title}</strong>
                <span className="dim">
                  {l.summary}
                  {l.goal ? ' · challenge' : ''}
                  {state ? ` · ${state}` : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </Dialog>
  );
}
