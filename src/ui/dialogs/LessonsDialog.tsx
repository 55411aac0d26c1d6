import { LESSONS } from '../../lessons';
import { useDispatch } from '../context';
import { Dialog } from './Dialog';

export function LessonsDialog({ onClose }: { onClose: () => void }) {
  const dispatch = useDispatch();
  return (
    <Dialog title="Lessons" onClose={onClose} testId="lessons-dialog">
      <p className="dialog-lead">
        Short guided tours. Each step explains what to watch; “Do it” runs the step for you.
      </p>
      <ul className="plain lesson-list">
        {LESSONS.map((l) => (
          <li key={l.id}>
            <button type="button" onClick={() => dispatch({ type: 'open_lesson', id: l.id })}>
              <strong>{l.title}</strong>
              <span className="dim">{l.summary}</span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
