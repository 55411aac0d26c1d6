import { select } from 'd3-selection';
import 'd3-transition';
import { exhaustiveSwitchError } from '../base';
import type { LogEntry, Playhead } from '../store/types';
import { NODE_R } from './theme';
import type { Pt, Traffic } from './traffic';
import { flightKey } from './traffic';

/** Total stagger of one batch's animations, so OTP's order shows (ms at speed 1). */
const MAX_STAGGER = 1500;

export interface LogAnimationDeps {
  readonly traffic: Traffic;
  /** Where bursts are drawn (inside the zoomed viewport). */
  readonly fx: SVGGElement;
  /** Where a pid is drawn now (or was last drawn). */
  posOf(pid: string | undefined): Pt | undefined;
  /** How long a flight takes now (speed-scaled). */
  flightMs(): number;
  reduced(): boolean;
  /** A label in the page's flavour (see `TreeViewOptions.labelText`). */
  labelText?: (erlang: string, e: LogEntry) => string;
}

/**
 * What happened, animated from the log: entries newer than the last seen
 * `seq` become dots (messages, exit signals with their reason, DOWNs) and
 * bursts (abnormal exits). An exit signal at a trapping process turns into a
 * message dot. One batch's entries are staggered so OTP's order shows. The
 * log before the first call is not replayed; with reduced motion nothing moves.
 */
export function createLogAnimation(deps: LogAnimationDeps): {
  play(log: readonly LogEntry[], playhead?: Playhead): void;
} {
  const { traffic, posOf } = deps;
  const text = (erlang: string, e: LogEntry): string =>
    deps.labelText ? deps.labelText(erlang, e) : erlang;
  /** The log seq already animated; undefined until the first call. */
  let seenSeq: number | undefined;
  let seenJumps: number | undefined;

  function play(log: readonly LogEntry[], playhead?: Playhead): void {
    const newest = log.length > 0 ? (log[log.length - 1] as LogEntry).seq : 0;
    const jumped =
      playhead !== undefined && seenJumps !== undefined && playhead.jumps !== seenJumps;
    seenJumps = playhead?.jumps;
    if (seenSeq === undefined || deps.reduced()) {
      seenSeq = newest;
      return;
    }
    // The playhead was moved (a seek either way): what flew belongs to another moment; only the
    // step now under the playhead is drawn (its entries begin at `stepSeq`).
    if (jumped) {
      traffic.clear();
      seenSeq = (playhead?.stepSeq ?? newest + 1) - 1;
    }
    let i = log.length;
    while (i > 0 && (log[i - 1] as LogEntry).seq > seenSeq) i--;
    seenSeq = newest;
    const fresh = log.slice(i);
    if (fresh.length === 0) return;
    const fly = deps.flightMs();
    const step = Math.min(fly * 0.3, MAX_STAGGER / Math.max(1, fresh.length));
    let order = 0;
    for (const e of fresh) {
      const delay = order * step;
      if (animateEntry(e, delay, fly)) order++;
    }
  }

  function animateEntry(e: LogEntry, delay: number, fly: number): boolean {
    switch (e.kind) {
      case 'send':
      case 'send_dropped': {
        const to = posOf(e.to);
        if (to === undefined) return false;
        const from = posOf(e.from) ?? { x: to.x, y: to.y - 60 };
        traffic.launch({
          kind: 'message',
          from,
          to,
          delay,
          duration: fly,
          pairKey: flightKey('m', from, to),
        });
        return true;
      }
      case 'exit_signal': {
        const to = posOf(e.to);
        if (to === undefined) return false;
        const from = posOf(e.from) ?? { x: to.x, y: to.y - 60 };
        const trapped = e.outcome === 'trapped';
        traffic.launch({
          kind: 'exit',
          from,
          to,
          delay,
          duration: fly,
          label: text(e.label ?? '', e),
          pairKey: flightKey('x', from, to),
          // At a trapping process the signal becomes a message: {'EXIT', From, Reason}.
          ...(trapped
            ? {
                onArrive: () =>
                  traffic.launch({
                    kind: 'message',
                    from: { x: to.x + 18, y: to.y - 18 },
                    to,
                    delay: 0,
                    duration: Math.max(150, fly * 0.4),
                    label: text("'EXIT'", e),
                    pairKey: flightKey('t', to, to),
                  }),
              }
            : {}),
        });
        return true;
      }
      case 'down': {
        const to = posOf(e.to);
        const from = posOf(e.from);
        if (to === undefined || from === undefined) return false;
        traffic.launch({
          kind: 'down',
          from,
          to,
          delay,
          duration: fly,
          label: text('DOWN', e),
          pairKey: flightKey('d', from, to),
        });
        return true;
      }
      case 'exit': {
        if (e.abnormal !== true) return false;
        const at = posOf(e.pids[0]);
        if (at !== undefined) burst(at, delay);
        return at !== undefined;
      }
      // Nothing flies for these: the picture's shape or colour shows them.
      case 'supervisor_report':
      case 'crash_report':
      case 'error_report':
      case 'progress_report':
      case 'spawn':
      case 'link':
      case 'unlink':
      case 'monitor':
      case 'demonitor':
      case 'trap_exit':
      case 'register':
      case 'unregister':
      case 'init':
      case 'restart':
      case 'child_deleted':
      case 'gave_up':
      case 'log':
      case 'summary':
      case 'node':
        return false;
      default:
        return exhaustiveSwitchError(e.kind);
    }
  }

  /** A crash: an expanding ring. */
  function burst(at: Pt, delay: number): void {
    select(deps.fx)
      .append('circle')
      .attr('class', 'burst')
      .attr('cx', at.x)
      .attr('cy', at.y)
      .attr('r', NODE_R)
      .style('opacity', 0)
      .transition('burst')
      .delay(delay)
      .duration(0)
      .style('opacity', 1)
      .transition()
      .duration(Math.max(300, deps.flightMs()))
      .attr('r', NODE_R * 3.2)
      .style('opacity', 0)
      .remove();
  }

  return { play };
}
