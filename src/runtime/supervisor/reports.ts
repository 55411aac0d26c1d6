import type { Ctx } from '../ctx';
import type { Pid, Reason } from '../term';
import type { RestartWindow } from './restartIntensity';

// The SUPERVISOR REPORTs both supervisors write (supervisor.erl's
// ?report_error, with its errorContext), as trace events.

export function reportChildTerminated(
  ctx: Ctx,
  reason: Reason,
  childId: string | undefined,
  childPid: Pid | undefined,
): void {
  if (ctx.tracing)
    ctx.trace({
      type: 'supervisor_report',
      sup: ctx.self,
      context: 'child_terminated',
      reason,
      childId,
      childPid,
    });
}

export function reportStartError(ctx: Ctx, reason: Reason, childId: string | undefined): void {
  if (ctx.tracing)
    ctx.trace({
      type: 'supervisor_report',
      sup: ctx.self,
      context: 'start_error',
      reason,
      childId,
      childPid: undefined,
    });
}

/**
 * add_restart/1 with its reports: records the restart and, when the
 * intensity is exceeded, reports `reached_max_restart_intensity`.
 * @returns true when the supervisor must give up
 */
export function countRestart(
  ctx: Ctx,
  restarts: RestartWindow,
  limits: { intensity: number; period: number },
  childId: string | undefined,
  childPid: Pid | undefined,
): boolean {
  const giveUp = restarts.add(ctx.now());
  if (!ctx.tracing) return giveUp;
  const { intensity, period } = limits;
  ctx.trace({
    type: 'restart',
    sup: ctx.self,
    childId,
    restarts: restarts.count(ctx.now()),
    intensity,
    period,
  });
  if (giveUp) {
    ctx.trace({
      type: 'supervisor_report',
      sup: ctx.self,
      context: 'shutdown',
      reason: 'reached_max_restart_intensity',
      childId,
      childPid,
    });
    ctx.trace({ type: 'supervisor_gave_up', sup: ctx.self, why: 'reached_max_restart_intensity' });
  }
  return giveUp;
}
