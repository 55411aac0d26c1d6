import type { Ctx } from '../ctx';
import type { Pid, Reason } from '../term';
import { ErlList } from '../term';
import type { ChildInfo } from '../traceEvent';
import type { ChildSpec } from './childSpec';
import type { RestartWindow } from './restartIntensity';

/**
 * supervisor.erl's `extract_child/1` beside pid and id: `{mfargs, {M, start_link, Args}}` (M is
 * the spec's module, Args the spec's: deliberate difference, a dynamic child's extra args are
 * not added), restart_type, significant, shutdown, child_type.
 */
export function childInfo(spec: ChildSpec): ChildInfo {
  return {
    mfargs: [spec.modules, 'start_link', new ErlList(spec.args)],
    restartType: spec.restart,
    significant: spec.significant,
    shutdown: spec.shutdown,
    childType: spec.type,
  };
}

// The SUPERVISOR REPORTs both supervisors write (supervisor.erl's
// ?report_error, with its errorContext), as trace events.

export function reportChildTerminated(
  ctx: Ctx,
  reason: Reason,
  childId: string | undefined,
  childPid: Pid | undefined,
  spec?: ChildSpec,
): void {
  if (ctx.tracing)
    ctx.trace({
      type: 'supervisor_report',
      sup: ctx.self,
      context: 'child_terminated',
      reason,
      childId,
      childPid,
      ...(spec === undefined ? {} : { child: childInfo(spec) }),
    });
}

export function reportStartError(
  ctx: Ctx,
  reason: Reason,
  childId: string | undefined,
  spec?: ChildSpec,
): void {
  if (ctx.tracing)
    ctx.trace({
      type: 'supervisor_report',
      sup: ctx.self,
      context: 'start_error',
      reason,
      childId,
      childPid: undefined,
      ...(spec === undefined ? {} : { child: childInfo(spec) }),
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
  spec?: ChildSpec,
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
      ...(spec === undefined ? {} : { child: childInfo(spec) }),
    });
    ctx.trace({ type: 'supervisor_gave_up', sup: ctx.self, why: 'reached_max_restart_intensity' });
  }
  return giveUp;
}
