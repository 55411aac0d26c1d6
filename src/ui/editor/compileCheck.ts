import { describeError } from '../../base';
import type { UserModule } from '../../worker/protocol';
import { startModuleWorker } from '../../worker/startWorker';
import checkWorkerUrl from './compileCheck.worker.ts?worker&url';

export type CheckResult = { ok: true } | { ok: false; error: string; line: number | undefined };

/** How long a module's top level may run before the check calls it an endless loop. */
export const CHECK_TIMEOUT_MS = 2000;

/**
 * Compiles a module in its own short-lived Worker, the way the node will: a
 * syntax error, a missing `init` or a misspelt callback comes back named with
 * its line; a top level that never finishes is stopped after
 * {@link CHECK_TIMEOUT_MS}. The page's thread never runs the person's code.
 */
export function checkModule(mod: UserModule): { result: Promise<CheckResult>; cancel: () => void } {
  let worker: Worker | undefined;
  let release = (): void => undefined;
  const timers: ReturnType<typeof setTimeout>[] = [];
  let settle: (r: CheckResult) => void = () => undefined;
  const result = new Promise<CheckResult>((resolve) => {
    settle = resolve;
  });
  const stop = () => {
    for (const t of timers) clearTimeout(t);
    worker?.terminate();
    worker = undefined;
    release();
  };
  try {
    const started = startModuleWorker(checkWorkerUrl);
    worker = started.worker;
    release = started.release;
  } catch {
    settle(syntaxOnly(mod));
    return { result, cancel: stop };
  }
  worker.onmessage = (e: MessageEvent<CheckResult>) => {
    stop();
    settle(e.data);
  };
  worker.onerror = (e) => {
    stop();
    settle({
      ok: false,
      error: `module ${mod.name}: ${e.message || 'the check failed'}`,
      line: undefined,
    });
  };
  const timer = setTimeout(() => {
    stop();
    settle({
      ok: false,
      error: `module ${mod.name}: evaluating the module did not finish in ${CHECK_TIMEOUT_MS / 1000} s (an endless loop at its top level?)`,
      line: undefined,
    });
  }, CHECK_TIMEOUT_MS);
  timers.push(timer);
  worker.postMessage(mod);
  return { result, cancel: stop };
}

/** Without Workers: parse only (never run), in the shape userModule.ts compiles. */
function syntaxOnly(mod: UserModule): CheckResult {
  try {
    new Function('otp', `"use strict";\nreturn (\n${mod.source}\n);`);
    return { ok: true };
  } catch (e) {
    return {
      ok: false,
      error: `module ${mod.name}: ${describeError(e, { withName: true })}`,
      line: undefined,
    };
  }
}
