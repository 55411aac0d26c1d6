import { Binary, ErlList, ErlRecord, Pid, Ref } from './term';
import type { Term } from './term';
import type { WirePid } from '../base';
import { isWirePid } from '../base';

/**
 * Distributed Erlang between {@link Node}s: messages, links, monitors and
 * exit signals to processes on other nodes travel as {@link RemoteSignal}s,
 * plain structured-cloneable data that a MessageChannel (between workers) or
 * a direct call (in tests) carries. Losing the connection fires
 * `noconnection` on every link and monitor that crossed it, as
 * `net_kernel` does when a node goes down.
 */

/** A pid or ref on the wire: the base's `{ node, id }`, as structured clone leaves a {@link Pid}. */
export type RemotePid = WirePid;

/**
 * A term on the wire. Pids are `{ node, id }`; refs `{ $ref: [node, id] }`;
 * maps `{ $map: {...} }` (so a map with `node` and `id` keys is not taken for
 * a pid); records `{ $rec: name, fields }`; lists `{ $list: [...] }` and
 * binaries `{ $bin: '…' }`, as structured clone leaves them. Functions cannot
 * cross and become the atom `'#Fun'`.
 */
export type WireTerm = unknown;

/** Every signal names its sending node (`src`): a signal from a node we are no longer connected to is dropped. */
export type RemoteSignal =
  | { kind: 'message'; src: number; from: RemotePid | undefined; to: RemotePid; msg: WireTerm }
  /** A message to a process alias (`to` is the alias ref, on the node that owns it). */
  | { kind: 'alias'; src: number; from: RemotePid | undefined; to: RemotePid; msg: WireTerm }
  | { kind: 'link'; src: number; from: RemotePid; to: RemotePid }
  | { kind: 'unlink'; src: number; from: RemotePid; to: RemotePid }
  | {
      kind: 'exit';
      src: number;
      from: RemotePid | undefined;
      to: RemotePid;
      reason: WireTerm;
      link: boolean;
    }
  | { kind: 'monitor'; src: number; from: RemotePid; to: RemotePid; ref: RemotePid }
  | { kind: 'demonitor'; src: number; from: RemotePid; to: RemotePid; ref: RemotePid }
  | { kind: 'down'; src: number; from: RemotePid; to: RemotePid; ref: RemotePid; reason: WireTerm };

/** How a node hands a signal to a peer (a MessagePort's outbox, or the peer's `receiveRemote`). */
export type SendToPeer = (signal: RemoteSignal) => void;

type Signal = RemoteSignal extends infer S
  ? S extends RemoteSignal
    ? Omit<S, 'src'>
    : never
  : never;

const key = (node: number, id: number): number => node * 4294967296 + id;

/**
 * Keeps one Pid / Ref instance per identity, so `===` keeps working for terms
 * that came over the wire (gen_server's `call` matches its reply by ref).
 * Entries are weak: an instance nothing holds any more can be made afresh.
 */
export class Interner {
  private readonly pids = new Map<number, WeakRef<Pid>>();
  private readonly refs = new Map<number, WeakRef<Ref>>();
  private readonly registry = new FinalizationRegistry<{
    map: Map<number, WeakRef<object>>;
    k: number;
  }>(({ map, k }) => {
    if (map.get(k)?.deref() === undefined) map.delete(k);
  });

  pid(node: number, id: number): Pid {
    return this.intern(this.pids, node, id, () => new Pid(node, id));
  }

  ref(node: number, id: number): Ref {
    return this.intern(this.refs, node, id, () => new Ref(node, id));
  }

  /** A local ref about to leave the node: remembered, so the same instance comes back. */
  remember(ref: Ref): void {
    const k = key(ref.node, ref.id);
    if (this.refs.get(k)?.deref() === ref) return;
    this.refs.set(k, new WeakRef(ref));
    this.registry.register(ref, { map: this.refs, k });
  }

  private intern<T extends object>(
    map: Map<number, WeakRef<T>>,
    node: number,
    id: number,
    make: () => T,
  ): T {
    const k = key(node, id);
    const hit = map.get(k)?.deref();
    if (hit !== undefined) return hit;
    const made = make();
    map.set(k, new WeakRef(made));
    this.registry.register(made, { map: map as Map<number, WeakRef<object>>, k });
    return made;
  }
}

/** A node's connections to its peers, and the wire format. */
export class Distribution {
  private readonly peers = new Map<number, SendToPeer>();
  private readonly interner = new Interner();

  constructor(
    private readonly local: number,
    /** The live local process with this id, so a local pid comes back as the very instance. */
    private readonly localPid: (id: number) => Pid | undefined,
  ) {}

  connect(peer: number, send: SendToPeer): void {
    this.peers.set(peer, send);
  }

  /** Returns whether the peer was connected. */
  disconnect(peer: number): boolean {
    return this.peers.delete(peer);
  }

  isConnected(peer: number): boolean {
    return this.peers.has(peer);
  }

  connectedPeers(): number[] {
    return [...this.peers.keys()];
  }

