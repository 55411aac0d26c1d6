import { processLabel } from '../../store/selectors';
import type { PlaygroundState } from '../../store/vanilla';

/**
 * How a message names a process a person asked about: its child id or registered name
 * (`counter`), not a pid (`<1.26.0>`) or a tree path, which mean little to someone reading a
 * toast. A pid nothing is known about stays a pid, said to be one.
 */
export function plainName(state: Pick<PlaygroundState, 'processes'>, target: string): string {
  const p = state.processes.get(target);
  if (p) return processLabel(p) === p.key ? `process ${p.key}` : processLabel(p);
  const last = target.split('/').pop();
  return target.includes('/') && last ? last : `process ${target}`;
}
