import fc from 'fast-check';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bootSession } from './boot';
import { defaultWorkspace } from './defaultWorkspace';
import type { Session } from './session';
import { LEGACY_PREFIX, SHARE_PREFIX, bytesToBase64Url, encodeShareHash } from './shareLink';
import { type KeyValue, STORAGE_KEY, saveSession } from './storage';

/** localStorage as a Map, so a test can see every key a boot writes. */
function memoryStorage(): KeyValue & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getItem: (k) => entries.get(k) ?? null,
    setItem: (k, v) => void entries.set(k, String(v)),
    removeItem: (k) => void entries.delete(k),
  };
}

const session = (seed: number, speed = 1): Session => ({
  workspace: { ...defaultWorkspace(), seed },
  speed,
});

const withModule = (seed: number): Session => {
  const s = session(seed);
  s.workspace.modules.push({ name: 'mine', source: "({ init() { return ['ok', 0]; } })" });
  s.workspace.nodes[0]!.root.children.push({ kind: 'worker', id: 'm', behaviour: 'mine' });
  return s;
};

/** Legacy `#w=` links are base64url JSON: any text can be made into one. */
const legacy = (text: string): string => LEGACY_PREFIX + bytesToBase64Url(strToU8(text));

/** Every kind of link a person might be sent: good, damaged, hostile, or not a link at all. */
const anyLink: fc.Arbitrary<string> = fc.oneof(
  // Good links, with and without code, in both formats.
  fc.integer({ min: 0, max: 1e6 }).map((seed) => encodeShareHash(session(seed))),
  fc.integer({ min: 0, max: 1e6 }).map((seed) => encodeShareHash(withModule(seed))),
  fc
    .integer({ min: 0, max: 1e6 })
    .map((seed) => legacy(JSON.stringify({ workspace: session(seed).workspace, speed: 1 }))),
  // A good link damaged: cut short, a character changed, something appended.
  fc
    .tuple(fc.integer({ min: 0, max: 1e6 }), fc.nat(), fc.string({ maxLength: 4 }))
    .map(([seed, at, junk]) => {
      const h = encodeShareHash(withModule(seed));
      const i = SHARE_PREFIX.length + (at % (h.length - SHARE_PREFIX.length));
      return h.slice(0, i) + junk + h.slice(i + 1);
    }),
  // Any text after either prefix, and any JSON as a legacy link.
  fc.string().map((s) => SHARE_PREFIX + s),
  fc.string().map((s) => LEGACY_PREFIX + s),
  fc.jsonValue().map((v) => legacy(JSON.stringify(v))),
  // A workspace-shaped object with hostile fields.
  fc
    .record({
      workspace: fc.record(
        {
          nodes: fc.anything(),
          modules: fc.anything(),
          flavour: fc.anything(),
          seed: fc.anything(),
        },
        { requiredKeys: [] },
      ),
      speed: fc.anything(),
    })
    .map((o) => legacy(JSON.stringify(o) ?? 'null')),
  // Deep nesting, which a recursive parser or validator would not survive.
  fc.integer({ min: 1_000, max: 60_000 }).map((n) => legacy('['.repeat(n) + ']'.repeat(n))),
  // Not a link at all.
  fc.string().map((s) => `#${s}`),
);

describe('random links never lose the saved workspace', () => {
  it('a boot with any link leaves the saved session as it was and shows it, or asks first', () => {
    fc.assert(
      fc.property(anyLink, fc.integer({ min: 0, max: 1e6 }), (hash, seed) => {
        const store = memoryStorage();
        const mine = session(seed, 2);
        expect(saveSession(store, mine).ok).toBe(true);
        const before = store.getItem(STORAGE_KEY);

        const booted = bootSession({ loc: { hash, search: '' }, storage: store });

        // Nothing a link holds is written over the saved session…
        expect(store.getItem(STORAGE_KEY)).toBe(before);
        // …and the page shows the saved one until the person answers the offer.
        expect(booted.source).toBe('saved');
        expect(booted.session.workspace.seed).toBe(seed);
      }),
      { numRuns: 300 },
    );
  });

  it('with nothing saved, any link boots into something that can start, and code waits for consent', () => {
    fc.assert(
      fc.property(anyLink, (hash) => {
        const store = memoryStorage();
        const booted = bootSession({ loc: { hash, search: '' }, storage: store });
        expect(booted.session.workspace.nodes.length).toBeGreaterThan(0);
        // Module code never runs without consent: a link with code is only offered.
        if (booted.source === 'link') expect(booted.session.workspace.modules).toEqual([]);
        expect(store.getItem(STORAGE_KEY)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});
