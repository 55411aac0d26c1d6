import { useState } from 'react';
import type { Term } from '../../runtime';
import { useDispatch, useUi } from '../context';
import { readTerm, useElixir } from '../useElixir';
import { Dialog } from './Dialog';
import { DialogButtons, Field } from './Field';

interface Props {
  kind: 'crash' | 'exit_signal';
  target: string;
  targetLabel: string;
  onClose: () => void;
}

const CHOICES = {
  crash: [
    { value: 'boom', help: 'abnormal: a CRASH REPORT, and the supervisor restarts it' },
    { value: 'normal', help: 'a normal stop: a transient child is not restarted' },
    { value: 'shutdown', help: 'as if told to shut down' },
  ],
  exit_signal: [
    { value: 'kill', help: 'untrappable: the process dies with reason killed' },
    { value: 'shutdown', help: 'dies, unless it traps exits (then it gets a message)' },
    { value: 'normal', help: 'ignored, unless it traps exits' },
    { value: 'boom', help: 'dies, unless it traps exits' },
  ],
} as const;

/** Crash (the process exits by itself) or exit(Pid, Reason): pick a reason or type one. */
export function ReasonDialog({ kind, target, targetLabel, onClose }: Props) {
  const dispatch = useDispatch();
  const choices = CHOICES[kind];
  // Reasons read in the workspace's language (`:boom`, `{:shutdown, :bye}` in Elixir).
  const flavour = useUi((s) => s.workspace.flavour);
  const elixir = useElixir();
  const parse = (t: string) => readTerm(flavour, elixir, t);
  const show = (erl: string) => elixir?.erlangTextIn(flavour, erl) ?? erl;
  const [choice, setChoice] = useState<string>(choices[0].value);
  const [custom, setCustom] = useState(
    flavour === 'elixir' ? '{:shutdown, :bye}' : '{shutdown, bye}',
  );
  const [error, setError] = useState<string>();

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    let reason: Term = choice;
    if (choice === 'custom') {
      const r = parse(custom);
      if (!r.ok) {
        setError(`reason: ${r.error}`);
        return;
      }
      reason = r.value;
    }
    dispatch(
      kind === 'crash'
        ? { type: 'crash', target, reason }
        : { type: 'exit_signal', target, reason },
    );
    onClose();
  };

  const title = kind === 'crash' ? `Crash ${targetLabel}` : `Exit signal to ${targetLabel}`;
  return (
    <Dialog title={title} onClose={onClose} testId={`${kind}-dialog`}>
      <form onSubmit={submit}>
        <p className="dialog-lead">
          {kind === 'crash' ? (
            <>
              The process stops itself with this reason (a gen_server returns{' '}
              <code>
                {flavour === 'elixir' ? '{:stop, reason, state}' : '{stop, Reason, State}'}
              </code>
              ).
            </>
          ) : (
            <>
              Runs{' '}
              <code>
                {flavour === 'elixir' ? 'Process.exit(pid, reason)' : 'exit(Pid, Reason)'}
              </code>{' '}
              from the shell.
            </>
          )}
        </p>
        <fieldset className="radio-group">
          <legend>Reason</legend>
          {[...choices, { value: 'custom', help: `any term, e.g. ${show('{shutdown, bye}')}` }].map(
            (c, i) => (
              <label key={c.value} className="radio">
                <input
                  type="radio"
                  name="reason"
                  value={c.value}
                  checked={choice === c.value}
                  onChange={() => setChoice(c.value)}
                  {...(i === 0 ? { 'data-autofocus': true } : {})}
                />
                <span>
                  <code>{c.value === 'custom' ? c.value : show(c.value)}</code>{' '}
                  <span className="dim">— {c.help}</span>
                </span>
              </label>
            ),
          )}
        </fieldset>
        {choice === 'custom' && (
          <Field label="Custom reason" error={error}>
            {(p) => (
              <input
                {...p}
                className="mono"
                value={custom}
                onChange={(e) => {
                  setCustom(e.target.value);
                  setError(undefined);
                }}
              />
            )}
          </Field>
        )}
        <DialogButtons>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary danger">
            {kind === 'crash' ? 'Crash' : 'Send exit signal'}
          </button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}
