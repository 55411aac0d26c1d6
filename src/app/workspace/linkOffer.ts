import type { ChildSpecData, SupervisorSpecData, Workspace } from '../../worker/protocol';
import type { Session } from './session';
import { type Checked, validateWorkspace } from './validate';

/**
 * The consent step for a workspace from outside (a share link, an imported file): what it holds,
 * what the person may do with it, and what each choice does. Pure, so the flow is unit-tested;
 * `OpenWorkspaceDialog` shows it and `actions/links.ts` carries out the answer.
 */

export interface WorkspaceSummary {
  nodes: number;
  supervisors: number;
  workers: number;
  /** Processes started at boot: supervisors and workers (a simple_one_for_one template starts none). */
  processes: number;
  /** Module names, and the characters of code in them. */
  modules: { name: string; lines: number }[];
}

export type OfferSource = 'link' | 'file';

export interface Offer {
  session: Session;
  source: OfferSource;
  summary: WorkspaceSummary;
  /** The link brings module code: it runs only if the person says so. */
  hasCode: boolean;
  /** What opening it would replace (kept as a backup), when there is something. */
  current: WorkspaceSummary | undefined;
}

export type OfferChoice = 'open' | 'open_without_code' | 'stay';

/** Visits every child spec of a tree with a stack (no recursion on depth). */
export function forEachSpec(
  root: SupervisorSpecData,
  visit: (spec: ChildSpecData, path: string, asTemplate: boolean) => void,
): void {
  const stack: { spec: ChildSpecData; path: string; asTemplate: boolean }[] = [
    { spec: root, path: root.id, asTemplate: false },
  ];
  while (stack.length > 0) {
    const { spec, path, asTemplate } = stack.pop() as (typeof stack)[number];
    visit(spec, path, asTemplate);
    if (spec.kind !== 'supervisor') continue;
    if (spec.template) stack.push({ spec: spec.template, path: `${path}/*`, asTemplate: true });
    for (let i = spec.children.length - 1; i >= 0; i--) {
      const c = spec.children[i] as ChildSpecData;
      stack.push({ spec: c, path: `${path}/${c.id}`, asTemplate });
    }
  }
}

export function summarize(ws: Workspace): WorkspaceSummary {
  let supervisors = 0;
  let workers = 0;
  for (const n of ws.nodes)
    forEachSpec(n.root, (spec, _path, asTemplate) => {
      if (asTemplate) return;
      if (spec.kind === 'supervisor') supervisors++;
      else workers++;
    });
  return {
    nodes: ws.nodes.length,
    supervisors,
    workers,
    processes: supervisors + workers,
    modules: ws.modules.map((m) => ({ name: m.name, lines: m.source.split('\n').length })),
  };
}

const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** `2 nodes, 12 processes (3 supervisors, 9 workers), 1 module (greeter)`. */
export function describeSummary(s: WorkspaceSummary): string {
  const mods =
    s.modules.length === 0
      ? 'no modules'
      : `${plural(s.modules.length, 'module')} (${s.modules.map((m) => m.name).join(', ')})`;
  return (
    `${plural(s.nodes, 'node')}, ${plural(s.processes, 'process', 'processes')} ` +
    `(${plural(s.supervisors, 'supervisor')}, ${plural(s.workers, 'worker')}), ${mods}`
  );
}

const sameSession = (a: Session, b: Session): boolean =>
  JSON.stringify(a.workspace) === JSON.stringify(b.workspace);

/**
 * What to do with a workspace that arrived: open it at once when nothing is lost and no code
 * runs (a first visit, a link to what is already open), else ask.
 */
export function makeOffer(
  incoming: Session,
  source: OfferSource,
  current: { session: Session; saved: boolean } | undefined,
): { ask: false; open: boolean; reason: string } | { ask: true; offer: Offer } {
  const summary = summarize(incoming.workspace);
  const hasCode = incoming.workspace.modules.length > 0;
  if (current && sameSession(incoming, current.session))
    return { ask: false, open: false, reason: `this ${source}'s workspace is already open` };
  const losesWork = current !== undefined && current.saved;
  if (!losesWork && !hasCode) return { ask: false, open: true, reason: `opened the ${source}` };
  return {
    ask: true,
    offer: {
      session: incoming,
      source,
      summary,
      hasCode,
      current: current?.saved ? summarize(current.session.workspace) : undefined,
    },
  };
}

/**
 * The workspace without its modules and without the workers that run them (and any
 * simple_one_for_one whose template does), with the paths of what was left out.
 */
export function stripModules(ws: Workspace): { workspace: Workspace; removed: string[] } {
  const names = new Set(ws.modules.map((m) => m.name));
  const removed: string[] = [];
  const uses = (c: ChildSpecData): boolean =>
    c.kind === 'worker'
      ? names.has(c.behaviour)
      : c.strategy === 'simple_one_for_one' && c.template !== undefined && uses(c.template);
  const next: Workspace = structuredClone({ ...ws, modules: [] });
  for (const n of next.nodes)
    forEachSpec(n.root, (spec, path) => {
      if (spec.kind !== 'supervisor' || spec.strategy === 'simple_one_for_one') return;
      spec.children = spec.children.filter((c) => {
        if (!uses(c)) return true;
        removed.push(`${path}/${c.id}`);
        return false;
      });
    });
  return { workspace: next, removed };
}

export type OfferOutcome =
  { kind: 'stay' } | { kind: 'open'; session: Session; runsCode: boolean; removed: string[] };

/** The answer carried out as data: what to load (the current one is backed up by the caller). */
export function answerOffer(offer: Offer, choice: OfferChoice): Checked<OfferOutcome> {
  switch (choice) {
    case 'stay':
      return { ok: true, value: { kind: 'stay' } };
    case 'open':
      return {
        ok: true,
        value: { kind: 'open', session: offer.session, runsCode: offer.hasCode, removed: [] },
      };
    case 'open_without_code': {
      const { workspace, removed } = stripModules(offer.session.workspace);
      const checked = validateWorkspace(workspace);
      if (!checked.ok) return { ok: false, error: `without its modules: ${checked.error}` };
      return {
        ok: true,
        value: {
          kind: 'open',
          session: { ...offer.session, workspace: checked.value },
          runsCode: false,
          removed,
        },
      };
    }
  }
}
