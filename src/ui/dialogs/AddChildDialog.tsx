import { useState } from 'react';
import type { RestartType, Shutdown, Strategy } from '../../runtime';
import type { ChildSpecData } from '../../worker/protocol';
import { LIBRARY, libraryInfo } from '../../app/behaviourCatalog';
import { useDispatch, useUi } from '../context';
import { CHILD_ID_RE, validateChildSpec } from '../../app/workspace/validate';
import { knownIn } from '../../worker/specCheck';
import { readSupervisor } from '../../app/code/readSupervisor';
import { PasteCodeField } from './PasteCodeField';
import { Dialog } from './Dialog';
import { DialogButtons, Field, NumberField } from './Field';
import { StrategyField } from './StrategyField';

interface Props {
  supPath: string;
  /** Ids already used under this supervisor. */
  existingIds: string[];
  /** The behaviour to start with (e.g. the module just written). */
  initialBehaviour?: string | undefined;
  onClose: () => void;
}

const RESTARTS: { value: RestartType; help: string }[] = [
  { value: 'permanent', help: 'always restarted' },
  { value: 'transient', help: 'restarted only after an abnormal exit' },
  { value: 'temporary', help: 'never restarted' },
];

/** `brutal_kill`, `infinity` or a whole number of ms. */
export function parseShutdown(text: string): Shutdown | string {
  const t = text.trim();
  if (t === 'brutal_kill' || t === 'infinity') return t;
  if (/^\d+$/.test(t)) return Number(t);
  return `shutdown: expected brutal_kill, infinity or ms, got ${JSON.stringify(text)}`;
}

function parseIntIn(label: string, text: string, min: number): number | string | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min)
    return `${label}: must be a whole number >= ${min}, got ${JSON.stringify(text)}`;
  return n;
}

type Errors = Partial<
  Record<
    'id' | 'shutdown' | 'intensity' | 'period' | 'behaviour' | 'code' | `param:${string}`,
    string
  >
>;

type Kind = 'worker' | 'supervisor' | 'code';
const KINDS: { value: Kind; label: string }[] = [
  { value: 'worker', label: 'worker' },
  { value: 'supervisor', label: 'supervisor' },
  { value: 'code', label: 'from code' },
];

