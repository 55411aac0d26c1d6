import type { RemoteSignal, SendToPeer } from '../runtime';

/** What travels on a peer MessagePort: the signals of one slice, in order (per-pair FIFO). */
export interface PeerMessage {
  signals: RemoteSignal[];
}

interface PeerLink {
  port: MessagePort;
  outbox: RemoteSignal[];
}

/**
 * This node's MessagePorts to its peers. Signals are queued and posted once
 * per slice, so a node sending a million messages a second across posts a
 * few hundred port messages, not a million.
 */
export class Peers {
  private readonly links = new Map<number, PeerLink>();

  /** Adds (or replaces) the port to `peer`; `receive` gets each batch of signals from it. */
  add(peer: number, port: MessagePort, receive: (signals: RemoteSignal[]) => void): void {
    this.remove(peer);
    port.onmessage = (ev: MessageEvent) => {
      const data = ev.data as Partial<PeerMessage> | undefined;
      if (Array.isArray(data?.signals)) receive(data.signals);
    };
    this.links.set(peer, { port, outbox: [] });
  }

  /** Closes the port to `peer`; returns whether there was one. */
  remove(peer: number): boolean {
    const link = this.links.get(peer);
    if (link === undefined) return false;
    link.port.onmessage = null;
    link.port.close();
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

  /** Posts every queued signal. */
  flush(): void {
    for (const link of this.links.values()) {
      if (link.outbox.length === 0) continue;
      const msg: PeerMessage = { signals: link.outbox };
      link.outbox = [];
      link.port.postMessage(msg);
    }
  }

  closeAll(): void {
    for (const peer of this.ids()) this.remove(peer);
  }
}
