import { type Timer, timer } from 'd3-timer';

/**
 * Things in flight between processes: messages, exit signals (with their
 * reason), DOWNs. One loop (d3's shared timer, i.e. one requestAnimationFrame
 * loop, which transitions share too) moves every dot; it stops when nothing
 * flies. At most `max` dots live at once; beyond that a pair of processes
 * shows a `+N` count instead of more dots.
 */

export interface Pt {
  readonly x: number;
  readonly y: number;
}

export type FlightKind = 'message' | 'exit' | 'down';

export interface FlightSpec {
  readonly kind: FlightKind;
  readonly from: Pt;
  readonly to: Pt;
  /** Animation ms before it sets off (sequences the events of one batch). */
  readonly delay: number;
  readonly duration: number;
  /** Drawn next to the dot (an exit reason). */
  readonly label?: string;
  /** For the `+N` count when over the cap: flights with one key are counted together (see {@link flightKey}). */
  readonly pairKey: string;
  /** Called when it arrives (not when dropped by {@link Traffic.clear}). */
  readonly onArrive?: () => void;
}

interface Flight extends FlightSpec {
  start: number;
}

/** Flights over the cap on one pair: shown as `+N`, N counted over a window of {@link OVERFLOW_MS}. */
interface Overflow {
  /** In the current window. */
  n: number;
  /** In the last full window (0 in the first): a steady flood shows a steady number, not one counting up forever. */
  last: number;
  since: number;
  until: number;
  at: Pt;
}

/** The zoom transform of the picture: screen = (x * k + tx, y * k + ty). */
export interface ViewTransform {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

export interface TrafficColours {
  readonly message: string;
  readonly exit: string;
  readonly down: string;
  readonly text: string;
}

const OVERFLOW_MS = 1200;
/** `+N` counts drawn at most. */
const MAX_COUNTS = 200;

/**
 * A `pairKey` by where the ends are drawn, not by pid: the members of two folded groups
 * exchanging thousands of messages share one `+N`, not thousands stacked on one spot.
 */
export function flightKey(prefix: string, from: Pt, to: Pt): string {
  return `${prefix}${Math.round(from.x)},${Math.round(from.y)}>${Math.round(to.x)},${Math.round(to.y)}`;
}

/**
 * Dots are drawn on a `<canvas>` over the picture, not as SVG elements:
 * 300 moving SVG elements make the browser repaint the whole SVG every
 * frame, a canvas redraw of 300 circles costs a fraction of a millisecond.
 */
export class Traffic {
  private flights: Flight[] = [];
  private readonly overflows = new Map<string, Overflow>();
  private loop: Timer | undefined;
  /** Animation time: stands still while paused. */
  private clock = 0;
  private last = 0;
  private paused = false;
  private dirty = false;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly max: number,
    private readonly transform: () => ViewTransform,
    private readonly colours: TrafficColours,
  ) {}

  get size(): number {
    return this.flights.length;
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
  }

  /** Sends a dot on its way; over the cap, counts it on its pair instead and returns false. */
  launch(spec: FlightSpec): boolean {
    if (this.flights.length >= this.max) {
      this.count(spec);
      return false;
    }
    this.flights.push({ ...spec, start: this.clock + spec.delay });
    this.run();
    return true;
  }

  /** Redraws at once (after a pan or zoom). */
  redraw(): void {
    if (this.flights.length > 0 || this.overflows.size > 0 || this.dirty) this.draw();
  }

  /** Drops everything in flight. */
  clear(): void {
    this.flights = [];
    this.overflows.clear();
    this.loop?.stop();
    this.loop = undefined;
    this.draw();
  }

  destroy(): void {
    this.clear();
  }

  private run(): void {
    if (this.loop !== undefined) return;
    this.last = 0;
    this.loop = timer((elapsed) => this.tick(elapsed));
  }

  private tick(elapsed: number): void {
    const dt = elapsed - this.last;
    this.last = elapsed;
    if (!this.paused) this.clock += dt;
    const arrived: Flight[] = [];
    const still: Flight[] = [];
    for (const f of this.flights) {
      if (this.clock - f.start >= f.duration) arrived.push(f);
      else still.push(f);
    }
    this.flights = still;
    for (const f of arrived) f.onArrive?.();
    for (const [k, o] of this.overflows) if (this.clock > o.until) this.overflows.delete(k);
    this.draw();
    if (this.flights.length === 0 && this.overflows.size === 0) {
      this.loop?.stop();
      this.loop = undefined;
    }
  }

