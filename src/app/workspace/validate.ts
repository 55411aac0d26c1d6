import type { ChildSpecData, Workspace } from '../../worker/protocol';
import {
  type Checked,
  CHILD_ID_RE,
  MODULE_NAME_RE,
  checkChildSpec,
  checkWorkspace,
  knownIn,
} from '../../worker/specCheck';

/**
 * The page's names for the one check in `worker/specCheck.ts`: untrusted data (localStorage, a
 * share link, a file, an edit) is checked by the same function the worker builds with, so the
 * page accepts exactly the trees a node can start. The first problem comes back as a short
 * message that names the culprit, or the workspace.
 */
export type { Checked };
export { CHILD_ID_RE, MODULE_NAME_RE };

export function validateWorkspace(data: unknown): Checked<Workspace> {
  return checkWorkspace(data);
}

/** The same check for one child spec a form built (before `start_child`), with the workspace's modules. */
export function validateChildSpec(
  parent: string,
  spec: unknown,
  workspace: Pick<Workspace, 'flavour' | 'modules'>,
): Checked<ChildSpecData> {
  return checkChildSpec(parent, spec, workspace.flavour, knownIn(workspace.modules));
}
