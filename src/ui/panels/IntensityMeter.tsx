import type { IntensityMeter as Meter } from '../../store/selectors';

/**
 * "2 of 3 restarts in 5 s window": one cell per allowed restart; full means the next one gives
 * up. A dead supervisor restarts nothing, so it is not told it has restarts left.
 */
export function IntensityMeter({ meter, alive = true }: { meter: Meter; alive?: boolean }) {
  const { restarts, intensity, period } = meter;
  const text = `${restarts} of ${intensity} restarts in ${period} s window`;
  const cells = Math.max(intensity, 1);
  return (
    <div className="meter" data-full={restarts >= intensity} data-testid="intensity-meter">
      <span className="meter-text">Restart intensity: {text}</span>
      <div
        className="meter-bar"
        role="meter"
        aria-label="Restart intensity"
        aria-valuemin={0}
        aria-valuemax={intensity}
        aria-valuenow={Math.min(restarts, intensity)}
        aria-valuetext={text}
      >
        {Array.from({ length: cells }, (_, i) => (
          <span key={i} className={i < restarts ? 'meter-cell used' : 'meter-cell'} />
        ))}
      </div>
      <span className="dim">
        {!alive
          ? 'This supervisor is not running, so it restarts nothing.'
          : restarts >= intensity
            ? 'One more restart in the window and the supervisor gives up (reached_max_restart_intensity).'
            : `${intensity - restarts} more ${intensity - restarts === 1 ? 'restart' : 'restarts'} allowed in the window.`}
      </span>
    </div>
  );
}