  private draw(): void {
    const c = this.canvas;
    const ctx = c.getContext('2d');
    if (ctx === null) return;
    const dpr = c.width / Math.max(1, c.clientWidth || c.width);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, c.width, c.height);
    this.dirty = false;
    if (this.flights.length === 0 && this.overflows.size === 0) return;
    this.dirty = true;
    const t = this.transform();
    ctx.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
    ctx.font = '600 10px system-ui, sans-serif';
    ctx.lineWidth = 1;
    ctx.strokeStyle = '#fff';
    for (const kind of ['message', 'exit', 'down'] as const) {
      ctx.fillStyle = this.colours[kind];
      ctx.beginPath();
      for (const f of this.flights) {
        const p = (this.clock - f.start) / f.duration;
        if (f.kind !== kind || p < 0) continue;
        const { x, y } = along(f.from, f.to, p);
        ctx.moveTo(x + 4.5, y);
        ctx.arc(x, y, 4.5, 0, Math.PI * 2);
      }
      ctx.fill();
      ctx.stroke();
      const labels: Placed[] = [];
      for (const f of this.flights) {
        const p = (this.clock - f.start) / f.duration;
        if (f.kind !== kind || p < 0 || f.label === undefined || f.label === '') continue;
        const { x, y } = along(f.from, f.to, p);
        placeLabel(labels, f.label, x + 7, y - 6, ctx.measureText(f.label).width);
      }
      for (const l of labels)
        ctx.fillText(l.count > 1 ? `${l.text} ×${l.count}` : l.text, l.x, l.y);
    }
    // Counts only where they can be read (a 10 px label under ~4 px on screen is noise, and
    // thousands of them cost more than every dot together).
    if (t.k >= 0.4) {
      ctx.fillStyle = this.colours.text;
      ctx.textAlign = 'center';
      let shown = 0;
      for (const o of this.overflows.values()) {
        if (++shown > MAX_COUNTS) break;
        ctx.fillText(`+${Math.max(o.n, o.last)}`, o.at.x, o.at.y - 6);
      }
      ctx.textAlign = 'start';
    }
  }

  private count(spec: FlightSpec): void {
    let o = this.overflows.get(spec.pairKey);
    if (o === undefined) {
      o = { n: 0, last: 0, since: this.clock, until: 0, at: along(spec.from, spec.to, 0.5) };
      this.overflows.set(spec.pairKey, o);
    }
    if (this.clock - o.since >= OVERFLOW_MS) {
      o.last = o.n;
      o.n = 0;
      o.since = this.clock;
    }
    o.n++;
    o.until = this.clock + OVERFLOW_MS;
    this.run();
  }
}

/**
 * A dot between two ends drawn as one node (a process to itself, two members of a group)
 * circles a small loop beside the node, clear of its shape, count, tree edge and label.
 */
const LOOP = { dx: 34, dy: -8, r: 13 };

/**
 * A point along a gentle arc from `a` to `b` (a quadratic curve bowed to the
 * left of the direction of travel, so A→B and B→A do not overlap); when `a`
 * and `b` are one point, around the loop beside it (see {@link LOOP}).
 */
export function along(a: Pt, b: Pt, p: number): Pt {
  if (Math.abs(a.x - b.x) < 1 && Math.abs(a.y - b.y) < 1) {
    const t = Math.PI + 2 * Math.PI * p;
    return { x: a.x + LOOP.dx + LOOP.r * Math.cos(t), y: a.y + LOOP.dy + LOOP.r * Math.sin(t) };
  }
  const mx = (a.x + b.x) / 2;
  const my = (a.y + b.y) / 2;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const cx = mx + dy * 0.15;
  const cy = my - dx * 0.15;
  const q = 1 - p;
  return {
    x: q * q * a.x + 2 * q * p * cx + p * p * b.x,
    y: q * q * a.y + 2 * q * p * cy + p * p * b.y,
  };
}

/** A dot's label where it will be drawn, and how many dots with that label it stands for. */
export interface Placed {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  count: number;
}

/** Label height (world px) for overlap: the 10 px font and a little air. */
const LABEL_H = 12;

const overlaps = (a: { x: number; y: number; w: number }, x: number, y: number, w: number) =>
  x < a.x + a.w && a.x < x + w && y - LABEL_H < a.y && a.y - LABEL_H < y;

/**
 * Places a dot's label so labels never smear into each other (a one_for_all restart sends six
 * `shutdown` signals along nearly one path; an escalation stacks reasons): one that would cover
 * the same text is counted on it (`shutdown ×6`); one that would cover another text moves a line
 * up or down; one with no room left is not drawn this frame (its dot still is).
 */
export function placeLabel(placed: Placed[], text: string, x: number, y: number, w: number): void {
  for (const dy of [0, -LABEL_H, LABEL_H, -2 * LABEL_H, 2 * LABEL_H]) {
    const hit = placed.find((p) => overlaps(p, x, y + dy, w));
    if (hit === undefined) {
      placed.push({ text, x, y: y + dy, w, count: 1 });
      return;
    }
    if (hit.text === text) {
      hit.count++;
      return;
    }
  }
}
