import { useState } from 'react';
import { useDispatch, useUi } from '../context';
import { readTerm, useElixir } from '../useElixir';
import { Dialog } from './Dialog';
import { DialogButtons, Field, NumberField } from './Field';

interface Props {
  mode: 'send' | 'call';
  target: string;
  targetLabel: string;
  /** Suggestions for this behaviour (e.g. `{put, k, 1}` for kv_store). */
  examples: string[];
  onClose: () => void;
}

/**
 * `Pid ! Msg` or `gen_server:call(Pid, Request)` (Elixir: `send(pid, msg)`, `GenServer.call/3`)
 * with a term typed in the workspace's language; the examples are shown in it too.
 */
export function MessageDialog({
  mode,
  target,
  targetLabel,
  examples: erlExamples,
  onClose,
}: Props) {
  const dispatch = useDispatch();
  const flavour = useUi((s) => s.workspace.flavour);
  const elixir = useElixir();
  const parse = (t: string) => readTerm(flavour, elixir, t);
  const examples = erlExamples.map((x) => elixir?.erlangTextIn(flavour, x) ?? x);
  // Until the person types, the field shows the first example (in Elixir once that view loads).
  const [typed, setText] = useState<string>();
  const text = typed ?? examples[0] ?? (flavour === 'elixir' ? ':ping' : 'ping');
  const [timeout, setTimeoutMs] = useState('5000');
  const [error, setError] = useState<string>();
  const [timeoutError, setTimeoutError] = useState<string>();

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const r = parse(text);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    if (mode === 'send') {
      dispatch({ type: 'send', to: target, msg: r.value });
    } else {
      const ms = Number(timeout);
      if (!Number.isInteger(ms) || ms < 1) {
        setTimeoutError(
          `timeout must be a whole number of ms >= 1, got ${JSON.stringify(timeout)}`,
        );
        return;
      }
      dispatch({ type: 'call', to: target, request: r.value, timeout: ms });
    }
    onClose();
  };

  return (
    <Dialog
      title={mode === 'send' ? `Send a message to ${targetLabel}` : `Call ${targetLabel}`}
      onClose={onClose}
      testId="message-dialog"
    >
      <form onSubmit={submit}>
        <Field
          label={mode === 'send' ? 'Message' : 'Request'}
          error={error}
          hint={
            flavour === 'elixir'
              ? 'Elixir terms: atoms (:ping), numbers (42), tuples ({:add, 5}), maps (%{a: 1}), lists ([1, 2]), strings ("text")'
              : "Erlang terms: atoms (ping), numbers (42), tuples ({ping, 1}), quoted atoms ('EXIT')"
          }
        >
          {(p) => (
            <input
              {...p}
              data-autofocus
              className="mono"
              value={text}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => {
                setText(e.target.value);
                setError(undefined);
              }}
            />
          )}
        </Field>
        {examples.length > 0 && (
          <div className="chips" aria-label="Examples">
            {examples.map((ex) => (
              <button type="button" key={ex} className="chip mono" onClick={() => setText(ex)}>
                {ex}
              </button>
            ))}
          </div>
        )}
        {mode === 'call' && (
          <NumberField
            label="Timeout (ms)"
            value={timeout}
            error={timeoutError}
            onChange={(v) => {
              setTimeoutMs(v);
              setTimeoutError(undefined);
            }}
          />
        )}
        <DialogButtons>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            {mode === 'send' ? 'Send' : 'Call'}
          </button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}
