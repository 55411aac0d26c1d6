import type { Result } from '../base';
import { err, isWirePid, ok } from '../base';
import type { Node, Term } from '../runtime';
import { flagProblem, isStrategy } from '../runtime';
import type { TreeEnv } from './buildTree';
import { buildChild } from './buildTree';
import type { SupervisorOp } from './protocol';

/** The request term for the supervisor, or a short message naming the culprit. */
export type OpRequest = Result<Term>;

/**
 * The `gen_server:call` request for a supervisor operation, as
 * `supervisor:start_child/2` and friends send it; bad input is answered here
 * with a message naming the supervisor (`supName`) and the culprit.
 */
export function supervisorRequest(
  op: SupervisorOp,
  supName: string,
  env: TreeEnv,
  node: Node,
): OpRequest {
  switch (op.op) {
    case 'start_child': {
      const built = buildChild(op.spec, supName, env);
      return built.ok ? ok(['start_child', built.value as unknown as Term]) : built;
    }
    case 'start_dynamic':
      if (!Array.isArray(op.args))
        return err(`supervisor ${supName}: start_dynamic takes a list of args`);
      return ok(['start_child', op.args.map((a) => node.rehydrate(a))]);
    case 'terminate_child':
      return ok(['terminate_child', isWirePid(op.id) ? node.pidOf(op.id) : op.id]);
    case 'restart_child':
    case 'delete_child':
      return ok([op.op, op.id]);
    case 'which_children':
    case 'count_children':
      return ok([op.op]);
    case 'set_flags':
      return setFlags(op, supName);
  }
}

/**
 * Not OTP (flags are fixed at init): the playground lets people change a
 * running supervisor's strategy or intensity. Switching to or from
 * simple_one_for_one is refused: its children are kept differently.
 */
function setFlags(op: Extract<SupervisorOp, { op: 'set_flags' }>, supName: string): OpRequest {
  const flags: { [key: string]: Term } = {};
  if (op.strategy !== undefined) {
    if (!isStrategy(op.strategy) || op.strategy === 'simple_one_for_one')
      return err(`supervisor ${supName}: cannot switch strategy to '${op.strategy}'`);
    flags.strategy = op.strategy;
  }
  for (const key of ['intensity', 'period'] as const) {
    const v = op[key];
    if (v === undefined) continue;
    const problem = flagProblem(key, v);
    if (problem !== undefined) return err(`supervisor ${supName}: ${problem}`);
    flags[key] = v;
  }
  return ok(['set_flags', flags]);
}
