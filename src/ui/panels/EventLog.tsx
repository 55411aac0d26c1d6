import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { filterLog } from '../../store/selectors';
import type { LogCategory, LogEntry } from '../../store/types';
import type { PlaygroundState } from '../../store/vanilla';
import { useDispatch, usePlaygroundContext, useView } from '../context';
import { elementByIdIn } from '../dom';
import { useThrottledView } from '../useThrottledView';
import { LogRow } from './LogRow';

const CATEGORIES: { value: LogCategory; label: string }[] = [
  { value: 'report', label: 'Reports' },
  { value: 'signal', label: 'Signals' },
  { value: 'message', label: 'Messages' },
  { value: 'lifecycle', label: 'Lifecycle' },
  { value: 'system', label: 'System' },
];

/** How many entries are drawn at first, and how many more each "show earlier" adds (the store keeps 2,000). */
const PAGE = 200;
/** The log is redrawn at most this often (ms): a busy node changes it every frame. */
const REDRAW_MS = 200;

const selectLog = (s: PlaygroundState): readonly LogEntry[] => s.log;

/**
 * The event log in OTP's wording, filterable by kind and text; OTP's plumbing only with "Show
 * internals". One tab stop: arrow keys move through entries, Enter (or a click) selects the
 * process, → / ← open and close a report.
 */
export function EventLog() {
  const { view } = usePlaygroundContext();
  const dispatch = useDispatch();
  const log = useThrottledView(selectLog, REDRAW_MS);
  const filter = useView((s) => s.logFilter);
  const selected = useView((s) => s.selected);
  const [shown, setShown] = useState(PAGE);
  const [internals, setInternals] = useState(false);
  /** Reports opened to their full text, by seq. */
  const [opened, setOpened] = useState<ReadonlySet<number>>(() => new Set());
  const matching = useMemo(() => filterLog(log, filter, { internals }), [log, filter, internals]);
  const entries = useMemo(() => matching.slice(-shown), [matching, shown]);
  const hidden = matching.length - entries.length;
  /** The active entry, by seq (indexes move as entries arrive). */
  const [active, setActive] = useState<number | undefined>();
  const onlySelected = filter.pid !== undefined;
  const listRef = useRef<HTMLOListElement>(null);
  const stick = useRef(true);
  const idBase = useId();

  // "Only selected" follows the selection (a restarted child has a new pid).
  useEffect(() => {
    if (onlySelected && selected !== undefined && filter.pid !== selected)
      view.getState().setLogFilter({ pid: selected });
  }, [onlySelected, selected, filter.pid, view]);

  useEffect(() => {
    const el = listRef.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [entries]);

  const toggle = (c: LogCategory) => {
    const next = new Set(filter.categories);
    if (next.has(c)) next.delete(c);
    else next.add(c);
    view.getState().setLogFilter({ categories: next });
  };

  const choose = useCallback(
    (e: LogEntry) => {
      const pid = e.pids[0];
      if (pid !== undefined) dispatch({ type: 'select', target: pid });
    },
    [dispatch],
  );
  const pick = useCallback(
    (e: LogEntry) => {
      setActive(e.seq);
      choose(e);
    },
    [choose],
  );
  const toggleOpen = useCallback((seq: number, open?: boolean) => {
    setOpened((was) => {
      if (open === was.has(seq)) return was;
      const next = new Set(was);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });
  }, []);

  const found = active === undefined ? -1 : entries.findIndex((e) => e.seq === active);
  const activeIndex = found < 0 ? undefined : found;
  const activeEntry = activeIndex === undefined ? undefined : entries[activeIndex];
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (entries.length === 0) return;
    const last = entries.length - 1;
    let next = activeIndex ?? last;
    if (e.key === 'ArrowDown') next = Math.min(last, (activeIndex ?? -1) + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, (activeIndex ?? last + 1) - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = last;
    else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const entry = activeIndex === undefined ? undefined : entries[activeIndex];
      if (entry?.report !== undefined) toggleOpen(entry.seq, e.key === 'ArrowRight');
      e.preventDefault();
      e.stopPropagation();
      return;
    } else if (e.key === 'Enter') {
      const entry = entries[next];
      if (entry) choose(entry);
      e.preventDefault();
      e.stopPropagation();
      return;
    } else return;
    e.preventDefault();
    e.stopPropagation();
    const entry = entries[next];
    if (entry === undefined) return;
    setActive(entry.seq);
    elementByIdIn(e.currentTarget, `${idBase}-${entry.seq}`)?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <section
      className="panel event-log"
      aria-labelledby={`${idBase}-title`}
      data-testid="event-log"
    >
      <div className="panel-head">
        <h2 id={`${idBase}-title`}>Event log</h2>
        <div className="log-filters" role="group" aria-label="Filter the log">
          {CATEGORIES.map((c) => (
            <button
              type="button"
              key={c.value}
              aria-pressed={filter.categories.size === 0 || filter.categories.has(c.value)}
              onClick={() => toggle(c.value)}
            >
              {c.label}
            </button>
          ))}
          <input
            type="search"
            aria-label="Filter log text"
            placeholder="filter text…"
            value={filter.text}
            onChange={(e) => view.getState().setLogFilter({ text: e.target.value })}
          />
          <button
            type="button"
            aria-pressed={filter.pid !== undefined}
            disabled={selected === undefined && filter.pid === undefined}
            onClick={() =>
              view.getState().setLogFilter({ pid: filter.pid === undefined ? selected : undefined })
            }
          >
            Only selected
          </button>
          <label className="log-internals">
            <input
              type="checkbox"
              checked={internals}
              onChange={(e) => setInternals(e.target.checked)}
            />
            Show internals
          </label>
          <button type="button" onClick={() => view.getState().clearLog()}>
            Clear
          </button>
        </div>
      </div>
      {hidden > 0 && (
        <button type="button" className="log-more" onClick={() => setShown((n) => n + PAGE)}>
          Show {Math.min(PAGE, hidden)} earlier ({hidden} not shown)
        </button>
      )}
      <ol
        ref={listRef}
        className="log-list"
        tabIndex={0}
        aria-label="Events, newest last"
        aria-activedescendant={
          activeEntry === undefined ? undefined : `${idBase}-${activeEntry.seq}`
        }
        onKeyDown={onKeyDown}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
        }}
        data-testid="log-list"
      >
        {entries.length === 0 && (
          <li className="dim">
            No events{filter.text || filter.categories.size ? ' match the filter' : ' yet'}.
          </li>
        )}
        {entries.map((e) => (
          <LogRow
            key={e.seq}
            entry={e}
            id={`${idBase}-${e.seq}`}
            active={e.seq === active}
            open={opened.has(e.seq)}
            onPick={pick}
            onToggle={toggleOpen}
          />
        ))}
      </ol>
    </section>
  );
}
