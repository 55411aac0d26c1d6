import { describe, expect, it } from 'vitest';
import { LESSONS } from './index';

describe('lessons', () => {
  it('have unique ids and steps with text', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) {
      expect(l.steps.length).toBeGreaterThan(0);
      for (const s of l.steps) expect(s.text.length).toBeGreaterThan(10);
    }
  });

  it('name processes by paths of the default tree', () => {
    const known = /^app_sup(\/(counter|kv_store|ticker|db_sup(\/(conn|cache))?))?$/;
    for (const l of LESSONS)
      for (const s of l.steps)
        for (const a of s.actions ?? [])
          for (const v of Object.values(a))
            if (typeof v === 'string' && v.startsWith('app_sup')) expect(v).toMatch(known);
  });
});
