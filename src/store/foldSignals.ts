import type { MutProc } from './draft';
import type { EventOf, Fold } from './foldContext';
import { isNormal } from './foldContext';
import { formatRef } from './formatPlain';
import { internalIf, isPlumbingMessage, isShell } from './logInternals';

// Between processes: messages (send, send_dropped, receive), links, monitors and DOWN, exit signals.

export function foldSend({ d, key, term, who, log }: Fold, e: EventOf<'send'>): void {
  const to = key(e.to);
  const p = d.edit(to);
  if (p !== undefined && p.diedAt === undefined) {
    p.mailbox++;
    if (p.status === 'waiting') p.status = 'running';
  }
  const from = e.from === undefined ? undefined : key(e.from);
  log({
    kind: 'send',
    category: 'message',
    level: 'info',
    pids: from === undefined ? [to] : [from, to],
    text: `${who(e.from)} sent ${term(e.msg)} to ${who(e.to)}`,
    ...(from === undefined ? {} : { from }),
    to,
    ...internalIf(isPlumbingMessage(e.msg)),
  });
}

export function foldSendDropped({ key, term, who, log }: Fold, e: EventOf<'send_dropped'>): void {
  const to = key(e.to);
  const from = e.from === undefined ? undefined : key(e.from);
  log({
    kind: 'send_dropped',
    category: 'message',
    level: 'warning',
    pids: from === undefined ? [to] : [from, to],
    text: `${who(e.from)} sent ${term(e.msg)} to ${who(e.to)}: dropped, no such process`,
    ...(from === undefined ? {} : { from }),
    to,
    ...internalIf(isPlumbingMessage(e.msg)),
  });
}

export function foldReceive({ d, key }: Fold, e: EventOf<'receive'>): void {
  const p = d.edit(key(e.pid));
  if (p === undefined || p.diedAt !== undefined) return;
  p.mailbox = Math.max(0, p.mailbox - 1);
  if (p.mailbox === 0 && p.status === 'running') p.status = 'waiting';
}

export function foldLink({ d, key, who, log }: Fold, e: EventOf<'link' | 'unlink'>): void {
  const a = key(e.a);
  const b = key(e.b);
  const on = e.type === 'link';
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    const p = d.editLinks(x);
    if (p === undefined) continue;
    if (on && p.diedAt === undefined) p.links.add(y);
    else p.links.delete(y);
  }
  const text = on ? `${who(e.a)} linked to ${who(e.b)}` : `${who(e.a)} unlinked from ${who(e.b)}`;
  log({ kind: e.type, category: 'signal', level: 'info', pids: [a, b], text, from: a, to: b });
}

export function foldMonitor(
  { d, key, term, who, log }: Fold,
  e: EventOf<'monitor' | 'demonitor' | 'down'>,
): void {
  const ref = formatRef(e.ref);
  const w = key(e.watcher);
  const t = key(e.target);
  const watcher = d.editLinks(w);
  const target = d.editLinks(t);
  if (e.type === 'monitor') {
    if (
      watcher !== undefined &&
      watcher.diedAt === undefined &&
      target !== undefined &&
      target.diedAt === undefined
    ) {
      watcher.monitors.set(ref, t);
      target.monitoredBy.set(ref, w);
    }
    log({
      kind: 'monitor',
      category: 'signal',
      level: 'info',
      pids: [w, t],
      text: `${who(e.watcher)} monitors ${who(e.target)}`,
      from: w,
      to: t,
      ...internalIf(isShell(d, w)),
    });
    return;
  }
  watcher?.monitors.delete(ref);
  target?.monitoredBy.delete(ref);
  if (e.type === 'demonitor') {
    log({
      kind: 'demonitor',
      category: 'signal',
      level: 'info',
      pids: [w, t],
      text: `${who(e.watcher)} demonitors ${who(e.target)}`,
      from: w,
      to: t,
      ...internalIf(isShell(d, w)),
    });
    return;
  }
  if (watcher !== undefined && watcher.diedAt === undefined) wake(watcher);
  const reason = term(e.reason);
  log({
    kind: 'down',
    category: 'signal',
    level: isNormal(e.reason) ? 'info' : 'warning',
    pids: [w, t],
    text: `${who(e.watcher)} got {'DOWN',${ref},process,${t},${reason}} from ${who(e.target)}`,
    from: t,
    to: w,
    label: reason,
  });
}

export function foldExitSignal({ d, key, term, who, log }: Fold, e: EventOf<'exit_signal'>): void {
  const to = key(e.to);
  const from = e.from === undefined ? undefined : key(e.from);
  const p = d.edit(to);
  if (p !== undefined && p.diedAt === undefined) {
    if (e.outcome === 'dies') p.status = 'exiting';
    else if (e.outcome === 'trapped') {
      wake(p);
      // A gen_server (or supervisor) ends on its parent's EXIT (gen_server:loop/7), running terminate/2.
      if (from !== undefined && from === p.spawner && p.kind !== 'process') p.status = 'exiting';
    }
  }
  const reason = term(e.reason);
  const outcome =
    e.outcome === 'trapped'
      ? `trapped as {'EXIT',${from ?? 'undefined'},${reason}}`
      : e.outcome === 'ignored'
        ? 'ignored'
        : `${who(e.to)} dies`;
  log({
    kind: 'exit_signal',
    category: 'signal',
    level: e.outcome === 'dies' && !isNormal(e.reason) ? 'warning' : 'info',
    pids: from === undefined ? [to] : [to, from],
    text: `exit signal ${reason} from ${who(e.from)} to ${who(e.to)} (${e.link ? 'link' : 'exit/2'}): ${outcome}`,
    ...(from === undefined ? {} : { from }),
    to,
    label: reason,
    outcome: e.outcome,
  });
}

/** A blocked process that got a message has work again. */
function wake(p: MutProc): void {
  p.mailbox++;
  if (p.status === 'waiting') p.status = 'running';
}