  /** Sends to the node of `to`; false when that node is not connected. */
  send(signal: Signal): boolean {
    const peer = this.peers.get(signal.to.node);
    if (peer === undefined) return false;
    peer({ ...signal, src: this.local } as RemoteSignal);
    return true;
  }

  // The signals a node sends; each returns false when the target's node is not connected.

  message(from: Pid | undefined, to: Pid, msg: Term): boolean {
    return this.send({
      kind: 'message',
      from: this.wireFrom(from),
      to: this.wirePid(to),
      msg: this.encode(msg),
    });
  }

  alias(from: Pid | undefined, to: Ref, msg: Term): boolean {
    return this.send({
      kind: 'alias',
      from: this.wireFrom(from),
      to: this.wireRef(to),
      msg: this.encode(msg),
    });
  }

  link(from: Pid, to: Pid): boolean {
    return this.send({ kind: 'link', from: this.wirePid(from), to: this.wirePid(to) });
  }

  unlink(from: Pid, to: Pid): boolean {
    return this.send({ kind: 'unlink', from: this.wirePid(from), to: this.wirePid(to) });
  }

  exit(from: Pid | undefined, to: Pid, reason: Term, link: boolean): boolean {
    return this.send({
      kind: 'exit',
      from: this.wireFrom(from),
      to: this.wirePid(to),
      reason: this.encode(reason),
      link,
    });
  }

  monitor(from: Pid, to: Pid, ref: Ref): boolean {
    return this.send({
      kind: 'monitor',
      from: this.wirePid(from),
      to: this.wirePid(to),
      ref: this.wireRef(ref),
    });
  }

  demonitor(from: Pid, to: Pid, ref: Ref): boolean {
    return this.send({
      kind: 'demonitor',
      from: this.wirePid(from),
      to: this.wirePid(to),
      ref: this.wireRef(ref),
    });
  }

  down(from: Pid, to: Pid, ref: Ref, reason: Term): boolean {
    return this.send({
      kind: 'down',
      from: this.wirePid(from),
      to: this.wirePid(to),
      ref: this.wireRef(ref),
      reason: this.encode(reason),
    });
  }

  private wireFrom(pid: Pid | undefined): RemotePid | undefined {
    return pid === undefined ? undefined : this.wirePid(pid);
  }

  wirePid(pid: Pid): RemotePid {
    return { node: pid.node, id: pid.id };
  }

  wireRef(ref: Ref): RemotePid {
    if (ref.node === this.local) this.interner.remember(ref);
    return { node: ref.node, id: ref.id };
  }

  /** Rehydrates a pid from the wire into the interned instance. */
  pid(w: RemotePid): Pid {
    if (w.node === this.local) {
      const live = this.localPid(w.id);
      if (live !== undefined) return live;
    }
    return this.interner.pid(w.node, w.id);
  }

  ref(w: RemotePid): Ref {
    return this.interner.ref(w.node, w.id);
  }

  encode(t: Term): WireTerm {
    if (t === null || typeof t !== 'object')
      return typeof t === 'function' || typeof t === 'symbol' ? '#Fun' : t;
    if (t instanceof Pid) return this.wirePid(t);
    if (t instanceof Ref) {
      const w = this.wireRef(t);
      return { $ref: [w.node, w.id] };
    }
    if (t instanceof ErlRecord) return { $rec: t.name, fields: this.encodeMap(t.fields) };
    if (t instanceof ErlList) return { $list: t.$list.map((x) => this.encode(x)) };
    if (t instanceof Binary) return { $bin: t.$bin };
    if (Array.isArray(t)) return t.map((x: Term) => this.encode(x));
    return { $map: this.encodeMap(t as { [k: string]: Term }) };
  }

  decode(w: WireTerm): Term {
    if (w === null) return undefined;
    if (typeof w !== 'object') return w as Term;
    if (Array.isArray(w)) return w.map((x) => this.decode(x));
    const o = w as Record<string, unknown>;
    if ('$map' in o) return this.decodeMap(o.$map);
    if ('$ref' in o) {
      const [node, id] = o.$ref as [number, number];
      return this.ref({ node, id });
    }
    if ('$rec' in o) return new ErlRecord(String(o.$rec), this.decodeMap(o.fields));
    if (Array.isArray(o.$list)) return new ErlList(o.$list.map((x) => this.decode(x)));
    if (typeof o.$bin === 'string') return new Binary(o.$bin);
    if (isWirePid(o)) return this.pid(o);
    // Lenient: a plain object that did not come from encode() is a map.
    return this.decodeMap(o);
  }

  private encodeMap(m: { readonly [k: string]: Term }): Record<string, WireTerm> {
    const out: Record<string, WireTerm> = {};
    for (const [k, v] of Object.entries(m)) out[k] = this.encode(v);
    return out;
  }

  private decodeMap(m: unknown): { [k: string]: Term } {
    const out: { [k: string]: Term } = {};
    if (typeof m !== 'object' || m === null) return out;
    for (const [k, v] of Object.entries(m)) out[k] = this.decode(v);
    return out;
  }
}
