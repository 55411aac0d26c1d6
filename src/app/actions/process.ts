import { describeError, exhaustiveSwitchError } from '../../base';
import { formatPlainTerm } from '../../store/formatPlain';
import type { ActionContext } from './context';
import type { ProcessAction } from './types';

/** Any process: send, call, crash, exit signal, link/unlink, monitor, trap_exit. */
export function runProcessAction(ctx: ActionContext, action: ProcessAction): void {
  const { engine, toast, live } = ctx;
  switch (action.type) {
    case 'send': {
      const to = live(action.to);
      if (to) engine.post(to.node, { type: 'send', to: to.pid, msg: action.msg });
      return;
    }
    case 'call': {
      const to = live(action.to);
      if (!to) return;
      engine.call(to.node, to.pid, action.request, action.timeout ?? 5000).then(
        (v) => toast(`call ${action.to} → ${formatPlainTerm(v)}`),
        (e: unknown) => toast(`call ${action.to} failed: ${describeError(e)}`, 'error'),
      );
      return;
    }
    case 'crash': {
      const p = live(action.target);
      if (p) engine.post(p.node, { type: 'crash', pid: p.pid, reason: action.reason });
      return;
    }
    case 'exit_signal': {
      const p = live(action.target);
      if (p) engine.post(p.node, { type: 'exit_signal', pid: p.pid, reason: action.reason });
      return;
    }
    case 'link':
    case 'unlink': {
      const a = live(action.a);
      const b = live(action.b);
      if (a && b) engine.post(a.node, { type: action.type, a: a.pid, b: b.pid });
      return;
    }
    case 'monitor': {
      const w = live(action.watcher);
      const t = live(action.target);
      if (w && t) engine.post(w.node, { type: 'monitor', watcher: w.pid, target: t.pid });
      return;
    }
    case 'trap_exit': {
      const p = live(action.target);
      if (p) engine.post(p.node, { type: 'trap_exit', pid: p.pid, on: action.on });
      return;
    }
    default:
      exhaustiveSwitchError(action);
  }
}
