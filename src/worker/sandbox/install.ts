/**
 * Locks this realm down and installs the sandbox user modules compile in.
 * Import it first, from a Worker entry (or a test file): `lockdown()`
 * freezes every JavaScript intrinsic of the whole realm, so it must never
 * run on the page. Chosen over hand-written scope tricks because SES
 * (Hardened JavaScript, Agoric/Endo) is the maintained, reviewed
 * implementation of exactly this: frozen intrinsics, and Compartments whose
 * global object holds nothing the host did not put there.
 */
import 'ses';
import * as runtime from '../../runtime';
import { instrument } from './instrument';
import { setSandbox } from './registry';

if (!Object.isFrozen(Array.prototype)) {
  lockdown({
    // Keep `error.stack` readable in the host: a crash reason names the module's line.
    errorTaming: 'unsafe',
    stackFiltering: 'verbose',
    // The host's console and error handlers stay as they are (node.worker.ts installs its own).
    consoleTaming: 'unsafe',
    errorTrapping: 'none',
    unhandledRejectionTrapping: 'none',
    reporting: 'none',
    // `err.name = …` and `class X extends Error { name = … }` keep working in the runtime.
    overrideTaming: 'moderate',
    // Messages say `20,000` (toLocaleString('en')); a module learns nothing from it worth hiding.
    localeTaming: 'unsafe',
  });
}

// The runtime's term classes reach module code (a pid, a record): their prototypes must not change.
for (const name of ['Pid', 'Ref', 'ErlRecord', 'ErlList', 'Binary']) {
  const cls = (runtime as unknown as Record<string, unknown>)[name];
  if (typeof cls === 'function') harden(cls);
}

/**
 * Globals a module must not have: evaluators (their code would not be
 * metered) and a way to make more Compartments. Everything else in a
 * Compartment is a frozen intrinsic; there is no `self`, `postMessage`,
 * `fetch`, timer or worker API at all.
 */
const REMOVED = {
  eval: undefined,
  Function: undefined,
  Compartment: undefined,
  lockdown: undefined,
};

setSandbox({
  instrument,
  harden: <T>(value: T): T => harden(value),
  evaluate(code, sourceUrl) {
    const compartment = new Compartment({ __options__: true, globals: REMOVED });
    return compartment.evaluate(`${code}\n//# sourceURL=${sourceUrl}\n`);
  },
});
