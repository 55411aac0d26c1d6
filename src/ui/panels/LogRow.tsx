import { memo } from 'react';
import { formatReport } from '../../store/reports';
import type { LogEntry } from '../../store/types';
import { elixirLine } from '../logText';
import { useElixir } from '../useElixir';

/**
 * One log entry. Its text was made when the event was folded (processes named as they were then),
 * so a row depends on nothing but its entry and is never redrawn for a later event. A report
 * shows its one-line summary and opens (a click on it, or → / ← on the active entry) to the
 * report as the Erlang shell prints it.
 */
export const LogRow = memo(function LogRow({
  entry: e,
  id,
  active,
  open,
  onPick,
  onToggle,
}: {
  entry: LogEntry;
  id: string;
  active: boolean;
  open: boolean;
  onPick: (e: LogEntry) => void;
  onToggle: (seq: number) => void;
}) {
  // In the Elixir flavour a report reads as Elixir's Logger prints it (`app/code/elixirReports.ts`).
  const elixir = useElixir();
  const ex = elixir && e.report !== undefined ? elixir.elixirReport(e.report) : undefined;
  return (
    <li
      id={id}
      data-kind={e.kind}
      data-level={e.level}
      data-internal={e.internal ? 'true' : undefined}
      aria-current={active ? 'true' : undefined}
      aria-expanded={e.report === undefined ? undefined : open}
      onClick={() => onPick(e)}
    >
      <span className="t">{(e.t / 1000).toFixed(2)}s</span>
      {e.report === undefined ? (
        <span>
          {e.node > 1 ? `[node${e.node}] ` : ''}
          {elixir ? elixirLine(e, (v) => elixir.formatTermIn('elixir', v)) : e.text}
        </span>
      ) : (
        <span className="report">
          <button
            type="button"
            className="report-toggle"
            tabIndex={-1}
            aria-label={open ? 'Close report' : 'Open report'}
            onClick={(ev) => {
              ev.stopPropagation();
              onToggle(e.seq);
            }}
          >
            {open ? '▾' : '▸'}
          </button>
          <span className="heading">{ex?.level ?? e.report.heading}</span>{' '}
          {ex?.summary ?? e.report.summary}
          {open && <pre className="report-text">{ex?.text ?? formatReport(e.report, e.t)}</pre>}
        </span>
      )}
    </li>
  );
});
