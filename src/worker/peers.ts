import type { RemoteSignal, SendToPeer } from '../runtime';

/** What travels on a peer MessagePort: the signals of one slice, in order (per-pair FIFO). */
export interface PeerMessage {
  signals: RemoteSignal[];
}

interface PeerLink {
  /** Undefined while replaying (journal.ts): packets are held, to be posted once a port is attached. */
  port: MessagePort | undefined;
  outbox: RemoteSignal[];
  /** Packets made on this link without a port, in order. */
  held: RemoteSignal[][];
}

/**
 * This node's MessagePorts to its peers. Signals are queued and posted once
 * per slice, so a node sending a million messages a second across posts a
 * few hundred port messages, not a million.
 */
export class Peers {
  private readonly links = new Map<number, PeerLink>();

  /**
   * Adds (or replaces) the link to `peer`; `receive` gets each packet of signals from its port.
   * Without a port (a replay), the packets it makes are held ({@link attach}).
   */
  add(
    peer: number,
    port: MessagePort | undefined,
    receive: (signals: RemoteSignal[]) => void,
  ): void {
    this.remove(peer);
    if (port !== undefined) listen(port, receive);
    this.links.set(peer, { port, outbox: [], held: [] });
  }

  /** Whether the link to `peer` is waiting for its port (it was made by a replay). */
  isHeld(peer: number): boolean {
    const link = this.links.get(peer);
    return link !== undefined && link.port === undefined;
  }

  /**
   * Gives a held link its port, and posts the packets the peer had not received yet (it received
   * the first `delivered`, as its own journal says). Returns false when the peer says it received
   * more than this node made: the two replays do not agree (the caller reports it).
   */
  attach(
    peer: number,
    port: MessagePort,
    delivered: number,
    receive: (signals: RemoteSignal[]) => void,
  ): boolean {
    const link = this.links.get(peer);
    if (link === undefined || link.port !== undefined) return false;
    listen(port, receive);
    link.port = port;
    const held = link.held;
    link.held = [];
    for (const signals of held.slice(delivered))
      port.postMessage({ signals } satisfies PeerMessage);
    return delivered <= held.length;
  }

  /** Closes the port to `peer`; returns whether there was a link. */
  remove(peer: number): boolean {
    const link = this.links.get(peer);
    if (link === undefined) return false;
    if (link.port !== undefined) {
      link.port.onmessage = null;
      link.port.close();
    }
    this.links.delete(peer);
    return true;
  }

  /** The runtime's `sendToPeer` for `peer`: queue until {@link flush}. */
  sender(peer: number): SendToPeer {
    return (signal) => this.links.get(peer)?.outbox.push(signal);
  }

  ids(): number[] {
    return [...this.links.keys()];
  }

  /** Whether some signal waits to be posted. */
  get pending(): boolean {
    for (const link of this.links.values()) if (link.outbox.length > 0) return true;
    return false;
  }

  /** Posts every queued signal (or holds it, on a link without a port yet). */
  flush(): void {
    for (const link of this.links.values()) {
      if (link.outbox.length === 0) continue;
      const signals = link.outbox;
      link.outbox = [];
      if (link.port === undefined) link.held.push(signals);
      else link.port.postMessage({ signals } satisfies PeerMessage);
    }
  }

  closeAll(): void {
    for (const peer of this.ids()) this.remove(peer);
  }
}

function listen(port: MessagePort, receive: (signals: RemoteSignal[]) => void): void {
  port.onmessage = (ev: MessageEvent) => {
    const data = ev.data as Partial<PeerMessage> | undefined;
    if (Array.isArray(data?.signals)) receive(data.signals);
  };
}
