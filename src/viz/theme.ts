import type { ProcStatus } from '../store/types';

/**
 * Colours and cues. The palette is Okabe–Ito (safe for the common colour
 * vision deficiencies), and no state relies on colour alone: each also has
 * its own fill pattern or glyph (solid, hollow, hatched, ↻, ✕).
 * Every colour is a CSS custom property, so the page can theme it.
 */
export const STATUS_COLOUR: Record<ProcStatus, string> = {
  running: '#009E73',
  waiting: '#56B4E9',
  exiting: '#E69F00',
  restarting: '#CC79A7',
  dead: '#999999',
};

/** The glyph drawn in a process for states a fill cannot tell apart. */
export const STATUS_GLYPH: Record<ProcStatus, string> = {
  running: '',
  waiting: '',
  exiting: '!',
  restarting: '↻',
  dead: '✕',
};

export const EDGE_COLOUR = {
  supervision: '#8a8a8a',
  link: '#0072B2',
  monitor: '#444444',
  message: '#0072B2',
  exit: '#D55E00',
  down: '#CC79A7',
};

/** Half the size of a drawn process (px): supervisors are squares of 2×, workers circles of this radius. */
export const NODE_R = 14;

/** The style sheet a tree view puts in its `<svg>`, scoped by `scope` (a class on the svg). */
export function styleSheet(scope: string, hatchId: string, downHatchId: string): string {
  const s = `.${scope}`;
  const vars = Object.entries(STATUS_COLOUR)
    .map(([k, v]) => `--otp-${k}: ${v};`)
    .join(' ');
  const fills = (Object.keys(STATUS_COLOUR) as ProcStatus[])
    .map(
      (k) =>
        `${s} .proc[data-state='${k}'] .shape { stroke: var(--otp-${k}); fill: var(--otp-${k}); }`,
    )
    .join('\n');
  return `
${s} { ${vars} --otp-link: ${EDGE_COLOUR.link}; --otp-monitor: ${EDGE_COLOUR.monitor};
  --otp-message: ${EDGE_COLOUR.message}; --otp-exit: ${EDGE_COLOUR.exit}; --otp-down: ${EDGE_COLOUR.down};
  --otp-text: #222; --otp-region: #f6f7f9; --otp-region-stroke: #d0d4da; font-family: system-ui, sans-serif; }
${s} text { fill: var(--otp-text); font-size: 11px; pointer-events: none; user-select: none; }
${s} .region rect { fill: var(--otp-region); stroke: var(--otp-region-stroke); }
${s} .region.down rect { fill: url(#${downHatchId}); stroke-dasharray: 6 4; }
${s} .region.unresponsive rect { fill: url(#${downHatchId}); stroke: var(--otp-exiting); stroke-width: 2; stroke-dasharray: 6 4; }
${s} .region text.title { font-weight: 600; font-size: 12px; }
${s} .region text.reason { fill: #a33; }
${s} .region.cut rect { stroke: var(--otp-exit); stroke-width: 2; stroke-dasharray: 8 5; }
${s} .netsplit path { fill: none; stroke: var(--otp-exit); stroke-width: 3; }
${s} .netsplit text { fill: var(--otp-exit); font-weight: 700; paint-order: stroke; stroke: var(--otp-region); stroke-width: 5px; }
${s} .netsplit.healed path { stroke: var(--otp-running); stroke-dasharray: 4 4; }
${s} .netsplit.healed text { fill: var(--otp-running); }
${s} .edge { fill: none; }
${s} .edge.supervision { stroke: ${EDGE_COLOUR.supervision}; stroke-width: 1.5; }
${s} .edge.spawn { stroke: ${EDGE_COLOUR.supervision}; stroke-width: 1; stroke-dasharray: 2 3; }
${s} .edge.link { stroke: var(--otp-link); stroke-width: 2; }
${s} .edge.monitor { stroke: var(--otp-monitor); stroke-width: 1.5; stroke-dasharray: 5 4; }
${s} .proc { cursor: pointer; outline: none; }
${s} .proc .shape { stroke-width: 2.5; }
${fills}
${s} .proc[data-state='waiting'] .shape { fill: #fff; stroke-width: 3.5; }
${s} .proc[data-state='exiting'] .shape { fill: url(#${hatchId}); }
${s} .proc[data-state='restarting'] .shape { fill: #fff; stroke-dasharray: 4 3; }
${s} .proc[data-state='dead'] .shape { fill: #eee; stroke-dasharray: 2 2; }
${s} .proc[data-state='dead'] { opacity: 0.55; }
${s} .proc .glyph { font-size: 13px; font-weight: 700; text-anchor: middle; dominant-baseline: central; }
${s} .proc .label { text-anchor: middle; }
${s} .proc .strategy { text-anchor: middle; font-size: 10px; fill: #555; font-style: italic; }
${s} .proc .badge rect { fill: #222; }
${s} .proc .badge text { fill: #fff; font-size: 9px; font-weight: 700; text-anchor: middle; dominant-baseline: central; }
${s} .proc .mailbox text { font-size: 9px; fill: #333; }
${s} .proc .ring { fill: none; stroke: #111; stroke-width: 2; stroke-dasharray: 3 2; visibility: hidden; }
${s} .proc.selected .ring { visibility: visible; stroke-dasharray: none; stroke-width: 2.5; }
${s} .proc:focus-visible .ring { visibility: visible; }
${s} .proc.group .shape.back { opacity: 0.5; }
${s} .proc.group .count { font-weight: 700; text-anchor: middle; dominant-baseline: central; font-size: 10px; }
${s} .burst { fill: none; stroke: var(--otp-exit); stroke-width: 3; }
`;
}
