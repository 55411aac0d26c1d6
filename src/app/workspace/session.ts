import { DEFAULT_SPEED, clampSpeed } from '../../base';
import type { Workspace } from '../../worker/protocol';
import { type Checked, validateWorkspace } from './validate';

/** What is saved and shared: the workspace plus the speed it runs at. */
export interface Session {
  workspace: Workspace;
  speed: number;
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
