import { Suspense, lazy, useEffect, useState } from 'react';
import { LIBRARY } from '../../app/behaviourCatalog';
import { useDispatch, useUi } from '../context';
import { type CheckResult, checkModule } from '../editor/compileCheck';
import { EXAMPLE_MODULE_SOURCE } from '../../app/workspace/defaultWorkspace';
import { MODULE_NAME_RE } from '../../app/workspace/validate';
import { Dialog } from './Dialog';
import { DialogButtons, Field } from './Field';

interface Props {
  /** The module to open; a new one when undefined. */
  name?: string | undefined;
  onClose: () => void;
}

const CHECK_DELAY_MS = 400;

/** CodeMirror is loaded when the dialog first opens: it is most of the page's JavaScript. */
const CodeEditor = lazy(() =>
  import('../editor/CodeEditor').then((m) => ({ default: m.CodeEditor })),
);

/**
 * Write a GenServer in JavaScript, check it as you type (in a throwaway
 * Worker, so nothing it does can hang the page), save it to the workspace,
 * then add a worker that runs it.
 */
export function ModulesDialog({ name: initial, onClose }: Props) {
  const dispatch = useDispatch();
  const modules = useUi((s) => s.workspace.modules);
  const rootPath = useUi((s) => s.workspace.nodes[0]?.root.id);
  const start = modules.find((m) => m.name === initial);
  const [current, setCurrent] = useState<string | undefined>(start?.name);
  const [name, setName] = useState(start?.name ?? nextName(modules.map((m) => m.name)));
  const [source, setSource] = useState(start?.source ?? EXAMPLE_MODULE_SOURCE);
  const [nameError, setNameError] = useState<string>();
  const [check, setCheck] = useState<CheckResult | 'checking'>('checking');

  useEffect(() => {
    setCheck('checking');
    let cancel: (() => void) | undefined;
    const timer = setTimeout(() => {
      const c = checkModule({ name: MODULE_NAME_RE.test(name) ? name : 'module', source });
      cancel = c.cancel;
      void c.result.then(setCheck);
    }, CHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      cancel?.();
    };
  }, [name, source]);

  const open = (n: string | undefined) => {
    const m = modules.find((x) => x.name === n);
    setCurrent(m?.name);
    setName(m?.name ?? nextName(modules.map((x) => x.name)));
    setSource(m?.source ?? EXAMPLE_MODULE_SOURCE);
    setNameError(undefined);
  };

  const nameProblem = (): string | undefined => {
    if (!MODULE_NAME_RE.test(name))
      return `name: ${JSON.stringify(name)} must be an atom (lowercase letter, then letters, digits, _)`;
    if (LIBRARY.some((b) => b.name === name))
      return `name: '${name}' is a library behaviour; choose another`;
    if (name !== current && modules.some((m) => m.name === name))
      return `name: a module '${name}' already exists`;
    return undefined;
  };

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    const problem = nameProblem();
    if (problem) {
      setNameError(problem);
      return;
    }
    // Only a module the check compiled (in a contained worker, as a node would) can be saved.
    if (check === 'checking' || !check.ok) return;
    if (current !== undefined && current !== name)
      dispatch({ type: 'delete_module', name: current });
    dispatch({ type: 'save_module', module: { name, source } });
    setCurrent(name);
  };

  const status =
    check === 'checking' ? (
      <div className="compile-status dim" role="status">
        checking…
      </div>
    ) : check.ok ? (
      <div className="compile-status" data-ok="true" role="status" data-testid="compile-status">
        ✓ compiles: init and callbacks found
      </div>
    ) : (
      <div className="compile-status" data-ok="false" role="alert" data-testid="compile-status">
        {check.error}
      </div>
    );

  return (
    <Dialog title="Your modules" onClose={onClose} wide testId="modules-dialog">
      <form onSubmit={save}>
        <div className="modules-layout">
          <nav className="module-list" aria-label="Modules">
            <button
              type="button"
              aria-pressed={current === undefined}
              onClick={() => open(undefined)}
            >
              + New module
            </button>
            {modules.map((m) => (
              <button
                type="button"
                key={m.name}
                aria-pressed={current === m.name}
                onClick={() => open(m.name)}
              >
                <span className="mono">{m.name}</span>
              </button>
            ))}
            <p className="dim">
              Callbacks: <code>init</code>, <code>handleCall</code>, <code>handleCast</code>,{' '}
              <code>handleInfo</code>, <code>terminate</code>, <code>describe</code>. Helpers on{' '}
              <code>otp</code>: <code>log</code>, <code>format</code>, <code>call</code>,{' '}
              <code>cast</code>, <code>sleep</code>.
            </p>
            <p className="dim">
              A module runs contained: no timers, network or <code>Date.now</code>; use{' '}
              <code>ctx.sendAfter</code>, <code>ctx.now()</code>, <code>ctx.random()</code>. A
              callback that loops too long ends its process.
            </p>
          </nav>
          <div>
            <Field label="Module name" error={nameError}>
              {(p) => (
                <input
                  {...p}
                  className="mono"
                  data-autofocus
                  value={name}
                  spellCheck={false}
                  onChange={(e) => {
                    setName(e.target.value);
                    setNameError(undefined);
                  }}
                />
              )}
            </Field>
            <div className="field">
              <span id="module-source-label">Source</span>
              <Suspense fallback={<p className="hint">Loading the editor…</p>}>
                <CodeEditor
                  value={source}
                  onChange={setSource}
                  label="Module source (JavaScript)"
                  errorLine={check !== 'checking' && !check.ok ? check.line : undefined}
                />
              </Suspense>
            </div>
            {status}
          </div>
        </div>
        <DialogButtons>
          {current !== undefined && (
            <button
              type="button"
              className="danger"
              onClick={() => {
                dispatch({ type: 'delete_module', name: current });
                open(undefined);
              }}
            >
              Delete module
            </button>
          )}
          <span className="spacer" />
          {current !== undefined && current === name && rootPath !== undefined && (
            <button
              type="button"
              onClick={() =>
                dispatch({
                  type: 'open_dialog',
                  dialog: { kind: 'add_child', supPath: rootPath, behaviour: current },
                })
              }
            >
              Add a worker running it…
            </button>
          )}
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button
            type="submit"
            className="primary"
            disabled={check === 'checking' || !check.ok}
            title={check === 'checking' ? 'Wait for the check to finish' : undefined}
          >
            Save module
          </button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}

function nextName(taken: string[]): string {
  for (let i = 1; ; i++) {
    const n = i === 1 ? 'my_server' : `my_server${i}`;
    if (!taken.includes(n)) return n;
  }
}
