import { describe, expect, it } from 'vitest';
import { LESSONS } from './index';

/** What lessons are made of; their claims are run against the runtime in src/app/lessons. */
describe('lessons', () => {
  it('have unique ids and steps with text', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) {
      expect(l.steps.length).toBeGreaterThan(0);
      for (const s of l.steps) expect(s.text.length).toBeGreaterThan(10);
    }
  });

  it('name processes by paths of their own tree', () => {
    for (const l of LESSONS) {
      const roots = l.workspace.nodes.map((n) => n.root.id);
      for (const s of l.steps)
        for (const a of s.actions ?? [])
          for (const [k, v] of Object.entries(a))
            if (typeof v === 'string' && ['target', 'to', 'a', 'b', 'watcher', 'sup'].includes(k))
              expect(roots).toContain(v.split('/')[0]);
    }
  });
});
