import { useEffect, useRef } from 'react';
import type { ContextTarget } from '../../viz/types';
import type { Action } from '../../app/actions';
import { useDispatch, useView } from '../context';
import { activeElementIn } from '../dom';

interface Item {
  label: string;
  key: string;
  action: Action;
}

/** Right-click (or the context-menu key) on a process: the same actions as the inspector and shortcuts. */
export function ContextMenu({ target, onClose }: { target: ContextTarget; onClose: () => void }) {
  const dispatch = useDispatch();
  const ref = useRef<HTMLDivElement>(null);
  const proc = useView((s) => (target.pid === undefined ? undefined : s.processes.get(target.pid)));

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
    const away = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', away, true);
    return () => window.removeEventListener('pointerdown', away, true);
  }, [onClose]);

  if (!proc) return null;
  const t = proc.key;
  const items: Item[] = [
    {
      label: 'Send a message…',
      key: 'S',
      action: { type: 'open_dialog', dialog: { kind: 'send', target: t, mode: 'send' } },
    },
    {
      label: 'Call…',
      key: 'G',
      action: { type: 'open_dialog', dialog: { kind: 'send', target: t, mode: 'call' } },
    },
    {
      label: 'Crash…',
      key: 'C',
      action: { type: 'open_dialog', dialog: { kind: 'crash', target: t } },
    },
    {
      label: 'Exit signal…',
      key: 'E',
      action: { type: 'open_dialog', dialog: { kind: 'exit_signal', target: t } },
    },
    { label: 'Kill', key: 'K', action: { type: 'exit_signal', target: t, reason: 'kill' } },
    { label: 'Link to…', key: 'L', action: { type: 'start_pick', mode: 'link', from: t } },
    { label: 'Monitor…', key: 'M', action: { type: 'start_pick', mode: 'monitor', from: t } },
    {
      label: proc.trapExit ? 'Stop trapping exits' : 'Trap exits',
      key: 'T',
      action: { type: 'trap_exit', target: t, on: !proc.trapExit },
    },
  ];
  if (proc.kind === 'supervisor') {
    items.push(
      {
        label: 'Add child…',
        key: 'A',
        action: { type: 'open_dialog', dialog: { kind: 'add_child', supPath: target.path } },
      },
      {
        label: 'Change flags…',
        key: '',
        action: { type: 'open_dialog', dialog: { kind: 'flags', supPath: target.path } },
      },
    );
  }

  const onKeyDown = (e: React.KeyboardEvent) => {
    e.stopPropagation();
    const els = [...(ref.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
    const i = els.indexOf(activeElementIn(ref.current) as HTMLElement);
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      els[(i + 1) % els.length]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      els[(i - 1 + els.length) % els.length]?.focus();
    }
  };

  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label={`Actions for ${target.path}`}
      style={{ left: target.clientX, top: target.clientY }}
      onKeyDown={onKeyDown}
    >
      {items.map((it) => (
        <button
          type="button"
          role="menuitem"
          key={it.label}
          onClick={() => {
            onClose();
            dispatch(it.action);
          }}
        >
          <span>{it.label}</span>
          {it.key && <kbd>{it.key}</kbd>}
        </button>
      ))}
    </div>
  );
}
