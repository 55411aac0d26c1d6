import { notShownLine, notShownTotal } from '../../store/notShown';
import { isSplit } from '../../store/selectors';
import type { NodeView } from '../../store/types';
import type { PlaygroundState } from '../../store/vanilla';
import { useDispatch, useView } from '../context';
import { useThrottledView } from '../useThrottledView';

const selectNodes = (s: PlaygroundState) => s.nodes;

/** One chip per BEAM node: its status, and stop / restart (the watchdog's victims come back here). */
export function NodesBar({ onFit }: { onFit: () => void }) {
  const dispatch = useDispatch();
  const nodes = useView((s) => s.nodes);
  const up = [...nodes.values()].filter((n) => n.status === 'up').map((n) => n.id);
  const pairs: [number, number][] = [];
  for (const a of up) for (const b of up) if (a < b && pairs.length < 6) pairs.push([a, b]);
  return (
    <div className="nodes-bar" role="group" aria-label="Nodes">
      {[...nodes.values()].map((n) => {
        // `unresponsive` is down: the watchdog has already terminated its worker.
        const running = n.status === 'up' || n.status === 'starting';
        return (
          <div
            key={n.id}
            className="node-chip"
            data-status={n.status}
            data-testid={`node-${n.id}`}
            title={n.downReason ?? undefined}
          >
            <span className="dot" aria-hidden="true" />
            <span>
              {n.name} <span className="dim">{n.status}</span>
            </span>
            <NotShown node={n} />
            {running ? (
              <button
                type="button"
                onClick={() => dispatch({ type: 'stop_node', node: n.id })}
                aria-label={`Stop ${n.name}`}
              >
                Stop
              </button>
            ) : (
              <>
                <button
                  type="button"
                  onClick={() => dispatch({ type: 'restart_node', node: n.id })}
                  aria-label={`Restart ${n.name}`}
                >
                  Restart
                </button>
                {nodes.size > 1 && (
                  <button
                    type="button"
                    onClick={() => dispatch({ type: 'remove_node', node: n.id })}
                    aria-label={`Remove ${n.name}`}
                  >
                    Remove
                  </button>
                )}
              </>
            )}
          </div>
        );
      })}
      {pairs.map(([a, b]) => {
        const cut = isSplit({ nodes }, a, b);
        return (
          <button
            type="button"
            key={`${a}:${b}`}
            className="node-chip"
            aria-pressed={cut}
            onClick={() => dispatch({ type: cut ? 'heal' : 'netsplit', a, b })}
            title={
              cut
                ? 'Reconnect the two nodes'
                : 'Cut the connection: links across it fire noconnection'
            }
          >
            {cut ? `⚡ heal ${a}–${b}` : `⚡ netsplit ${a}–${b}`}
          </button>
        );
      })}
      <button
        type="button"
        className="node-chip"
        onClick={onFit}
        aria-label="Fit the tree to the view"
      >
        ⤢ Fit
      </button>
    </div>
  );
}

/**
 * What a flooding node's worker only counted, so the picture is not taken for all there is:
 * "99,999 processes · 1,234,567 events not shown" (the title says which).
 */
function NotShown({ node }: { node: NodeView }) {
  // Counts change every frame of a flood: read them twice a second.
  const n = useThrottledView(selectNodes, 500).get(node.id) ?? node;
  const total = notShownTotal(n);
  if (total === 0 || (n.status !== 'up' && n.status !== 'starting')) return null;
  const all = {
    ...n.notShown,
    send: n.uncounted.sends,
    receive: n.uncounted.receives,
    send_dropped: n.uncounted.dropped,
  };
  return (
    <span
      className="dim"
      data-testid={`node-${n.id}-not-shown`}
      title={notShownLine(n.name, all, n.processes)}
    >
      {n.processes === undefined ? '' : `${n.processes.toLocaleString('en')} processes · `}
      {total.toLocaleString('en')} events not shown
    </span>
  );
}
