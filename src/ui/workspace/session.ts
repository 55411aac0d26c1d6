import type { Workspace } from '../../worker/protocol';
import { type Checked, validateWorkspace } from './validate';

/** What is saved and shared: the workspace plus the speed it runs at. */
export interface Session {
  workspace: Workspace;
  speed: number;
}

export const MIN_SPEED = 0.1;
export const MAX_SPEED = 10;
/** Slow enough that a person can follow each message. */
export const DEFAULT_SPEED = 0.5;

export function clampSpeed(s: number): number {
  if (!Number.isFinite(s)) return DEFAULT_SPEED;
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, Math.round(s * 10) / 10));
}

/** Accepts `{ workspace, speed }` or a bare workspace. */
export function validateSession(data: unknown): Checked<Session> {
  if (typeof data === 'object' && data !== null && 'workspace' in data) {
    const d = data as { workspace: unknown; speed?: unknown };
    const ws = validateWorkspace(d.workspace);
    if (!ws.ok) return ws;
    const speed = typeof d.speed === 'number' ? clampSpeed(d.speed) : DEFAULT_SPEED;
    return { ok: true, value: { workspace: ws.value, speed } };
  }
  const ws = validateWorkspace(data);
  return ws.ok ? { ok: true, value: { workspace: ws.value, speed: DEFAULT_SPEED } } : ws;
}
