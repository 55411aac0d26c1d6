import type { Strategy } from '../runtime';
import type {
  ChildSpecData,
  NodeSpecData,
  SupervisorSpecData,
  WorkerSpecData,
  Workspace,
} from '../worker/protocol';

/** A worker of the behaviour library (`counter`, `kv_store`, `echo`, `slow_terminator`, …). */
export const worker = (
  id: string,
  behaviour: string,
  extra: Partial<Omit<WorkerSpecData, 'kind' | 'id' | 'behaviour'>> = {},
): WorkerSpecData => ({ kind: 'worker', id, behaviour, ...extra });

/**
 * A supervisor. Lessons give every supervisor its intensity and period outright unless the lesson
 * is about them: the Erlang default (1 restart in 5 s) would end a demo about something else.
 */
export const sup = (
  id: string,
  strategy: Strategy,
  children: ChildSpecData[],
  extra: Partial<Omit<SupervisorSpecData, 'kind' | 'id' | 'strategy' | 'children'>> = {},
): SupervisorSpecData => ({
  kind: 'supervisor',
  id,
  strategy,
  intensity: 10,
  period: 60,
  children,
  ...extra,
});

/** A lesson's workspace: its nodes' trees, no modules, Erlang flags. */
export const workspaceOf = (...roots: SupervisorSpecData[]): Workspace => ({
  version: 1,
  flavour: 'erlang',
  nodes: roots.map((root, i): NodeSpecData => ({ id: i + 1, name: `node${i + 1}`, root })),
  modules: [],
  seed: 1,
});
