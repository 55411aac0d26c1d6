import { startTransition, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { PlaygroundState } from '../store/vanilla';
import { usePlaygroundContext } from './context';

/**
 * Reads the store like `useView`, but re-renders at most once per `ms`: at
 * once when it has been quiet that long, else at the end of the interval.
 * For what a person reads (the event log), not what must follow every frame:
 * a node sending flat out changes the log 60 times a second, and nobody reads
 * 60 log updates a second. The render is a transition, so React may split it
 * and keep frames going. `selector` must be stable (a module-level function).
 *
 * The interval also grows with what a render costs: at least five times as
 * long as the last one took (from the update to its commit), so a log that a
 * flood rewrites completely each time takes about a sixth of the main thread at most.
 */
export function useThrottledView<T>(selector: (s: PlaygroundState) => T, ms: number): T {
  const { view } = usePlaygroundContext();
  const [value, setValue] = useState(() => ({ of: view, v: selector(view.getState()) }));
  /** When the pending render was asked for, and what the last one cost (ms). */
  const pushedAt = useRef(0);
  const cost = useRef(0);
  useLayoutEffect(() => {
    if (pushedAt.current === 0) return;
    cost.current = performance.now() - pushedAt.current;
    pushedAt.current = 0;
  }, [value]);

  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let shown = selector(view.getState());
    const push = (): void => {
      timer = undefined;
      last = performance.now();
      const v = selector(view.getState());
      if (Object.is(v, shown)) return;
      shown = v;
      pushedAt.current = last;
      startTransition(() => setValue({ of: view, v }));
    };
    const off = view.subscribe((s) => {
      if (timer !== undefined || Object.is(selector(s), shown)) return;
      const wait = last + Math.max(ms, 5 * cost.current) - performance.now();
      if (wait <= 0) push();
      else timer = setTimeout(push, wait);
    });
    // Whatever changed between the first render and this effect.
    push();
    return () => {
      off();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [view, selector, ms]);

  return value.of === view ? value.v : selector(view.getState());
}
