import { useState } from 'react';
import type { Strategy } from '../../runtime';
import { flagProblem } from '../../runtime';
import { useDispatch, useUi } from '../context';
import { StrategyField } from './StrategyField';
import { Dialog } from './Dialog';
import { DialogButtons, NumberField } from './Field';

interface Props {
  supPath: string;
  strategy: Strategy;
  intensity: number;
  period: number;
  onClose: () => void;
}

/**
 * Change a live supervisor's strategy or restart intensity. Not an OTP call:
 * a supervisor's flags are fixed at init; the playground lets people try.
 */
export function FlagsDialog({ supPath, strategy: s0, intensity: i0, period: p0, onClose }: Props) {
  const dispatch = useDispatch();
  const flavour = useUi((s) => s.workspace.flavour);
  const [strategy, setStrategy] = useState<Strategy>(s0);
  const [intensity, setIntensity] = useState(String(i0));
  const [period, setPeriod] = useState(String(p0));
  const [errors, setErrors] = useState<{
    intensity?: string | undefined;
    period?: string | undefined;
  }>({});

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    // Blank is not 0: Number('') would be.
    const i = intensity.trim() === '' ? Number.NaN : Number(intensity);
    const p = period.trim() === '' ? Number.NaN : Number(period);
    const errs: typeof errors = {
      intensity: flagProblem('intensity', i, JSON.stringify(intensity)),
      period: flagProblem('period', p, JSON.stringify(period)),
    };
    if (errs.intensity || errs.period) {
      setErrors(errs);
      return;
    }
    dispatch({ type: 'set_flags', sup: supPath, strategy, intensity: i, period: p });
    onClose();
  };

  return (
    <Dialog title={`Supervisor flags of ${supPath}`} onClose={onClose} testId="flags-dialog">
      <form onSubmit={submit} noValidate>
        <p className="dialog-lead dim">
          Not an OTP call (flags are fixed at init): the playground lets you try another strategy
          live.
        </p>
        <div className="form-grid">
          <StrategyField value={strategy} onChange={setStrategy} autoFocus flavour={flavour} />
          <NumberField
            label="Intensity (max restarts)"
            value={intensity}
            error={errors.intensity}
            onChange={(v) => {
              setIntensity(v);
              setErrors((x) => ({ ...x, intensity: undefined }));
            }}
          />
          <NumberField
            label="Period (seconds)"
            value={period}
            error={errors.period}
            onChange={(v) => {
              setPeriod(v);
              setErrors((x) => ({ ...x, period: undefined }));
            }}
          />
        </div>
        <DialogButtons>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Apply
          </button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}
