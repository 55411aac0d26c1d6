import { describe, expect, it } from 'vitest';
import { escapedMessage } from './escaped';
import { Exceeded, meterFor } from './meter';

describe('what escapes to the worker’s error handlers', () => {
  it('names the module whose stray code failed, or calls it our bug', () => {
    // The module's code ran outside any callback (its meter charged the stray budget).
    meterFor('stray_mod')();
    expect(escapedMessage('a promise rejection', 42)).toBe(
      'module stray_mod: a promise rejection outside any callback: 42',
    );
    expect(escapedMessage('a promise rejection', new Exceeded(['reductions_exceeded', 10]))).toBe(
      'module stray_mod: code outside any callback (a promise reaction) was stopped: {reductions_exceeded,10}',
    );
    // An error of the host's own (its stack names no module): a bug, said as one.
    expect(escapedMessage('an exception', new TypeError('oops'))).toBe(
      'BUG: an exception in the worker: TypeError: oops',
    );
  });
});
