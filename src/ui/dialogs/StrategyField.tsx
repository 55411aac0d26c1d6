import type { Flavour, Strategy } from '../../runtime';
import { Field } from './Field';

/** What each strategy a person can pick does, keyed by the runtime's `Strategy` so a new one must be explained here. */
const HELP: Record<Strategy, string> = {
  one_for_one: 'restart only the child that died',
  one_for_all: 'restart every child when one dies',
  rest_for_one: 'restart the dead child and the ones started after it',
  simple_one_for_one:
    'a pool: no children at start; each "Start child" adds one from the template (restarted alone)',
};

/** simple_one_for_one is Elixir's DynamicSupervisor (its children, too, are started later). */
const label = (s: Strategy, flavour: Flavour): string =>
  s === 'simple_one_for_one' && flavour === 'elixir' ? 'DynamicSupervisor' : s;

/**
 * The strategy picker shared by "add child" and "change flags", with the chosen one explained.
 * simple_one_for_one is offered only where a template child can be given (`dynamic`).
 */
export function StrategyField(props: {
  value: Strategy;
  onChange: (s: Strategy) => void;
  autoFocus?: boolean;
  dynamic?: boolean;
  flavour?: Flavour;
}) {
  const { value, onChange, autoFocus = false, dynamic = false, flavour = 'erlang' } = props;
  const choices = (Object.keys(HELP) as Strategy[]).filter(
    (s) => dynamic || s !== 'simple_one_for_one' || value === s,
  );
  return (
    <Field label="Strategy" hint={HELP[value]}>
      {(p) => (
        <select
          {...p}
          {...(autoFocus ? { 'data-autofocus': true } : {})}
          value={value}
          onChange={(e) => onChange(e.target.value as Strategy)}
        >
          {choices.map((s) => (
            <option key={s} value={s}>
              {label(s, flavour)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
