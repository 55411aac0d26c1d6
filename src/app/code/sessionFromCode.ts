import { DEFAULT_SPEED } from '../../base';
import type { Workspace } from '../../worker/protocol';
import { isLibraryBehaviour } from '../../worker/specCheck';
import type { Session } from '../workspace/session';
import type { Checked } from '../workspace/validate';
import { validateSession } from '../workspace/session';
import { readSupervisor } from './readSupervisor';
import { sanitize } from './specOfExpr';

/**
 * Import of a supervisor's source (`my_sup.erl`, `application.ex`): one node whose root is the
 * pasted supervisor, in the language it is written in (whose default flags then apply). The
 * root is named after the file (`my_sup.erl` → `my_sup`) unless the code names it. Goes through
 * the one validator like every workspace from outside, then the same consent step as a file.
 */
export function sessionFromCode(text: string, fileName: string): Checked<Session> {
  const base = sanitize(fileName.replace(/\.[a-z]+$/i, '') || 'app_sup');
  const read = readSupervisor(text, { known: isLibraryBehaviour, defaultId: base });
  if (!read.ok) return { ok: false, error: `file ${fileName}: ${read.error}` };
  const workspace: Workspace = {
    version: 1,
    flavour: read.value.lang,
    nodes: [{ id: 1, name: 'node1', root: read.value.spec }],
    modules: [],
    seed: 1,
  };
  const s = validateSession({ workspace, speed: DEFAULT_SPEED });
  return s.ok ? s : { ok: false, error: `file ${fileName}: ${s.error}` };
}
