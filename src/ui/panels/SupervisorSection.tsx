import { Suspense, lazy, memo, useState } from 'react';
import type { Flavour } from '../../runtime';
import { intensityMeter, pathOf } from '../../store/selectors';
import type { ChildSlot, ProcView, SupervisorInfo } from '../../store/types';
import { useDispatch, useUi, useView } from '../context';
import { findSup } from '../../app/workspace/specEdit';
import { IntensityMeter } from './IntensityMeter';

/** The spec as code loads with the first supervisor shown: it is not in the page's first JavaScript. */
const SupervisorCode = lazy(() =>
  import('./SupervisorCode').then((m) => ({ default: m.SupervisorCode })),
);

/**
 * Flags as each language writes them: OTP's `SupFlags` map, or Elixir's `Supervisor.init/2`
 * (a simple_one_for_one is Elixir's DynamicSupervisor, whose only strategy is one_for_one).
 */
export function flagsText(flavour: Flavour, sup: SupervisorInfo): string {
  const s = sup.strategy ?? '?';
  const i = sup.intensity ?? '?';
  const p = sup.period ?? '?';
  if (flavour === 'erlang') return `#{strategy => ${s}, intensity => ${i}, period => ${p}}`;
  if (s === 'simple_one_for_one')
    return `DynamicSupervisor.init(strategy: :one_for_one, max_restarts: ${i}, max_seconds: ${p})`;
  return `Supervisor.init(children, strategy: :${s}, max_restarts: ${i}, max_seconds: ${p})`;
}

export function SupervisorSection({ proc, sup }: { proc: ProcView; sup: SupervisorInfo }) {
  const dispatch = useDispatch();
  const flavour = useUi((s) => s.workspace.flavour);
  const readonly = useUi((s) => s.readonly);
  const path = useView((s) => pathOf(s, proc.key));
  const now = useView((s) => s.nodes.get(proc.node)?.now ?? 0);
  const meter = intensityMeter(sup, now);
  const alive = proc.diedAt === undefined;
  // The spec the workspace holds for this supervisor (a dynamic child's is not recorded).
  const spec = useUi((s) => {
    const root = s.workspace.nodes.find((n) => n.root.id === path?.split('/')[0])?.root;
    return root && path !== undefined ? findSup(root, path) : undefined;
  });
  const dynamic = sup.strategy === 'simple_one_for_one';
  const nextDynamic = sup.children.length + 1;

  return (
    <>
      <section aria-labelledby="flags-h">
        <h4 id="flags-h">Supervisor flags ({flavour === 'erlang' ? 'Erlang' : 'Elixir'})</h4>
        <pre className="term-box" data-testid="inspector-flags">
          {flagsText(flavour, sup)}
        </pre>
        {spec && (
          <Suspense fallback={null}>
            <SupervisorCode flavour={flavour} spec={spec} />
          </Suspense>
        )}
        {sup.gaveUp && (
          <p className="field-message" role="status">
            gave up: {sup.gaveUp}
          </p>
        )}
      </section>
      {meter && <IntensityMeter meter={meter} alive={alive} />}
      <div className="actions" hidden={readonly}>
        {dynamic && (
          // supervisor:start_child(Sup, [N]) / DynamicSupervisor.start_child: one more from the template.
          <button
            type="button"
            disabled={!alive || path === undefined}
            onClick={() =>
              path && dispatch({ type: 'start_dynamic', sup: path, args: [nextDynamic] })
            }
          >
            Start child
          </button>
        )}
        <button
          type="button"
          hidden={dynamic}
          disabled={!alive || path === undefined}
          aria-keyshortcuts="A"
          onClick={() =>
            path && dispatch({ type: 'open_dialog', dialog: { kind: 'add_child', supPath: path } })
          }
        >
          Add child…
        </button>
        <button
          type="button"
          disabled={!alive || path === undefined}
          onClick={() =>
            path && dispatch({ type: 'open_dialog', dialog: { kind: 'flags', supPath: path } })
          }
        >
          Change flags…
        </button>
      </div>
      <ChildTable supPath={path} sup={sup} alive={alive} />
    </>
  );
}

/** Rows drawn at first, and how many more each "show more" adds (a pool may have 10,000 children). */
const ROWS = 50;

function ChildTable({
  supPath,
  sup,
  alive,
}: {
  supPath: string | undefined;
  sup: SupervisorInfo;
  alive: boolean;
}) {
  const [shown, setShown] = useState(ROWS);
  const ids = sup.children;
  if (ids.length === 0) return <p className="dim">No children.</p>;
  const more = ids.length - shown;
  return (
    <section aria-labelledby="children-h">
      <h4 id="children-h">Children{ids.length > ROWS ? ` (${ids.length})` : ''}</h4>
      <table className="child-table">
        <thead>
          <tr>
            <th scope="col">id</th>
            <th scope="col">state</th>
            <th scope="col">
              <span className="visually-hidden">actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ids.slice(0, shown).map((id) => (
            <ChildRow key={id} id={id} slot={sup.slots.get(id)} supPath={supPath} alive={alive} />
          ))}
        </tbody>
      </table>
      {more > 0 && (
        <button type="button" className="linkish" onClick={() => setShown((n) => n + ROWS * 4)}>
          show {Math.min(more, ROWS * 4)} more of {more}
        </button>
      )}
    </section>
  );
}

/**
 * One child: reads only its own process from the store, so a frame of
 * messages re-renders the rows whose child changed, not the whole table.
 */
const ChildRow = memo(function ChildRow({
  id,
  slot,
  supPath,
  alive,
}: {
  id: string;
  slot: ChildSlot | undefined;
  supPath: string | undefined;
  alive: boolean;
}) {
  const dispatch = useDispatch();
  const readonly = useUi((s) => s.readonly);
  const child = useView((s) => (slot ? s.processes.get(slot.pid) : undefined));
  const running = child !== undefined && child.diedAt === undefined;
  const state = child ? child.status : 'terminated';
  return (
    <tr>
      <td>
        <button
          type="button"
          className="linkish"
          disabled={!child}
          onClick={() => child && dispatch({ type: 'select', target: child.key })}
        >
          {id}
        </button>
        {slot && slot.generation > 0 && <span className="dim"> ×{slot.generation}</span>}
      </td>
      <td>{state}</td>
      <td className="actions">
        {supPath !== undefined && alive && !readonly && !id.startsWith('#') && (
          <>
            <button
              type="button"
              disabled={!running}
              aria-label={`terminate child ${id}`}
              onClick={() => dispatch({ type: 'terminate_child', sup: supPath, id })}
            >
              terminate
            </button>
            <button
              type="button"
              disabled={running}
              aria-label={`restart child ${id}`}
              onClick={() => dispatch({ type: 'restart_child', sup: supPath, id })}
            >
              restart
            </button>
            <button
              type="button"
              disabled={running}
              aria-label={`delete child ${id}`}
              onClick={() => dispatch({ type: 'delete_child', sup: supPath, id })}
            >
              delete
            </button>
          </>
        )}
      </td>
    </tr>
  );
});
