// The base: small facts and helpers every layer may import (lint lets each one). It imports
// nothing from the project and uses no DOM, so the runtime can import it too. Every symbol by
// name (no `export *`).
export { asError, describeError } from './describeError';
export { charCodes, isPrintableLatin1, writeErlBinary, writeErlString } from './erlString';
export { InvariantError, exhaustiveSwitchError, invariant } from './invariant';
export type { WirePid } from './keys';
export { isWirePid, pairKey, pidKey } from './keys';
export { DEFAULT_SPEED, MAX_SPEED, MIN_SPEED, clampSpeed, speedProblem } from './limits';
export type { Result } from './result';
export { err, ok } from './result';
