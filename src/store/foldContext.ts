import type { TraceEvent } from '../runtime';
import type { WirePid } from '../base';
import type { Draft } from './draft';
import type { LogEntry, Report } from './types';

/** One member of the `TraceEvent` union, by its `type`. */
export type EventOf<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

/**
 * What the per-type folds share, made by `foldEvent` for each event: the draft,
 * pid keys, terms and names as the log words them, and the log (stamped with
 * the event's time and node).
 */
export interface Fold {
  readonly d: Draft;
  readonly key: (p: WirePid) => string;
  /** A term as `~0p` prints it (pids as pids: `{'EXIT',<1.9.0>,boom}`). */
  readonly term: (t: unknown) => string;
  /** A process as the log names it now: `counter <1.9.0>` (`logNames.ts`); `shell` for none. */
  readonly who: (p: WirePid | undefined) => string;
  readonly log: (entry: Omit<LogEntry, 'seq' | 't' | 'node'>) => void;
  readonly report: (
    r: Report,
    kind: LogEntry['kind'],
    level: LogEntry['level'],
    pids: string[],
    internal?: boolean,
  ) => void;
}

export const isNormal = (r: unknown): boolean =>
  r === 'normal' || r === 'shutdown' || (Array.isArray(r) && r.length === 2 && r[0] === 'shutdown');
