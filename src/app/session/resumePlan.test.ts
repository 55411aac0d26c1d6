import { describe, expect, it } from 'vitest';
import type { JournalInput } from '../../worker/journal';
import { peerEnds, planPeers } from './resumePlan';

const boot = (peers: number[]): JournalInput =>
  ({ k: 'boot', at: 0, peers, cmd: {} }) as unknown as JournalInput;
const recv = (from: number): JournalInput => ({ k: 'recv', at: 1, from, signals: [] });
const connect = (peer: number): JournalInput => ({ k: 'connect', at: 2, peer });
const disconnect = (peer: number): JournalInput => ({ k: 'disconnect', at: 3, peer });

describe('planPeers: wiring replayed nodes so nothing in flight is lost or doubled', () => {
  it('reads connections and packets received per peer from a record', () => {
    const ends = peerEnds([boot([2]), recv(2), recv(2), disconnect(2), connect(2), recv(2)]);
    expect(ends.get(2)).toEqual({ epoch: 2, connected: true, received: 1 });
  });

  it('attaches both sides of a steady connection, each resending what the other had not received', () => {
    const plan = planPeers(
      new Map([
        [1, [boot([2]), recv(2)]],
        [2, [boot([1]), recv(1), recv(1), recv(1)]],
      ]),
      () => true,
    );
    expect(plan).toEqual({
      connect: [
        { node: 1, peer: 2, attach: { delivered: 3 } },
        { node: 2, peer: 1, attach: { delivered: 1 } },
      ],
      disconnect: [],
    });
  });

  it('connects afresh the side that had not yet taken a heal, and the other resends all of that connection', () => {
    // Node 1 took the netsplit and the heal; node 2 only the netsplit.
    const plan = planPeers(
      new Map([
        [1, [boot([2]), disconnect(2), connect(2)]],
        [2, [boot([1]), recv(1), disconnect(1)]],
      ]),
      () => true,
    );
    expect(plan.connect).toEqual([
      { node: 1, peer: 2, attach: { delivered: 0 } },
      { node: 2, peer: 1, attach: undefined },
    ]);
  });

  it('tells a side that has not heard of a netsplit yet to disconnect', () => {
    const plan = planPeers(
      new Map([
        [1, [boot([2]), disconnect(2)]],
        [2, [boot([1])]],
      ]),
      () => false,
    );
    expect(plan).toEqual({ connect: [], disconnect: [{ node: 2, peer: 1 }] });
  });
});
