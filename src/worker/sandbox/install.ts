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
import { InvariantError } from '../../base';
import * as runtime from '../../runtime';
import * as runtimeErrors from '../../runtime/errors';
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

/**
 * Runtime objects module code can reach through what it is given: a pid's
 * class, a record's, an exit or error it caught (`ctx.exit` throws one), the
 * generator `otp.receive` returns. Their prototypes are shared with the
 * runtime and every other module, so they must not change.
 */
const exposed = { ...runtime, ...runtimeErrors, InvariantError };
for (const name of [
  'Pid',
  'Ref',
  'ErlRecord',
  'ErlList',
  'Binary',
  'ProcessExit',
  'ErlangError',
  'InputError',
  'KilledBySignal',
  'InvariantError',
  'receiveWhere',
]) {
  const v = (exposed as Record<string, unknown>)[name];
  if (typeof v === 'function') freezeClass(v);
}

/**
 * Freezes a class (or generator function), its prototype and the methods on
 * it. Not `harden`: that would go on up the prototype chain to the host's own
 * `Error` constructor, which the host must still be able to configure.
 */
function freezeClass(cls: object): void {
  Object.freeze(cls);
  const proto = (cls as { prototype?: unknown }).prototype;
  if (typeof proto !== 'object' || proto === null) return;
  for (const key of Reflect.ownKeys(proto)) {
    const d = Object.getOwnPropertyDescriptor(proto, key);
    for (const f of [d?.value, d?.get, d?.set]) if (typeof f === 'function') Object.freeze(f);
  }
  Object.freeze(proto);
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
