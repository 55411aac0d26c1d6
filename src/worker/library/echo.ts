import type { Ctx, GenServerModule, Pid, Term } from '../../runtime';
import { isPid, isTuple } from '../../runtime';
import type { Behaviour } from './types';
import { argMap, numArg } from './types';

export interface EchoState {
  readonly mode: 'echo' | 'ping_pong';
  /** ping_pong: a registered name or a pid (possibly on another node). */
  readonly peer: Pid | string | undefined;
  readonly interval: number;
  readonly pingsSent: number;
  readonly pongs: number;
  readonly pingsAnswered: number;
  readonly echoed: number;
}

const peerOf = (t: Term): Pid | string | undefined =>
  isPid(t) || typeof t === 'string' ? t : undefined;

/** The peer as a pid, or undefined if its name is not registered (sending to it would raise badarg). */
const resolve = (ctx: Ctx, peer: Pid | string | undefined): Pid | undefined =>
  typeof peer === 'string' ? ctx.whereis(peer) : peer;

/**
 * Echo: a call replies with its request; `{Pid, Msg}` sends Msg back to Pid;
 * `{ping, From}` answers `{pong, Self}`. In `ping_pong` mode it also pings
 * its peer every `interval` ms and counts the pongs that come back; a
 * `{set_peer, Peer}` cast changes the peer (e.g. to a pid on another node).
 */
export const echoModule: GenServerModule<EchoState> = {
  name: 'echo',
  init(args, ctx) {
    const a = argMap(args);
    const mode = a.mode === 'ping_pong' ? 'ping_pong' : 'echo';
    const interval = Math.max(1, numArg(args, 'interval', 1000));
    if (mode === 'ping_pong') ctx.sendAfter(interval, ctx.self, 'send_ping');
    return [
      'ok',
      { mode, peer: peerOf(a.peer), interval, pingsSent: 0, pongs: 0, pingsAnswered: 0, echoed: 0 },
    ];
  },
  handleCall: (req, _from, s) => ['reply', req, { ...s, echoed: s.echoed + 1 }],
  handleCast(msg, s) {
    if (isTuple(msg) && msg[0] === 'set_peer')
      return ['noreply', { ...s, peer: peerOf(msg[1] as Term) }];
    return ['noreply', s];
  },
  handleInfo(msg, s, ctx) {
    if (msg === 'send_ping') {
      // Ping on a steady beat rather than per pong, so a dead peer does not stall the loop.
      ctx.sendAfter(s.interval, ctx.self, 'send_ping');
      const to = resolve(ctx, s.peer);
      if (to === undefined) return ['noreply', s];
      ctx.send(to, ['ping', ctx.self]);
      return ['noreply', { ...s, pingsSent: s.pingsSent + 1 }];
    }
    if (isTuple(msg) && msg.length === 2) {
      const [tag, from] = msg as readonly [Term, Term];
      if (tag === 'ping' && isPid(from)) {
        ctx.send(from, ['pong', ctx.self]);
        return ['noreply', { ...s, pingsAnswered: s.pingsAnswered + 1 }];
      }
      if (tag === 'pong') return ['noreply', { ...s, pongs: s.pongs + 1 }];
      if (isPid(tag)) {
        ctx.send(tag, from);
        return ['noreply', { ...s, echoed: s.echoed + 1 }];
      }
    }
    return ['noreply', s];
  },
  describe: (s) => ({
    mode: s.mode,
    peer: s.peer ?? 'undefined',
    pings_sent: s.pingsSent,
    pongs: s.pongs,
    pings_answered: s.pingsAnswered,
    echoed: s.echoed,
  }),
};

export const echo: Behaviour = {
  name: 'echo',
  description: 'Echoes calls and {Pid, Msg}; in ping_pong mode pings a peer and counts pongs.',
  defaultArgs: { mode: 'echo', interval: 1000 },
  module: echoModule,
};
