import { useEffect, useState } from 'react';
import type { ProcView } from '../../store/types';
import { usePlaygroundContext, useView } from '../context';

/** `process_info` as it crosses the wire (pids are plain `{ node, id }`). */
export interface LiveInfo {
  mailbox: unknown[];
  trapExit: boolean;
  links: unknown[];
}

const POLL_MS = 400;

/**
 * The store counts a mailbox but does not keep its contents, so the inspector
 * asks the node (`inspect`) while a live process is selected and the page shows the present.
 */
export function useLiveInfo(proc: ProcView): LiveInfo | undefined {
  const { engine } = usePlaygroundContext();
  const [info, setInfo] = useState<{ key: string; info: LiveInfo }>();
  // Paused with the playhead moved back, the page shows the past: the live runtime's mailbox
  // would be the future, so the inspector shows what the store folded up to the playhead.
  const past = useView((s) => s.paused && s.playhead.index < s.playhead.end);
  const alive = proc.diedAt === undefined && !past;
  const { key, node, pid } = proc;

  useEffect(() => {
    if (!alive) return undefined;
    let stopped = false;
    const ask = () => {
      engine.inspect(node, pid).then(
        (v) => {
          if (!stopped && typeof v === 'object' && v !== null && !Array.isArray(v)) {
            const o = v as Record<string, unknown>;
            setInfo({
              key,
              info: {
                mailbox: Array.isArray(o['mailbox']) ? (o['mailbox'] as unknown[]) : [],
                trapExit: o['trapExit'] === true,
                links: Array.isArray(o['links']) ? (o['links'] as unknown[]) : [],
              },
            });
          }
        },
        () => undefined,
      );
    };
    ask();
    const timer = setInterval(ask, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [engine, key, node, pid, alive]);

  return info?.key === key && alive ? info.info : undefined;
}
