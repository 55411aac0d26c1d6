import { pathSegment } from '../../store/selectors';
import type { ProcView } from '../../store/types';
import { useDispatch, useView } from '../context';

function ProcRef({ pkey }: { pkey: string }) {
  const dispatch = useDispatch();
  const name = useView((s) => {
    const other = s.processes.get(pkey);
    return other === undefined ? pkey : pathSegment(s, other);
  });
  return (
    <button
      type="button"
      className="linkish"
      onClick={() => dispatch({ type: 'select', target: pkey })}
    >
      {name === pkey ? pkey : `${name} ${pkey}`}
    </button>
  );
}

/** Links and monitors, each a way to jump to the other process. */
export function ProcessLinks({ proc }: { proc: ProcView }) {
  const dispatch = useDispatch();
  const links = [...proc.links];
  const monitors = [...proc.monitors.values()];
  const watchers = [...proc.monitoredBy.values()];
  return (
    <section aria-labelledby="links-h">
      <h4 id="links-h">Links and monitors</h4>
      <dl className="props" data-testid="inspector-links">
        <dt>links</dt>
        <dd>
          {links.length === 0 ? (
            <span className="dim">none</span>
          ) : (
            <ul className="plain">
              {links.map((k) => (
                <li key={k}>
                  <ProcRef pkey={k} />{' '}
                  <button
                    type="button"
                    className="chip"
                    aria-label={`unlink ${k}`}
                    onClick={() => dispatch({ type: 'unlink', a: proc.key, b: k })}
                  >
                    unlink
                  </button>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>monitors</dt>
        <dd>
          {monitors.length === 0 ? (
            <span className="dim">none</span>
          ) : (
            <ul className="plain">
              {monitors.map((k, i) => (
                <li key={`${k}-${i}`}>
                  <ProcRef pkey={k} />
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>monitored by</dt>
        <dd>
          {watchers.length === 0 ? (
            <span className="dim">none</span>
          ) : (
            <ul className="plain">
              {watchers.map((k, i) => (
                <li key={`${k}-${i}`}>
                  <ProcRef pkey={k} />
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </section>
  );
}
