import type { ViewState } from '../../store/types';
import type { PlaygroundStore } from '../../store/vanilla';

/**
 * Everything the nodes reported, folded: what a lesson judges and a goal checks. When the store
 * paces the picture (a playhead telling the story step by step), the page may show an earlier
 * moment; `liveState()` is the fold of every step, which is what actually happened.
 */
export function liveView(view: PlaygroundStore): ViewState {
  const s = view.getState() as ViewState & { liveState?: () => ViewState };
  return typeof s.liveState === 'function' ? s.liveState() : s;
}
