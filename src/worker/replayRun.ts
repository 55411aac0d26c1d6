import type { JournalInput } from './journal';
import type { Command } from './protocol';

export type FlushInput = Extract<JournalInput, { k: 'flush' }>;

/**
 * A replay under way in a node host (journal.ts): the record, the next input, what the replay
 * made so far, and — for a resume inside a batch (`until`) — where it stops. The host runs the
 * inputs through its own code paths; this keeps the count and says where the replay went
 * another way than the record (`diverged`: a bug if ever set).
 */
export class ReplayRun {
  /** The next input (the boot, input 0, is run first by the host). */
  i = 1;
  batches = 0;
  events = 0;
  diverged: string | undefined;
  readonly echo: boolean;
  /** A resume inside a batch: the inputs from `from` on are that batch's (the part). */
  readonly until: Until | undefined;

  constructor(
    readonly inputs: JournalInput[],
    cmd: Extract<Command, { type: 'replay' }>,
  ) {
    this.echo = cmd.echo === true;
    const u = cmd.until;
    this.until =
      u === undefined
        ? undefined
        : {
            from: u.from,
            events: u.events,
            probe: u.probe === true,
            stopped: false,
            sync: false,
            used: [],
            ends: [],
          };
  }

  /** The next input to run, or undefined at the end (or where the part stopped). */
  next(): JournalInput | undefined {
    if (this.i >= this.inputs.length || this.until?.stopped === true) return undefined;
    return this.inputs[this.i++];
  }

  /** The input just taken is one of the part's. */
  get inPart(): boolean {
    return this.until !== undefined && this.i > this.until.from;
  }

  /**
   * The host is about to cut a batch (`sync`: inside afterWork). Returns the recorded cut it
   * replays — a sync one is the next input, taken here; another is the input being run
   * (`replayed`) — or `'part_end'` when the part stops here (its end is not replayed).
   */
  cut(sync: boolean, replayed: FlushInput | undefined): FlushInput | 'part_end' | undefined {
    const u = this.until;
    if (u !== undefined && this.inPart) {
      u.stopped = true;
      u.sync ||= sync;
      return 'part_end';
    }
    const next = this.inputs[this.i];
    if (sync && next?.k === 'flush' && next.sync) {
      this.i++;
      return next;
    }
    if (replayed === undefined) this.diverged ??= `an unrecorded batch after input ${this.i}`;
    return replayed;
  }

  /** A batch the replay made: it must be the recorded one. */
  made(replayed: FlushInput | undefined, digest: number, all: number, posted: number): void {
    this.batches++;
    this.events += posted;
    if (replayed !== undefined && (replayed.digest !== digest || replayed.events !== all))
      this.diverged ??= `batch ${this.batches} (${all} events, ${replayed.events} recorded)`;
  }

  /**
   * In the part: called between two process turns with the batch's events so far; says whether
   * the part has its events (and notes each point, for a probe).
   */
  enough(shown: number): boolean {
    const u = this.until;
    if (u === undefined) return false;
    if (u.ends[u.ends.length - 1] !== shown) u.ends.push(shown);
    return shown >= u.events;
  }

  /** The reply's value. */
  report(): { [key: string]: string | number | number[] } {
    return {
      inputs: this.inputs.length,
      batches: this.batches,
      events: this.events,
      diverged: this.diverged ?? 'none',
      used: this.until?.used.length ?? 0,
      ends: this.until?.ends ?? [],
    };
  }
}

/** A resume inside a batch (the replay command's `until`), and how far it got. */
export interface Until {
  from: number;
  events: number;
  stopped: boolean;
  /** The part's end would have been a batch cut before posting packets. */
  sync: boolean;
  /** The inputs replayed of the part (the last slice cut to the turns it ran). */
  used: JournalInput[];
  /** Only find where the turns end (`ends`), post nothing. */
  probe: boolean;
  /** The batch's shown events before each process turn of the part, in order. */
  ends: number[];
}
