import { asError, describeError, exhaustiveSwitchError } from '../base';
import type { Term } from '../runtime';
import { liveProcessAt, pathOf } from '../store/selectors';
import type { PlaygroundStore } from '../store/vanilla';
import {
  type Cluster,
  type ClusterOptions,
  type ReplayReport,
  type RestoreNode,
  createCluster,
} from '../worker/client';
import type {
  ClusterEvent,
  NodeEvent,
  NodeSpecData,
  UserModule,
  Workspace,
} from '../worker/protocol';
import type { JournalInput } from '../worker/journal';
import type { Engine, NodeCommand, Resolved, ResumeOutcome } from './engine';
import { Recorder } from './session/recorder';
import type { Told } from './session/sessionFile';
import type { Step } from '../store/steps';
import { recordingOf } from './session/sessionFile';
import { checkNodeEvent } from '../worker/validateEvent';
import type { Checked } from './workspace/validate';
import { planPeers } from './session/resumePlan';

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
    resumeAt(index) {
      const h = vs().history();
      let at = Math.max(h.start, Math.min(h.end, index));
      // Past every event of a batch but not its end (its states): the whole batch.
      const around = recorder.batchAround(at);
      if (
        around !== undefined &&
        eventsBetween(around.from, at) === eventsBetween(around.from, around.to)
      )
        at = around.to;
      if (at >= h.end)
        return Promise.resolve({ ok: false, why: 'the playhead is at the live end already' });
      return restoreAt(at);
    },
    recording: () => recordingOf(vs().history(), recorder.all()),
    openRecording(workspace, recording, speed) {
      engine.stop();
      vs().reset();
      openCluster(speed);
      const base = vs().history().end;
      const folded = foldTold(recording.told);
      if (!folded.ok) return Promise.resolve({ ok: false, why: folded.error });
      recorder.load(recording.runs, base);
      for (const n of workspace.nodes) booted.set(n.id, workspace.modules);
      return restoreAt(vs().history().end);
    },
  };

  /**
   * Folds the steps of a session file, each checked as a worker's post is (worker/validateEvent.ts:
   * a trace event as a batch of one, a batch's end as a batch without events).
   */
  function foldTold(told: readonly Told[]): Checked<undefined> {
    const steps: Step[] = [];
    const bad = (i: number, why: string): Checked<undefined> => ({
      ok: false,
      error: `the recording's entry ${i}: ${why}`,
    });
    for (const [i, t] of told.entries()) {
      switch (t.k) {
        case 'trace': {
          const raw = { type: 'batch', node: t.node, now: 0, events: [t.ev], states: [] };
          const { event, problems } = checkNodeEvent(t.node, raw);
          const ev = event?.type === 'batch' ? event.events[0] : undefined;
          if (ev === undefined || problems.length > 0)
            return bad(i, problems[0]?.message ?? 'unreadable');
          steps.push({ k: 'trace', node: t.node, ev });
          break;
        }
        case 'batch_end': {
          const { event, problems } = checkNodeEvent(t.node, t.batch);
          if (event?.type !== 'batch' || problems.length > 0)
            return bad(i, problems[0]?.message ?? 'not a batch');
          steps.push({ k: 'batch_end', batch: event });
          break;
        }
        case 'node': {
          const { event, problems } = checkNodeEvent(t.node ?? 0, t.ev);
          if (event === undefined || problems.length > 0)
            return bad(i, problems[0]?.message ?? 'unreadable');
          steps.push({ k: 'node', ev: event, node: t.node });
          break;
        }
        case 'cluster':
          steps.push({ k: 'cluster', ev: t.ev });
          break;
        case 'add_node':
          steps.push({ k: 'add_node', id: t.id, name: t.name, rootId: t.rootId });
          break;
        case 'remove_node':
          steps.push({ k: 'remove_node', id: t.id });
          break;
        case 'prune':
          steps.push({ k: 'prune', node: t.node, now: t.now });
          break;
        default:
          exhaustiveSwitchError(t);
      }
    }
    try {
      vs().appendSteps(steps);
    } catch (e) {
      return { ok: false, error: `the recording could not be shown: ${describeError(e)}` };
    }
    return { ok: true, value: undefined };
  }

  /** Trace events (not batch ends) among history steps \`from\`…\`to - 1\`. */
  function eventsBetween(from: number, to: number): number {
    const h = vs().history();
    let n = 0;
    for (let i = from; i < to; i++) if (h.step(i)?.k === 'trace') n++;
    return n;
  }

  /**
   * Rebuilds the nodes as they were before history step \`at\` and goes on from there: each node
   * replays its record (to inside a batch if \`at\` falls in one), then the pairs are wired from
   * what each record says was sent and received.
   */
  /** Each node running before history step `at`, with its record up to there. */
  function nodesAt(at: number): { nodes: RestoreNode[]; missing: string[] } {
    const nodes: RestoreNode[] = [];
    const missing: string[] = [];
    for (const n of vs().history().stateAt(at).nodes.values()) {
      if (n.status !== 'up' && n.status !== 'starting') continue;
      const prefix = recorder.prefixAt(n.id, at, eventsBetween);
      if (!prefix.ok) missing.push(prefix.why);
      else if (prefix.part === undefined) nodes.push({ id: n.id, inputs: prefix.inputs });
      else
        nodes.push({
          id: n.id,
          inputs: [...prefix.inputs, ...prefix.part.inputs],
          until: { from: prefix.inputs.length, events: prefix.part.events },
        });
    }
    return { nodes, missing };
  }

  async function restoreAt(point: number): Promise<ResumeOutcome> {
    const c = cluster;
    if (c === undefined) return { ok: false, why: 'the cluster is not running' };
    const h = vs().history();
    let at = point;
    let { nodes, missing } = nodesAt(at);
    // Inside a batch, the replay can stop only between two process turns (a turn runs whole):
    // where the turn the point falls in began.
    const part = nodes.find((n) => n.until !== undefined);
    if (part?.until !== undefined && missing.length === 0) {
      let ends: number[];
      try {
        ends = await c.probeTurns(part.id, part.inputs, part.until);
      } catch (e) {
        return { ok: false, why: describeError(e) };
      }
      const target = part.until.events;
      const start = Math.max(0, ...ends.filter((e) => e <= target));
      if (start < target) {
        for (let seen = target; at > h.start && seen > start; at--)
          if (h.step(at - 1)?.k === 'trace') seen--;
        ({ nodes, missing } = nodesAt(at));
      }
    }
    if (missing.length > 0) return { ok: false, why: missing.join('; ') };
    // The page goes back first: what the nodes say from now on follows on from that point.
    vs().truncate(at);
    recorder.truncate(at);
    for (const { id, inputs, until } of nodes) {
      // A node resumed inside a batch posts what it replayed of it with its first batch.
      recorder.resumed(id, at, until === undefined ? inputs : inputs.slice(0, until.from));
      const boot = inputs[0];
      if (boot?.k === 'boot') booted.set(id, boot.cmd.modules);
    }
    let reports: ReplayReport[];
    try {
      reports = await c.restore(nodes);
    } catch (e) {
      return { ok: false, why: describeError(e) };
    }
    // What each node's replay took in (whole batches, and of a part what it used) decides what
    // its peers must send it again.
    const records = new Map<number, JournalInput[]>();
    for (const { id, inputs, until } of nodes) {
      const used = reports.find((r) => r.node === id)?.used ?? 0;
      records.set(id, until === undefined ? inputs : inputs.slice(0, until.from + used));
    }
    const state = h.stateAt(at);
    const connected = (a: number, b: number): boolean =>
      state.nodes.get(a)?.peers.includes(b) === true;
    const ids = [...records.keys()];
    const split: [number, number][] = [];
    for (const a of ids) for (const b of ids) if (a < b && !connected(a, b)) split.push([a, b]);
    c.rewire({ ...planPeers(records, connected), split });
    return { ok: true, at, reports };
  }
  return engine;
}
