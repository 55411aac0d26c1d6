import { pathOf } from '../../store/selectors';
import type { PlaygroundState } from '../../store/vanilla';
import type { Engine } from '../../app/engine';
import type { Workspace } from '../../worker/protocol';
import { useDispatch, usePlaygroundContext, useUi, useView } from '../context';

/**
 * The nodes (by id) whose application is gone: the node is up, its root supervisor has died and
 * nothing has started a new one. Scans the processes only when a root is not live (rare), so a
 * node that is booting (no root yet, none dead either) is not reported.
 */
function deadRoots(s: PlaygroundState, ws: Workspace, engine: Engine): string {
  const dead: number[] = [];
  for (const n of ws.nodes) {
    if (s.nodes.get(n.id)?.status !== 'up' || engine.resolve(n.root.id) !== undefined) continue;
    for (const p of s.processes.values())
      if (
        p.node === n.id &&
        p.sup === undefined &&
        p.kind === 'supervisor' &&
        p.diedAt !== undefined &&
        pathOf(s, p.key) === n.root.id
      ) {
        dead.push(n.id);
        break;
      }
  }
  return dead.join(',');
}

/**
 * When a root supervisor is gone the tree shows only its grey ghost: say so plainly, and offer
 * Restart application. As in OTP, nothing restarts a top supervisor (for a permanent application
 * the node would stop; here the node stays up so the wreck can be inspected); restarting the
 * application boots the node again from the workspace.
 */
export function RootDownBanner() {
  const { engine } = usePlaygroundContext();
  const dispatch = useDispatch();
  const ws = useUi((s) => s.workspace);
  const ids = useView((s) => deadRoots(s, ws, engine));
  if (ids === '') return null;
  return (
    <div className="root-down" role="alert" data-testid="root-down">
      {ids.split(',').map((id) => {
        const n = ws.nodes.find((x) => String(x.id) === id);
        if (!n) return null;
        return (
          <p key={id}>
            <strong>{n.root.id} is gone</strong>: the application&rsquo;s top supervisor on {n.name}{' '}
            has stopped, and nothing restarts it.{' '}
            <button
              type="button"
              className="primary"
              onClick={() => dispatch({ type: 'restart_node', node: n.id })}
            >
              Restart application
            </button>
          </p>
        );
      })}
    </div>
  );
}