/** supervisor:start_child/2 with a child spec built here; the workspace records it. */
export function AddChildDialog({ supPath, existingIds, initialBehaviour, onClose }: Props) {
  const dispatch = useDispatch();
  const modules = useUi((s) => s.workspace.modules);
  const flavour = useUi((s) => s.workspace.flavour);
  const [kind, setKind] = useState<Kind>('worker');
  const [code, setCode] = useState('');
  const [behaviour, setBehaviour] = useState(initialBehaviour ?? 'counter');
  const [id, setId] = useState(() => uniqueId(initialBehaviour ?? 'counter', existingIds));
  const [idTouched, setIdTouched] = useState(false);
  const [params, setParams] = useState<Record<string, string>>({});
  const [restart, setRestart] = useState<RestartType>('permanent');
  const [shutdown, setShutdown] = useState('5000');
  const [trapExit, setTrapExit] = useState(false);
  const [strategy, setStrategy] = useState<Strategy>('one_for_one');
  const [templateOf, setTemplateOf] = useState('counter');
  const [intensity, setIntensity] = useState('');
  const [period, setPeriod] = useState('');
  const [errors, setErrors] = useState<Errors>({});

  const info = libraryInfo(behaviour);

  const chooseKind = (k: Kind) => {
    setKind(k);
    setShutdown(k === 'worker' ? '5000' : 'infinity');
    const base = k === 'worker' ? behaviour : k === 'code' ? 'pasted_sup' : 'sub_sup';
    if (!idTouched) setId(uniqueId(base, existingIds));
    setErrors({});
  };
  const chooseBehaviour = (b: string) => {
    setBehaviour(b);
    setParams({});
    if (!idTouched) setId(uniqueId(b, existingIds));
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const errs: Errors = {};
    if (!CHILD_ID_RE.test(id))
      errs.id = `id: ${JSON.stringify(id)} must start with a lowercase letter (letters, digits, _)`;
    else if (existingIds.includes(id)) errs.id = `id: ${supPath} already has a child '${id}'`;
    const sd = parseShutdown(shutdown);
    if (typeof sd === 'string' && sd.startsWith('shutdown:')) errs.shutdown = sd;
    let spec: ChildSpecData;
    if (kind === 'code') {
      // Paste a supervisor: read the code, then the one validator, before anything starts.
      const read = readSupervisor(code, { known: knownIn(modules), defaultId: id });
      if (!read.ok) errs.code = read.error;
      else {
        const checked = validateChildSpec(
          supPath,
          { ...read.value.spec, id },
          { flavour, modules },
        );
        if (!checked.ok) errs.code = checked.error;
        else if (!errs.id) {
          if (read.value.guessed.length > 0)
            dispatch({
              type: 'toast',
              text: `modules the playground does not have run as library workers: ${read.value.guessed.join(', ')}`,
            });
          dispatch({ type: 'add_child', sup: supPath, spec: checked.value });
          onClose();
          return;
        }
      }
      setErrors(errs);
      return;
    } else if (kind === 'worker') {
      const args: Record<string, number> = {};
      for (const p of info?.params ?? []) {
        const raw = params[p.key] ?? String(p.default);
        const n = Number(raw);
        if (
          raw.trim() === '' ||
          !Number.isFinite(n) ||
          n < p.min ||
          n > p.max ||
          (p.integer && !Number.isInteger(n))
        )
          errs[`param:${p.key}`] =
            `${p.key}: must be ${p.integer ? 'a whole number' : 'a number'} from ${p.min} to ${p.max}`;
        else args[p.key] = n;
      }
      if (behaviour === '') errs.behaviour = 'behaviour: choose one';
      spec = { kind: 'worker', id, behaviour, restart };
      if (info?.params.length) spec.args = args;
      if (trapExit) spec.trapExit = true;
    } else {
      const i = parseIntIn('intensity', intensity, 0);
      const p = parseIntIn('period', period, 1);
      if (typeof i === 'string') errs.intensity = i;
      if (typeof p === 'string') errs.period = p;
      spec = { kind: 'supervisor', id, strategy, restart, children: [] };
      // A pool's children come from its template (supervisor docs, simple_one_for_one).
      if (strategy === 'simple_one_for_one')
        spec.template = { kind: 'worker', id: templateOf, behaviour: templateOf };
      if (typeof i === 'number') spec.intensity = i;
      if (typeof p === 'number') spec.period = p;
    }
    if (Object.keys(errs).length > 0) {
      setErrors(errs);
      return;
    }
    if (typeof sd !== 'string' || sd === 'brutal_kill' || sd === 'infinity')
      spec.shutdown = sd as Shutdown;
    dispatch({ type: 'add_child', sup: supPath, spec });
    onClose();
  };

  const clear = (k: keyof Errors) => setErrors((e) => ({ ...e, [k]: undefined }));
  const defaults = flavour === 'erlang' ? 'Erlang: 1 restart in 5 s' : 'Elixir: 3 restarts in 5 s';

  return (
    <Dialog title={`Add a child to ${supPath}`} onClose={onClose} testId="add-child-dialog">
      <form onSubmit={submit} noValidate>
        <fieldset className="segmented">
          <legend>Kind</legend>
          {KINDS.map((k) => (
            <label key={k.value} className={kind === k.value ? 'seg seg-on' : 'seg'}>
              <input
                type="radio"
                name="kind"
                checked={kind === k.value}
                onChange={() => chooseKind(k.value)}
              />
              {k.label}
            </label>
          ))}
        </fieldset>
        <div className="form-grid">
          {kind === 'worker' && (
            <Field
              label="Behaviour"
              error={errors.behaviour}
              hint={info?.description ?? 'your module'}
            >
              {(p) => (
                <select
                  {...p}
                  value={behaviour}
                  onChange={(e) => chooseBehaviour(e.target.value)}
                  data-autofocus
                >
                  <optgroup label="Library">
                    {LIBRARY.map((b) => (
                      <option key={b.name} value={b.name}>
                        {b.name}
                      </option>
                    ))}
                  </optgroup>
                  {modules.length > 0 && (
                    <optgroup label="Your modules">
                      {modules.map((m) => (
                        <option key={m.name} value={m.name}>
                          {m.name}
                        </option>
                      ))}
                    </optgroup>
                  )}
                </select>
              )}
            </Field>
          )}
          <Field label="Child id" error={errors.id}>
            {(p) => (
              <input
                {...p}
                className="mono"
                value={id}
                autoComplete="off"
                spellCheck={false}
                {...(kind === 'supervisor' ? { 'data-autofocus': true } : {})}
                onChange={(e) => {
                  setId(e.target.value);
                  setIdTouched(true);
                  clear('id');
                }}
              />
            )}
          </Field>
          {kind === 'worker' &&
            info?.params.map((param) => (
              <Field key={param.key} label={param.label} error={errors[`param:${param.key}`]}>
                {(p) => (
                  <input
                    {...p}
                    type="number"
                    min={param.min}
                    max={param.max}
                    step={param.step}
                    value={params[param.key] ?? String(param.default)}
                    onChange={(e) => {
                      setParams((x) => ({ ...x, [param.key]: e.target.value }));
                      clear(`param:${param.key}`);
                    }}
                  />
                )}
              </Field>
            ))}
          {kind === 'code' && (
            <PasteCodeField
              flavour={flavour}
              value={code}
              error={errors.code}
              onChange={(v) => {
                setCode(v);
                clear('code');
              }}
            />
          )}
          {kind === 'supervisor' && (
            <>
              <StrategyField value={strategy} onChange={setStrategy} dynamic flavour={flavour} />
              {strategy === 'simple_one_for_one' && (
                <Field label="Template child" hint="what each Start child starts">
                  {(p) => (
                    <select
                      {...p}
                      value={templateOf}
                      onChange={(e) => setTemplateOf(e.target.value)}
                    >
                      {[...LIBRARY.map((b) => b.name), ...modules.map((m) => m.name)].map((n) => (
                        <option key={n} value={n}>
                          {n}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
              <NumberField
                label="Intensity (max restarts)"
                value={intensity}
                error={errors.intensity}
                hint={`blank: ${defaults}`}
                placeholder={flavour === 'erlang' ? '1' : '3'}
                onChange={(v) => {
                  setIntensity(v);
                  clear('intensity');
                }}
              />
              <NumberField
                label="Period (seconds)"
                value={period}
                error={errors.period}
                placeholder="5"
                onChange={(v) => {
                  setPeriod(v);
                  clear('period');
                }}
              />
            </>
          )}
          {kind !== 'code' && (
            <>
              <Field label="Restart" hint={RESTARTS.find((r) => r.value === restart)?.help ?? ''}>
                {(p) => (
                  <select
                    {...p}
                    value={restart}
                    onChange={(e) => setRestart(e.target.value as RestartType)}
                  >
                    {RESTARTS.map((r) => (
                      <option key={r.value} value={r.value}>
                        {r.value}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                label="Shutdown"
                error={errors.shutdown}
                hint="brutal_kill, infinity, or ms to wait"
              >
                {(p) => (
                  <input
                    {...p}
                    className="mono"
                    value={shutdown}
                    list="shutdown-values"
                    onChange={(e) => {
                      setShutdown(e.target.value);
                      clear('shutdown');
                    }}
                  />
                )}
              </Field>
              <datalist id="shutdown-values">
                <option value="brutal_kill" />
                <option value="infinity" />
                <option value="5000" />
              </datalist>
            </>
          )}
          {kind === 'worker' && (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={trapExit}
                onChange={(e) => setTrapExit(e.target.checked)}
              />{' '}
              Trap exits (process_flag(trap_exit, true))
            </label>
          )}
        </div>
        <DialogButtons>
          <button
            type="button"
            onClick={() => dispatch({ type: 'open_dialog', dialog: { kind: 'modules' } })}
          >
            Write a module…
          </button>
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Add child
          </button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}

function uniqueId(base: string, taken: string[]): string {
  const b = CHILD_ID_RE.test(base) ? base : 'child';
  if (!taken.includes(b)) return b;
  for (let i = 2; ; i++) if (!taken.includes(`${b}${i}`)) return `${b}${i}`;
}
