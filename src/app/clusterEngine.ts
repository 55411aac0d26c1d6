import { asError, describeError } from '../base';
import type { Term } from '../runtime';
import { liveProcessAt, pathOf } from '../store/selectors';
import type { PlaygroundStore } from '../store/vanilla';
import { type Cluster, type ClusterOptions, createCluster } from '../worker/client';
import type {
  ClusterEvent,
  NodeEvent,
  NodeSpecData,
  UserModule,
  Workspace,
} from '../worker/protocol';
import type { Engine, NodeCommand, Resolved } from './engine';
import { Recorder } from './session/recorder';

/**
 * The {@link Engine} over the worker client: one `Cluster` (a Worker per
 * node, the watchdog), its node and cluster events folded into the playground
 * store by the store's own fold (`ingest`, `ingestCluster`): node status,
 * connections and netsplits have that one owner.
 * `start`/`stop` may run twice (React's StrictMode runs effects twice).
 * `cluster`: options for the client (tests pass a fake transport).
 */
export interface ClusterEngine extends Engine {
  /** Where the engine reports what the user should know (a node that failed to boot). */
  onNotice(fn: (text: string, tone: 'info' | 'error') => void): void;
}

/** `node_down` reasons of the person's own doing (Stop, a restart, a reset): no notice. */
const EXPECTED_DOWN: ReadonlySet<string> = new Set([
  'stopped',
  'restarting',
  'disposed',
  'removed',
]);

export function createClusterEngine(
  view: PlaygroundStore,
  clusterOptions: ClusterOptions = {},
): ClusterEngine {
  let cluster: Cluster | undefined;
  let offs: (() => void)[] = [];
  let notice: (text: string, tone: 'info' | 'error') => void = () => undefined;
  const booted = new Map<number, UserModule[]>();
  const vs = view.getState;
  /** Every node's record, and where its batches fell in the history (session/recorder.ts). */
  let recorder = new Recorder();

  const live = (): Cluster => {
    if (!cluster) throw new Error('the cluster is not running');
    return cluster;
  };

  /** A request that fails as a rejected promise, never as a throw (callers run in effects and handlers). */
  const ask = (f: () => Promise<Term>): Promise<Term> => {
    try {
      return f();
    } catch (e) {
      return Promise.reject(asError(e));
    }
  };

  const onCluster = (ev: ClusterEvent) => {
    if (ev.type === 'node_starting') recorder.started(ev.node, vs().history().end);
    vs().ingestCluster(ev);
    // A node the person did not stop themselves is news.
    if (ev.type === 'node_down' && !EXPECTED_DOWN.has(ev.reason))
      notice(`node ${ev.node} is down: ${ev.reason}`, 'error');
  };

  const bootNode = (spec: NodeSpecData, ws: Workspace) => {
    const c = live();
    vs().addNode({ id: spec.id, name: spec.name, rootId: spec.root.id });
    booted.set(spec.id, ws.modules);
    const boot = { flavour: ws.flavour, modules: ws.modules, seed: ws.seed + spec.id - 1 };
    const running = c.status(spec.id);
    const started = running ? c.restartNode(spec.id, { spec, boot }) : c.startNode(spec, boot);
    started.catch((e: unknown) => {
      // A node stopped while booting (a reset, React's double effect) is not news.
      if (cluster === c && c.status(spec.id)?.status !== 'stopped')
        notice(`node ${spec.name} did not start: ${describeError(e)}`, 'error');
    });
  };

  /** A cluster with no node yet, its events folded into the store and recorded. */
  const openCluster = (speed: number): Cluster => {
    const c = createCluster(clusterOptions);
    cluster = c;
    recorder = new Recorder();
    const onNode = (node: number, ev: NodeEvent) => {
      const from = vs().history().end;
      try {
        vs().ingest(ev, node);
      } finally {
        if (ev.type === 'batch') recorder.batch(node, ev, from, vs().history().end);
      }
    };
    offs = [c.onEvent(onNode), c.onCluster(onCluster)];
    c.setSpeed(speed);
    if (vs().paused) c.pause();
    return c;
  };

  /** What a resume works on (session/restore.ts, loaded when first resumed). */
  const restoreContext = () => ({ cluster: live(), view, recorder, booted });

  const engine: ClusterEngine = {
    start(workspace, speed) {
      if (cluster) return;
      openCluster(speed);
      for (const n of workspace.nodes) bootNode(n, workspace);
    },
    stop() {
      for (const off of offs) off();
      offs = [];
      cluster?.dispose();
      cluster = undefined;
      booted.clear();
    },
    post(node, cmd: NodeCommand) {
      try {
        live().post(node, cmd);
      } catch (e) {
        notice(describeError(e), 'error');
      }
    },
    supervisor: (node, sup, op) => ask(() => live().supervisor(node, sup, op)),
    call: (node, to, request, timeout) => ask(() => live().call(node, to, request, timeout)),
    inspect: (node, pid) =>
      ask(() => live().inspect(node, pid) as Promise<unknown> as Promise<Term>),
    setSpeed: (speed) => cluster?.setSpeed(speed),
    pause: () => cluster?.pause(),
    resume: () => cluster?.resume(),
    step: () => cluster?.step(),
    addNode: (spec, ws) => bootNode(spec, ws),
    stopNode: (node, reason) => cluster?.stopNode(node, reason),
    restartNode(node, ws) {
      const spec = ws.nodes.find((n) => n.id === node);
      if (spec) bootNode(spec, ws);
      else notice(`missing: node ${node}`, 'error');
    },
    reboot(ws) {
      engine.stop();
      vs().reset();
      engine.start(ws, vs().speed);
    },
    resolve(target): Resolved | undefined {
      // Actions act on what is live, not on what the playhead shows (it may lag or be in the past).
      const p = liveProcessAt(vs().liveState(), target);
      return p && { node: p.node, pid: p.pid, key: p.key };
    },
    pathOf: (key) => pathOf(vs().liveState(), key),
    onNotice(fn) {
      notice = fn;
    },
    bootedModules: (id) => booted.get(id),
    netsplit: (a, b) => cluster?.netsplit(a, b),
    heal: (a, b) => cluster?.heal(a, b),
    resumeAt: (index) =>
      cluster === undefined
        ? Promise.resolve({ ok: false, why: 'the cluster is not running' })
        : import('./session/restore').then((m) => m.resumeAt(restoreContext(), index)),
    recorded: () => recorder.runs,
    openRecording(workspace, recording, speed) {
      engine.stop();
      vs().reset();
      openCluster(speed);
      for (const n of workspace.nodes) booted.set(n.id, workspace.modules);
      const ctx = restoreContext();
      return import('./session/restore').then((m) => m.openRecording(ctx, recording));
    },
  };

  return engine;
}
