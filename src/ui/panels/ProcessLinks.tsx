import { useState } from 'react';
import type { ReactNode } from 'react';
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

/** Entries listed at first, and how many more each "show more" adds (a supervisor of 10,000 is linked to each). */
const SHOWN = 20;

/**
 * The first {@link SHOWN} items, then "show more": every listed pid reads
 * the store, so 10,000 of them would make every frame slow.
 */
function Capped<T>({
  items,
  render,
}: {
  items: readonly T[];
  render: (item: T, i: number) => ReactNode;
}) {
  const [shown, setShown] = useState(SHOWN);
  const more = items.length - shown;
  return (
    <ul className="plain">
      {items.slice(0, shown).map(render)}
      {more > 0 && (
        <li>
          <button type="button" className="linkish" onClick={() => setShown((n) => n + SHOWN * 5)}>
            show {Math.min(more, SHOWN * 5)} more of {more}
          </button>
        </li>
      )}
    </ul>
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
            <Capped
              items={links}
              render={(k) => (
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
              )}
            />
          )}
        </dd>
        <dt>monitors</dt>
        <dd>
          {monitors.length === 0 ? (
            <span className="dim">none</span>
          ) : (
            <Capped
              items={monitors}
              render={(k, i) => (
                <li key={`${k}-${i}`}>
                  <ProcRef pkey={k} />
                </li>
              )}
            />
          )}
        </dd>
        <dt>monitored by</dt>
        <dd>
          {watchers.length === 0 ? (
            <span className="dim">none</span>
          ) : (
            <Capped
              items={watchers}
              render={(k, i) => (
                <li key={`${k}-${i}`}>
                  <ProcRef pkey={k} />
                </li>
              )}
            />
          )}
        </dd>
      </dl>
    </section>
  );
}
