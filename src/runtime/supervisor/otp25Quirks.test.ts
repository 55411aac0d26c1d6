import { describe, expect, it } from 'vitest';
import type { Pid } from '../term';
import type { TraceEvent } from '../traceEvent';
import { sup, system, worker } from '../testing/system';

describe('OTP 25 quirks the conformance traces show', () => {
  it('a simple_one_for_one supervisor holding an undefined child (a restart returned ignore) dies with function_clause when it terminates, before stopping any child', () => {
    const sys = system().start(
      sup('root', { intensity: 5 }, [
        sup('pool', { strategy: 'simple_one_for_one', intensity: 5, template: worker('w') }),
      ]),
    );
    sys.startChild('root/pool');
    sys.startChild('root/pool');
    sys.setInit('root/pool/#1', 'ignore');
    sys.crash('root/pool/#1', 'boom').settle();
    const [poolPid, childPid] = [sys.pid('root/pool'), sys.pid('root/pool/#2')];
    const reasonOf = (pid: Pid): string =>
      sys.fmt(
        sys.events.find(
          (e): e is Extract<TraceEvent, { type: 'exit' }> => e.type === 'exit' && e.pid === pid,
        )?.reason ?? 'alive',
      );
    sys.crash('root/pool', 'shutdown').settle();
    const reason = reasonOf(poolPid);
    expect(reason).toMatch(
      /^\{function_clause,\[\{supervisor,'-terminate_dynamic_children\/1-inlined-0-',\[undefined,#\{\}\],\[\{file,"supervisor.erl"\},\{line,994\}\]\},/,
    );
    // Its children were not shut down: they die from the supervisor's exit signal, with its reason.
    expect(reasonOf(childPid)).toBe(reason);
  });
});
