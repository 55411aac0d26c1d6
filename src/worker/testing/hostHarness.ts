import type { WirePid } from '../../base';
import type { Term, TraceEvent } from '../../runtime';
import { inThreadTransport } from '../inThreadTransport';
import type {
  ChildSpecData,
  Command,
  NodeEvent,
  NodeSpecData,
  StateSnapshot,
  SupervisorSpecData,
  UserModule,
} from '../protocol';
import { FakeTime } from './fakeTime';

/** Lets microtasks and ready I/O (MessagePort deliveries) run. */
export const settle = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
};

type Reply = Extract<NodeEvent, { type: 'reply' }>;

export const worker = (
  id: string,
  behaviour: string,
  extra: Partial<ChildSpecData> = {},
): ChildSpecData => ({ kind: 'worker', id, behaviour, ...extra }) as ChildSpecData;

export const sup = (
  id: string,
  children: ChildSpecData[],
  extra: Partial<SupervisorSpecData> = {},
): SupervisorSpecData => ({
  kind: 'supervisor',
  id,
  strategy: 'one_for_one',
  children,
  ...extra,
});

/**
 * One node host behind the in-thread transport, on fake real time: post
 * commands, move time, read what came back as the main thread would see it.
 */
export class HostHarness {
  readonly time = new FakeTime();
  readonly transport;
  readonly events: NodeEvent[] = [];
  private rid = 0;

  /** `now`: the host's real time, if not the fake time's own (a test makes slices end anywhere). */
  constructor(opts: { speed?: number; now?: () => number } = {}) {
    this.transport = inThreadTransport({
      now: opts.now ?? this.time.now,
      scheduler: this.time,
      defaultSpeed: opts.speed ?? 1,
    });
    this.transport.onEvent((e) => this.events.push(e));
  }

  get host() {
    return this.transport.host;
  }

  async post(cmd: Command, transfer?: Transferable[]): Promise<this> {
    this.transport.post(cmd, transfer);
    await settle();
    return this;
  }

  /** Posts a command with a fresh rid; returns the rid. */
  async request(cmd: DistributiveOmitRid<Extract<Command, { rid: number }>>): Promise<number> {
    const rid = ++this.rid;
    await this.post({ ...cmd, rid } as Command);
    return rid;
  }

  reply(rid: number): Reply | undefined {
    return this.events.find((e): e is Reply => e.type === 'reply' && e.rid === rid);
  }

  /** The value of a successful reply (throws with the error otherwise). */
  value(rid: number): Term {
    const r = this.reply(rid);
    if (r === undefined) throw new Error(`no reply to ${rid}`);
    if (!r.ok) throw new Error(r.error);
    return r.value;
  }

  async boot(
    root: SupervisorSpecData,
    opts: { id?: number; modules?: UserModule[]; seed?: number } = {},
  ): Promise<number> {
    const node: NodeSpecData = { id: opts.id ?? 1, name: `n${opts.id ?? 1}`, root };
    const rid = await this.request({
      type: 'boot',
      node,
      flavour: 'erlang',
      modules: opts.modules ?? [],
      seed: opts.seed ?? 1,
    });
    await this.run(50);
    return rid;
  }

  /** Moves real time by `ms` (in frame-sized steps so batches go out) and lets events arrive. */
  async run(ms: number): Promise<this> {
    for (let left = ms; left > 0; left -= 16) {
      this.time.advance(Math.min(16, left));
      await settle();
    }
    return this;
  }

  trace(): TraceEvent[] {
    return this.events.flatMap((e) => (e.type === 'batch' ? e.events : []));
  }

  errors(): string[] {
    return this.events.flatMap((e) => (e.type === 'error' ? [e.message] : []));
  }

  states(): StateSnapshot[] {
    return this.events.flatMap((e) => (e.type === 'batch' ? e.states : []));
  }

  /** The newest pid started for child id `id`. */
  pidOf(id: string): WirePid {
    const ev = this.trace()
      .filter((e) => e.type === 'child_started' && e.childId === id)
      .pop();
    if (ev === undefined) throw new Error(`no child ${id} started`);
    // After structured clone a Pid is a plain { node, id }.
    return (ev as { pid: unknown }).pid as WirePid;
  }

  clear(): void {
    this.events.length = 0;
  }
}

type DistributiveOmitRid<T> = T extends unknown ? Omit<T, 'rid'> : never;
