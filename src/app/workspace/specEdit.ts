import type {
  ChildSpecData,
  NodeSpecData,
  SupervisorSpecData,
  UserModule,
  Workspace,
} from '../../worker/protocol';
import type { Flavour, Strategy } from '../../runtime';
import { newNodeSpec } from './defaultWorkspace';
import { type Checked, validateWorkspace } from './validate';

/**
 * Pure edits of the workspace (the tree spec as a person changes it), so a
 * reload or a share link rebuilds the tree they built. Each returns a new
 * workspace checked by `validateWorkspace`, or a short error; the old one is
 * never touched, so a bad edit cannot destroy the last good one.
 */

const clone = <T>(x: T): T => structuredClone(x);

/** The supervisor at `path` (`app_sup/db_sup`) in a node, or undefined. */
export function findSup(root: SupervisorSpecData, path: string): SupervisorSpecData | undefined {
  const parts = path.split('/');
  if (parts[0] !== root.id) return undefined;
  let sup: SupervisorSpecData = root;
  for (const id of parts.slice(1)) {
    const next = sup.children.find((c) => c.id === id);
    if (next?.kind !== 'supervisor') return undefined;
    sup = next;
  }
  return sup;
}

/** The child spec at `path` (`app_sup/counter`), or undefined. */
export function findSpec(root: SupervisorSpecData, path: string): ChildSpecData | undefined {
  const i = path.lastIndexOf('/');
  if (i < 0) return path === root.id ? root : undefined;
  const sup = findSup(root, path.slice(0, i));
  return sup?.children.find((c) => c.id === path.slice(i + 1));
}

function nodeOf(ws: Workspace, node: number): NodeSpecData | undefined {
  return ws.nodes.find((n) => n.id === node);
}

function edit(
  ws: Workspace,
  node: number,
  supPath: string,
  f: (sup: SupervisorSpecData) => string | undefined,
): Checked<Workspace> {
  const next = clone(ws);
  const n = nodeOf(next, node);
  if (!n) return { ok: false, error: `missing: node ${node}` };
  const sup = findSup(n.root, supPath);
  if (!sup) return { ok: false, error: `missing: supervisor ${supPath}` };
  const problem = f(sup);
  if (problem !== undefined) return { ok: false, error: problem };
  return validateWorkspace(next);
}

export function addChild(
  ws: Workspace,
  node: number,
  supPath: string,
  spec: ChildSpecData,
): Checked<Workspace> {
  // A duplicate id (or anything else) is refused by the one validator, `edit` runs it.
  return edit(ws, node, supPath, (sup) => {
    sup.children.push(clone(spec));
    return undefined;
  });
}

export function removeChild(
  ws: Workspace,
  node: number,
  supPath: string,
  id: string,
): Checked<Workspace> {
  return edit(ws, node, supPath, (sup) => {
    const i = sup.children.findIndex((c) => c.id === id);
    if (i < 0) return `supervisor ${sup.id}: no child '${id}'`;
    sup.children.splice(i, 1);
    return undefined;
  });
}

export interface FlagsEdit {
  strategy?: Strategy;
  intensity?: number;
  period?: number;
}

export function setFlags(
  ws: Workspace,
  node: number,
  supPath: string,
  flags: FlagsEdit,
): Checked<Workspace> {
  return edit(ws, node, supPath, (sup) => {
    if (flags.strategy !== undefined) sup.strategy = flags.strategy;
    if (flags.intensity !== undefined) sup.intensity = flags.intensity;
    if (flags.period !== undefined) sup.period = flags.period;
    return undefined;
  });
}

export function addNode(ws: Workspace): { workspace: Workspace; node: NodeSpecData } {
  const id = Math.max(0, ...ws.nodes.map((n) => n.id)) + 1;
  const node = newNodeSpec(id);
  return { workspace: { ...clone(ws), nodes: [...clone(ws.nodes), node] }, node };
}

export function removeNode(ws: Workspace, node: number): Checked<Workspace> {
  if (ws.nodes.length <= 1) return { ok: false, error: 'the last node cannot be removed' };
  if (!nodeOf(ws, node)) return { ok: false, error: `missing: node ${node}` };
  return validateWorkspace({ ...clone(ws), nodes: ws.nodes.filter((n) => n.id !== node) });
}

export function saveModule(ws: Workspace, mod: UserModule): Checked<Workspace> {
  const modules = ws.modules.filter((m) => m.name !== mod.name);
  return validateWorkspace({ ...clone(ws), modules: [...clone(modules), { ...mod }] });
}

export function deleteModule(ws: Workspace, name: string): Checked<Workspace> {
  const user = workerUsing(ws, name);
  if (user !== undefined)
    return { ok: false, error: `module ${name} is used by ${user}: delete that child first` };
  return validateWorkspace({ ...clone(ws), modules: ws.modules.filter((m) => m.name !== name) });
}

/** The path of the first worker that runs `behaviour`, if any. */
export function workerUsing(ws: Workspace, behaviour: string): string | undefined {
  const walk = (c: ChildSpecData, path: string): string | undefined => {
    if (c.kind === 'worker') return c.behaviour === behaviour ? path : undefined;
    for (const k of [...c.children, ...(c.template ? [c.template] : [])]) {
      const hit = walk(k, `${path}/${k.id}`);
      if (hit !== undefined) return hit;
    }
    return undefined;
  };
  for (const n of ws.nodes) {
    const hit = walk(n.root, n.root.id);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

export function setFlavour(ws: Workspace, flavour: Flavour): Workspace {
  return { ...clone(ws), flavour };
}
