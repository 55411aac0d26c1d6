import { exhaustiveSwitchError } from '../base';
import type { SeqRow, Sequence } from './sequence';

/**
 * A sequence chart as Mermaid `sequenceDiagram` text (https://mermaid.js.org/syntax/sequenceDiagram.html),
 * for a slide or a README: the same lanes and rows the Sequence tab draws. Participants get
 * safe ids (`p0`, `p1`, …) with the lane's label as alias; labels lose the characters Mermaid
 * reads as syntax (`;`, `#`, newlines).
 */
export function sequenceToMermaid(seq: Sequence, title?: string): string {
  const id = new Map(seq.lanes.map((l, i) => [l.id, `p${i}`]));
  const lines = ['sequenceDiagram'];
  if (title !== undefined) lines.push(`  title ${clean(title)}`);
  for (const l of seq.lanes) lines.push(`  participant ${id.get(l.id)} as ${clean(l.label)}`);
  for (const r of seq.rows) {
    const from = id.get(r.from);
    if (from === undefined) continue;
    const to = r.to === undefined ? undefined : id.get(r.to);
    lines.push(`  ${rowLine(r, from, to)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Characters Mermaid would read as its own syntax inside a message. */
const clean = (s: string): string => s.replace(/[;#\n\r]/g, ' ').trim() || ' ';

function rowLine(r: SeqRow, from: string, to: string | undefined): string {
  const label = clean(r.label);
  if (to === undefined) return `Note over ${from}: ${label}`;
  switch (r.kind) {
    case 'message':
      return `${from}->>${to}: ${label}`;
    case 'call':
      return `${from}->>${to}: call ${label}`;
    case 'exit_signal':
      // A cross: the signal kills (or would kill) the receiver.
      return `${from}-x${to}: exit signal ${label}`;
    case 'EXIT':
    case 'down':
      return `${from}-->>${to}: ${label}`;
    case 'exit':
    case 'spawn':
    case 'restart':
    case 'report':
      return `Note over ${from}: ${label}`;
    default:
      return exhaustiveSwitchError(r.kind);
  }
}
