import type { Strategy } from '../../runtime';
import { Field } from './Field';

/** The restart strategies a person can pick, each with what it does. */
export const STRATEGIES: { value: Strategy; help: string }[] = [
  { value: 'one_for_one', help: 'restart only the child that died' },
  { value: 'one_for_all', help: 'restart every child when one dies' },
  { value: 'rest_for_one', help: 'restart the dead child and the ones started after it' },
];

/** The strategy picker shared by "add child" and "change flags", with the chosen one explained. */
export function StrategyField(props: {
  value: Strategy;
  onChange: (s: Strategy) => void;
  autoFocus?: boolean;
}) {
  const { value, onChange, autoFocus = false } = props;
  return (
    <Field label="Strategy" hint={STRATEGIES.find((s) => s.value === value)?.help ?? ''}>
      {(p) => (
        <select
          {...p}
          {...(autoFocus ? { 'data-autofocus': true } : {})}
          value={value}
          onChange={(e) => onChange(e.target.value as Strategy)}
        >
          {STRATEGIES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.value}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
