import { useLayoutEffect, useMemo, useRef } from 'react';
import { type SeqRow, sequenceAt } from '../../store/sequence';
import type { PlaygroundState } from '../../store/vanilla';
import { usePlaygroundContext, useView } from '../context';
import { useThrottledView } from '../useThrottledView';

const playheadOf = (s: PlaygroundState) => s.playhead;

const LANE_W = 190;
const ROW_H = 26;
const TOP = 34;
const LEFT = 90;

/**
 * The sequence chart beside the tree (Kino.Process's `seq_trace`, live): the selected process's
 * lifeline (its slot: a restart is a new pid on it) and its supervisor's, with the messages,
 * calls, exit signals (reasons), 'EXIT' and 'DOWN' messages, restarts and starts between them, in
 * the steps before the playhead; the newest row is the event under the playhead. Follows the
 * timeline: a seek redraws it as of that event.
 */
export function SequenceView() {
  const { view } = usePlaygroundContext();
  const p = useThrottledView(playheadOf, 150);
  const selected = useView((s) => s.selected);
  const seq = useMemo(() => {
    const s = view.getState();
    return selected === undefined
      ? undefined
      : sequenceAt(s.history(), s, selected, Math.min(p.index, s.playhead.index));
  }, [view, selected, p.index]);
  // The newest rows (the playhead's) are at the bottom: keep them in sight.
  const boxRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const box = boxRef.current;
    if (box) box.scrollTop = box.scrollHeight;
  }, [seq]);

  if (seq === undefined || seq.lanes.length === 0)
    return (
      <p className="sequence-empty" data-testid="sequence">
        Select a process to see its sequence chart: its lifeline and its supervisor&apos;s, and what
        passed between them up to the playhead.
      </p>
    );
  const x = new Map(seq.lanes.map((l, i) => [l.id, LEFT + i * LANE_W]));
  const height = TOP + (seq.rows.length + 1) * ROW_H;
  const width = LEFT + seq.lanes.length * LANE_W;
  const names = seq.lanes.map((l) => l.label).join(', ');
  return (
    <div className="sequence" data-testid="sequence" ref={boxRef}>
      <svg
        width={width}
        height={height}
        role="img"
        aria-label={`Sequence chart of ${names}: ${seq.rows.length} events up to the playhead`}
      >
        <defs>
          <marker
            id="seq-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill="currentColor" />
          </marker>
        </defs>
        {seq.lanes.map((l) => (
          <g key={l.id} className="seq-lane">
            <text x={x.get(l.id)} y={18} textAnchor="middle" className="seq-lane-label">
              {l.label}
            </text>
            <line x1={x.get(l.id)} x2={x.get(l.id)} y1={TOP - 8} y2={height} />
          </g>
        ))}
        {seq.rows.map((r, i) => (
          <Row
            key={`${r.index}-${i}`}
            row={r}
            y={TOP + (i + 0.5) * ROW_H}
            x={x}
            last={i === seq.rows.length - 1}
          />
        ))}
      </svg>
    </div>
  );
}

function Row({
  row,
  y,
  x,
  last,
}: {
  row: SeqRow;
  y: number;
  x: Map<string, number>;
  last: boolean;
}) {
  const from = x.get(row.from) ?? LEFT;
  const to = row.to === undefined ? undefined : (x.get(row.to) ?? LEFT);
  const cls = `seq-row seq-${row.kind}${last ? ' seq-now' : ''}`;
  if (to === undefined || to === from)
    return (
      <g className={cls} data-kind={row.kind}>
        <rect x={from - 5} y={y - 5} width={10} height={10} />
        <text x={from + 10} y={y + 4}>
          {row.label}
        </text>
      </g>
    );
  return (
    <g className={cls} data-kind={row.kind}>
      <line x1={from} x2={to} y1={y} y2={y} markerEnd="url(#seq-arrow)" />
      <text x={(from + to) / 2} y={y - 4} textAnchor="middle">
        {row.label}
      </text>
    </g>
  );
}
