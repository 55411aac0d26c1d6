import type { Strategy } from '../../runtime';
import { Field } from './Field';

/**
 * What each strategy a person can pick does, keyed by the runtime's `Strategy` so a new one must
 * be explained here (simple_one_for_one is not picked: it comes with a template child).
 */
const HELP: Record<Exclude<Strategy, 'simple_one_for_one'>, string> = {
  one_for_one: 'restart only the child that died',
  one_for_all: 'restart every child when one dies',
  rest_for_one: 'restart the dead child and the ones started after it',
};
const CHOICES = Object.entries(HELP).map(([value, help]) => ({ value, help }));

/** The strategy picker shared by "add child" and "change flags", with the chosen one explained. */
export function StrategyField(props: {
  value: Strategy;
  onChange: (s: Strategy) => void;
  autoFocus?: boolean;
}) {
  const { value, onChange, autoFocus = false } = props;
  return (
    <Field label="Strategy" hint={CHOICES.find((s) => s.value === value)?.help ?? ''}>
      {(p) => (
        <select
          {...p}
          {...(autoFocus ? { 'data-autofocus': true } : {})}
          value={value}
          onChange={(e) => onChange(e.target.value as Strategy)}
        >
          {CHOICES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.value}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
