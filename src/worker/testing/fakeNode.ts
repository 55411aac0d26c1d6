import type { Term } from '../../runtime';
import type { Command, NodeEvent, Transport } from '../protocol';

/** A transport the test plays the node for: it sees every command and answers by hand. */
export class FakeNode implements Transport {
  readonly got: Command[] = [];
  terminated = false;
  private listeners: ((ev: NodeEvent) => void)[] = [];
  constructor(private readonly auto: { pong: boolean }) {}
  post(cmd: Command): void {
    this.got.push(cmd);
    if (cmd.type === 'ping' && this.auto.pong)
      queueMicrotask(() => this.send({ type: 'pong', seq: cmd.seq }));
  }
  onEvent(fn: (ev: NodeEvent) => void): () => void {
    this.listeners.push(fn);
    return () => (this.listeners = this.listeners.filter((l) => l !== fn));
  }
  terminate(): void {
    this.terminated = true;
  }
  send(ev: NodeEvent): void {
    for (const l of this.listeners) l(ev);
  }
  /** Answers the boot: ready, then the root pid. */
  boot(node: number): void {
    const boot = this.got.find((c) => c.type === 'boot') as Extract<Command, { type: 'boot' }>;
    this.send({ type: 'ready', version: 1, node });
    this.send({
      type: 'reply',
      rid: boot.rid,
      ok: true,
      value: { node, id: 2 } as unknown as Term,
    });
  }
  types(): string[] {
    return this.got.map((c) => c.type).filter((t) => t !== 'ping');
  }
}

/** MessageChannel ends that a {@link FakeNode} never uses. */
export const fakeChannel = () => ({ port1: {} as MessagePort, port2: {} as MessagePort });
