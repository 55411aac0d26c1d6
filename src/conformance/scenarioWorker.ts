import type { Ctx } from '../runtime/ctx';
import { sleep } from '../runtime/effects';
import type { GenServerModule } from '../runtime/genServer';
import type { Pid, Term } from '../runtime/term';
import { isTuple } from '../runtime/term';
import type { InitMode, WorkerNode } from './scenario';
import type { TraceLog } from './traceLog';

export interface WorkerArgs {
  path: string;
  node: WorkerNode;
}

interface WorkerState {
  path: string;
  terminateMs: number;
}

/**
 * The oracle's worker: a gen_server that logs what it is told and what
 * reaches it (`recv`, `trapped`, `down`), and whose terminate/2 takes
 * `terminate_ms` of virtual time.
 * @param initModes set_init overrides, by path
 */
export function scenarioWorker(
  log: TraceLog,
  initModes: Map<string, InitMode>,
): GenServerModule<WorkerState, WorkerArgs> {
  return {
    name: 'scenario_worker',
    init({ path, node }, ctx: Ctx) {
      const mode = initModes.get(path) ?? node.init;
      log.name(ctx.self, path);
      if (mode === 'ignore') {
        log.line(`init_ignore ${path}`);
        return 'ignore';
      }
      if (mode === 'fail') {
        log.line(`init_fail ${path}`);
        return ['stop', 'init_failed'];
      }
      if (node.trapExit) ctx.trapExit(true);
      log.started(ctx.self, path);
      return ['ok', { path, terminateMs: node.terminateMs }];
    },
    handleCast(msg, state, ctx) {
      const m = msg as readonly Term[];
      if (m[0] === 'crash') return ['stop', m[1] as Term, state];
      // link/1 to a dead pid raises noproc; the oracle's worker turns that into {stop, noproc, State}.
      if (m[0] === 'link') ctx.link(m[1] as Pid);
      if (m[0] === 'monitor') ctx.monitor(m[1] as Pid);
      return ['noreply', state];
    },
    handleInfo(msg, state) {
      if (isTuple(msg) && msg[0] === 'EXIT' && msg.length === 3) {
        log.line(`trapped ${state.path} ${log.who(msg[1] as Term)} ${log.fmt(msg[2] as Term)}`);
      } else if (isTuple(msg) && msg[0] === 'DOWN' && msg.length === 5) {
        log.line(`down ${state.path} ${log.who(msg[3] as Term)} ${log.fmt(msg[4] as Term)}`);
      } else if (typeof msg === 'string') {
        log.line(`recv ${state.path} ${msg}`);
      }
      return ['noreply', state];
    },
    terminate(_reason, state) {
      return state.terminateMs > 0 ? sleep(state.terminateMs) : undefined;
    },
  };
}
