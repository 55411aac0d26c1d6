import { useEffect, useRef } from 'react';
import { pathOf, pathSegment, shortBehaviour } from '../../store/selectors';
import type { ProcView } from '../../store/types';
import { useDispatch, useUi, useView } from '../context';
import { formatPlainTerm } from '../../store/formatPlain';
import { useElixir } from '../useElixir';
import { useSelected } from '../selection';
import { ProcessActions } from './ProcessActions';
import { ProcessLinks } from './ProcessLinks';
import { SupervisorSection } from './SupervisorSection';
import { useLiveInfo } from './useLiveInfo';

/** The selected process: what it is, what it holds, what it is tied to, what happened to it. */
export function Inspector() {
  const selected = useSelected();
  const proc = useView((s) => (selected === undefined ? undefined : s.processes.get(selected)));
  const focusTick = useUi((s) => s.focusInspector);
  const dispatch = useDispatch();
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    if (focusTick > 0) ref.current?.focus();
  }, [focusTick]);

  return (
    <aside
      className="panel inspector"
      aria-labelledby="inspector-title"
      tabIndex={-1}
      ref={ref}
      data-testid="inspector"
    >
      <div className="panel-head">
        <h2 id="inspector-title">Inspector</h2>
        {proc && (
          // On a phone the inspector is a sheet over the tree: this closes it (styles.css shows
          // the button there only; Escape or a click on the tree's background do the same).
          <button
            type="button"
            className="icon-button inspector-close"
            aria-label="Close inspector"
            onClick={() => dispatch({ type: 'select', target: undefined })}
          >
            ×
          </button>
        )}
      </div>
      {proc ? <ProcessDetails proc={proc} /> : <EmptyInspector />}
    </aside>
  );
}

function EmptyInspector() {
  return (
    <div className="empty-inspector">
      <p>Select a process: click it in the tree, or Tab to it and press Enter.</p>
      <p>
        Then press <kbd>C</kbd> to crash it, <kbd>S</kbd> to send it a message, <kbd>L</kbd> to link
        it. <kbd>?</kbd> lists every shortcut.
      </p>
    </div>
  );
}

function ProcessDetails({ proc }: { proc: ProcView }) {
  const dispatch = useDispatch();
  const path = useView((s) => pathOf(s, proc.key));
  const parent = useView((s) => (proc.sup === undefined ? undefined : s.processes.get(proc.sup)));
  const parentName = useView((s) => (parent === undefined ? undefined : pathSegment(s, parent)));
  const label = useView((s) => pathSegment(s, proc));
  const info = useLiveInfo(proc);
  const readonly = useUi((s) => s.readonly);
  // Terms in the workspace's language: `%{count: 0}` and `#PID<0.5.0>` in Elixir.
  const elixir = useElixir();
  const flavour = elixir === undefined ? 'erlang' : 'elixir';
  const term = (t: unknown, maxLength: number) =>
    elixir ? elixir.formatTermIn('elixir', t, { maxLength }) : formatPlainTerm(t, { maxLength });
  const text = (erl: string) => elixir?.erlangTextIn('elixir', erl) ?? erl;
  const mailbox = info?.mailbox;

  return (
    <div className="inspector-body">
      <div className="inspector-title">
        <h3 className="mono">{label}</h3>
        <span className="state-pill" data-state={proc.status} data-testid="inspector-state">
          {proc.status}
        </span>
        <span className="dim">{proc.kind}</span>
      </div>
      <dl className="props">
        <dt>pid</dt>
        <dd data-testid="inspector-pid">{flavour === 'elixir' ? `#PID${proc.key}` : proc.key}</dd>
        {path !== undefined && (
          <>
            <dt>path</dt>
            <dd data-testid="inspector-path">{path}</dd>
          </>
        )}
        <dt>behaviour</dt>
        <dd>
          {elixir
            ? elixirBehaviour(
                elixir.camelize,
                shortBehaviour(proc.behaviour),
                proc.supervisor?.strategy,
              )
            : shortBehaviour(proc.behaviour)}
        </dd>
        {proc.name !== undefined && (
          <>
            <dt>name</dt>
            <dd>{proc.name}</dd>
          </>
        )}
        {parent && (
          <>
            <dt>supervisor</dt>
            <dd>
              <button
                type="button"
                className="linkish"
                onClick={() => dispatch({ type: 'select', target: parent.key })}
              >
                {parentName}
              </button>
            </dd>
          </>
        )}
        <dt>trap_exit</dt>
        <dd data-testid="inspector-trap-exit">{String(info?.trapExit ?? proc.trapExit)}</dd>
        <dt>generation</dt>
        <dd data-testid="inspector-generation">{proc.generation}</dd>
        {proc.exitReason !== undefined && (
          <>
            <dt>exit reason</dt>
            <dd>{text(proc.exitReason)}</dd>
          </>
        )}
      </dl>

      {!readonly && <ProcessActions proc={proc} trapExit={info?.trapExit ?? proc.trapExit} />}

      {proc.supervisor ? (
        <SupervisorSection proc={proc} sup={proc.supervisor} />
      ) : (
        <section aria-labelledby="state-h">
          <h4 id="state-h">State</h4>
          <pre className="term-box" data-testid="inspector-state-term">
            {term(proc.state, 2000)}
          </pre>
        </section>
      )}

      <section aria-labelledby="mailbox-h">
        <h4 id="mailbox-h">
          Mailbox ({mailbox ? mailbox.length : proc.mailbox}{' '}
          {(mailbox?.length ?? proc.mailbox) === 1 ? 'message' : 'messages'})
        </h4>
        {mailbox && mailbox.length > 0 ? (
          <ol className="term-box" data-testid="inspector-mailbox">
            {mailbox.slice(0, 50).map((m, i) => (
              <li key={i}>{term(m, 300)}</li>
            ))}
          </ol>
        ) : (
          <p className="dim" data-testid="inspector-mailbox">
            empty
          </p>
        )}
      </section>

      <ProcessLinks proc={proc} />

      {proc.restarts.length > 0 && (
        <section aria-labelledby="restarts-h">
          <h4 id="restarts-h">Restart history ({proc.restarts.length})</h4>
          <ol className="plain" data-testid="restart-history">
            {[...proc.restarts]
              .reverse()
              .slice(0, 20)
              .map((r, i) => (
                <li key={`${r.pid}-${i}`} className="mono">
                  {(r.t / 1000).toFixed(2)} s — {flavour === 'elixir' ? `#PID${r.pid}` : r.pid}{' '}
                  exited: {text(r.reason)}
                </li>
              ))}
          </ol>
        </section>
      )}
    </div>
  );
}

/** Elixir's name for what runs the process: `Supervisor`, `DynamicSupervisor`, a module `KvStore`. */
function elixirBehaviour(
  camelize: (name: string) => string,
  b: string,
  strategy: string | undefined,
): string {
  if (b === 'supervisor')
    return strategy === 'simple_one_for_one' ? 'DynamicSupervisor' : 'Supervisor';
  return /^[a-z][a-z0-9_]*$/.test(b) ? camelize(b) : b;
}
