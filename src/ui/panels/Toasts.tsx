import { useDispatch, useUi } from '../context';

/** Short results and errors of actions ("missing: process app_sup/x is not running"). */
export function Toasts() {
  const toasts = useUi((s) => s.toasts);
  const dispatch = useDispatch();
  return (
    <div className="toasts" role="log" aria-live="polite" aria-label="Notifications">
      {toasts.map((t) => (
        <div key={t.id} className="toast" data-tone={t.tone} data-testid="toast">
          <span>{t.text}</span>
          <button
            type="button"
            aria-label="Dismiss"
            onClick={() => dispatch({ type: 'dismiss_toast', id: t.id })}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
