import { type ReactNode, useEffect, useId, useRef } from 'react';
import { activeElementIn } from '../dom';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Wider for the code editor. */
  wide?: boolean;
  testId?: string;
}

/**
 * A modal dialog: the native `<dialog>` opened with `showModal()` makes the
 * rest of the page inert; Tab is also wrapped here so focus never leaves it,
 * Escape closes it, and focus goes back where it came from.
 */
export function Dialog({ title, onClose, children, wide, testId }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  });

  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const active = activeElementIn(el);
    const opener = active instanceof HTMLElement ? active : null;
    if (!el.open) el.showModal();
    const first =
      el.querySelector<HTMLElement>('[data-autofocus]') ?? el.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      closeRef.current();
    };
    el.addEventListener('cancel', onCancel);
    return () => {
      el.removeEventListener('cancel', onCancel);
      if (el.open) el.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const onKeyDown = (e: React.KeyboardEvent<HTMLDialogElement>) => {
    // Keys typed in a dialog never reach the page's shortcuts.
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      closeRef.current();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = [...(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].filter(
      (x) => x.offsetParent !== null || x === activeElementIn(x),
    );
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && activeElementIn(first) === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && activeElementIn(last) === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      aria-modal="true"
      onKeyDown={onKeyDown}
      data-testid={testId}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        if (e.target === ref.current) {
          const r = ref.current.getBoundingClientRect();
          const inside =
            e.clientX >= r.left &&
            e.clientX <= r.right &&
            e.clientY >= r.top &&
            e.clientY <= r.bottom;
          if (!inside) closeRef.current();
        }
      }}
    >
      <header className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close dialog"
          onClick={() => closeRef.current()}
        >
          ×
        </button>
      </header>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
