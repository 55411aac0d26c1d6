import { LESSONS } from '../../lessons';
import type { PlaygroundStore } from '../../store/vanilla';
import type { UiStore } from '../uiStore';
import type { KeyValue } from '../workspace/storage';
import { saveProgress } from './lessonProgress';
import { liveView } from './liveView';
import { lessonWorld } from './lessonWorld';

/**
 * Watches the live state for the open lesson's goal: a challenge is done by hand, through the
 * normal UI, so it is detected from what the nodes report, not from which buttons were pressed.
 * Checked when the picture's shape changes (restarts, flags, processes), not on every message.
 * Not while the lesson itself runs or replays steps: its own actions never count as solving.
 */
export function watchLessonGoals(
  ui: UiStore,
  view: PlaygroundStore,
  storage: KeyValue | undefined,
  say: (text: string) => void,
): () => void {
  let seen = -1;
  return view.subscribe(() => {
    const cur = ui.getState().lesson;
    if (!cur || cur.solved || cur.phase === 'rewinding' || cur.phase === 'running') return;
    const goal = LESSONS.find((l) => l.id === cur.id)?.goal;
    const s = liveView(view);
    if (!goal || s.structure === seen) return;
    seen = s.structure;
    if (!goal.check(lessonWorld(s))) return;
    ui.setState({ lesson: { ...cur, solved: true } });
    saveProgress(storage, cur.id, { solved: true });
    say(goal.success);
  });
}
