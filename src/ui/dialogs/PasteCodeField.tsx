import type { Flavour } from '../../runtime';
import { Field } from './Field';

/** What the field shows before anything is pasted: the shape each language's reader takes. */
export const PASTE_EXAMPLES: Record<Flavour, string> = {
  elixir: `children = [
  {Counter, 0},
  MyApp.Cache,
  Supervisor.child_spec({Ticker, 1000}, id: :ticker)
]

Supervisor.init(children, strategy: :one_for_all, max_restarts: 3, max_seconds: 5)`,
  erlang: `init(_Args) ->
    SupFlags = #{strategy => one_for_all, intensity => 3, period => 5},
    ChildSpecs = [#{id => counter, start => {counter, start_link, [0]}},
                  #{id => cache, start => {cache, start_link, []}}],
    {ok, {SupFlags, ChildSpecs}}.`,
};

/**
 * Where a person pastes a supervisor from their own code: an Erlang `init/1` (or the
 * `{ok, {SupFlags, ChildSpecs}}` it returns) or Elixir `children = [...]` with
 * `Supervisor.init/2`, whichever the workspace's flavour (both are read either way).
 */
export function PasteCodeField(props: {
  flavour: Flavour;
  value: string;
  error: string | undefined;
  onChange: (v: string) => void;
}) {
  const { flavour, value, error, onChange } = props;
  return (
    // The whole width of the form's grid: code needs it.
    <div style={{ gridColumn: '1 / -1' }}>
      <Field
        label="Supervisor code"
        error={error}
        hint="Erlang init/1 or Elixir children + Supervisor.init/2; modules the playground does not have run as the closest library worker"
      >
        {(p) => (
          <textarea
            {...p}
            className="mono paste-code"
            rows={12}
            spellCheck={false}
            autoComplete="off"
            data-autofocus
            placeholder={PASTE_EXAMPLES[flavour]}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        )}
      </Field>
    </div>
  );
}
