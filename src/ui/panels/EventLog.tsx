import { memo, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { filterLog, pathSegment } from '../../store/selectors';
import type { LogCategory, LogEntry } from '../../store/types';
import type { PlaygroundState } from '../../store/vanilla';
import { useDispatch, usePlaygroundContext, useView } from '../context';
import { useThrottledView } from '../useThrottledView';

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
const selectStructure = (s: PlaygroundState): number => s.structure;

/**
 * The event log in OTP's wording, filterable by kind and text. One tab stop:
 * arrow keys move through entries, Enter (or a click) selects the process.
 */
export function EventLog() {
  const { view } = usePlaygroundContext();
  const dispatch = useDispatch();
  const log = useThrottledView(selectLog, REDRAW_MS);
  const filter = useView((s) => s.logFilter);
  const selected = useView((s) => s.selected);
  // Names change only with the picture's shape (a spawn, a register, a child started), so the
  // namer is rebuilt on `structure`, not on every batch, and unchanged rows are not re-rendered.
  // Throttled like the log: a flood reshapes the tree every frame, and each new namer redraws every row.
  const structure = useThrottledView(selectStructure, REDRAW_MS);
  const nameOf = useMemo(() => namer(view.getState(), structure), [view, structure]);
  const [shown, setShown] = useState(PAGE);
  const matching = useMemo(() => filterLog(log, filter), [log, filter]);
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
    else if (e.key === 'Enter') {
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
    document.getElementById(`${idBase}-${entry.seq}`)?.scrollIntoView({ block: 'nearest' });
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
            nameOf={nameOf}
            onPick={pick}
          />
        ))}
      </ol>
    </section>
  );
}

/** `counter` for `<1.3.0>`: the last part of its path, cached; undefined where that is the pid itself. */
function namer(
  s: Pick<PlaygroundState, 'processes' | 'nodes'>,
  _structure: number,
): (key: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (key) => {
    if (!cache.has(key)) {
      const p = s.processes.get(key);
      const seg =
        p === undefined ? undefined : p.behaviour === 'shell' ? 'shell' : pathSegment(s, p);
      cache.set(key, seg === key ? undefined : seg);
    }
    return cache.get(key);
  };
}

/** One entry; re-rendered only when it becomes (in)active or names change. */
const LogRow = memo(function LogRow({
  entry: e,
  id,
  active,
  nameOf,
  onPick,
}: {
  entry: LogEntry;
  id: string;
  active: boolean;
  nameOf: (key: string) => string | undefined;
  onPick: (e: LogEntry) => void;
}) {
  return (
    <li
      id={id}
      data-kind={e.kind}
      data-level={e.level}
      aria-current={active ? 'true' : undefined}
      onClick={() => onPick(e)}
    >
      <span className="t">{(e.t / 1000).toFixed(2)}s</span>
      <EntryText entry={e} nameOf={nameOf} />
    </li>
  );
});

const PID_RE = /<\d+\.\d+\.0>/g;

/**
 * A plain line with the pids it is about named: `counter` stands where `<1.3.0>` did (the pid
 * stays in a tooltip). Reports keep OTP's wording untouched.
 */
function Named({
  text,
  pids,
  nameOf,
}: {
  text: string;
  pids: readonly string[];
  nameOf: (key: string) => string | undefined;
}) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(PID_RE)) {
    // Only the entry's own pids: after structured clone a ref looks like a pid, and must not be named.
    const name = pids.includes(m[0]) ? nameOf(m[0]) : undefined;
    if (name === undefined) continue;
    parts.push(text.slice(last, m.index));
    parts.push(
      <abbr key={m.index} className="pid-name" title={m[0]}>
        {name}
      </abbr>,
    );
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}

function EntryText({
  entry,
  nameOf,
}: {
  entry: LogEntry;
  nameOf: (key: string) => string | undefined;
}) {
  if (!entry.report)
    return (
      <span>
        {entry.node > 1 ? `[node${entry.node}] ` : ''}
        <Named
          text={entry.text}
          pids={[...entry.pids, entry.from ?? '', entry.to ?? '']}
          nameOf={nameOf}
        />
      </span>
    );
  const r = entry.report;
  return (
    <span>
      <span className="heading">{r.heading}</span>
      <span className="report-fields">
        {r.fields
          .filter(([, v]) => v !== '')
          .map(([k, v]) => (
            <FieldPair key={k} k={k} v={v} />
          ))}
      </span>
    </span>
  );
}

function FieldPair({ k, v }: { k: string; v: string }) {
  return (
    <>
      <span>{k}:</span>
      <span>{v}</span>
    </>
  );
}
