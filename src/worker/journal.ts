import type { RemoteSignal, TraceEvent } from '../runtime';
import type { Command } from './protocol';
import { MAX_JOURNAL } from './protocol';

/**
 * What a node host records so that its run can be replayed exactly (issue 7's "Resume from
 * here"). A node is deterministic given its inputs and the node time each one happened at: the
 * runtime never reads a real clock (src/runtime/clock.ts), so the host holds node time still for
 * the length of each input (a `VirtualClock` it moves as each one starts) and writes down that
 * time. Real time decides only *where* a slice of work stops (`turns`) and *when* a command, a peer's packet or a batch
 * arrives; the journal records exactly that, and a replay runs the same code paths with the same
 * times and turns, so it makes the same trace and the same batches.
 *
 * Not recorded: what does not change the node (`ping`, `inspect`, `pause`, `resume`,
 * `set_speed` — node time already says what they did). The one real-time limit inside the
 * runtime, a module callback's `cpu_time_exceeded` (sandbox/meter.ts), may trip differently
 * on a replay; reductions are counted, not timed, so everything else replays the same.
 */
export type JournalInput =
  /** The node booted (the boot command, its rid included) with ports to `peers` already open. */
  | { k: 'boot'; at: number; cmd: BootCommand; peers: number[] }
  /** A command that acts on the node (see {@link RECORDED_COMMANDS}). */
  | { k: 'cmd'; at: number; cmd: RecordedCommand }
  /** One slice of the run loop: `turns` process turns, and whether it stopped for want of work. */
  | { k: 'slice'; at: number; turns: number; idle: boolean }
  /** One Step press (one turn, or time moved to the next timer). */
  | { k: 'step'; at: number }
  /** A packet of signals from a peer node. */
  | { k: 'recv'; at: number; from: number; signals: RemoteSignal[] }
  | { k: 'connect'; at: number; peer: number }
  | { k: 'disconnect'; at: number; peer: number }
  /**
   * A batch was cut (states read, limits enforced). `sync`: cut before posting packets to peers
   * (so the page learns of a send before the peer can report its receipt). `digest`: of the
   * events posted, so a replay can tell whether it made the same batch.
   */
  | { k: 'flush'; at: number; sync: boolean; digest: number; events: number };

export type BootCommand = Extract<Command, { type: 'boot' }>;

/** The commands a journal keeps: the ones that act on the node. */
export const RECORDED_COMMANDS = [
  'send',
  'call',
  'crash',
  'exit_signal',
  'link',
  'unlink',
  'monitor',
  'trap_exit',
  'supervisor',
] as const;
export type RecordedCommand = Extract<Command, { type: (typeof RECORDED_COMMANDS)[number] }>;

const RECORDED: ReadonlySet<string> = new Set(RECORDED_COMMANDS);
export const isRecorded = (cmd: Command): cmd is RecordedCommand => RECORDED.has(cmd.type);

/** The inputs recorded since the last batch, and whether recording is still on. */
export class Journal {
  private pending: JournalInput[] = [];
  private size = 0;
  private offReason: string | undefined;
  private offPosted = false;

  add(input: JournalInput): void {
    if (this.offReason !== undefined) return;
    this.size += input.k === 'recv' ? 1 + input.signals.length : 1;
    if (this.size > MAX_JOURNAL) {
      this.offReason = `its record passed ${MAX_JOURNAL.toLocaleString('en')} inputs`;
      this.pending = [];
      return;
    }
    this.pending.push(input);
  }

  /** What goes with the next batch: the new inputs, or (once) why recording stopped. */
  take(): { inputs?: JournalInput[]; recordingOff?: string } {
    if (this.offReason !== undefined) {
      if (this.offPosted) return {};
      this.offPosted = true;
      return { recordingOff: this.offReason };
    }
    if (this.pending.length === 0) return {};
    const inputs = this.pending;
    this.pending = [];
    return { inputs };
  }
}

/**
 * A cheap fingerprint of a batch's events (type, node time and subject of each, in order):
 * enough to tell that a replay went another way, without serialising every term on the hot path.
 */
export function digestEvents(events: readonly TraceEvent[]): number {
  let h = 0x811c9dc5;
  const mix = (n: number): void => {
    h = Math.imul(h ^ (n | 0), 0x01000193);
    h = Math.imul(h ^ ((n / 4294967296) | 0), 0x01000193);
  };
  for (const ev of events) {
    const type = ev.type;
    for (let i = 0; i < type.length; i++) mix(type.charCodeAt(i));
    mix(Math.round(ev.t * 1000));
    const pid = (ev as { pid?: { id?: number; node?: number } }).pid;
    if (pid !== undefined) {
      mix(pid.node ?? 0);
      mix(pid.id ?? 0);
    }
  }
  return h >>> 0;
}
