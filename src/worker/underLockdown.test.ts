/**
 * The worker's and the runtime's own tests, run again in a locked-down realm
 * (frozen intrinsics, as in every node worker): the host and the runtime must
 * keep working under SES `lockdown()`. Vitest runs each test file in its own
 * worker, so the lockdown here touches no other file.
 */
import './sandbox/install';
import { describe, expect, it } from 'vitest';

describe('the realm', () => {
  it('is locked down', () => {
    expect(Object.isFrozen(Array.prototype)).toBe(true);
    expect(Object.isFrozen(Object.prototype)).toBe(true);
  });
});

import.meta.glob(
  [
    './**/*.test.ts',
    '!./underLockdown.test.ts',
    // Locked down on their own (they run modules); floods.test.ts also counts work per real ms.
    '!./hostile.test.ts',
    '!./floods.test.ts',
    // The client and the watchdog run on the page, which is never locked down (they fake Date).
    '!./client.test.ts',
    '!./watchdog.test.ts',
    '../runtime/**/*.test.ts',
  ],
  { eager: true },
);
